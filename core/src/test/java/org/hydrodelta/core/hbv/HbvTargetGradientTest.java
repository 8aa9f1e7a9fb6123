package org.hydrodelta.core.hbv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.hydrodelta.core.conceptual.ParameterDays;
import org.junit.jupiter.api.Test;

/**
 * The adjoint seeded on states and fluxes besides the routed discharge (a loss on several targets, issue 18)
 * against central finite differences of the double-precision reference model ({@link DoubleHbvModel}): the
 * functional Σ wₒ·output over the window, with random weights on every seedable output at once, on real forcing of
 * 01031500 (spring melt, early winter, summer), three components (vector lanes and the scalar tail), dynamic β, γ,
 * UZL and CFMAX, and routing. A seed on one output alone is checked too (snowpack plus its liquid water, the snow
 * water equivalent a Snow-17 reference is compared with), so a mix-up between outputs cannot cancel out.
 */
class HbvTargetGradientTest {
    private static final int NB = 3;
    private static final int NMUL = 3;
    private static final int WARM = 10;
    private static final int WIN = 45;
    private static final int[][] STARTS = {{1981, 3, 1}, {1981, 11, 1}, {1982, 6, 1}};

    @Test
    void everySeededOutputMatchesFiniteDifferences() throws IOException {
        boolean[] dyn = new boolean[13];
        dyn[HbvParameter.BETA.ordinal()] = true;
        dyn[HbvParameter.BETAET.ordinal()] = true;
        dyn[HbvParameter.UZL.ordinal()] = true;
        dyn[HbvParameter.CFMAX.ordinal()] = true;
        HbvConfig cfg = new HbvConfig(13, dyn, NMUL, true, true);
        SplittableRandom rnd = new SplittableRandom(5);
        Map<HbvOutput, double[]> all = new EnumMap<>(HbvOutput.class);
        all.put(HbvOutput.Q_ROUTED, weights(rnd, 1.0));
        for (String name : HbvKernel.SEEDABLE) {
            all.put(HbvOutput.valueOf(name), weights(rnd, 1.0));
        }
        double worstAll = check(cfg, all);
        Map<HbvOutput, double[]> swe = new EnumMap<>(HbvOutput.class);
        double[] w = weights(rnd, 1.0);
        swe.put(HbvOutput.SNOWPACK, w);
        swe.put(HbvOutput.MELTWATER, w);
        double worstSwe = check(cfg, swe);
        Map<HbvOutput, double[]> bf = new EnumMap<>(HbvOutput.class);
        bf.put(HbvOutput.Q2, weights(rnd, 1.0));
        double worstBf = check(cfg, bf);
        System.out.printf("seeded adjoint vs finite differences, worst relative error: all %.3g, SWE %.3g, Q2 %.3g%n",
                worstAll, worstSwe, worstBf);
    }

    @Test
    void withoutSeedsTheSeededPathIsTheDischargePathBitForBit() throws IOException {
        HbvConfig cfg = new HbvConfig(12, new boolean[12], NMUL, true, true);
        Case c = sample(cfg);
        float[] g1 = new float[c.u.length];
        float[] g2 = new float[c.u.length];
        try (HbvKernel k = new HbvKernel(cfg.withDiagnostics(true), NB, WARM, WIN, 1)) {
            k.forward(c.forcing, c.u, c.pd);
            float[] gq = new float[WIN * NB];
            java.util.Arrays.fill(gq, 0.37f);
            k.backward(gq, g1);
            k.backward(gq, Map.of(), g2);
            assertThat(g2).containsExactly(g1);
            // and a zero seed on a flux takes the other branch to the same numbers
            float[] g3 = new float[c.u.length];
            k.backward(gq, Map.of("Q2", new float[WIN * NB], "SNOWPACK", new float[WIN * NB]), g3);
            for (int i = 0; i < g1.length; i++) {
                assertThat(g3[i]).isEqualTo(g1[i] + 0f);
            }
        }
    }

    @Test
    void anOutputWithoutAnAdjointIsRefusedByName() throws IOException {
        HbvConfig cfg = new HbvConfig(12, new boolean[12], NMUL, true, true);
        Case c = sample(cfg);
        try (HbvKernel k = new HbvKernel(cfg.withDiagnostics(true), NB, WARM, WIN, 1)) {
            k.forward(c.forcing, c.u, c.pd);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> k.backward(new float[WIN * NB],
                    Map.of("MELT", new float[WIN * NB]), new float[c.u.length]))
                    .hasMessageContaining("MELT").hasMessageContaining("SNOWPACK").hasMessageContaining("Q2");
        }
    }

    private static double[] weights(SplittableRandom rnd, double scale) {
        double[] w = new double[WIN * NB];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (scale * (rnd.nextDouble() - 0.5) / w.length);
        }
        return w;
    }

    private record Case(double[] forcingD, double[] uD, float[] forcing, float[] u, ParameterDays pd) {
    }

    private static Case sample(HbvConfig cfg) throws IOException {
        SampleForcing sample = new SampleForcing();
        int days = WARM + WIN;
        int width = cfg.rowWidth();
        double[] forcingD = new double[days * NB * 3];
        for (int b = 0; b < NB; b++) {
            int first = sample.indexOf(STARTS[b][0], STARTS[b][1], STARTS[b][2]) - WARM;
            for (int d = 0; d < days; d++) {
                double[] r = sample.rows.get(first + d);
                for (int j = 0; j < 3; j++) {
                    forcingD[(d * NB + b) * 3 + j] = (float) r[3 + j];
                }
            }
        }
        double[] uD = new double[days * NB * width];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < uD.length; i++) {
            uD[i] = (float) (0.05 + 0.9 * rnd.nextDouble());
        }
        for (int d = 0; d < days; d++) {
            for (int b = 0; b < NB; b++) {
                int row = (d * NB + b) * width;
                uD[row + HbvParameter.FC.ordinal() * NMUL] = 0.0f;
                uD[row + HbvParameter.BETA.ordinal() * NMUL] = 0.02f;
                uD[row + HbvParameter.CFMAX.ordinal() * NMUL] = 0.95f;
                uD[row + HbvParameter.UZL.ordinal() * NMUL] = 0.01f;
                uD[row + HbvParameter.UZL.ordinal() * NMUL + 1] = 0.95f;
            }
        }
        return new Case(forcingD, uD, toFloat(forcingD), toFloat(uD), ParameterDays.training(WARM, WIN));
    }

    private static double check(HbvConfig cfg, Map<HbvOutput, double[]> weights) throws IOException {
        Case c = sample(cfg);
        int days = WARM + WIN;
        int width = cfg.rowWidth();
        float[] gu = new float[c.u.length];
        try (HbvKernel k = new HbvKernel(cfg.withDiagnostics(true), NB, WARM, WIN, 1)) {
            k.forward(c.forcing, c.u, c.pd);
            float[] gq = new float[WIN * NB];
            Map<String, float[]> extra = new HashMap<>();
            weights.forEach((o, w) -> {
                if (o == HbvOutput.Q_ROUTED) {
                    for (int i = 0; i < w.length; i++) {
                        gq[i] = (float) w[i];
                    }
                } else {
                    extra.put(o.name(), toFloat(w));
                }
            });
            k.backward(gq, extra, gu);
            // the float kernel's outputs are the reference's
            DoubleHbvModel ref = new DoubleHbvModel(cfg, NB, WARM, WIN);
            Map<HbvOutput, double[]> out = ref.outputs(c.forcingD, c.uD, c.pd);
            for (HbvOutput o : weights.keySet()) {
                float[] f = k.output(o);
                for (int i = 0; i < f.length; i++) {
                    assertThat((double) f[i]).as("%s [%d]", o, i).isCloseTo(out.get(o)[i],
                            org.assertj.core.data.Offset.offset(1e-4 * Math.abs(out.get(o)[i]) + 1e-5));
                }
            }
        }
        DoubleHbvModel model = new DoubleHbvModel(cfg, NB, WARM, WIN);
        double h = 1e-6;
        double[] fd = new double[c.uD.length];
        boolean[] used = new boolean[c.uD.length];
        double maxFd = 0;
        for (int d = 0; d < days; d++) {
            for (int b = 0; b < NB; b++) {
                for (int p = 0; p < cfg.nParams(); p++) {
                    boolean use = cfg.isDynamic(p) ? (d >= WARM && (d - WARM) % 12 == 2) : d == c.pd.staticDay();
                    for (int m = 0; m < NMUL && use; m++) {
                        used[(d * NB + b) * width + p * NMUL + m] = true;
                    }
                }
                if (d == c.pd.routingDay()) {
                    used[(d * NB + b) * width + cfg.nParams() * NMUL] = true;
                    used[(d * NB + b) * width + cfg.nParams() * NMUL + 1] = true;
                }
            }
        }
        double[] u = c.uD.clone();
        for (int i = 0; i < u.length; i++) {
            if (!used[i]) {
                continue;
            }
            double keep = u[i];
            u[i] = keep + h;
            double lp = model.linear(c.forcingD, u, c.pd, weights);
            u[i] = keep - h;
            double lm = model.linear(c.forcingD, u, c.pd, weights);
            u[i] = keep;
            fd[i] = (lp - lm) / (2 * h);
            maxFd = Math.max(maxFd, Math.abs(fd[i]));
        }
        assertThat(maxFd).as("the functional depends on the parameters").isGreaterThan(1e-4);
        double worst = 0;
        int checked = 0;
        for (int i = 0; i < u.length; i++) {
            if (!used[i]) {
                continue;
            }
            checked++;
            int col = i % width;
            String what = col >= cfg.nParams() * NMUL ? "routing" : HbvParameter.values()[col / NMUL] + " comp "
                    + col % NMUL;
            double err = Math.abs(gu[i] - fd[i]) / (Math.abs(fd[i]) + 1e-3 * maxFd);
            worst = Math.max(worst, err);
            assertThat(err).as("%s of %s: adjoint %g, finite difference %g", what, weights.keySet(), gu[i], fd[i])
                    .isLessThan(1e-3);
        }
        assertThat(checked).isGreaterThan(100);
        return worst;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
