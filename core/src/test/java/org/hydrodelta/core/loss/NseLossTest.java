package org.hydrodelta.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NseLossTest {
    // 3 days x 2 samples, [day][sample]; sample 0 varies (σ = sqrt(2/3)), sample 1 is flat (σ = 0)
    private static final float[] OBS = {1, 5, 2, 5, 3, 5};

    @Test
    void scalesErrorsBySampleVariance() {
        float[] sim = {2, 6, 2, 5, 3, 5}; // error 1 on day 0 in both samples
        LossResult r = new NseLoss().evaluate(sim, OBS, null, 2);
        double s0 = Math.sqrt(2.0 / 3);
        double expected = (1 / ((s0 + 0.1) * (s0 + 0.1)) + 1 / (0.1 * 0.1)) / 6;
        assertThat(r.value()).isCloseTo(expected, within(1e-9));
        assertThat(r.count()).isEqualTo(6);
    }

    @Test
    void gradientMatchesFiniteDifferencesAndGapsAreMasked() {
        float[] obs = OBS.clone();
        obs[3] = Float.NaN;
        float[] sim = {1.5f, 4.2f, 2.7f, 9f, 2.9f, 5.6f};
        float[] g = new float[6];
        NseLoss loss = new NseLoss();
        loss.evaluate(sim, obs, g, 2);
        assertThat(g[3]).isZero();
        for (int i = 0; i < 6; i++) {
            float[] up = sim.clone();
            float[] down = sim.clone();
            up[i] += 1e-3f;
            down[i] -= 1e-3f;
            double fd = (loss.evaluate(up, obs, null, 2).value() - loss.evaluate(down, obs, null, 2).value())
                    / ((double) up[i] - down[i]);
            assertThat(g[i]).as("element %d", i).isCloseTo((float) fd, within(2e-3f));
        }
    }

    @Test
    void aBatchWithoutObservationsIsNoDataNotNaN() {
        float[] nan = {Float.NaN, Float.NaN};
        LossResult r = new NseLoss().evaluate(new float[] {1, 2}, nan, new float[2], 2);
        assertThat(r.hasData()).isFalse();
        assertThat(r.value()).isZero();
        assertThat(FlowLoss.byName("nse", 0.25)).isInstanceOf(NseLoss.class);
        assertThat(FlowLoss.byName("rmse-comb", 0.25)).isInstanceOf(RmseCombLoss.class);
    }
}
