package org.hydrodelta.core.nn.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Column sums of a row-major [rows][cols] buffer, the bias gradients of the network's layers: each column summed
 * from zero in increasing row order and then added to its total, so the result does not depend on how the columns
 * are split between threads ({@code RowOps.addColumnSums} splits them, {@link Gemm#weightGradients} sums on the
 * calling thread).
 */
public final class ColumnSums {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int VL = S.length();
    /** Columns summed per pass (a multiple of any vector length; 4 kB of sums). */
    private static final int CHUNK = 1024;

    private ColumnSums() {
    }

    /**
     * out[j] = (Σ_r x[xOff + r·cols + j]) + out[j] for columns j in [j0, j1), the sum over r = 0 … rows−1 taken in
     * increasing r from zero. Rows are walked in memory order into sums that stay in L1 (a column-by-column walk
     * strides through the whole matrix once per vector of columns).
     *
     * @param x    the buffer
     * @param xOff offset of its first row
     * @param rows rows
     * @param cols columns (the row stride)
     * @param j0   first column
     * @param j1   end of the columns
     * @param out  the totals, added to
     */
    public static void add(float[] x, int xOff, int rows, int cols, int j0, int j1, float[] out) {
        float[] acc = new float[Math.min(CHUNK, Math.max(0, j1 - j0))];
        for (int jc = j0; jc < j1; jc += CHUNK) {
            int w = Math.min(CHUNK, j1 - jc);
            int wv = w - w % VL;
            java.util.Arrays.fill(acc, 0, w, 0f);
            for (int r = 0, o = xOff + jc; r < rows; r++, o += cols) {
                int k = 0;
                for (; k < wv; k += VL) {
                    FloatVector.fromArray(S, acc, k).add(FloatVector.fromArray(S, x, o + k)).intoArray(acc, k);
                }
                for (; k < w; k++) {
                    acc[k] += x[o + k];
                }
            }
            for (int k = 0; k < w; k++) {
                out[jc + k] = acc[k] + out[jc + k];
            }
        }
    }
}
