package org.hydrodelta.core.nn;

import java.util.List;
import org.hydrodelta.core.nn.gemm.WorkerPool;

/** Rectified linear unit max(x, 0), element-wise; the backward pass passes gradient where the output is positive. */
public final class Relu implements RowLayer {
    private final int size;
    private final WorkerPool pool;
    private float[] y;
    private float[] dx;

    /**
     * @param size features per row
     * @param pool worker threads
     */
    public Relu(int size, WorkerPool pool) {
        this.size = size;
        this.pool = pool;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public float[] forward(float[] x, int rows) {
        y = RowOps.ensure(y, (long) rows * size);
        RowOps.relu(pool, x, y, rows * size);
        return y;
    }

    @Override
    public float[] backward(float[] dy, int rows, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        dx = RowOps.ensure(dx, (long) rows * size);
        RowOps.reluBackward(pool, y, dy, dx, rows * size);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /** @return bytes of the output and input-gradient buffers currently held */
    public long bufferBytes() {
        return 4L * ((y == null ? 0 : y.length) + (dx == null ? 0 : dx.length));
    }
}
