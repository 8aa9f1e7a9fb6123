package org.hydrodelta.core.nn;

/**
 * Weight dropout (DropConnect) as in the δ model's LSTM (spec §4.3): each forward call in training mode draws one
 * Bernoulli mask per weight matrix; kept weights are scaled by 1/(1−p), dropped ones are zero, and the same masked
 * matrix serves every time step and every sample. The mask is stored as the per-weight factor (0 or 1/(1−p)),
 * which is also the factor that maps the gradient of the masked matrix back to the raw weights.
 */
public final class DropConnect {
    private final float rate;
    private final float keepScale;

    /**
     * @param rate drop probability p, 0 ≤ p &lt; 1 (0.5 in the paper)
     */
    public DropConnect(float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.keepScale = 1f / (1f - rate);
    }

    /** @return the drop probability */
    public float rate() {
        return rate;
    }

    /**
     * Draws a mask: weight i is dropped when the i-th uniform draw is below the rate. Consumes exactly
     * {@code mask.length} draws, so the generator's state after the call depends only on the matrix size.
     *
     * @param rng  generator
     * @param mask output factors, 0 or 1/(1−p)
     */
    public void sample(SplitMix64 rng, float[] mask) {
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextFloat() < rate ? 0f : keepScale;
        }
    }

    /**
     * effective[i] = weight[i]·mask[i].
     *
     * @param weight    raw weights
     * @param mask      factors from {@link #sample}
     * @param effective output
     */
    public static void apply(float[] weight, float[] mask, float[] effective) {
        for (int i = 0; i < weight.length; i++) {
            effective[i] = weight[i] * mask[i];
        }
    }

    /**
     * grad[i] += dEffective[i]·mask[i] (chain rule through the masking), or += dEffective[i] when mask is null.
     *
     * @param dEffective gradient w.r.t. the masked matrix
     * @param mask       factors, or null when no dropout was applied
     * @param grad       gradient of the raw weights, accumulated
     */
    public static void accumulateGradient(float[] dEffective, float[] mask, float[] grad) {
        if (mask == null) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] += dEffective[i];
            }
        } else {
            for (int i = 0; i < grad.length; i++) {
                grad[i] += dEffective[i] * mask[i];
            }
        }
    }
}
