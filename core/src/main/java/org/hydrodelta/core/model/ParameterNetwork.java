package org.hydrodelta.core.model;

import java.util.List;
import java.util.Optional;
import org.hydrodelta.core.nn.LstmNetwork;
import org.hydrodelta.core.nn.Mlp;
import org.hydrodelta.core.nn.OutputRows;
import org.hydrodelta.core.nn.Parameter;
import org.hydrodelta.core.nn.SplitMix64;
import org.hydrodelta.core.nn.gemm.Gemm;

/**
 * The network of a δ model ({@code network.type}): maps the batch's inputs ({@code [day][sample][nIn]}, forcings
 * then attributes) to raw values {@code [day][sample][nOut]} before the sigmoid.
 */
interface ParameterNetwork {
    /**
     * Training forward pass, keeping what {@link #backward} needs.
     *
     * @param input  {@code [day][sample][nIn]}
     * @param days   days
     * @param size   samples
     * @return raw outputs {@code [day][sample][nOut]}
     */
    float[] forward(float[] input, int days, int size);

    /**
     * Training forward pass of which only the raw outputs {@code read} names are needed (the others may be left
     * zero); the backward pass must then get zero gradients for the others.
     *
     * @param input {@code [day][sample][nIn]}
     * @param days  days
     * @param size  samples
     * @param read  the outputs read
     * @return raw outputs {@code [day][sample][nOut]}
     */
    default float[] forward(float[] input, int days, int size, OutputRows read) {
        return forward(input, days, size);
    }

    /**
     * The outputs of the columns {@code read} selected in the last {@link #forward(float[], int, int, OutputRows)},
     * compact ({@code [row − firstStep·size][j]}), or null if this network does not give them so.
     *
     * @return the network's buffer, or null
     */
    default float[] selectedOutputs() {
        return null;
    }

    /**
     * Buffer, laid out as {@link #selectedOutputs()} and zero from row {@code fromRow} on, into which the caller adds
     * the gradients of the selected columns on rows [fromRow, days·size) for the next {@link #backward} (which then
     * ignores them in its argument).
     *
     * @param fromRow first row taken compactly
     * @return the network's buffer
     */
    default float[] selectedGradients(int fromRow) {
        throw new UnsupportedOperationException("this network takes no compact output gradients");
    }

    /**
     * Inference without dropout and without a backward record.
     *
     * @param input {@code [day][sample][nIn]}
     * @param days  days
     * @param size  samples
     * @return raw outputs {@code [day][sample][nOut]}
     */
    float[] infer(float[] input, int days, int size);

    /**
     * Adds the weight gradients of the last {@link #forward}.
     *
     * @param dRaw dLoss/d(raw outputs)
     */
    void backward(float[] dRaw);

    /** @return trainable parameters */
    List<Parameter> parameters();

    /** @return the LSTM, if this is one (attribute sensitivities run through it) */
    Optional<LstmNetwork> lstm();

    /** @return dropout generator state, 0 without dropout */
    long randomState();

    /** @param state from {@link #randomState()} */
    void setRandomState(long state);

    /** The paper's LSTM: every day's output from the forcings and attributes up to that day. */
    static ParameterNetwork lstm(int nIn, int hidden, int nOut, float dropout, long seed, Gemm gemm) {
        LstmNetwork net = new LstmNetwork(nIn, hidden, nOut, dropout, seed, gemm);
        return new ParameterNetwork() {
            @Override
            public float[] forward(float[] input, int days, int size) {
                return net.forward(input, days, size, true);
            }

            @Override
            public float[] forward(float[] input, int days, int size, OutputRows read) {
                return net.forward(input, days, size, true, read);
            }

            @Override
            public float[] selectedOutputs() {
                return net.selectedOutputs();
            }

            @Override
            public float[] selectedGradients(int fromRow) {
                return net.selectedGradients(fromRow);
            }

            @Override
            public float[] infer(float[] input, int days, int size) {
                // evaluation runs in time chunks: memory does not grow with the 30-year test sequence
                return net.infer(input, days, size, 365, null);
            }

            @Override
            public void backward(float[] dRaw) {
                net.backward(dRaw, false);
            }

            @Override
            public List<Parameter> parameters() {
                return net.parameters();
            }

            @Override
            public Optional<LstmNetwork> lstm() {
                return Optional.of(net);
            }

            @Override
            public long randomState() {
                return net.dropoutRngState();
            }

            @Override
            public void setRandomState(long state) {
                net.setDropoutRngState(state);
            }
        };
    }

    /**
     * A static-parameter network: an MLP (two hidden ReLU layers of {@code hidden} units) from the static attributes
     * only (the input columns after the forcings), one output row per basin repeated on every day. Only models
     * without dynamic parameters can use it.
     */
    static ParameterNetwork mlp(int nIn, int nForcings, int hidden, int nOut, long seed, Gemm gemm) {
        int nAttr = nIn - nForcings;
        if (nAttr < 1) {
            throw new IllegalArgumentException("network.type mlp reads the static attributes only, and the "
                    + "experiment has none");
        }
        Mlp net = new Mlp("mlp", new int[] {nAttr, hidden, hidden, nOut}, gemm, new SplitMix64(seed));
        return new ParameterNetwork() {
            private int days;
            private int size;
            private float[] dY = new float[0];

            private float[] run(float[] input, int nDays, int n) {
                float[] x = new float[n * nAttr];
                int last = nDays - 1;
                for (int k = 0; k < n; k++) {
                    System.arraycopy(input, (last * n + k) * nIn + nForcings, x, k * nAttr, nAttr);
                }
                float[] y = net.forward(x, n);
                float[] out = new float[nDays * n * nOut];
                for (int d = 0; d < nDays; d++) {
                    System.arraycopy(y, 0, out, d * n * nOut, n * nOut);
                }
                this.days = nDays;
                this.size = n;
                return out;
            }

            @Override
            public float[] forward(float[] input, int nDays, int n) {
                return run(input, nDays, n);
            }

            @Override
            public float[] infer(float[] input, int nDays, int n) {
                float[] out = run(input, nDays, n);
                this.days = 0;
                return out;
            }

            @Override
            public void backward(float[] dRaw) {
                if (days == 0) {
                    throw new IllegalStateException("backward needs a preceding training forward");
                }
                int row = size * nOut;
                if (dY.length != row) {
                    dY = new float[row];
                }
                java.util.Arrays.fill(dY, 0f);
                // every day repeats the one output row: its gradient is the sum over days
                for (int d = 0; d < days; d++) {
                    for (int i = 0; i < row; i++) {
                        dY[i] += dRaw[d * row + i];
                    }
                }
                net.backward(dY, size, false);
            }

            @Override
            public List<Parameter> parameters() {
                return net.parameters();
            }

            @Override
            public Optional<LstmNetwork> lstm() {
                return Optional.empty();
            }

            @Override
            public long randomState() {
                return 0;
            }

            @Override
            public void setRandomState(long state) {
                // no dropout
            }
        };
    }
}
