package org.hydrodelta.core.hbv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Weights of the gamma unit hydrograph, causality of the convolution and the weight gradient. */
class UnitHydrographTest {
    private static final float[] UA = {0f, 0.1f, 0.3f, 0.7f, 1f};
    private static final float[] UB = {0f, 0.2f, 0.5f, 1f};

    @Test
    void weightsArePositiveAndSumToOne() {
        for (float ua : UA) {
            for (float ub : UB) {
                float[] w = new float[UnitHydrograph.LENGTH];
                UnitHydrograph.weights(UnitHydrograph.alpha(ua), UnitHydrograph.theta(ub), w.length, w, 0);
                double sum = 0;
                for (float v : w) {
                    assertThat(v).isGreaterThanOrEqualTo(0f).isFinite();
                    sum += v;
                }
                assertThat(sum).as("ua %s ub %s", ua, ub).isCloseTo(1.0, within(1e-6));
            }
        }
    }

    @Test
    void unitPulseComesOutAsTheWeightsAndNothingBeforeIt() {
        float[] w = new float[UnitHydrograph.LENGTH];
        UnitHydrograph.weights(UnitHydrograph.alpha(0.3f), UnitHydrograph.theta(0.4f), w.length, w, 0);
        int days = 40;
        int pulseDay = 7;
        float[] x = new float[days];
        float[] y = new float[days];
        x[pulseDay] = 1f;
        UnitHydrograph.convolve(x, y, 0, 1, days, w, 0, w.length);
        for (int t = 0; t < days; t++) {
            int k = t - pulseDay;
            float expected = k >= 0 && k < w.length ? w[k] : 0f;
            assertThat(y[t]).as("day %d", t).isEqualTo(expected);
        }
    }

    @Test
    void weightGradientMatchesFiniteDifferences() {
        double alpha = 1.7;
        double theta = 2.3;
        int len = UnitHydrograph.LENGTH;
        double[] gw = new double[len];
        for (int k = 0; k < len; k++) {
            gw[k] = Math.sin(k + 1.0);
        }
        float[] w = new float[len];
        UnitHydrograph.weights(alpha, theta, len, w, 0);
        double[] g = new double[2];
        UnitHydrograph.weightGradient(w, 0, gw, len, theta, g);
        double h = 1e-4;
        double fdA = (dot(gw, alpha + h, theta) - dot(gw, alpha - h, theta)) / (2 * h);
        double fdT = (dot(gw, alpha, theta + h) - dot(gw, alpha, theta - h)) / (2 * h);
        assertThat(g[0]).isCloseTo(fdA, within(1e-3 * Math.abs(fdA) + 1e-5));
        assertThat(g[1]).isCloseTo(fdT, within(1e-3 * Math.abs(fdT) + 1e-5));
    }

    private static double dot(double[] gw, double alpha, double theta) {
        float[] w = new float[gw.length];
        UnitHydrograph.weights(alpha, theta, gw.length, w, 0);
        double s = 0;
        for (int k = 0; k < gw.length; k++) {
            s += gw[k] * w[k];
        }
        return s;
    }
}
