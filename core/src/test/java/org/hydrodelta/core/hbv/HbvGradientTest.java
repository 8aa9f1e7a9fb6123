package org.hydrodelta.core.hbv;

import org.hydrodelta.core.conceptual.ParameterDays;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hydrodelta.core.loss.RmseCombLoss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped float adjoint against central finite differences of the loss computed in double precision
 * ({@link DoubleHbvModel}), on real forcing of basin 01031500 (three two-month windows: spring melt, early
 * winter with refreezing, summer), three components per basin (so both the vector and the scalar-tail code run),
 * every parameter static and dynamic, and routing.
 */
class HbvGradientTest {
    private static final int NB = 3;
    private static final int NMUL = 3;
    private static final int WARM = 10;
    private static final int WIN = 60;
    private static final int[][] STARTS = {{1981, 3, 1}, {1981, 11, 1}, {1982, 6, 1}};

    static Stream<Arguments> configs() {
        boolean[] allDynamic12 = new boolean[12];
        java.util.Arrays.fill(allDynamic12, true);
        boolean[] someDynamic13 = new boolean[13];
        someDynamic13[HbvParameter.BETA.ordinal()] = true;
        someDynamic13[HbvParameter.BETAET.ordinal()] = true;
        someDynamic13[HbvParameter.UZL.ordinal()] = true;
        someDynamic13[HbvParameter.CFMAX.ordinal()] = true;
        return Stream.of(
                Arguments.of("13 params, all static", new HbvConfig(13, new boolean[13], NMUL, true, true)),
                Arguments.of("13 params, beta/gamma/UZL/CFMAX dynamic", new HbvConfig(13, someDynamic13, NMUL, true, true)),
                Arguments.of("12 params, all dynamic", new HbvConfig(12, allDynamic12, NMUL, true, true)),
                Arguments.of("12 params, static, no routing", new HbvConfig(12, new boolean[12], NMUL, false, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void adjointMatchesDoublePrecisionFiniteDifferences(String name, HbvConfig cfg) throws IOException {
        SampleForcing sample = new SampleForcing();
        int days = WARM + WIN;
        int width = cfg.rowWidth();
        double[] forcingD = new double[days * NB * 3];
        double[] obsD = new double[WIN * NB];
        for (int b = 0; b < NB; b++) {
            int first = sample.indexOf(STARTS[b][0], STARTS[b][1], STARTS[b][2]) - WARM;
            for (int d = 0; d < days; d++) {
                double[] r = sample.rows.get(first + d);
                forcingD[(d * NB + b) * 3] = (float) r[3];
                forcingD[(d * NB + b) * 3 + 1] = (float) r[4];
                forcingD[(d * NB + b) * 3 + 2] = (float) r[5];
                if (d >= WARM) {
                    obsD[(d - WARM) * NB + b] = (float) r[6];
                }
            }
        }
        double[] uD = new double[days * NB * width];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < uD.length; i++) {
            uD[i] = (float) (0.05 + 0.9 * rnd.nextDouble());
        }
        ParameterDays pd = ParameterDays.training(WARM, WIN);
        for (int d = 0; d < days; d++) {
            for (int b = 0; b < NB; b++) {
                int row = (d * NB + b) * width;
                // component 0: small field capacity, fast melt, low UZL (soil above FC, Q0 active);
                // component 1: high UZL (Q0 inactive); strong refreezing everywhere
                uD[row + HbvParameter.FC.ordinal() * NMUL] = 0.0f;
                uD[row + HbvParameter.BETA.ordinal() * NMUL] = 0.02f;
                uD[row + HbvParameter.CFMAX.ordinal() * NMUL] = 0.95f;
                uD[row + HbvParameter.UZL.ordinal() * NMUL] = 0.01f;
                uD[row + HbvParameter.UZL.ordinal() * NMUL + 1] = 0.95f;
                for (int m = 0; m < NMUL; m++) {
                    uD[row + HbvParameter.CFR.ordinal() * NMUL + m] = (float) (0.6 + 0.3 * rnd.nextDouble());
                }
            }
        }
        float[] forcing = toFloat(forcingD);
        float[] u = toFloat(uD);
        float[] obs = toFloat(obsD);

        float[] gu = new float[u.length];
        try (HbvKernel k = new HbvKernel(cfg, NB, WARM, WIN, 1)) {
            k.forward(forcing, u, pd);
            float[] gq = new float[WIN * NB];
            new RmseCombLoss().evaluate(k.output(HbvOutput.Q_ROUTED), obs, gq);
            k.backward(gq, gu);
            assertThat(countPositive(k.output(HbvOutput.MELT))).as("days with melt").isGreaterThan(5);
            assertThat(countPositive(k.output(HbvOutput.REFREEZE))).as("days with refreezing").isGreaterThan(5);
            assertThat(countPositive(k.output(HbvOutput.SNOWFALL))).as("days with snowfall").isGreaterThan(5);
            assertThat(countPositive(k.output(HbvOutput.EXCESS))).as("days with soil above FC").isGreaterThan(0);
            assertThat(countPositive(k.output(HbvOutput.Q0))).as("days with Q0").isGreaterThan(5);
            assertThat(countPositive(k.output(HbvOutput.Q0))).as("days without Q0").isLessThan(WIN * NB - 5);

            DoubleHbvModel ref = new DoubleHbvModel(cfg, NB, WARM, WIN);
            ref.run(forcingD, uD, pd);
            float[] q = k.output(HbvOutput.Q_ROUTED);
            for (int i = 0; i < q.length; i++) {
                assertThat((double) q[i]).as("routed Q float kernel vs double model [%d]", i)
                        .isCloseTo(ref.routed[i], org.assertj.core.data.Offset.offset(1e-4 * Math.abs(ref.routed[i]) + 1e-6));
            }
        }

        DoubleHbvModel model = new DoubleHbvModel(cfg, NB, WARM, WIN);
        int np = cfg.nParams();
        double h = 1e-6;
        double maxFd = 0;
        int checked = 0;
        double[] fdAll = new double[uD.length];
        boolean[] used = new boolean[uD.length];
        for (int d = 0; d < days; d++) {
            for (int b = 0; b < NB; b++) {
                for (int p = 0; p < np; p++) {
                    boolean use = cfg.isDynamic(p) ? (d >= WARM && (d - WARM) % 4 == 1) : d == pd.staticDay();
                    for (int m = 0; m < NMUL && use; m++) {
                        used[(d * NB + b) * width + p * NMUL + m] = true;
                    }
                }
                if (d == pd.routingDay() && cfg.routing()) {
                    used[(d * NB + b) * width + np * NMUL] = true;
                    used[(d * NB + b) * width + np * NMUL + 1] = true;
                }
            }
        }
        for (int i = 0; i < uD.length; i++) {
            if (!used[i]) {
                continue;
            }
            double keep = uD[i];
            uD[i] = keep + h;
            double lp = model.loss(forcingD, uD, pd, obsD);
            uD[i] = keep - h;
            double lm = model.loss(forcingD, uD, pd, obsD);
            uD[i] = keep;
            fdAll[i] = (lp - lm) / (2 * h);
            maxFd = Math.max(maxFd, Math.abs(fdAll[i]));
        }
        double worst = 0;
        for (int i = 0; i < uD.length; i++) {
            if (!used[i]) {
                continue;
            }
            checked++;
            int row = i / width;
            int col = i % width;
            String what = col >= np * NMUL ? (col == np * NMUL ? "route a" : "route b")
                    : HbvParameter.values()[col / NMUL] + " comp " + (col % NMUL);
            double err = Math.abs(gu[i] - fdAll[i]) / (Math.abs(fdAll[i]) + 1e-3 * maxFd);
            worst = Math.max(worst, err);
            assertThat(err).as("day %d basin %d %s: adjoint %g, finite difference %g", row / NB, row % NB, what,
                    gu[i], fdAll[i]).isLessThan(1e-4);
        }
        System.out.printf("%s: %d gradient entries checked, worst relative error %.3g (max |g| %.3g)%n", name,
                checked, worst, maxFd);
        assertThat(checked).isGreaterThan(100);
    }

    private static int countPositive(float[] a) {
        int c = 0;
        for (float v : a) {
            if (v > 0) {
                c++;
            }
        }
        return c;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
