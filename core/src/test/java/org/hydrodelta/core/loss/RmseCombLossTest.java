package org.hydrodelta.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Value, NaN masking, the no-data case and the gradient of the delta model's loss. */
class RmseCombLossTest {
    private static double f(double q) {
        return Math.log10(Math.sqrt(q + 1e-6) + 0.1);
    }

    @Test
    void combinesRmseOfFlowAndOfTransformedFlowOverObservedPairsOnly() {
        float[] sim = {1f, 2f, 0.5f, 3f};
        float[] obs = {1.5f, Float.NaN, 0.25f, 2f};
        LossResult r = new RmseCombLoss().evaluate(sim, obs, null);
        double l1 = Math.sqrt((0.25 + 0.0625 + 1.0) / 3);
        double l2 = Math.sqrt((Math.pow(f(1) - f(1.5), 2) + Math.pow(f(0.5) - f(0.25), 2) + Math.pow(f(3) - f(2), 2)) / 3);
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.value()).isCloseTo(0.75 * l1 + 0.25 * l2, within(1e-7));
    }

    @Test
    void allMissingObservationsGiveNoDataInsteadOfNaN() {
        float[] sim = {1f, 2f};
        float[] obs = {Float.NaN, Float.NaN};
        float[] g = {9f, 9f};
        LossResult r = new RmseCombLoss().evaluate(sim, obs, g);
        assertThat(r.hasData()).isFalse();
        assertThat(r.value()).isZero();
        assertThat(g).containsExactly(0f, 0f);
    }

    @Test
    void perfectFitHasZeroLossAndZeroGradient() {
        float[] sim = {1f, 0f, 4f};
        float[] g = new float[3];
        LossResult r = new RmseCombLoss().evaluate(sim, sim.clone(), g);
        assertThat(r.value()).isZero();
        assertThat(g).containsExactly(0f, 0f, 0f);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        float[] sim = {0.3f, 1.7f, 0.02f, 5f, 2.5f};
        float[] obs = {0.5f, 1.2f, Float.NaN, 4f, 0.01f};
        float[] g = new float[sim.length];
        RmseCombLoss loss = new RmseCombLoss();
        loss.evaluate(sim, obs, g);
        for (int i = 0; i < sim.length; i++) {
            float keep = sim[i];
            float h = 1e-3f;
            sim[i] = keep + h;
            double lp = loss.evaluate(sim, obs, null).value();
            sim[i] = keep - h;
            double lm = loss.evaluate(sim, obs, null).value();
            sim[i] = keep;
            double fd = (lp - lm) / ((double) (keep + h) - (double) (keep - h));
            assertThat((double) g[i]).as("element %d", i).isCloseTo(fd, within(2e-3 * Math.abs(fd) + 1e-5));
        }
        assertThat(g[2]).as("masked observation").isZero();
    }
}
