package org.hydrodelta.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Gradients of the full network (Linear + ReLU → LSTM with DropConnect → Linear) against central finite
 * differences of an independent double-precision forward pass, for the loss L = Σ dOut ⊙ y.
 */
class LstmNetworkGradientTest {
    private static final WorkerPool POOL = new WorkerPool(2);
    private static final int T = 6;
    private static final int B = 3;
    private static final int N_IN = 4;
    private static final int H = 10; // one 8-lane vector plus a scalar tail
    private static final int N_OUT = 3;

    @AfterAll
    static void close() {
        POOL.close();
    }

    private static float[] random(int n, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    private static double referenceLoss(Map<String, double[]> p, float[] maskIh, float[] maskHh, double[] x,
                                        float[] dOut) {
        double[] z = DoubleReference.linear(x, T * B, N_IN, p.get("inputLinear.weight"),
                p.get("inputLinear.bias"), H);
        double[] x0 = DoubleReference.relu(z);
        double[] hs = DoubleReference.lstm(x0, T, B, H, H, DoubleReference.times(p.get("lstm.weight_ih"), maskIh),
                DoubleReference.times(p.get("lstm.weight_hh"), maskHh), p.get("lstm.bias_ih"), p.get("lstm.bias_hh"));
        double[] y = DoubleReference.linear(hs, T * B, H, p.get("outputLinear.weight"),
                p.get("outputLinear.bias"), N_OUT);
        return DoubleReference.dot(y, dOut);
    }

    private static void checkNetwork(boolean training, float[] dOut) {
        LstmNetwork net = new LstmNetwork(N_IN, H, N_OUT, 0.5f, 1234L, new Gemm(POOL));
        // larger weights than the default init so that saturation, ReLU cut-offs and recurrence all matter
        for (Parameter p : net.parameters()) {
            float[] v = random(p.size(), p.name().hashCode(), 0.6);
            p.load(v);
        }
        float[] x = random(T * B * N_IN, 99, 1.5);
        float[] y = net.forward(x, T, B, training);
        net.zeroGrad();
        float[] dx = net.backward(dOut, true).clone();
        float[] maskIh = training ? net.lstm().lastMaskIh() : null;
        float[] maskHh = training ? net.lstm().lastMaskHh() : null;
        if (training) {
            assertThat(maskIh).contains(0f, 2f);
        }

        Map<String, double[]> p = new HashMap<>();
        for (Parameter q : net.parameters()) {
            p.put(q.name(), DoubleReference.toDouble(q.value()));
        }
        double[] xd = DoubleReference.toDouble(x);
        // the float forward must agree with the double reference
        assertThat(DoubleReference.dot(DoubleReference.toDouble(java.util.Arrays.copyOf(y, T * B * N_OUT)), dOut))
                .isCloseTo(referenceLoss(p, maskIh, maskHh, xd, dOut), org.assertj.core.data.Offset.offset(1e-4));

        double eps = 1e-6;
        for (Parameter q : net.parameters()) {
            double[] v = p.get(q.name());
            for (int i = 0; i < v.length; i++) {
                double keep = v[i];
                v[i] = keep + eps;
                double up = referenceLoss(p, maskIh, maskHh, xd, dOut);
                v[i] = keep - eps;
                double down = referenceLoss(p, maskIh, maskHh, xd, dOut);
                v[i] = keep;
                double fd = (up - down) / (2 * eps);
                assertThat((double) q.grad()[i]).as("%s[%d]", q.name(), i)
                        .isCloseTo(fd, org.assertj.core.data.Offset.offset(2e-4 + 1e-3 * Math.abs(fd)));
            }
        }
        for (int i = 0; i < xd.length; i++) {
            double keep = xd[i];
            xd[i] = keep + eps;
            double up = referenceLoss(p, maskIh, maskHh, xd, dOut);
            xd[i] = keep - eps;
            double down = referenceLoss(p, maskIh, maskHh, xd, dOut);
            xd[i] = keep;
            double fd = (up - down) / (2 * eps);
            assertThat((double) dx[i]).as("dInput[%d]", i)
                    .isCloseTo(fd, org.assertj.core.data.Offset.offset(2e-4 + 1e-3 * Math.abs(fd)));
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesWithLossAtEveryStepInEvalMode() {
        checkNetwork(false, random(T * B * N_OUT, 5, 1.0));
    }

    @Test
    void gradientsMatchFiniteDifferencesWithDropConnectMasks() {
        checkNetwork(true, random(T * B * N_OUT, 6, 1.0));
    }

    @Test
    void gradientsMatchFiniteDifferencesWhenLossEntersOnlyAtSomeSteps() {
        float[] dOut = new float[T * B * N_OUT];
        float[] dense = random(T * B * N_OUT, 7, 1.0);
        // dynamic-parameter channel 0 at every step, all channels at the last step (static parameters)
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                int o = (t * B + b) * N_OUT;
                dOut[o] = dense[o];
                if (t == T - 1) {
                    System.arraycopy(dense, o, dOut, o, N_OUT);
                }
            }
        }
        checkNetwork(true, dOut);
    }

    @Test
    void parametersHavePyTorchNamesShapesAndInitBounds() {
        LstmNetwork net = new LstmNetwork(38, 256, 210, 0.5f, 111111L, new Gemm(POOL));
        List<Parameter> ps = net.parameters();
        assertThat(ps).extracting(Parameter::name).containsExactly("inputLinear.weight", "inputLinear.bias",
                "lstm.weight_ih", "lstm.weight_hh", "lstm.bias_ih", "lstm.bias_hh",
                "outputLinear.weight", "outputLinear.bias");
        assertThat(ps.get(2).shape()).containsExactly(1024, 256);
        assertThat(ps.get(6).shape()).containsExactly(210, 256);
        int total = ps.stream().mapToInt(Parameter::size).sum();
        assertThat(total).isEqualTo(38 * 256 + 256 + 2 * 4 * 256 * 256 + 2 * 4 * 256 + 256 * 210 + 210);
        double inBound = 1 / Math.sqrt(38);
        double lstmBound = 1 / Math.sqrt(256);
        for (Parameter p : ps) {
            double bound = p.name().startsWith("inputLinear") ? inBound : lstmBound; // out Linear fan_in = 256 too
            double max = 0;
            for (float v : p.value()) {
                max = Math.max(max, Math.abs(v));
            }
            assertThat(max).as(p.name()).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
        }
    }

    @Test
    void anOutputLayerFromALaterStepGivesTheSameOutputsAndGradientsAsTheFullPass() {
        int first = 2;
        float[] x = random(T * B * N_IN, 99, 1.5);
        float[] dOut = random(T * B * N_OUT, 5, 1.0);
        java.util.Arrays.fill(dOut, 0, first * B * N_OUT, 0f);
        float[][] out = new float[2][];
        float[][][] grads = new float[2][][];
        for (int v = 0; v < 2; v++) {
            LstmNetwork net = new LstmNetwork(N_IN, H, N_OUT, 0.5f, 1234L, new Gemm(POOL));
            for (Parameter p : net.parameters()) {
                p.load(random(p.size(), p.name().hashCode(), 0.6));
            }
            out[v] = net.forward(x, T, B, true, v == 0 ? 0 : first).clone();
            net.backward(dOut, false);
            grads[v] = net.parameters().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
        }
        int skipped = first * B * N_OUT;
        for (int i = 0; i < out[0].length; i++) {
            if (i < skipped) {
                assertThat(out[1][i]).as("skipped output %d", i).isZero();
            } else {
                assertThat(out[1][i]).as("output %d", i).isEqualTo(out[0][i]);
            }
        }
        for (int p = 0; p < grads[0].length; p++) {
            for (int i = 0; i < grads[0][p].length; i++) {
                assertThat((double) grads[1][p][i]).as("gradient %d[%d]", p, i)
                        .isCloseTo(grads[0][p][i], org.assertj.core.data.Offset.offset(1e-6 + 1e-5 * Math.abs(
                                grads[0][p][i])));
            }
        }
        assertThat(java.util.Arrays.stream(grads[1]).anyMatch(g -> java.util.Arrays.stream(box(g))
                .anyMatch(v -> v != 0f))).isTrue();
    }

    /**
     * The δ model's selection (every column on some steps, a few columns on the others) gives the full pass's values
     * where it computes them, zeros elsewhere, and the full pass's gradients for an output gradient that is zero
     * where nothing was computed; with 2 threads, non-adjacent columns and a full step in the middle.
     */
    @Test
    void anOutputLayerThatComputesSomeColumnsOnSomeStepsGivesTheFullPassValuesAndGradients() {
        int nOut = 7;
        int first = 1;
        int[] full = {1, 3, 5};
        int[] columns = {0, 1, 5};
        float[] x = random(T * B * N_IN, 99, 1.5);
        float[] dOut = gradientOfWhatIsRead(nOut, first, full, columns);
        float[][] out = new float[2][];
        float[][][] grads = new float[2][][];
        float[][] dx = new float[2][];
        for (int v = 0; v < 2; v++) {
            LstmNetwork net = new LstmNetwork(N_IN, H, nOut, 0.5f, 1234L, new Gemm(POOL));
            for (Parameter p : net.parameters()) {
                p.load(random(p.size(), p.name().hashCode(), 0.6));
            }
            OutputRows read = v == 0 ? OutputRows.from(0) : new OutputRows(first, full, columns);
            out[v] = net.forward(x, T, B, true, read).clone();
            dx[v] = net.backward(dOut, true).clone();
            grads[v] = net.parameters().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
        }
        int computed = 0;
        for (int i = 0; i < out[0].length; i++) {
            if (dOut[i] != 0f) {
                assertThat(out[1][i]).as("output %d", i).isEqualTo(out[0][i]);
                computed++;
            } else if (out[1][i] != 0f) {
                // an output that is read may still have a zero gradient by chance: never here (random dOut)
                assertThat(out[1][i]).as("output %d, not read", i).isEqualTo(out[0][i]);
            }
        }
        // steps 1, 3, 5 in full (3 steps × 3 samples × 7), steps 2 and 4 in three columns
        assertThat(computed).isEqualTo(3 * B * nOut + 2 * B * 3);
        assertThat(out[1][2 * B * nOut + 2]).as("a column not read on a partial step").isZero();
        for (int p = 0; p < grads[0].length; p++) {
            for (int i = 0; i < grads[0][p].length; i++) {
                assertThat((double) grads[1][p][i]).as("gradient %d[%d]", p, i)
                        .isCloseTo(grads[0][p][i], org.assertj.core.data.Offset.offset(1e-6 + 1e-6 * Math.abs(
                                grads[0][p][i])));
            }
        }
        for (int i = 0; i < dx[0].length; i++) {
            assertThat((double) dx[1][i]).as("input gradient %d", i)
                    .isCloseTo(dx[0][i], org.assertj.core.data.Offset.offset(1e-6 + 1e-6 * Math.abs(dx[0][i])));
        }
    }

    /**
     * The selected columns' outputs handed out compactly ({@link LstmNetwork#selectedOutputs()}) are y's, and their
     * gradients taken compactly from a row on ({@link LstmNetwork#selectedGradients(int)}) give every weight, bias and
     * input gradient of the same gradients in dOut's rows, bit for bit; dOut's selected columns on those rows are
     * ignored (NaN there), also on the full steps among them, whose input gradient is one product over all columns.
     */
    @Test
    void compactGradientsOfTheSelectedColumnsGiveTheBitsOfTheOutputGradientsRows() {
        int nOut = 7;
        int first = 1;
        int[] full = {1, 3, 5};
        int[] columns = {0, 1, 5};
        int fromStep = 2;
        float[] x = random(T * B * N_IN, 99, 1.5);
        float[] dOut = gradientOfWhatIsRead(nOut, first, full, columns);
        float[][] out = new float[2][];
        float[][][] grads = new float[2][][];
        float[][] dx = new float[2][];
        int ns = columns.length;
        for (int v = 0; v < 2; v++) {
            LstmNetwork net = new LstmNetwork(N_IN, H, nOut, 0.5f, 1234L, new Gemm(POOL));
            for (Parameter p : net.parameters()) {
                p.load(random(p.size(), p.name().hashCode(), 0.6));
            }
            out[v] = net.forward(x, T, B, true, new OutputRows(first, full, columns)).clone();
            float[] sel = net.selectedOutputs();
            for (int r = first * B; r < T * B; r++) {
                for (int j = 0; j < ns; j++) {
                    assertThat(sel[(r - first * B) * ns + j]).as("compact output row %d column %d", r, columns[j])
                            .isEqualTo(out[v][r * nOut + columns[j]]);
                }
            }
            float[] d = dOut.clone();
            if (v == 1) {
                float[] g = net.selectedGradients(fromStep * B);
                for (int r = fromStep * B; r < T * B; r++) {
                    for (int j = 0; j < ns; j++) {
                        g[(r - first * B) * ns + j] += d[r * nOut + columns[j]];
                        d[r * nOut + columns[j]] = Float.NaN;
                    }
                }
            }
            dx[v] = net.backward(d, true).clone();
            grads[v] = net.parameters().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
        }
        assertThat(out[1]).isEqualTo(out[0]);
        for (int p = 0; p < grads[0].length; p++) {
            assertThat(grads[1][p]).as("gradient %d", p).isEqualTo(grads[0][p]);
        }
        assertThat(dx[1]).as("input gradient").isEqualTo(dx[0]);
        assertThat(dx[1]).as("input gradient").doesNotContain(Float.NaN);
    }

    /** A seeded output gradient, zero where {@code new OutputRows(first, full, columns)} computes nothing. */
    private static float[] gradientOfWhatIsRead(int nOut, int first, int[] full, int[] columns) {
        float[] dOut = random(T * B * nOut, 5, 1.0);
        for (int t = 0; t < T; t++) {
            boolean fullStep = java.util.Arrays.binarySearch(full, t) >= 0;
            for (int i = 0; i < B * nOut; i++) {
                boolean read = t >= first && (fullStep || java.util.Arrays.binarySearch(columns, i % nOut) >= 0);
                if (!read) {
                    dOut[t * B * nOut + i] = 0f;
                }
            }
        }
        return dOut;
    }

    private static Float[] box(float[] a) {
        Float[] b = new Float[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        return b;
    }
}
