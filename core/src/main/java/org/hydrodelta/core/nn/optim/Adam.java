package org.hydrodelta.core.nn.optim;

import java.util.List;
import org.hydrodelta.core.nn.Parameter;

/**
 * Adam (Kingma &amp; Ba 2015) as PyTorch implements it (no AMSGrad, no weight decay): at step t,
 * {@code m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← w − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)}, the bias corrections
 * computed in double. State per parameter: {@code exp_avg} (m) and {@code exp_avg_sq} (v), plus the step count.
 */
public final class Adam implements Optimizer {
    /** Kind name stored in checkpoints. */
    public static final String KIND = "adam";
    private final float lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final StateBuffers state = new StateBuffers();
    private long steps;

    /** PyTorch defaults: lr = 1e-3, β = (0.9, 0.999), ε = 1e-8. */
    public Adam() {
        this(1e-3f, 0.9f, 0.999f, 1e-8f);
    }

    /**
     * @param lr    learning rate
     * @param beta1 decay of the first moment
     * @param beta2 decay of the second moment
     * @param eps   added to the denominator
     */
    public Adam(float lr, float beta1, float beta2, float eps) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    public void step(List<Parameter> parameters) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2 = 1 - Math.pow(beta2, steps);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        for (Parameter p : parameters) {
            float[] w = p.value();
            float[] g = p.grad();
            float[] m = state.get(p, "exp_avg");
            float[] v = state.get(p, "exp_avg_sq");
            for (int i = 0; i < w.length; i++) {
                float gi = g[i];
                // PyTorch 2.x updates the first moment with lerp: m + (1−β₁)(g − m)
                m[i] = m[i] + (1f - beta1) * (gi - m[i]);
                v[i] = v[i] * beta2 + (1f - beta2) * gi * gi;
                float denom = (float) Math.sqrt(v[i]) / bc2Sqrt + eps;
                w[i] -= stepSize * (m[i] / denom);
            }
        }
    }

    @Override
    public OptimizerState exportState() {
        return new OptimizerState(KIND, steps, state.asMap());
    }

    @Override
    public void importState(OptimizerState s) {
        if (!KIND.equals(s.kind())) {
            throw new IllegalArgumentException("checkpoint holds " + s.kind() + " optimiser state, expected " + KIND);
        }
        steps = s.steps();
        state.replaceWith(s.tensors());
    }
}
