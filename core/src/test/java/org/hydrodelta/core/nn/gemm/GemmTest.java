package org.hydrodelta.core.nn.gemm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class GemmTest {
    private static final WorkerPool POOL2 = new WorkerPool(2);
    private static final WorkerPool POOL3 = new WorkerPool(3);

    @AfterAll
    static void close() {
        POOL2.close();
        POOL3.close();
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Double-precision reference of C (+)= op(A)·op(B). */
    private static double[] reference(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b, float[] c0,
                                      boolean acc) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = acc ? c0[i * n + j] : 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a[p * m + i] : a[i * k + p];
                    double bv = tb ? b[j * k + p] : b[p * n + j];
                    s += av * bv;
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static void assertClose(float[] actual, double[] expected, int k) {
        double tol = 1e-5 * Math.sqrt(k) + 1e-5;
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i],
                    org.assertj.core.data.Offset.offset(tol * Math.max(1, Math.abs(expected[i]))));
        }
    }

    @Test
    void matchesDoubleReferenceForAllTransposesAndRaggedShapes() {
        matchesDoubleReference(new Gemm(POOL2));
        matchesDoubleReference(new Gemm(POOL2, false));
    }

    private static void matchesDoubleReference(Gemm gemm) {
        int[][] shapes = {{1, 1, 1}, {7, 19, 5}, {13, 17, 300}, {100, 40, 38}, {61, 40, 257}, {70, 33, 530},
                {5, 9, 4500}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                float[] a = random(m * k, 1 + t);
                float[] b = random(k * n, 2 + t);
                float[] c0 = random(m * n, 3 + t);
                for (boolean acc : new boolean[] {false, true}) {
                    float[] c = c0.clone();
                    gemm.multiply(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, c, 0, n, acc);
                    assertClose(c, reference(ta, tb, m, n, k, a, b, c0, acc), k);
                }
            }
        }
    }

    @Test
    void respectsOffsetsAndStridesOfSubmatrices() {
        int m = 9;
        int n = 20;
        int k = 11;
        int lda = k + 3;
        int ldb = n + 5;
        int ldc = n + 2;
        float[] a = random(4 + m * lda, 7);
        float[] b = random(2 + k * ldb, 8);
        float[] c = new float[1 + m * ldc];
        float sentinel = 42f;
        java.util.Arrays.fill(c, sentinel);
        Gemm.multiplySerial(new GemmWorkspace(), false, false, m, n, k, a, 4, lda, b, 2, ldb, c, 1, ldc, false);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < ldc; j++) {
                float v = c[1 + i * ldc + j];
                if (j >= n) {
                    assertThat(v).as("padding column untouched").isEqualTo(sentinel);
                } else {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += (double) a[4 + i * lda + p] * b[2 + p * ldb + j];
                    }
                    assertThat((double) v).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-4));
                }
            }
        }
        assertThat(c[0]).isEqualTo(sentinel);
    }

    @Test
    void nativeProductsRespectOffsetsStridesAndTransposes() {
        int m = 9;
        int n = 20;
        int k = 600;
        int lda = m + 3; // A stored k×m (transposed)
        int ldb = k + 5; // B stored n×k (transposed)
        int ldc = n + 2;
        float[] a = random(4 + k * lda, 17);
        float[] b = random(2 + n * ldb, 18);
        float[] c0 = random(1 + m * ldc, 19);
        for (boolean acc : new boolean[] {false, true}) {
            float[] c = c0.clone();
            Gemm.multiplySerial(new GemmWorkspace(), true, true, m, n, k, a, 4, lda, b, 2, ldb, c, 1, ldc, acc);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < ldc; j++) {
                    float v = c[1 + i * ldc + j];
                    if (j >= n) {
                        assertThat(v).as("padding column untouched").isEqualTo(c0[1 + i * ldc + j]);
                    } else {
                        double s = acc ? c0[1 + i * ldc + j] : 0;
                        for (int p = 0; p < k; p++) {
                            s += (double) a[4 + p * lda + i] * b[2 + j * ldb + p];
                        }
                        assertThat((double) v).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-3));
                    }
                }
            }
            assertThat(c[0]).isEqualTo(c0[0]);
        }
    }

    @Test
    void packedOperandMatchesUnpackedOnEitherEngine() {
        int m = 50;
        int n = 200;
        int k = 300;
        float[] a = random(m * k, 11);
        float[] w = random(n * k, 12);
        float[] unpacked = new float[m * n];
        new Gemm(POOL2).multiply(false, true, m, n, k, a, 0, k, w, 0, k, unpacked, 0, n, false);
        PackedMatrix p = new PackedMatrix().pack(true, w, 0, k, k, n);
        float[] packed = new float[m * n];
        Gemm.multiplySerial(new GemmWorkspace(), false, m, a, 0, k, p, packed, 0, n, false);
        assertClose(packed, reference(false, true, m, n, k, a, w, null, false), k);
        assertClose(unpacked, reference(false, true, m, n, k, a, w, null, false), k);
    }

    @Test
    void nativeResultsRepeatBitForBitForAFixedThreadCount() {
        int m = 300;
        int n = 70;
        int k = 600;
        float[] a = random(k * m, 31);
        float[] b = random(k * n, 32);
        float[] c1 = new float[m * n];
        float[] c2 = new float[m * n];
        new Gemm(POOL3).multiply(true, false, m, n, k, a, 0, m, b, 0, n, c1, 0, n, false);
        new Gemm(POOL3).multiply(true, false, m, n, k, a, 0, m, b, 0, n, c2, 0, n, false);
        assertThat(c2).containsExactly(c1);
    }

    @Test
    void packedOperandGivesBitIdenticalResultToUnpacked() {
        int m = 50;
        int n = 200;
        int k = 300;
        float[] a = random(m * k, 11);
        float[] w = random(n * k, 12); // stored n×k, used transposed like an LSTM weight
        float[] c1 = new float[m * n];
        float[] c2 = new float[m * n];
        new Gemm(POOL2, false).multiply(false, true, m, n, k, a, 0, k, w, 0, k, c1, 0, n, false);
        PackedMatrix p = new PackedMatrix().pack(true, w, 0, k, k, n);
        Gemm.multiplySerial(new GemmWorkspace(false), false, m, a, 0, k, p, c2, 0, n, false);
        assertThat(c2).containsExactly(c1);
        float[] c3 = new float[m * n];
        new Gemm(POOL3, false).multiply(false, m, a, 0, k, p, c3, 0, n, false);
        assertThat(c3).containsExactly(c1);
    }

    @Test
    void vectorKernelResultDoesNotDependOnThreadCount() {
        int m = 300;
        int n = 70;
        int k = 600;
        float[] a = random(k * m, 21);
        float[] b = random(k * n, 22);
        float[] c1 = new float[m * n];
        float[] c2 = new float[m * n];
        float[] c3 = new float[m * n];
        Gemm.multiplySerial(new GemmWorkspace(false), true, false, m, n, k, a, 0, m, b, 0, n, c1, 0, n, false);
        new Gemm(POOL2, false).multiply(true, false, m, n, k, a, 0, m, b, 0, n, c2, 0, n, false);
        new Gemm(POOL3, false).multiply(true, false, m, n, k, a, 0, m, b, 0, n, c3, 0, n, false);
        assertThat(c2).containsExactly(c1);
        assertThat(c3).containsExactly(c1);
    }
    @Test
    void operandsReadInPlaceGiveTheBitsOfPackedOperands() {
        // the kernel reads a full-height panel of A in place (tileRows, tileCols) and packs only a last panel of
        // fewer than 6 rows; packing every panel, as before, must give the same bits for every transpose, ragged
        // edge, accumulation and a depth of several K blocks
        int[][] shapes = {{7, 19, 5}, {13, 17, 300}, {100, 40, 38}, {61, 40, 257}, {100, 64, 600}, {12, 32, 513}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                float[] a = random(m * k, 31 + t);
                float[] b = random(k * n, 32 + t);
                float[] c0 = random(m * n, 33 + t);
                for (boolean acc : new boolean[] {false, true}) {
                    float[] inPlace = c0.clone();
                    float[] packed = c0.clone();
                    Gemm.multiplySerial(new GemmWorkspace(false), ta, tb, m, n, k, a, 0, ta ? m : k, b, 0,
                            tb ? k : n, inPlace, 0, n, acc);
                    boolean before = Gemm.packEveryPanel;
                    try {
                        Gemm.packEveryPanel = true;
                        Gemm.multiplySerial(new GemmWorkspace(false), ta, tb, m, n, k, a, 0, ta ? m : k, b, 0,
                                tb ? k : n, packed, 0, n, acc);
                    } finally {
                        Gemm.packEveryPanel = before;
                    }
                    assertThat(inPlace).as("%dx%dx%d ta=%s tb=%s acc=%s", m, n, k, ta, tb, acc)
                            .containsExactly(packed);
                }
            }
        }
    }

    @Test
    void weightGradientComputedTransposedGivesTheSameBits() {
        // Gemm.multiply computes AᵀB with m > n as (BᵀA)ᵀ; with accumulation too it must equal the direct serial
        // product bit for bit (a weight gradient added to the gradient of an earlier chunk)
        int m = 200;
        int n = 45;
        int k = 700;
        float[] a = random(k * m, 41);
        float[] b = random(k * n, 42);
        float[] c0 = random(m * n, 43);
        for (boolean acc : new boolean[] {false, true}) {
            float[] serial = c0.clone();
            float[] swapped = c0.clone();
            Gemm.multiplySerial(new GemmWorkspace(false), true, false, m, n, k, a, 0, m, b, 0, n, serial, 0, n, acc);
            new Gemm(POOL2, false).multiply(true, false, m, n, k, a, 0, m, b, 0, n, swapped, 0, n, acc);
            assertThat(swapped).as("accumulate=%s", acc).containsExactly(serial);
            assertClose(swapped, reference(true, false, m, n, k, a, b, c0, acc), k);
        }
    }

    /**
     * The LSTM's weight gradients from one pass (Gemm.weightGradients): GᵀX bit for bit the product multiply() gives,
     * GᵀH' (H shifted by skip rows) against a double reference, the column sums bit for bit a sum in increasing
     * rows, and all of it the same for 1, 2 and 3 threads; ragged shapes, a skip past a K block, no H' rows at all.
     */
    @Test
    void lstmWeightGradientsFromOnePassMatchTheSeparateProducts() {
        // rows, g, nx, nh, skip
        int[][] shapes = {{600, 70, 13, 20, 3}, {257, 64, 38, 10, 100}, {900, 96, 7, 6, 300}, {5, 40, 4, 4, 5},
                {730, 128, 40, 32, 10}};
        for (int[] s : shapes) {
            int rows = s[0];
            int g = s[1];
            int nx = s[2];
            int nh = s[3];
            int skip = s[4];
            float[] gate = random(rows * g, 31);
            float[] x = random(rows * nx, 32);
            float[] h = random(Math.max(0, rows - skip) * nh + 1, 33);
            float[] sums0 = random(g, 34);
            float[][][] out = new float[3][][];
            WorkerPool[] pools = {new WorkerPool(1), POOL2, POOL3};
            for (int v = 0; v < 3; v++) {
                float[] cx = random(g * nx, 35);
                float[] ch = random(g * nh, 36);
                float[] sums = sums0.clone();
                new Gemm(pools[v], false).weightGradients(rows, g, gate, x, nx, h, nh, skip, cx, ch, sums);
                out[v] = new float[][] {cx, ch, sums};
            }
            pools[0].close();
            String shape = java.util.Arrays.toString(s);
            for (int v = 1; v < 3; v++) {
                for (int r = 0; r < 3; r++) {
                    assertThat(out[v][r]).as("%s, result %d, %d threads", shape, r, v + 1).containsExactly(out[0][r]);
                }
            }
            float[] cxRef = new float[g * nx];
            new Gemm(POOL2, false).multiply(true, false, g, nx, rows, gate, 0, g, x, 0, nx, cxRef, 0, nx, false);
            assertThat(out[0][0]).as("%s: GᵀX", shape).containsExactly(cxRef);
            double[] chRef = new double[g * nh];
            for (int r = skip; r < rows; r++) {
                for (int i = 0; i < g; i++) {
                    for (int j = 0; j < nh; j++) {
                        chRef[i * nh + j] += (double) gate[r * g + i] * h[(r - skip) * nh + j];
                    }
                }
            }
            assertClose(out[0][1], chRef, rows);
            float[] sumRef = new float[g];
            for (int j = 0; j < g; j++) {
                float acc = 0f;
                for (int r = 0; r < rows; r++) {
                    acc += gate[r * g + j];
                }
                sumRef[j] = acc + sums0[j];
            }
            assertThat(out[0][2]).as("%s: column sums", shape).containsExactly(sumRef);
        }
    }

    /**
     * A tall product with several K blocks takes each block of rows through all K blocks (Gemm.rowsFirst); the bits
     * must be those of the K blocks outermost, with accumulation, ragged rows and columns, a transposed B and 2
     * threads, and close to the double reference.
     */
    @Test
    void rowsTakenThroughAllKBlocksGiveTheBitsOfKBlocksFirst() {
        int[][] shapes = {{1000, 256, 1024}, {401, 70, 600}, {197, 33, 257}};
        boolean before = Gemm.rowsFirst;
        try {
            for (int[] s : shapes) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                for (boolean tb : new boolean[] {false, true}) {
                    for (boolean acc : new boolean[] {false, true}) {
                        float[] a = random(m * k, 41);
                        float[] b = random(k * n, 42);
                        float[] c0 = random(m * n, 43);
                        float[][] c = {c0.clone(), c0.clone()};
                        for (int v = 0; v < 2; v++) {
                            Gemm.rowsFirst = v == 1;
                            new Gemm(POOL2, false).multiply(false, tb, m, n, k, a, 0, k, b, 0, tb ? k : n, c[v], 0, n,
                                    acc);
                        }
                        assertThat(c[1]).as("%dx%dx%d transB=%s accumulate=%s", m, n, k, tb, acc)
                                .containsExactly(c[0]);
                        assertClose(c[1], reference(false, tb, m, n, k, a, b, c0, acc), k);
                    }
                }
            }
        } finally {
            Gemm.rowsFirst = before;
        }
    }
}
