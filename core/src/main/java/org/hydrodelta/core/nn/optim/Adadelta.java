package org.hydrodelta.core.nn.optim;

import java.util.List;
import org.hydrodelta.core.nn.Parameter;

/**
 * Adadelta (Zeiler 2012) with PyTorch's defaults and update order (spec §5.4): for each weight w with gradient g,
 * {@code E_g ← ρE_g + (1−ρ)g²; Δ = √(E_Δ + ε) / √(E_g + ε) · g; E_Δ ← ρE_Δ + (1−ρ)Δ²; w ← w − lr·Δ}.
 * No weight decay. State per parameter: {@code square_avg} (E_g) and {@code acc_delta} (E_Δ).
 */
public final class Adadelta implements Optimizer {
    /** Kind name stored in checkpoints. */
    public static final String KIND = "adadelta";
    private final float lr;
    private final float rho;
    private final float eps;
    private final StateBuffers state = new StateBuffers();
    private long steps;

    /** PyTorch defaults: lr = 1, ρ = 0.9, ε = 1e-6. */
    public Adadelta() {
        this(1.0f, 0.9f, 1e-6f);
    }

    /**
     * @param lr  learning rate
     * @param rho decay of the running averages
     * @param eps added inside the square roots
     */
    public Adadelta(float lr, float rho, float eps) {
        this.lr = lr;
        this.rho = rho;
        this.eps = eps;
    }

    @Override
    public void step(List<Parameter> parameters) {
        float oneMinusRho = 1f - rho;
        for (Parameter p : parameters) {
            float[] w = p.value();
            float[] g = p.grad();
            float[] sq = state.get(p, "square_avg");
            float[] acc = state.get(p, "acc_delta");
            for (int i = 0; i < w.length; i++) {
                float gi = g[i];
                float s = sq[i] * rho + oneMinusRho * gi * gi;
                sq[i] = s;
                float std = (float) Math.sqrt(s + eps);
                float delta = (float) Math.sqrt(acc[i] + eps) / std * gi;
                acc[i] = acc[i] * rho + oneMinusRho * delta * delta;
                w[i] -= lr * delta;
            }
        }
        steps++;
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
