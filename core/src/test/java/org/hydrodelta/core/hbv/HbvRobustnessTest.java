package org.hydrodelta.core.hbv;

import org.hydrodelta.core.conceptual.ParameterDays;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.hydrodelta.core.loss.RmseCombLoss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No NaN or infinity anywhere (outputs, states, gradients) for parameter values across the whole range, the ends
 * 0 and 1 included, and non-negative forcing from all zeros to extreme precipitation and temperatures; plus
 * determinism for a fixed thread count.
 */
class HbvRobustnessTest {
    private static final int NB = 5;
    private static final int WARM = 20;
    private static final int WIN = 60;

    @ParameterizedTest(name = "forcing {0}")
    @ValueSource(strings = {"zeros", "extreme", "mixed"})
    void staysFiniteForAnyParametersInRange(String kind) {
        for (int nmul : new int[] {3, 16}) {
            HbvConfig cfg = HbvConfig.dynamicBetaGamma(nmul);
            int days = WARM + WIN;
            SplittableRandom rnd = new SplittableRandom(kind.hashCode() + nmul);
            float[] forcing = new float[days * NB * 3];
            for (int d = 0; d < days; d++) {
                for (int b = 0; b < NB; b++) {
                    int i = (d * NB + b) * 3;
                    switch (kind) {
                        case "zeros" -> {
                            // all zero: no rain, 0 °C, no PET
                        }
                        case "extreme" -> {
                            forcing[i] = d % 2 == 0 ? 2000f : 500f;
                            forcing[i + 1] = d < 40 ? -45f : 48f;
                            forcing[i + 2] = 30f;
                        }
                        default -> {
                            forcing[i] = rnd.nextDouble() < 0.1 ? 800f : (float) (20 * rnd.nextDouble());
                            forcing[i + 1] = (float) (-40 + 85 * rnd.nextDouble());
                            forcing[i + 2] = (float) (15 * rnd.nextDouble());
                        }
                    }
                }
            }
            float[] u = new float[days * NB * cfg.rowWidth()];
            for (int i = 0; i < u.length; i++) {
                double r = rnd.nextDouble();
                // a third of the values at the ends of the range
                u[i] = r < 1.0 / 6 ? 0f : r < 1.0 / 3 ? 1f : (float) rnd.nextDouble();
            }
            try (HbvKernel k = new HbvKernel(cfg, NB, WARM, WIN, 2)) {
                k.forward(forcing, u, ParameterDays.training(WARM, WIN));
                for (HbvOutput o : HbvOutput.values()) {
                    assertFinite(kind + " nmul " + nmul + " " + o, k.output(o));
                }
                float[] states = new float[5 * NB * nmul];
                k.copyFinalStates(states);
                assertFinite("final states", states);
                float[] obs = new float[WIN * NB];
                java.util.Arrays.fill(obs, 1.5f);
                float[] gq = new float[obs.length];
                new RmseCombLoss().evaluate(k.output(HbvOutput.Q_ROUTED), obs, gq);
                float[] gu = new float[u.length];
                k.backward(gq, gu);
                assertFinite(kind + " nmul " + nmul + " dLoss/du", gu);
            }
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void givesBitIdenticalResultsForTheSameThreadCount(int threads) {
        HbvConfig cfg = HbvConfig.dynamicBetaGamma(16);
        int days = WARM + WIN;
        SplittableRandom rnd = new SplittableRandom(5);
        float[] forcing = new float[days * NB * 3];
        for (int i = 0; i < forcing.length; i += 3) {
            forcing[i] = (float) (10 * rnd.nextDouble());
            forcing[i + 1] = (float) (-10 + 30 * rnd.nextDouble());
            forcing[i + 2] = (float) (4 * rnd.nextDouble());
        }
        float[] u = new float[days * NB * cfg.rowWidth()];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) rnd.nextDouble();
        }
        float[] gq = new float[WIN * NB];
        for (int i = 0; i < gq.length; i++) {
            gq[i] = (float) (rnd.nextDouble() - 0.5);
        }
        float[][] q = new float[2][];
        float[][] g = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (HbvKernel k = new HbvKernel(cfg, NB, WARM, WIN, threads)) {
                k.forward(forcing, u, ParameterDays.training(WARM, WIN));
                q[run] = k.output(HbvOutput.Q_ROUTED).clone();
                g[run] = new float[u.length];
                k.backward(gq, g[run]);
            }
        }
        assertThat(q[1]).isEqualTo(q[0]);
        assertThat(g[1]).isEqualTo(g[0]);
    }

    private static void assertFinite(String what, float[] a) {
        for (int i = 0; i < a.length; i++) {
            assertThat(Float.isFinite(a[i])).as("%s[%d] = %s", what, i, a[i]).isTrue();
        }
    }
}
