package org.hydrodelta.core.nn;

import java.util.Arrays;
import java.util.List;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.PackedMatrix;
import org.hydrodelta.core.nn.gemm.WorkerPool;

/**
 * One LSTM layer with PyTorch's equations and layout, forward and back-propagation through time over the whole
 * sequence, and optional DropConnect on both weight matrices (spec §4.3).
 *
 * <p>Gates i, f, g, o are the row blocks of W_ih (4H×in) and W_hh (4H×H); biases b_ih and b_hh (4H each);
 * h₀ = c₀ = 0; c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t). Tensors are [T][B][features], contiguous.
 *
 * <p>Work plan: the input projection of all time steps is one product (T·B × in)·(in × 4H). The recurrence is then
 * split by batch rows into one contiguous range per thread; each thread runs all T steps for its rows (a
 * (rows × H)·(H × 4H) product with the pre-packed recurrent weights plus the gate arithmetic), so threads never
 * synchronise per step. The backward sweep does the same in reverse, overwriting the stored gate activations with
 * the gate pre-activation gradients; the weight gradients are then two large products over all T·B rows. Each
 * value is computed by one thread in a fixed order, so results are bit-identical for any thread count.
 */
public final class Lstm {
    private final int in;
    private final int hidden;
    private final Gemm gemm;
    private final Parameter weightIh;
    private final Parameter weightHh;
    private final Parameter biasIh;
    private final Parameter biasHh;
    private final DropConnect dropConnect;
    private final SplitMix64 dropoutRng;
    private final float[] biasSum;
    private final float[] maskIh;
    private final float[] maskHh;
    private final float[] effIh;
    private final float[] effHh;
    private final float[] tmpIh;
    private final float[] tmpHh;
    private final float[] tmpBias;
    private final PackedMatrix packedHhT = new PackedMatrix();
    private final PackedMatrix packedHh = new PackedMatrix();
    private boolean masked;
    private float[] x;
    private float[] h0;
    private float[] c0;
    private boolean hasInitialState;
    private int steps;
    private int batch;
    private float[] gates;
    private float[] c;
    private float[] h;
    private float[] dc;
    private float[] dhRec;
    private float[] dx;

    /**
     * Creates the layer with all weights and biases drawn from U(−1/√H, 1/√H) in the order W_ih, W_hh, b_ih, b_hh.
     *
     * @param name        parameter name prefix ({@code name.weight_ih}, …)
     * @param in          input features
     * @param hidden      hidden size H
     * @param dropoutRate DropConnect probability (0 disables)
     * @param gemm        product engine
     * @param initRng     initialisation generator
     * @param dropoutRng  generator for the masks (its state belongs in checkpoints)
     */
    public Lstm(String name, int in, int hidden, float dropoutRate, Gemm gemm, SplitMix64 initRng,
                SplitMix64 dropoutRng) {
        this.in = in;
        this.hidden = hidden;
        this.gemm = gemm;
        int g = 4 * hidden;
        weightIh = new Parameter(name + ".weight_ih", g, in);
        weightHh = new Parameter(name + ".weight_hh", g, hidden);
        biasIh = new Parameter(name + ".bias_ih", g);
        biasHh = new Parameter(name + ".bias_hh", g);
        float bound = (float) (1.0 / Math.sqrt(hidden));
        initRng.fillUniform(weightIh.value(), bound);
        initRng.fillUniform(weightHh.value(), bound);
        initRng.fillUniform(biasIh.value(), bound);
        initRng.fillUniform(biasHh.value(), bound);
        this.dropConnect = new DropConnect(dropoutRate);
        this.dropoutRng = dropoutRng;
        biasSum = new float[g];
        maskIh = new float[g * in];
        maskHh = new float[g * hidden];
        effIh = new float[g * in];
        effHh = new float[g * hidden];
        tmpIh = new float[g * in];
        tmpHh = new float[g * hidden];
        tmpBias = new float[g];
    }

    /** @return input features */
    public int inputSize() {
        return in;
    }

    /** @return hidden size H */
    public int hiddenSize() {
        return hidden;
    }

    /** @return the parameters in PyTorch's order: weight_ih, weight_hh, bias_ih, bias_hh */
    public List<Parameter> parameters() {
        return List.of(weightIh, weightHh, biasIh, biasHh);
    }

    /** @return the DropConnect mask generator (checkpoint its state) */
    public SplitMix64 dropoutRng() {
        return dropoutRng;
    }

    /** @return the factors (0 or 1/(1−p)) applied to W_ih in the last training-mode forward call */
    public float[] lastMaskIh() {
        return maskIh.clone();
    }

    /** @return the factors applied to W_hh in the last training-mode forward call */
    public float[] lastMaskHh() {
        return maskHh.clone();
    }

    /**
     * Runs the layer over a sequence and keeps what the backward pass needs.
     *
     * @param input    [steps][batch][in], kept by reference until {@link #backward}
     * @param steps    T
     * @param batch    B
     * @param training draw new DropConnect masks (when the rate is &gt; 0); false = eval mode, no dropout
     * @return h, [steps][batch][H] (layer-owned buffer)
     */
    public float[] forward(float[] input, int steps, int batch, boolean training) {
        return forward(input, steps, batch, training, null, null);
    }

    /**
     * Runs the layer over a sequence starting from a given state (e.g. to continue a long sequence in chunks).
     *
     * @param input    [steps][batch][in], kept by reference until {@link #backward}
     * @param steps    T
     * @param batch    B
     * @param training draw new DropConnect masks (when the rate is &gt; 0); false = eval mode, no dropout
     * @param hInit    h before the first step, [batch][H] (copied), or null for zeros
     * @param cInit    c before the first step, [batch][H] (copied), or null for zeros
     * @return h, [steps][batch][H] (layer-owned buffer); the final cell state is {@link #cellStates()} at step T−1
     */
    public float[] forward(float[] input, int steps, int batch, boolean training, float[] hInit, float[] cInit) {
        if (steps < 1 || batch < 1 || input.length < (long) steps * batch * in) {
            throw new IllegalArgumentException("LSTM input holds " + input.length + " values, expected " + steps
                    + " steps × " + batch + " samples × " + in + " features");
        }
        hasInitialState = hInit != null || cInit != null;
        if (hasInitialState) {
            h0 = RowOps.ensure(h0, (long) batch * hidden);
            c0 = RowOps.ensure(c0, (long) batch * hidden);
            copyOrZero(hInit, h0, batch * hidden);
            copyOrZero(cInit, c0, batch * hidden);
        }
        this.x = input;
        this.steps = steps;
        this.batch = batch;
        int g4 = 4 * hidden;
        long rows = (long) steps * batch;
        gates = RowOps.ensure(gates, rows * g4);
        c = RowOps.ensure(c, rows * hidden);
        h = RowOps.ensure(h, rows * hidden);
        masked = training && dropConnect.rate() > 0f;
        float[] wIh = weightIh.value();
        float[] wHh = weightHh.value();
        if (masked) {
            dropConnect.sample(dropoutRng, maskIh);
            dropConnect.sample(dropoutRng, maskHh);
            DropConnect.apply(wIh, maskIh, effIh);
            DropConnect.apply(wHh, maskHh, effHh);
            wIh = effIh;
            wHh = effHh;
        }
        for (int j = 0; j < g4; j++) {
            biasSum[j] = biasIh.value()[j] + biasHh.value()[j];
        }
        packedHhT.pack(true, wHh, 0, hidden, hidden, g4);
        gemm.multiply(false, true, (int) rows, g4, in, input, 0, in, wIh, 0, in, gates, 0, g4, false);
        WorkerPool pool = gemm.pool();
        int parts = Math.min(pool.threads(), batch);
        pool.run(parts, p -> {
            int b0 = WorkerPool.partStart(batch, parts, p);
            int b1 = WorkerPool.partStart(batch, parts, p + 1);
            if (b1 > b0) {
                forwardRows(p, b0, b1);
            }
        });
        return h;
    }

    private static void copyOrZero(float[] src, float[] dst, int n) {
        if (src == null) {
            Arrays.fill(dst, 0, n, 0f);
        } else {
            System.arraycopy(src, 0, dst, 0, n);
        }
    }

    private void forwardRows(int part, int b0, int b1) {
        int g4 = 4 * hidden;
        int nr = b1 - b0;
        for (int t = 0; t < steps; t++) {
            int row0 = t * batch + b0;
            if (t > 0) {
                Gemm.multiplySerial(gemm.workspace(part), false, nr, h, (row0 - batch) * hidden, hidden,
                        packedHhT, gates, row0 * g4, g4, true);
            } else if (hasInitialState) {
                Gemm.multiplySerial(gemm.workspace(part), false, nr, h0, b0 * hidden, hidden,
                        packedHhT, gates, row0 * g4, g4, true);
            }
            for (int r = row0; r < row0 + nr; r++) {
                float[] cp = t > 0 ? c : hasInitialState ? c0 : null;
                int cpo = t > 0 ? (r - batch) * hidden : (r - row0 + b0) * hidden;
                LstmCell.forward(gates, r * g4, biasSum, c, r * hidden, cp, cpo, h, hidden);
            }
        }
    }

    /** @return cell states c of the last forward call, [T][B][H] (layer-owned buffer) */
    public float[] cellStates() {
        return c;
    }

    /**
     * Back-propagates through time: adds dLoss/dW_ih, dW_hh, db_ih, db_hh to the parameters' gradients (through
     * the DropConnect masks of the last forward call) and optionally returns dLoss/dInput. Overwrites the stored
     * gate activations, so call it at most once per forward call.
     *
     * @param dh                dLoss/dh_t for every step, [T][B][H]; zero rows where no loss enters
     * @param needInputGradient whether to compute dLoss/dInput
     * @return dLoss/dInput, [T][B][in] (layer-owned buffer), or null
     */
    public float[] backward(float[] dh, boolean needInputGradient) {
        if (gates == null) {
            throw new IllegalStateException("backward called before forward");
        }
        int g4 = 4 * hidden;
        int rows = steps * batch;
        float[] wIh = masked ? effIh : weightIh.value();
        float[] wHh = masked ? effHh : weightHh.value();
        packedHh.pack(false, wHh, 0, hidden, g4, hidden);
        dc = RowOps.ensure(dc, (long) batch * hidden);
        dhRec = RowOps.ensure(dhRec, (long) batch * hidden);
        Arrays.fill(dc, 0, batch * hidden, 0f);
        Arrays.fill(dhRec, 0, batch * hidden, 0f);
        WorkerPool pool = gemm.pool();
        int parts = Math.min(pool.threads(), batch);
        pool.run(parts, p -> {
            int b0 = WorkerPool.partStart(batch, parts, p);
            int b1 = WorkerPool.partStart(batch, parts, p + 1);
            if (b1 > b0) {
                backwardRows(p, b0, b1, dh);
            }
        });
        // gates now holds dLoss/d(pre-activation) for every step
        Arrays.fill(tmpBias, 0f);
        if (!hasInitialState) {
            // both weight gradients and the bias gradient from one pass over the gate gradients
            gemm.weightGradients(rows, g4, gates, x, in, h, hidden, batch, tmpIh, tmpHh, tmpBias);
            if (steps > 1) {
                DropConnect.accumulateGradient(tmpHh, masked ? maskHh : null, weightHh.grad());
            }
        } else {
            gemm.multiply(true, false, g4, hidden, rows - batch, gates, batch * g4, g4, h, 0, hidden,
                    tmpHh, 0, hidden, false);
            gemm.multiply(true, false, g4, hidden, batch, gates, 0, g4, h0, 0, hidden, tmpHh, 0, hidden, true);
            DropConnect.accumulateGradient(tmpHh, masked ? maskHh : null, weightHh.grad());
            gemm.multiply(true, false, g4, in, rows, gates, 0, g4, x, 0, in, tmpIh, 0, in, false);
            RowOps.addColumnSums(pool, gates, rows, g4, tmpBias);
        }
        DropConnect.accumulateGradient(tmpIh, masked ? maskIh : null, weightIh.grad());
        for (int j = 0; j < g4; j++) {
            biasIh.grad()[j] += tmpBias[j];
            biasHh.grad()[j] += tmpBias[j];
        }
        if (!needInputGradient) {
            return null;
        }
        dx = RowOps.ensure(dx, (long) rows * in);
        gemm.multiply(false, false, rows, in, g4, gates, 0, g4, wIh, 0, in, dx, 0, in, false);
        return dx;
    }

    private void backwardRows(int part, int b0, int b1, float[] dh) {
        int g4 = 4 * hidden;
        int nr = b1 - b0;
        float[] tanhC = new float[hidden];
        for (int t = steps - 1; t >= 0; t--) {
            int row0 = t * batch + b0;
            for (int b = b0; b < b1; b++) {
                int r = t * batch + b;
                float[] cp = t > 0 ? c : hasInitialState ? c0 : null;
                int cpo = t > 0 ? (r - batch) * hidden : b * hidden;
                LstmCell.backward(gates, r * g4, c, r * hidden, cp, cpo, dh, r * hidden, dhRec, dc, b * hidden,
                        hidden, tanhC);
            }
            if (t > 0) {
                Gemm.multiplySerial(gemm.workspace(part), false, nr, gates, row0 * g4, g4, packedHh,
                        dhRec, b0 * hidden, hidden, false);
            }
        }
    }

    /** @return bytes of the buffers currently held (activations, masks, gradients workspaces) */
    public long bufferBytes() {
        long n = len(gates) + len(c) + len(h) + len(dc) + len(dhRec) + len(dx) + len(h0) + len(c0)
                + 4L * (maskIh.length + maskHh.length) + biasSum.length + tmpBias.length;
        return 4 * n + packedHh.bytes() + packedHhT.bytes();
    }

    private static long len(float[] a) {
        return a == null ? 0 : a.length;
    }
}
