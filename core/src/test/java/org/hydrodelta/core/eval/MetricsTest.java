package org.hydrodelta.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final float[] OBS = {1, 2, 3, 4, 5};
    private static final float[] PLUS_ONE = {2, 3, 4, 5, 6};

    @Test
    void perfectSimulationScoresOne() {
        assertThat(Metrics.nse(OBS, OBS)).isEqualTo(1.0);
        assertThat(Metrics.kge(OBS, OBS)).isEqualTo(1.0);
        assertThat(Metrics.kgePrime(OBS, OBS)).isEqualTo(1.0);
        assertThat(Metrics.rmse(OBS, OBS)).isEqualTo(0.0);
        assertThat(Metrics.pbias(OBS, OBS)).isEqualTo(0.0);
    }

    @Test
    void theObservedMeanHasZeroNse() {
        assertThat(Metrics.nse(new float[] {3, 3, 3, 3, 3}, OBS)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void constantOffsetMatchesHandComputation() {
        // Σ(s-o)² = 5, Σ(o-3)² = 10
        assertThat(Metrics.nse(PLUS_ONE, OBS)).isCloseTo(0.5, within(1e-12));
        assertThat(Metrics.rmse(PLUS_ONE, OBS)).isCloseTo(1.0, within(1e-12));
        assertThat(Metrics.pbias(PLUS_ONE, OBS)).isCloseTo(100.0 * 5 / 15, within(1e-9));
        assertThat(Metrics.pearsonR(PLUS_ONE, OBS)).isCloseTo(1.0, within(1e-12));
        // r = 1, σs/σo = 1, μs/μo = 4/3
        assertThat(Metrics.kge(PLUS_ONE, OBS)).isCloseTo(1 - 1.0 / 3, within(1e-9));
        // CV ratio (σ/4)/(σ/3) = 0.75
        assertThat(Metrics.kgePrime(PLUS_ONE, OBS)).isCloseTo(1 - Math.sqrt(0.0625 + 1.0 / 9), within(1e-9));
    }

    @Test
    void observationGapsAreMaskedNotFilled() {
        float[] obs = {1, 2, Float.NaN, 4, 5};
        float[] sim = {1, 2, 1000, 4, 5};
        assertThat(Metrics.nse(sim, obs)).isEqualTo(1.0);
        assertThat(Metrics.rmse(sim, obs)).isEqualTo(0.0);
        float[] allGaps = {Float.NaN, Float.NaN, Float.NaN};
        assertThat(Metrics.nse(new float[] {1, 2, 3}, allGaps)).isNaN();
        assertThat(Metrics.rmse(new float[] {1, 2, 3}, allGaps)).isNaN();
    }

    @Test
    void flowDurationSegmentBiasesMatchHandComputation() {
        float[] obs = new float[100];
        float[] sim = new float[100];
        float[] squared = new float[100];
        for (int i = 0; i < 100; i++) {
            obs[99 - i] = i + 1; // order must not matter: each series is sorted separately
            sim[99 - i] = 1.1f * (i + 1);
            squared[99 - i] = (float) (i + 1) * (i + 1);
        }
        // top 2 %: flows 99 and 100, bottom 30 %: flows 1..30 (sum 465)
        assertThat(Metrics.fhv(sim, obs)).isCloseTo(10.0, within(1e-4));
        assertThat(Metrics.flvMhpi(sim, obs)).isCloseTo(100 * 46.5 / (465 + 1e-4), within(1e-3));
        // a constant factor is a constant shift in log space: Yilmaz's FLV ignores it
        assertThat(Metrics.flvYilmaz(sim, obs)).isCloseTo(0.0, within(1e-4));
        // squaring doubles every log distance: the log FLV is -100 %, the mid-segment slope bias +100 %
        assertThat(Metrics.flvYilmaz(squared, obs)).isCloseTo(-100.0, within(1e-4));
        assertThat(Metrics.fms(squared, obs)).isCloseTo(100.0, within(1e-4));
    }

    @Test
    void peakTimingMeasuresTheShiftOfPeaks() {
        int n = 730;
        float[] obs = new float[n];
        float[] sim = new float[n];
        for (int t = 0; t < n; t++) {
            obs[t] = 1f + 20f * (float) Math.exp(-Math.pow((t - 150) / 4.0, 2))
                    + 15f * (float) Math.exp(-Math.pow((t - 500) / 4.0, 2));
        }
        for (int t = 0; t < n; t++) {
            sim[t] = obs[Math.max(0, t - 2)];
        }
        assertThat(Peaks.find(obs, 100)).containsExactly(150, 500);
        assertThat(Metrics.peakTiming(sim, obs, 3)).isEqualTo(2.0);
        assertThat(Metrics.peakTiming(obs, obs, 3)).isEqualTo(0.0);
    }
}
