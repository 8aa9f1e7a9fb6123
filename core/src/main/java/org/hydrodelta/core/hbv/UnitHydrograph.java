package org.hydrodelta.core.hbv;

/**
 * The two-parameter gamma unit hydrograph and its causal convolution (spec §1.4). Ordinates at τ_k = k + 0.5,
 * k = 0..L−1, proportional to τ^(α−1)·exp(−τ/θ) and normalised to sum to 1; computed in log space in double
 * (the Γ(α)θ^α factor cancels in the normalisation, so its gradient is never needed).
 */
public final class UnitHydrograph {
    /** Number of ordinates in the paper's configuration ({@code lenF = 15}). */
    public static final int LENGTH = 15;

    private UnitHydrograph() {
    }

    /**
     * Shape α from the network value: a = 2.9·u (float32, as the reference), α = relu(a) + 0.1.
     *
     * @param ua network value of routing parameter a
     * @return α
     */
    public static float alpha(float ua) {
        float a = 0f + ua * (float) HbvParameter.ROUTING_A_MAX;
        return Math.max(a, 0f) + 0.1f;
    }

    /**
     * Scale θ from the network value: b = 6.5·u (float32), θ = relu(b) + 0.5 days.
     *
     * @param ub network value of routing parameter b
     * @return θ
     */
    public static float theta(float ub) {
        float b = 0f + ub * (float) HbvParameter.ROUTING_B_MAX;
        return Math.max(b, 0f) + 0.5f;
    }

    /**
     * Normalised ordinates into {@code w[off .. off+length)}.
     *
     * @param alpha  shape α &gt; 0
     * @param theta  scale θ &gt; 0
     * @param length number of ordinates L
     * @param w      destination
     * @param off    first index in {@code w}
     */
    public static void weights(double alpha, double theta, int length, float[] w, int off) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < length; k++) {
            max = Math.max(max, logOrdinate(alpha, theta, k));
        }
        double sum = 0;
        for (int k = 0; k < length; k++) {
            sum += Math.exp(logOrdinate(alpha, theta, k) - max);
        }
        for (int k = 0; k < length; k++) {
            w[off + k] = (float) (Math.exp(logOrdinate(alpha, theta, k) - max) / sum);
        }
    }

    private static double logOrdinate(double alpha, double theta, int k) {
        double tau = k + 0.5;
        return (alpha - 1) * Math.log(tau) - tau / theta;
    }

    /**
     * Gradient of a loss with respect to α and θ given its gradient with respect to the normalised weights:
     * dw_k/dα = w_k(ln τ_k − Σ_j w_j ln τ_j), dw_k/dθ = w_k(τ_k − Σ_j w_j τ_j)/θ².
     *
     * @param w   the weights (as produced by {@link #weights})
     * @param off first index of the weights
     * @param gw  dL/dw_k, same indexing as {@code w}
     * @param length number of ordinates
     * @param theta  scale θ
     * @param out receives {dL/dα, dL/dθ} at indices 0 and 1
     */
    public static void weightGradient(float[] w, int off, double[] gw, int length, double theta, double[] out) {
        double meanLn = 0;
        double meanTau = 0;
        for (int k = 0; k < length; k++) {
            double tau = k + 0.5;
            meanLn += w[off + k] * Math.log(tau);
            meanTau += w[off + k] * tau;
        }
        double ga = 0;
        double gt = 0;
        for (int k = 0; k < length; k++) {
            double tau = k + 0.5;
            double gwk = gw[k] * w[off + k];
            ga += gwk * (Math.log(tau) - meanLn);
            gt += gwk * (tau - meanTau);
        }
        out[0] = ga;
        out[1] = gt / (theta * theta);
    }

    /**
     * Causal convolution y_t = Σ_{k ≤ min(L−1, t)} w_k x_{t−k} over a strided series (days before the start count
     * as zero).
     *
     * @param x      input, element t at {@code x[xOff + t·stride]}
     * @param y      output, same indexing
     * @param xOff   offset of element 0
     * @param stride distance between consecutive days
     * @param nDays  number of days
     * @param w      weights
     * @param wOff   offset of w_0
     * @param length L
     */
    public static void convolve(float[] x, float[] y, int xOff, int stride, int nDays, float[] w, int wOff,
            int length) {
        for (int t = 0; t < nDays; t++) {
            double acc = 0;
            int kMax = Math.min(length - 1, t);
            for (int k = 0; k <= kMax; k++) {
                acc += (double) w[wOff + k] * x[xOff + (t - k) * stride];
            }
            y[xOff + t * stride] = (float) acc;
        }
    }
}
