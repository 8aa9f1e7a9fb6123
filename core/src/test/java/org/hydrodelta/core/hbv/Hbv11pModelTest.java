package org.hydrodelta.core.hbv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.hydrodelta.core.conceptual.ConceptualModel;
import org.hydrodelta.core.conceptual.ParameterDays;
import org.junit.jupiter.api.Test;

/**
 * δHBV 1.1p on real Daymet forcing of 01031500 (snowy Maine): the adjoint against central finite differences of
 * the float kernel, the water balance of every window day, the capillary rise at work, agreement with HBV 1.0
 * (with γ) when C = 0, and identical results for any thread count.
 */
class Hbv11pModelTest {
    private static final int NB = 2;
    private static final int WARM = 30;
    private static final int WIN = 150;
    /** First row of the sample file: a start in late autumn, so the window has snow and melt. */
    private static final int[] START = {300, 2100};

    private static float[] forcing(int nB, int days) throws Exception {
        List<double[]> rows = new SampleForcing().rows;
        float[] f = new float[days * nB * 3];
        for (int d = 0; d < days; d++) {
            for (int b = 0; b < nB; b++) {
                double[] r = rows.get(START[b % START.length] + d);
                for (int k = 0; k < 3; k++) {
                    f[(d * nB + b) * 3 + k] = (float) r[3 + k];
                }
            }
        }
        return f;
    }

    private static float[] values(ConceptualModel m, int nB, int days, long seed, float lo, float hi) {
        Random r = new Random(seed);
        float[] u = new float[days * nB * m.rowWidth()];
        for (int i = 0; i < u.length; i++) {
            u[i] = lo + (hi - lo) * r.nextFloat();
        }
        return u;
    }

    /** Σ w·routed Q in double. */
    private static double loss(ConceptualModel.Kernel k, float[] f, float[] u, ParameterDays pd, float[] w) {
        k.forward(f, u, pd);
        float[] q = k.discharge();
        double s = 0;
        for (int i = 0; i < q.length; i++) {
            s += (double) w[i] * q[i];
        }
        return s;
    }

    private static void checkGradient(Hbv11pModel m) throws Exception {
        int days = WARM + WIN;
        float[] f = forcing(NB, days);
        float[] u = values(m, NB, days, 5, 0.15f, 0.85f);
        ParameterDays pd = ParameterDays.training(WARM, WIN);
        Random r = new Random(9);
        float[] w = new float[WIN * NB];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextFloat();
        }
        try (ConceptualModel.Kernel k = m.newKernel(NB, WARM, WIN, 1, false)) {
            loss(k, f, u, pd, w);
            float[] g = new float[u.length];
            k.backward(w, g);
            for (int dir = 0; dir < 6; dir++) {
                float[] v = new float[u.length];
                double analytic = 0;
                int warmRow = pd.warmupDay() * NB * m.rowWidth();
                int tt = HbvParameter.TT.ordinal() * m.components();
                for (int i = 0; i < v.length; i++) {
                    // the warm-up runs without gradient (as in the reference): its row is held fixed; TT moves the
                    // rain/snow switch, a jump that carries no gradient by convention: held fixed too
                    boolean warm = i >= warmRow && i < warmRow + NB * m.rowWidth();
                    int col = i % m.rowWidth();
                    boolean isTt = col >= tt && col < tt + m.components();
                    v[i] = warm || isTt ? 0f : r.nextBoolean() ? 1f : -1f;
                    analytic += (double) g[i] * v[i];
                }
                double eps = 5e-4;
                float[] up = u.clone();
                float[] dn = u.clone();
                for (int i = 0; i < v.length; i++) {
                    up[i] += (float) (eps * v[i]);
                    dn[i] -= (float) (eps * v[i]);
                }
                double fd = (loss(k, f, up, pd, w) - loss(k, f, dn, pd, w)) / (2 * eps);
                assertThat(analytic).as("direction " + dir + ": adjoint " + analytic + " vs finite differences " + fd)
                        .isCloseTo(fd, org.assertj.core.data.Offset.offset(0.03 * Math.abs(fd) + 1e-2));
            }
        }
    }

    @Test
    void adjointMatchesFiniteDifferencesStatic() throws Exception {
        checkGradient(new Hbv11pModel(List.of(), 2, true));
    }

    @Test
    void adjointMatchesFiniteDifferencesDynamicBetaGammaAndC() throws Exception {
        checkGradient(new Hbv11pModel(List.of("BETA", "BETAET", "C"), 2, true));
    }

    @Test
    void waterBalanceClosesEveryDayAndCapillaryRiseWorks() throws Exception {
        Hbv11pModel m = new Hbv11pModel(List.of("BETA"), 3, true);
        int days = WARM + WIN;
        float[] f = forcing(NB, days);
        float[] u = values(m, NB, days, 3, 0.1f, 0.9f);
        try (ConceptualModel.Kernel k = m.newKernel(NB, WARM, WIN, 1, true)) {
            k.forward(f, u, ParameterDays.training(WARM, WIN));
            double capSum = 0;
            for (int b = 0; b < NB; b++) {
                for (int t = 1; t < WIN; t++) {
                    int i = t * NB + b;
                    int j = (t - 1) * NB + b;
                    double stored = 0;
                    for (String s : List.of("SNOWPACK", "MELTWATER", "SM", "SUZ", "SLZ")) {
                        stored += (double) k.output(s)[i] - k.output(s)[j];
                    }
                    double p = f[((WARM + t) * NB + b) * 3];
                    double balance = p - k.output("ET")[i] - k.output("Q")[i];
                    // floors at 1e-5 mm may add at most 3e-5 mm a day
                    assertThat(stored).as("basin " + b + " day " + t).isCloseTo(balance,
                            org.assertj.core.data.Offset.offset(2e-3 + 3e-5));
                    capSum += k.output("CAPILLARY")[i];
                }
            }
            assertThat(capSum).as("capillary rise happens").isGreaterThan(0.1);
        }
    }

    @Test
    void withoutCapillaryRiseItIsHbv10WithGamma() throws Exception {
        Hbv11pModel m = new Hbv11pModel(List.of(), 2, true);
        int days = WARM + WIN;
        float[] f = forcing(NB, days);
        float[] u = values(m, NB, days, 4, 0.2f, 0.8f);
        HbvConfig cfg = new HbvConfig(13, new boolean[13], 2, true, false);
        HbvModel h = new HbvModel(cfg);
        float[] u10 = new float[days * NB * h.rowWidth()];
        for (int row = 0; row < days * NB; row++) {
            // the same 13 parameters and routing columns; C = 0
            System.arraycopy(u, row * m.rowWidth(), u10, row * h.rowWidth(), 13 * 2);
            System.arraycopy(u, row * m.rowWidth() + 14 * 2, u10, row * h.rowWidth() + 13 * 2, 2);
            u[row * m.rowWidth() + 13 * 2] = 0f;
            u[row * m.rowWidth() + 13 * 2 + 1] = 0f;
        }
        ParameterDays pd = ParameterDays.training(WARM, WIN);
        try (ConceptualModel.Kernel k = m.newKernel(NB, WARM, WIN, 1, false);
                ConceptualModel.Kernel k10 = h.newKernel(NB, WARM, WIN, 1, false)) {
            k.forward(f, u, pd);
            k10.forward(f, u10, pd);
            float[] a = k.discharge();
            float[] b = k10.discharge();
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).as("day·basin " + i).isCloseTo(b[i], org.assertj.core.data.Offset.offset(
                        1e-4f + 1e-4f * Math.abs(b[i])));
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        Hbv11pModel m = new Hbv11pModel(List.of("BETA"), 2, true);
        int nB = 5;
        int days = WARM + WIN;
        float[] f = forcing(nB, days);
        float[] u = values(m, nB, days, 6, 0.1f, 0.9f);
        float[] w = new float[WIN * nB];
        java.util.Arrays.fill(w, 1f);
        ParameterDays pd = ParameterDays.training(WARM, WIN);
        try (ConceptualModel.Kernel one = m.newKernel(nB, WARM, WIN, 1, false);
                ConceptualModel.Kernel three = m.newKernel(nB, WARM, WIN, 3, false)) {
            one.forward(f, u, pd);
            three.forward(f, u, pd);
            assertThat(three.discharge()).containsExactly(one.discharge());
            float[] g1 = new float[u.length];
            float[] g3 = new float[u.length];
            one.backward(w, g1);
            three.backward(w, g3);
            assertThat(g3).containsExactly(g1);
        }
    }
}
