package org.hydrodelta.core.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.hydrodelta.core.nn.gemm.ColumnSums;
import org.hydrodelta.core.nn.gemm.WorkerPool;

/**
 * Parallel element-wise and reduction helpers over row-major [rows][cols] buffers. Work is split into fixed
 * contiguous ranges and every reduction sums rows in increasing order, so results do not depend on the thread
 * count.
 */
final class RowOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int VL = S.length();

    private RowOps() {
    }

    /** Writes {@code bias} into each of the first {@code rows} rows of {@code y}. */
    static void fillRows(WorkerPool pool, float[] y, int rows, float[] bias) {
        int cols = bias.length;
        int parts = rows * cols < 1 << 15 ? 1 : pool.threads();
        pool.run(parts, p -> {
            int r1 = WorkerPool.partStart(rows, parts, p + 1);
            for (int r = WorkerPool.partStart(rows, parts, p); r < r1; r++) {
                System.arraycopy(bias, 0, y, r * cols, cols);
            }
        });
    }

    /** out[j] += Σ_r x[r·cols + j] for r = 0 … rows−1, summed in increasing r. */
    static void addColumnSums(WorkerPool pool, float[] x, int rows, int cols, float[] out) {
        addColumnSums(pool, x, 0, rows, cols, out);
    }

    /** out[j] += Σ_r x[xOff + r·cols + j] for r = 0 … rows−1, summed in increasing r. */
    static void addColumnSums(WorkerPool pool, float[] x, int xOff, int rows, int cols, float[] out) {
        int blocks = (cols + VL - 1) / VL;
        int parts = Math.min(pool.threads(), blocks);
        pool.run(parts, p -> ColumnSums.add(x, xOff, rows, cols, WorkerPool.partStart(blocks, parts, p) * VL,
                Math.min(cols, WorkerPool.partStart(blocks, parts, p + 1) * VL), out));
    }

    /** y = max(x, 0) over n elements. */
    static void relu(WorkerPool pool, float[] x, float[] y, int n) {
        int parts = n < 1 << 15 ? 1 : pool.threads();
        pool.run(parts, p -> {
            int i = WorkerPool.partStart(n / VL, parts, p) * VL;
            int i1 = p == parts - 1 ? n : WorkerPool.partStart(n / VL, parts, p + 1) * VL;
            for (; i + VL <= i1; i += VL) {
                FloatVector.fromArray(S, x, i).max(0f).intoArray(y, i);
            }
            for (; i < i1; i++) {
                y[i] = Math.max(x[i], 0f);
            }
        });
    }

    /** dx = dy where y &gt; 0, else 0, over n elements (y is ReLU's output). */
    static void reluBackward(WorkerPool pool, float[] y, float[] dy, float[] dx, int n) {
        int parts = n < 1 << 15 ? 1 : pool.threads();
        pool.run(parts, p -> {
            int i = WorkerPool.partStart(n / VL, parts, p) * VL;
            int i1 = p == parts - 1 ? n : WorkerPool.partStart(n / VL, parts, p + 1) * VL;
            FloatVector zero = FloatVector.zero(S);
            for (; i + VL <= i1; i += VL) {
                FloatVector g = FloatVector.fromArray(S, dy, i);
                g.blend(zero, FloatVector.fromArray(S, y, i).compare(
                        jdk.incubator.vector.VectorOperators.LE, 0f)).intoArray(dx, i);
            }
            for (; i < i1; i++) {
                dx[i] = y[i] > 0f ? dy[i] : 0f;
            }
        });
    }

    /** Grows {@code buf} to at least {@code n} elements (contents not kept). */
    static float[] ensure(float[] buf, long n) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("buffer of " + n + " floats exceeds Java's array limit");
        }
        return buf != null && buf.length >= n ? buf : new float[(int) n];
    }
}
