package org.hydrodelta.core.loss;

/**
 * A unit-free loss for a model variable that only needs to move like its observation (a storage against a
 * satellite soil-moisture fraction, say): {@code 1 − r}, with r the Pearson correlation of simulation and
 * observation over each sample's window (observed days only), averaged over the samples that have at least three
 * observations and a non-constant observation and simulation. Offsets and scales of either series do not matter.
 * Samples without a defined r do not enter the loss or the count.
 */
public final class CorrelationLoss implements FlowLoss {
    /** Fewest observed days of a sample for its correlation to enter the loss. */
    public static final int MIN_DAYS = 3;

    @Override
    public LossResult evaluate(float[] sim, float[] obs, float[] gradSim, int samples) {
        if (sim.length != obs.length || sim.length % samples != 0
                || (gradSim != null && gradSim.length != sim.length)) {
            throw new IllegalArgumentException("sim, obs (and gradient) must each hold days x " + samples + " values");
        }
        int days = sim.length / samples;
        if (gradSim != null) {
            java.util.Arrays.fill(gradSim, 0f);
        }
        double[] ms = new double[samples];
        double[] mo = new double[samples];
        double[] sxy = new double[samples];
        double[] sxx = new double[samples];
        double[] syy = new double[samples];
        int[] n = new int[samples];
        for (int k = 0; k < samples; k++) {
            for (int d = 0; d < days; d++) {
                float o = obs[d * samples + k];
                if (o == o) {
                    ms[k] += sim[d * samples + k];
                    mo[k] += o;
                    n[k]++;
                }
            }
            if (n[k] > 0) {
                ms[k] /= n[k];
                mo[k] /= n[k];
            }
            for (int d = 0; d < days; d++) {
                float o = obs[d * samples + k];
                if (o == o) {
                    double x = sim[d * samples + k] - ms[k];
                    double y = o - mo[k];
                    sxy[k] += x * y;
                    sxx[k] += x * x;
                    syy[k] += y * y;
                }
            }
        }
        int used = 0;
        int count = 0;
        for (int k = 0; k < samples; k++) {
            if (n[k] >= MIN_DAYS && sxx[k] > 0 && syy[k] > 0) {
                used++;
                count += n[k];
            }
        }
        if (used == 0) {
            return new LossResult(0, 0);
        }
        double total = 0;
        for (int k = 0; k < samples; k++) {
            if (!(n[k] >= MIN_DAYS && sxx[k] > 0 && syy[k] > 0)) {
                continue;
            }
            double root = Math.sqrt(sxx[k] * syy[k]);
            double r = sxy[k] / root;
            total += 1 - r;
            if (gradSim != null) {
                // dr/dx_i = (y_i − r·x_i·sqrt(syy/sxx)) / sqrt(sxx·syy), x and y centred (the mean's share sums to 0)
                double scale = Math.sqrt(syy[k] / sxx[k]);
                for (int d = 0; d < days; d++) {
                    int i = d * samples + k;
                    float o = obs[i];
                    if (o == o) {
                        double x = sim[i] - ms[k];
                        double y = o - mo[k];
                        gradSim[i] = (float) (-(y - r * x * scale) / root / used);
                    }
                }
            }
        }
        return new LossResult(total / used, count);
    }
}
