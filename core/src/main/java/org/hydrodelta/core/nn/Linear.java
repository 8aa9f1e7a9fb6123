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
        return forward(input, rows, 0);
    }

    /**
     * Forward pass over rows [first, rows) only; rows before {@code first} of the output are zero (a caller that
     * reads no output there, e.g. the δ model's days before its warm-up parameter day, saves their products).
     *
     * @param input [rows][in], kept by reference until {@link #backward(float[], int, boolean, int)}
     * @param rows  rows
     * @param first first row computed
     * @return [rows][out] (layer-owned buffer)
     */
    public float[] forward(float[] input, int rows, int first) {
        this.x = input;
        y = RowOps.ensure(y, (long) rows * out);
        if (first > 0) {
            java.util.Arrays.fill(y, 0, first * out, 0f);
        }
        int n = rows - first;
        if (first > 0) {
            // fillRows writes from row 0: the computed rows get their bias here
            for (int r = first; r < rows; r++) {
                System.arraycopy(bias.value(), 0, y, r * out, out);
            }
        } else {
            RowOps.fillRows(gemm.pool(), y, rows, bias.value());
        }
        gemm.multiply(false, true, n, out, in, input, first * in, in, weight.value(), 0, in, y, first * out, out,
                true);
        return y;
    }

    @Override
    public float[] backward(float[] dy, int rows, boolean needInputGradient) {
        return backward(dy, rows, needInputGradient, 0);
    }

    /**
     * Backward pass of {@link #forward(float[], int, int)}: dy of rows before {@code first} is taken as zero (it
     * must be), and so is dx there.
     *
     * @param dy                dLoss/dy, [rows][out]
     * @param rows              rows
     * @param needInputGradient whether to return dLoss/dx
     * @param first             first row of the forward pass
     * @return dLoss/dx [rows][in] (layer-owned buffer) or null
     */
    public float[] backward(float[] dy, int rows, boolean needInputGradient, int first) {
        int n = rows - first;
        gemm.multiply(true, false, out, in, n, dy, first * out, out, x, first * in, in, weight.grad(), 0, in, true);
        RowOps.addColumnSums(gemm.pool(), dy, first * out, n, out, bias.grad());
        if (!needInputGradient) {
            return null;
        }
        dx = RowOps.ensure(dx, (long) rows * in);
        if (first > 0) {
            java.util.Arrays.fill(dx, 0, first * in, 0f);
        }
        gemm.multiply(false, false, n, in, out, dy, first * out, out, weight.value(), 0, in, dx, first * in, in,
                false);
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
