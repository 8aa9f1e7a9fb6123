package org.hydrodelta.core.loss;

/**
 * The delta model's training loss (spec §5.3, R1 {@code crit.RmseLossComb}):
 * {@code L = (1−α)·RMSE(Q̂, Q) + α·RMSE(f(Q̂), f(Q))} with {@code f(q) = log10(sqrt(q + 1e-6) + 0.1)} and
 * α = 0.25, pooled over all (day, basin) pairs whose observation is not NaN. Computed in double.
 *
 * <p>An observation-free batch gives {@link Result#hasData()} false with value 0 and a zero gradient, never NaN.
 * Where an RMSE is exactly 0 its gradient is taken as 0 (the subgradient of sqrt at 0).
 */
public final class RmseCombLoss implements FlowLoss {
    /** Weight of the transformed-flow term in the paper. */
    public static final double DEFAULT_ALPHA = 0.25;
    /** Constant added inside the square root. */
    public static final double BETA = 1e-6;

    private final double alpha;

    /** The paper's loss, α = 0.25. */
    public RmseCombLoss() {
        this(DEFAULT_ALPHA);
    }

    /**
     * @param alpha weight of the transformed-flow RMSE, in [0, 1]
     */
    public RmseCombLoss(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], was " + alpha);
        }
        this.alpha = alpha;
    }

    private static double transform(double q) {
        return Math.log10(Math.sqrt(Math.max(q + BETA, 0.0)) + 0.1);
    }

    /**
     * Evaluates the loss and writes dL/dsim.
     *
     * @param sim      simulated flow, any layout (e.g. {@code [day][basin]})
     * @param obs      observed flow, same layout; NaN = missing
     * @param gradSim  receives dL/dsim (overwritten; 0 where obs is NaN); may be null for value only
     * @return value and count
     */
    @Override
    public LossResult evaluate(float[] sim, float[] obs, float[] gradSim, int samples) {
        return evaluate(sim, obs, gradSim);
    }

    /**
     * Pooled over every (day, basin) pair, so the sample layout does not matter.
     *
     * @param sim     simulated flow
     * @param obs     observed flow, NaN masked
     * @param gradSim receives dLoss/dsim, or {@code null}
     * @return the loss and how many pairs entered it
     */
    public LossResult evaluate(float[] sim, float[] obs, float[] gradSim) {
        if (sim.length != obs.length || (gradSim != null && gradSim.length != sim.length)) {
            throw new IllegalArgumentException("sim, obs and gradient lengths differ: " + sim.length + ", "
                    + obs.length + (gradSim == null ? "" : ", " + gradSim.length));
        }
        int count = 0;
        double sse1 = 0;
        double sse2 = 0;
        for (int i = 0; i < sim.length; i++) {
            float o = obs[i];
            if (o != o) {
                continue;
            }
            count++;
            double d1 = (double) sim[i] - o;
            double d2 = transform(sim[i]) - transform(o);
            sse1 += d1 * d1;
            sse2 += d2 * d2;
        }
        if (gradSim != null) {
            java.util.Arrays.fill(gradSim, 0f);
        }
        if (count == 0) {
            return new LossResult(0.0, 0);
        }
        double rmse1 = Math.sqrt(sse1 / count);
        double rmse2 = Math.sqrt(sse2 / count);
        double value = (1 - alpha) * rmse1 + alpha * rmse2;
        if (gradSim != null) {
            double c1 = rmse1 > 0 ? (1 - alpha) / (count * rmse1) : 0.0;
            double c2 = rmse2 > 0 ? alpha / (count * rmse2) : 0.0;
            for (int i = 0; i < sim.length; i++) {
                float o = obs[i];
                if (o != o) {
                    continue;
                }
                double s = sim[i];
                double root = Math.sqrt(Math.max(s + BETA, 0.0));
                double dTransform = root > 0 ? 1.0 / ((root + 0.1) * Math.log(10) * 2 * root) : 0.0;
                double d2 = transform(s) - transform(o);
                gradSim[i] = (float) (c1 * (s - o) + c2 * d2 * dTransform);
            }
        }
        return new LossResult(value, count);
    }
}
