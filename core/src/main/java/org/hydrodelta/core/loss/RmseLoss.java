package org.hydrodelta.core.loss;

/**
 * Plain root-mean-square error pooled over every observed (day, sample) pair; NaN observations are masked. Used
 * for auxiliary targets (snow water equivalent, evapotranspiration, baseflow) whose values may be zero or negative
 * anomalies, where the log-flow term of {@link RmseCombLoss} has no meaning. Computed in double; an RMSE of exactly
 * 0 has gradient 0.
 */
public final class RmseLoss implements FlowLoss {
    @Override
    public LossResult evaluate(float[] sim, float[] obs, float[] gradSim, int samples) {
        if (sim.length != obs.length || (gradSim != null && gradSim.length != sim.length)) {
            throw new IllegalArgumentException("sim, obs and gradient lengths differ: " + sim.length + ", "
                    + obs.length + (gradSim == null ? "" : ", " + gradSim.length));
        }
        int count = 0;
        double sse = 0;
        for (int i = 0; i < sim.length; i++) {
            float o = obs[i];
            if (o != o) {
                continue;
            }
            double d = (double) sim[i] - o;
            sse += d * d;
            count++;
        }
        if (gradSim != null) {
            java.util.Arrays.fill(gradSim, 0f);
        }
        if (count == 0) {
            return new LossResult(0, 0);
        }
        double rmse = Math.sqrt(sse / count);
        if (gradSim != null && rmse > 0) {
            double c = 1.0 / (count * rmse);
            for (int i = 0; i < sim.length; i++) {
                float o = obs[i];
                if (o == o) {
                    gradSim[i] = (float) (c * ((double) sim[i] - o));
                }
            }
        }
        return new LossResult(rmse, count);
    }
}
