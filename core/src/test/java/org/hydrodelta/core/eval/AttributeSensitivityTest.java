package org.hydrodelta.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hydrodelta.core.hbv.HbvConfig;
import org.hydrodelta.core.hbv.HbvParameter;
import org.hydrodelta.core.loss.RmseCombLoss;
import org.hydrodelta.core.model.Batch;
import org.hydrodelta.core.model.DeltaModel;
import org.hydrodelta.core.model.LearnedParameters;
import org.hydrodelta.core.model.LstmModel;
import org.hydrodelta.core.nn.Activations;
import org.hydrodelta.core.nn.LstmNetwork;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.hydrodelta.core.progress.CancellationToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backward-pass sensitivities of a small randomly initialised δ model against central finite differences of
 * the parameters recomputed through the evaluation path (network inference, sigmoid, component mean), with one
 * normalised attribute of one basin perturbed on every day.
 */
class AttributeSensitivityTest {
    private static final WorkerPool POOL = new WorkerPool(2);
    private static final int DAYS = 40;
    private static final int BATCH = 3;
    private static final int N_FORCINGS = 3;
    private static final int N_ATTR = 5;
    private static final int N_IN = N_FORCINGS + N_ATTR;
    /** Finite-difference step in normalised attribute units. */
    private static final float H = 1e-2f;
    private static final AttributeSensitivity.Rows ROWS = new AttributeSensitivity.Rows(29, 22, 40);

    @TempDir
    Path tmp;

    @AfterAll
    static void close() {
        POOL.close();
    }

    /** Normalised inputs: random forcings a day, attributes constant over time per basin. */
    private static float[] inputs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] attr = new float[BATCH][N_ATTR];
        for (float[] a : attr) {
            for (int j = 0; j < N_ATTR; j++) {
                a[j] = (float) r.nextGaussian();
            }
        }
        float[] x = new float[DAYS * BATCH * N_IN];
        for (int t = 0; t < DAYS; t++) {
            for (int k = 0; k < BATCH; k++) {
                int o = (t * BATCH + k) * N_IN;
                for (int f = 0; f < N_FORCINGS; f++) {
                    x[o + f] = (float) r.nextGaussian();
                }
                System.arraycopy(attr[k], 0, x, o + N_FORCINGS, N_ATTR);
            }
        }
        return x;
    }

    /**
     * Sets the input layer's biases so that every ReLU unit is on (odd units off) on every day with a margin of 0.5,
     * far more than an attribute step of ±h moves it: a unit switching inside the step would make the central
     * difference straddle a kink, and at float32 no step is both small enough to avoid kinks and large enough to
     * rise above rounding. Half the units stay off, so the backward pass through the ReLU's zero side is exercised.
     */
    private static void keepReluAwayFromItsKink(LstmNetwork net, float[] x) {
        org.hydrodelta.core.nn.Parameter w = net.parameters().get(0);
        org.hydrodelta.core.nn.Parameter b = net.parameters().get(1);
        assertThat(w.name()).isEqualTo("inputLinear.weight");
        int hidden = b.size();
        float[] bias = new float[hidden];
        for (int i = 0; i < hidden; i++) {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            double reach = 0;
            for (int a = 0; a < N_ATTR; a++) {
                reach = Math.max(reach, Math.abs(w.value()[i * N_IN + N_FORCINGS + a]) * H);
            }
            for (int r = 0; r < DAYS * BATCH; r++) {
                double z = 0;
                for (int j = 0; j < N_IN; j++) {
                    z += w.value()[i * N_IN + j] * x[r * N_IN + j];
                }
                lo = Math.min(lo, z);
                hi = Math.max(hi, z);
            }
            assertThat(reach).isLessThan(0.1);
            bias[i] = (float) (i % 2 == 0 ? 0.5 - lo : -0.5 - hi);
        }
        b.load(bias);
    }

    /** Raw HBV forcing (P, T, PET), for the check that the reference parameters are the model's own. */
    private static float[] forcing() {
        SplittableRandom r = new SplittableRandom(5);
        float[] f = new float[DAYS * BATCH * 3];
        for (int i = 0; i < DAYS * BATCH; i++) {
            f[3 * i] = (float) (r.nextDouble() < 0.4 ? 10 * r.nextDouble() : 0);
            f[3 * i + 1] = (float) (r.nextDouble() * 20 - 5);
            f[3 * i + 2] = (float) (1 + 3 * r.nextDouble());
        }
        return f;
    }

    /**
     * Parameters as fractions of their range through the inference path, in double after the network.
     *
     * @return {@code [basin][parameter]}
     */
    private static double[][] fractions(LstmNetwork net, HbvConfig hbv, float[] input) {
        float[] raw = net.infer(input, DAYS, BATCH, 16, null);
        int ny = hbv.rowWidth();
        double[][] out = new double[BATCH][hbv.nParams()];
        for (int k = 0; k < BATCH; k++) {
            for (int p = 0; p < hbv.nParams(); p++) {
                boolean dyn = hbv.isDynamic(p);
                int t0 = dyn ? ROWS.dynamicFrom() : ROWS.staticRow();
                int t1 = dyn ? ROWS.dynamicTo() : ROWS.staticRow() + 1;
                double sum = 0;
                for (int t = t0; t < t1; t++) {
                    for (int m = 0; m < hbv.nmul(); m++) {
                        sum += Activations.sigmoid(raw[(t * BATCH + k) * ny + p * hbv.nmul() + m]);
                    }
                }
                out[k][p] = sum / ((t1 - t0) * hbv.nmul());
            }
        }
        return out;
    }

    private static void checkAgainstFiniteDifferences(HbvConfig hbv) {
        try (DeltaModel model = new DeltaModel(new org.hydrodelta.core.hbv.HbvModel(hbv), N_IN, 12, 0.5f, 21L, new Gemm(POOL), BATCH, 0, DAYS,
                new RmseCombLoss(), 1)) {
            LstmNetwork net = model.network();
            // larger weights than the default initialisation, so the parameters actually depend on the attributes
            SplittableRandom r = new SplittableRandom(3);
            for (org.hydrodelta.core.nn.Parameter p : net.parameters()) {
                float[] v = p.value().clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] *= 2.5f;
                }
                p.load(v);
            }
            float[] x = inputs(r.nextLong());
            keepReluAwayFromItsKink(net, x);

            // the reference parameters are the model's own: DeltaModel.simulate gives the same values
            Map<String, float[]> sim = model.simulate(new Batch(BATCH, 0, DAYS, new int[BATCH], x, forcing(),
                    new float[DAYS * BATCH]), ROWS.staticRow());
            double[][] base = fractions(net, hbv, x);
            for (int p = 0; p < hbv.nParams(); p++) {
                HbvParameter par = HbvParameter.values()[p];
                float[] v = sim.get(LearnedParameters.PREFIX + par.name());
                for (int k = 0; k < BATCH; k++) {
                    double mean = 0;
                    int t0 = hbv.isDynamic(p) ? ROWS.dynamicFrom() : ROWS.staticRow();
                    int t1 = hbv.isDynamic(p) ? ROWS.dynamicTo() : ROWS.staticRow() + 1;
                    for (int t = t0; t < t1; t++) {
                        mean += v[t * BATCH + k];
                    }
                    mean /= t1 - t0;
                    assertThat((mean - par.lo()) / (par.hi() - par.lo())).as(par + " of basin " + k)
                            .isCloseTo(base[k][p], org.assertj.core.data.Offset.offset(2e-6));
                }
            }

            // 5 samples a pass: passes cut across basins and parameters
            float[][][] g = AttributeSensitivity.gradients(net, new org.hydrodelta.core.hbv.HbvModel(hbv), x, DAYS, BATCH, N_FORCINGS, ROWS, 5,
                    CancellationToken.NONE);
            assertThat(net.parameters().get(0).grad()).as("weight gradients are left zeroed").containsOnly(0f);
            // the same with everything in one pass
            float[][][] one = AttributeSensitivity.gradients(net, new org.hydrodelta.core.hbv.HbvModel(hbv), x, DAYS, BATCH, N_FORCINGS, ROWS, 64,
                    CancellationToken.NONE);
            double largest = 0;
            int checked = 0;
            for (int k = 0; k < BATCH; k++) {
                for (int a = 0; a < N_ATTR; a++) {
                    double[][] fd = centralDifference(net, hbv, x, k, a, H, base);
                    for (int p = 0; p < hbv.nParams(); p++) {
                        assertThat((double) g[k][p][a]).as("d %s / d attribute %d of basin %d",
                                HbvParameter.values()[p], a, k).isCloseTo(fd[k][p], org.assertj.core.data.Offset
                                        .offset(2e-5 + 2e-3 * Math.abs(fd[k][p])));
                        assertThat(one[k][p][a]).isCloseTo(g[k][p][a], org.assertj.core.data.Offset.offset(
                                1e-6f + 1e-5f * Math.abs(g[k][p][a])));
                        largest = Math.max(largest, Math.abs(fd[k][p]));
                        checked++;
                    }
                }
            }
            assertThat(checked).isEqualTo(BATCH * N_ATTR * hbv.nParams());
            assertThat(largest).as("the check is not vacuous").isGreaterThan(1e-2);
        }
    }

    /**
     * Central differences of every basin's parameters when one basin's attribute changes by ±h on every day.
     *
     * @return {@code [basin][parameter]}
     */
    private static double[][] centralDifference(LstmNetwork net, HbvConfig hbv, float[] x, int k, int a, float h,
            double[][] base) {
        float[] up = x.clone();
        float[] down = x.clone();
        float x0 = x[k * N_IN + N_FORCINGS + a];
        for (int t = 0; t < DAYS; t++) {
            up[(t * BATCH + k) * N_IN + N_FORCINGS + a] = x0 + h;
            down[(t * BATCH + k) * N_IN + N_FORCINGS + a] = x0 - h;
        }
        double step = (double) (x0 + h) - (double) (x0 - h);
        double[][] pu = fractions(net, hbv, up);
        double[][] pd = fractions(net, hbv, down);
        double[][] out = new double[BATCH][hbv.nParams()];
        for (int j = 0; j < BATCH; j++) {
            for (int p = 0; p < hbv.nParams(); p++) {
                out[j][p] = (pu[j][p] - pd[j][p]) / step;
                if (j != k) {
                    // every other basin is untouched by this basin's attribute
                    assertThat(pu[j][p]).isEqualTo(base[j][p]);
                }
            }
        }
        return out;
    }

    @Test
    void dynamicModelMatchesFiniteDifferences() {
        checkAgainstFiniteDifferences(HbvConfig.dynamicBetaGamma(3));
    }

    @Test
    void staticModelMatchesFiniteDifferences() {
        checkAgainstFiniteDifferences(HbvConfig.staticTwelve(2));
    }

    @Test
    void onlyDeltaModelsHaveSensitivities() {
        try (LstmModel lstm = new LstmModel(N_IN, 4, 0f, 1L, new Gemm(POOL), new RmseCombLoss())) {
            assertThat(AttributeSensitivity.compute(lstm, null, null, new int[] {0}, null,
                    null, null, CancellationToken.NONE)).isEmpty();
        }
    }

    @Test
    void tableWritesAndReadsBackExactly() throws Exception {
        float[][][] v = {{{0.1f, -2.5e-7f, Float.NaN}, {1f / 3, 0f, -0.25f}}, {{7f, 8f, 9f}, {1e-12f, -1f, 2f}}};
        AttributeSensitivity.Table t = new AttributeSensitivity.Table(List.of("01013500", "12010000"),
                List.of("BETA", "FC"), List.of("p_mean", "slope_mean", "frac_forest"), v);
        Path csv = ResultsWriter.writeSensitivity(tmp, t);
        assertThat(csv.getFileName().toString()).isEqualTo(AttributeSensitivity.FILE_NAME);
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertThat(lines).hasSize(1 + 2 * 2 * 3);
        assertThat(lines.get(0)).isEqualTo("basin_id,parameter,attribute,value");
        assertThat(lines.get(2)).isEqualTo("01013500,BETA,slope_mean,-2.5E-7");
        assertThat(lines.get(3)).isEqualTo("01013500,BETA,frac_forest,");
        assertThat(ResultsReader.readSensitivity(csv)).isEqualTo(t);
        assertThat(t.basin("12010000")).hasValueSatisfying(m -> assertThat(m[1][2]).isEqualTo(2f));
        assertThat(t.basin("nope")).isEmpty();
        float[][] mean = t.meanOverBasins(false);
        assertThat(mean[0][0]).isCloseTo(3.55f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(mean[0][2]).as("NaN left out").isEqualTo(9f);
        assertThat(t.meanOverBasins(true)[1][2]).isCloseTo(1.125f, org.assertj.core.data.Offset.offset(1e-6f));
    }
}
