package org.hydrodelta.core.loss;

/**
 * The NSE-based loss "NSE*" of Kratzert et al. (2019, HESS), as NeuralHydrology defines it: squared errors
 * scaled per sample by (σ + ε)², σ the standard deviation of that sample's observations, ε = 0.1, averaged over
 * all observed points. Basins with large flow variance no longer dominate the batch, as they do in an RMSE.
 * Here σ is taken over the sample's window (NeuralHydrology uses the basin's training-period σ; over a
 * 365-day window the two are close, and the window needs no extra data).
 */
public final class NseLoss implements FlowLoss {
    /** ε added to σ so near-constant basins do not explode the loss. */
    public static final double EPS = 0.1;

    @Override
    public LossResult evaluate(float[] sim, float[] obs, float[] gradSim, int samples) {
        if (sim.length != obs.length || sim.length % samples != 0) {
            throw new IllegalArgumentException("sim and obs must both hold days x " + samples + " values");
        }
        int days = sim.length / samples;
        double[] weight = new double[samples];
        int count = 0;
        for (int k = 0; k < samples; k++) {
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (int d = 0; d < days; d++) {
                float o = obs[d * samples + k];
                if (o == o) {
                    sum += o;
                    sq += (double) o * o;
                    n++;
                }
            }
            count += n;
            double sd = n == 0 ? 0 : Math.sqrt(Math.max(0, sq / n - (sum / n) * (sum / n)));
            weight[k] = 1.0 / ((sd + EPS) * (sd + EPS));
        }
        if (gradSim != null) {
            java.util.Arrays.fill(gradSim, 0f);
        }
        if (count == 0) {
            return new LossResult(0, 0);
        }
        double total = 0;
        for (int i = 0; i < sim.length; i++) {
            float o = obs[i];
            if (o != o) {
                continue;
            }
            double e = (double) sim[i] - o;
            double w = weight[i % samples];
            total += w * e * e;
            if (gradSim != null) {
                gradSim[i] = (float) (2 * w * e / count);
            }
        }
        return new LossResult(total / count, count);
    }
}
