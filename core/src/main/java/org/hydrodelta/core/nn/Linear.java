package org.hydrodelta.core.nn;

import java.util.List;
import org.hydrodelta.core.nn.gemm.Gemm;

/**
 * Fully connected layer y = x·Wᵀ + b with W stored out×in (PyTorch layout) and PyTorch's default initialisation
 * U(−1/√in, 1/√in) for weight and bias.
 */
public final class Linear implements RowLayer {
    private final int in;
    private final int out;
    private final Gemm gemm;
    private final Parameter weight;
    private final Parameter bias;
    private float[] x;
    private float[] y;
    private float[] dx;

    /**
     * Creates and initialises the layer.
     *
     * @param name prefix of the parameter names ({@code name.weight}, {@code name.bias})
     * @param in   input features
     * @param out  output features
     * @param gemm product engine
     * @param rng  initialisation generator (weight drawn first, then bias)
     */
    public Linear(String name, int in, int out, Gemm gemm, SplitMix64 rng) {
        this.in = in;
        this.out = out;
        this.gemm = gemm;
        this.weight = new Parameter(name + ".weight", out, in);
        this.bias = new Parameter(name + ".bias", out);
        float bound = (float) (1.0 / Math.sqrt(in));
        rng.fillUniform(weight.value(), bound);
        rng.fillUniform(bias.value(), bound);
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    /** @return the weight, out×in */
    public Parameter weight() {
        return weight;
    }

    /** @return the bias, out */
    public Parameter bias() {
        return bias;
    }

    @Override
    public float[] forward(float[] input, int rows) {
        this.x = input;
        y = RowOps.ensure(y, (long) rows * out);
        RowOps.fillRows(gemm.pool(), y, rows, bias.value());
        gemm.multiply(false, true, rows, out, in, input, 0, in, weight.value(), 0, in, y, 0, out, true);
        return y;
    }

    @Override
    public float[] backward(float[] dy, int rows, boolean needInputGradient) {
        gemm.multiply(true, false, out, in, rows, dy, 0, out, x, 0, in, weight.grad(), 0, in, true);
        RowOps.addColumnSums(gemm.pool(), dy, rows, out, bias.grad());
        if (!needInputGradient) {
            return null;
        }
        dx = RowOps.ensure(dx, (long) rows * in);
        gemm.multiply(false, false, rows, in, out, dy, 0, out, weight.value(), 0, in, dx, 0, in, false);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** @return bytes of the output and input-gradient buffers currently held */
    public long bufferBytes() {
        return 4L * ((y == null ? 0 : y.length) + (dx == null ? 0 : dx.length));
    }
}
