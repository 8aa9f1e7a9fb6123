package org.hydrodelta.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hydrodelta.core.nn.gemm.Gemm;

/**
 * The δ model's parameterisation network (spec §4.3): Linear(nIn→H) + ReLU → LSTM(H→H, DropConnect) →
 * Linear(H→nOut), applied to a [T][B][nIn] sequence and producing [T][B][nOut].
 *
 * <p>Parameters, in {@link #parameters()} order: {@code inputLinear.weight}, {@code inputLinear.bias},
 * {@code lstm.weight_ih}, {@code lstm.weight_hh}, {@code lstm.bias_ih}, {@code lstm.bias_hh},
 * {@code outputLinear.weight}, {@code outputLinear.bias}; they are initialised in that order from one
 * {@link SplitMix64} seeded with the network seed. DropConnect masks come from a second generator split off the
 * same seed, whose state ({@link #dropoutRngState()}) belongs in checkpoints.
 *
 * <p>All buffers are kept and reused between calls; they grow only when T·B grows. Not thread-safe; parallelism
 * is internal.
 */
public final class LstmNetwork {
    private final Linear inputLinear;
    private final Relu relu;
    private final Lstm lstm;
    private final Linear outputLinear;
    private final List<Parameter> parameters;
    private int steps;
    private int batch;
    /** First row [step·batch + sample] the last forward pass's output layer computed. */
    private int firstOutputRow;
    private int nIn;

    /**
     * Creates and initialises the network.
     *
     * @param nIn         input features per day (38 in the paper)
     * @param hidden      hidden size H (256)
     * @param nOut        outputs per day (194 static, 210 dynamic)
     * @param dropoutRate DropConnect probability on the LSTM weights (0.5)
     * @param seed        seed for initialisation and dropout masks
     * @param gemm        product engine (its pool sets the thread count)
     */
    public LstmNetwork(int nIn, int hidden, int nOut, float dropoutRate, long seed, Gemm gemm) {
        SplitMix64 init = new SplitMix64(seed);
        SplitMix64 dropout = new SplitMix64(seed).split();
        this.nIn = nIn;
        inputLinear = new Linear("inputLinear", nIn, hidden, gemm, init);
        relu = new Relu(hidden, gemm.pool());
        lstm = new Lstm("lstm", hidden, hidden, dropoutRate, gemm, init, dropout);
        outputLinear = new Linear("outputLinear", hidden, nOut, gemm, init);
        List<Parameter> all = new ArrayList<>();
        all.addAll(inputLinear.parameters());
        all.addAll(lstm.parameters());
        all.addAll(outputLinear.parameters());
        parameters = Collections.unmodifiableList(all);
    }

    /** @return trainable parameters in a fixed order with unique names */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** @return the LSTM layer (e.g. to inspect DropConnect masks) */
    public Lstm lstm() {
        return lstm;
    }

    /** @return input features per step */
    public int inputSize() {
        return nIn;
    }

    /** @return outputs per step */
    public int outputSize() {
        return outputLinear.outputSize();
    }

    /** @return bytes of all activation and gradient buffers currently held (excluding parameters) */
    public long bufferBytes() {
        return inputLinear.bufferBytes() + relu.bufferBytes() + lstm.bufferBytes() + outputLinear.bufferBytes();
    }

    /** @return bytes of the parameters and their gradients */
    public long parameterBytes() {
        long n = 0;
        for (Parameter p : parameters) {
            n += 2L * p.size();
        }
        return 4 * n;
    }

    /** Sets every parameter gradient to zero. */
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    /** @return the DropConnect generator's state, for checkpoints */
    public long dropoutRngState() {
        return lstm.dropoutRng().state();
    }

    /**
     * Restores the DropConnect generator's state from a checkpoint.
     *
     * @param state value from {@link #dropoutRngState()}
     */
    public void setDropoutRngState(long state) {
        lstm.dropoutRng().setState(state);
    }

    /**
     * Forward pass.
     *
     * @param input    [steps][batch][nIn] contiguous, kept by reference until {@link #backward}
     * @param steps    T
     * @param batch    B
     * @param training DropConnect on (new masks drawn) or off (eval mode)
     * @return [steps][batch][nOut] (network-owned buffer; only the first T·B·nOut values are meaningful)
     */
    public float[] forward(float[] input, int steps, int batch, boolean training) {
        return forward(input, steps, batch, training, 0);
    }

    /**
     * Forward pass whose output layer computes steps [firstOutputStep, steps) only (the LSTM still runs over every
     * step); the output of earlier steps is zero and their output gradient must be zero in {@link #backward}. The
     * δ model reads no parameters before its warm-up parameter day, so it skips half of the output layer's
     * products in the paper configuration (365 of 730 days).
     *
     * @param input           [steps][batch][nIn] contiguous, kept by reference until {@link #backward}
     * @param steps           T
     * @param batch           B
     * @param training        DropConnect on (new masks drawn) or off (eval mode)
     * @param firstOutputStep first step whose output is computed, 0 to T−1
     * @return [steps][batch][nOut] (network-owned buffer)
     */
    public float[] forward(float[] input, int steps, int batch, boolean training, int firstOutputStep) {
        return forward(input, steps, batch, training, OutputRows.from(firstOutputStep));
    }

    /**
     * Forward pass whose output layer computes only the outputs {@code read} names (the LSTM still runs over every
     * step); the others are zero and their output gradient must be zero in {@link #backward}. The δ model reads no
     * parameters before its warm-up parameter day, and on the window days between that day and the last only the
     * dynamic parameters' columns: it skips about 90 % of the output layer's products in the paper configuration.
     * Every value computed is the full pass's, bit for bit.
     *
     * @param input    [steps][batch][nIn] contiguous, kept by reference until {@link #backward}
     * @param steps    T
     * @param batch    B
     * @param training DropConnect on (new masks drawn) or off (eval mode)
     * @param read     the outputs read
     * @return [steps][batch][nOut] (network-owned buffer)
     */
    public float[] forward(float[] input, int steps, int batch, boolean training, OutputRows read) {
        int firstOutputStep = read.firstStep();
        if (firstOutputStep < 0 || firstOutputStep >= steps) {
            throw new IllegalArgumentException("first output step " + firstOutputStep + " outside [0, " + steps
                    + ")");
        }
        long need = (long) steps * batch * nIn;
        if (input.length < need) {
            throw new IllegalArgumentException("input holds " + input.length + " values, expected " + steps
                    + " steps × " + batch + " samples × " + nIn + " features = " + need);
        }
        this.steps = steps;
        this.batch = batch;
        int rows = steps * batch;
        float[] z = inputLinear.forward(input, rows);
        float[] x0 = relu.forward(z, rows);
        float[] hs = lstm.forward(x0, steps, batch, training);
        this.firstOutputRow = firstOutputStep * batch;
        if (read.sparse()) {
            return outputLinear.forward(hs, rows, firstOutputRow, read.fullRowRuns(steps, batch), read.columns());
        }
        return outputLinear.forward(hs, rows, firstOutputRow);
    }

    /**
     * The output layer's selected columns of the last forward pass with {@link OutputRows#columns()}, compact
     * ({@link Linear#selectedOutputs()}): {@code [row − firstStep·batch][j]}.
     *
     * @return the layer's buffer
     */
    public float[] selectedOutputs() {
        return outputLinear.selectedOutputs();
    }

    /**
     * The next {@link #backward} takes the selected columns' gradients of rows [fromRow, steps·batch) from the
     * returned buffer ({@link Linear#selectedGradients(int)}).
     *
     * @param fromRow first row taken compactly
     * @return the layer's buffer, laid out as {@link #selectedOutputs()}
     */
    public float[] selectedGradients(int fromRow) {
        return outputLinear.selectedGradients(fromRow);
    }

    /**
     * Eval-mode forward over a long sequence (e.g. the 30-year test protocol) in chunks of time steps, carrying the
     * LSTM state from chunk to chunk, so memory grows with the chunk and not with T. Gives bit-identical outputs to
     * {@code forward(input, steps, batch, false)}. Invalidates the state kept for {@link #backward}.
     *
     * @param input      [steps][batch][nIn] contiguous
     * @param steps      T
     * @param batch      B
     * @param chunkSteps time steps per chunk (e.g. 365)
     * @param output     destination [steps][batch][nOut], or null to allocate one
     * @return the output array
     */
    public float[] infer(float[] input, int steps, int batch, int chunkSteps, float[] output) {
        int nOut = outputSize();
        int hidden = lstm.hiddenSize();
        float[] out = output != null ? output : new float[Math.multiplyExact(steps * batch, nOut)];
        float[] chunk = new float[Math.min(chunkSteps, steps) * batch * nIn];
        float[] hState = new float[batch * hidden];
        float[] cState = new float[batch * hidden];
        for (int t0 = 0; t0 < steps; t0 += chunkSteps) {
            int n = Math.min(chunkSteps, steps - t0);
            int rows = n * batch;
            System.arraycopy(input, t0 * batch * nIn, chunk, 0, rows * nIn);
            float[] z = inputLinear.forward(chunk, rows);
            float[] x0 = relu.forward(z, rows);
            float[] hs = lstm.forward(x0, n, batch, false, t0 == 0 ? null : hState, t0 == 0 ? null : cState);
            int last = (n - 1) * batch * hidden;
            System.arraycopy(hs, last, hState, 0, batch * hidden);
            System.arraycopy(lstm.cellStates(), last, cState, 0, batch * hidden);
            float[] y = outputLinear.forward(hs, rows);
            System.arraycopy(y, 0, out, t0 * batch * nOut, rows * nOut);
        }
        this.steps = 0;
        return out;
    }

    /**
     * Backward pass for the last forward call; adds to every parameter's gradient.
     *
     * @param dOutput           dLoss/dOutput, [steps][batch][nOut]; zeros where no loss enters (e.g. only the
     *                          last step for static parameters)
     * @param needInputGradient whether to return dLoss/dInput
     * @return dLoss/dInput [steps][batch][nIn] (network-owned buffer) or null
     */
    public float[] backward(float[] dOutput, boolean needInputGradient) {
        if (steps == 0) {
            throw new IllegalStateException("backward needs a preceding forward call (infer keeps no gradient state)");
        }
        int rows = steps * batch;
        if (dOutput.length < (long) rows * outputSize()) {
            throw new IllegalArgumentException("dOutput holds " + dOutput.length + " values, expected " + steps
                    + " steps × " + batch + " samples × " + outputSize() + " outputs");
        }
        float[] dh = outputLinear.backward(dOutput, rows, true, firstOutputRow);
        float[] dx0 = lstm.backward(dh, true);
        float[] dz = relu.backward(dx0, rows, true);
        return inputLinear.backward(dz, rows, needInputGradient);
    }

    /**
     * Multiply-adds of one forward + backward pass, counting the matrix products only (2 FLOP each), for
     * throughput reports.
     *
     * @param steps T
     * @param batch B
     * @return floating-point operations
     */
    public double flopsForwardBackward(int steps, int batch) {
        double rows = (double) steps * batch;
        int hidden = lstm.hiddenSize();
        int g4 = 4 * hidden;
        int nOut = outputSize();
        double fwd = rows * (nIn * hidden + hidden * g4 + hidden * g4 + hidden * nOut);
        // backward: weight gradients for all four matrices, input gradients for all but the first Linear
        double bwd = rows * (nIn * hidden + 2.0 * hidden * g4 + hidden * nOut)
                + rows * (hidden * g4 + hidden * g4 + hidden * nOut);
        return 2 * (fwd + bwd);
    }
}
