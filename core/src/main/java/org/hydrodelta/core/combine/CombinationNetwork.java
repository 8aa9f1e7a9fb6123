package org.hydrodelta.core.combine;

import org.hydrodelta.core.nn.SplitMix64;

/**
 * The combining network, in double precision: standardised static attributes {@code x} (one row per basin) →
 * {@code h = tanh(W1 x + b1)} → logits {@code z = W2 h + b2} → weights {@code w = softmax(z / τ)} over the M input
 * runs, with a learned temperature {@code τ = exp(θ)}. Every parameter lives in one flat array
 * ({@link #parameters()}): {@code W1 [hidden][inputs]}, {@code b1 [hidden]}, {@code W2 [models][hidden]},
 * {@code b2 [models]}, {@code θ}. The gradients of {@link #backward} are written out by hand (through the softmax,
 * the temperature and both layers) and checked against central finite differences in the tests.
 *
 * <p>It starts at the plain mean: {@code W2}, {@code b2} and {@code θ} are zero, so every weight is {@code 1/M}
 * whatever the attributes; {@code W1} is drawn uniformly in ±1/√inputs from the seed.
 *
 * <p>Deviation from the rest of the project: the networks under {@code nn} are single precision; this one is double
 * because it is tiny (basins × attributes × hidden) and a finite-difference check of every parameter, the
 * temperature included, needs double precision to be meaningful.
 */
public final class CombinationNetwork {
    private final int inputs;
    private final int hidden;
    private final int models;
    private final double[] p;

    /**
     * A network at the plain mean (see the class comment).
     *
     * @param inputs number of attributes (at least 1)
     * @param hidden hidden units (at least 1)
     * @param models number of input runs (at least 2)
     * @param seed   seed of the first layer's initial weights
     */
    public CombinationNetwork(int inputs, int hidden, int models, long seed) {
        if (inputs < 1 || hidden < 1 || models < 2) {
            throw new IllegalArgumentException("a combining network needs at least 1 attribute, 1 hidden unit and 2"
                    + " models, was " + inputs + ", " + hidden + ", " + models);
        }
        this.inputs = inputs;
        this.hidden = hidden;
        this.models = models;
        this.p = new double[size(inputs, hidden, models)];
        SplitMix64 rng = new SplitMix64(seed);
        double bound = 1.0 / Math.sqrt(inputs);
        for (int i = 0; i < hidden * inputs; i++) {
            p[i] = (2.0 * rng.nextFloat() - 1.0) * bound;
        }
    }

    /**
     * @param inputs attributes
     * @param hidden hidden units
     * @param models input runs
     * @return the number of parameters
     */
    public static int size(int inputs, int hidden, int models) {
        return hidden * inputs + hidden + models * hidden + models + 1;
    }

    /** @return every parameter, live (layout in the class comment) */
    public double[] parameters() {
        return p;
    }

    /** @return number of attributes */
    public int inputs() {
        return inputs;
    }

    /** @return hidden units */
    public int hidden() {
        return hidden;
    }

    /** @return number of input runs */
    public int models() {
        return models;
    }

    /** @return the index of θ (log temperature) in {@link #parameters()} */
    public int temperatureIndex() {
        return p.length - 1;
    }

    /** @return the temperature τ = exp(θ) */
    public double temperature() {
        return Math.exp(p[temperatureIndex()]);
    }

    private int b1() {
        return hidden * inputs;
    }

    private int w2() {
        return b1() + hidden;
    }

    private int b2() {
        return w2() + models * hidden;
    }

    /**
     * The forward pass, kept for {@link #backward}.
     *
     * @param hiddenOut {@code [basin][hidden]} activations
     * @param logits    {@code [basin][model]} logits z
     * @param weights   {@code [basin][model]} softmax weights, each row summing to 1
     */
    public record Forward(double[][] hiddenOut, double[][] logits, double[][] weights) {
    }

    /**
     * @param x standardised attributes {@code [basin][input]}
     * @return the forward pass; {@link Forward#weights()} are the combination weights
     */
    public Forward forward(double[][] x) {
        int n = x.length;
        double[][] h = new double[n][hidden];
        double[][] z = new double[n][models];
        double[][] w = new double[n][models];
        double tau = temperature();
        for (int b = 0; b < n; b++) {
            if (x[b].length != inputs) {
                throw new IllegalArgumentException("basin row " + b + " has " + x[b].length + " attributes, the"
                        + " network " + inputs);
            }
            for (int j = 0; j < hidden; j++) {
                double s = p[b1() + j];
                for (int a = 0; a < inputs; a++) {
                    s += p[j * inputs + a] * x[b][a];
                }
                h[b][j] = Math.tanh(s);
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < models; m++) {
                double s = p[b2() + m];
                for (int j = 0; j < hidden; j++) {
                    s += p[w2() + m * hidden + j] * h[b][j];
                }
                z[b][m] = s;
                max = Math.max(max, s / tau);
            }
            double sum = 0;
            for (int m = 0; m < models; m++) {
                w[b][m] = Math.exp(z[b][m] / tau - max);
                sum += w[b][m];
            }
            for (int m = 0; m < models; m++) {
                w[b][m] /= sum;
            }
        }
        return new Forward(h, z, w);
    }

    /**
     * Back-propagates dLoss/dweights to every parameter: softmax {@code ds_m = w_m (g_m − Σ_n w_n g_n)} with
     * {@code s = z/τ}; {@code dz = ds/τ}; {@code dθ = τ · dτ = −Σ ds · z/τ}; then the two layers (tanh' = 1 − h²).
     *
     * @param x       the attributes given to {@link #forward}
     * @param f       its forward pass
     * @param dWeight dLoss/dw {@code [basin][model]}
     * @return dLoss/dparameters, laid out as {@link #parameters()}
     */
    public double[] backward(double[][] x, Forward f, double[][] dWeight) {
        double[] g = new double[p.length];
        double tau = temperature();
        for (int b = 0; b < x.length; b++) {
            double[] w = f.weights()[b];
            double dot = 0;
            for (int m = 0; m < models; m++) {
                dot += w[m] * dWeight[b][m];
            }
            double[] dz = new double[models];
            for (int m = 0; m < models; m++) {
                double ds = w[m] * (dWeight[b][m] - dot);
                dz[m] = ds / tau;
                g[temperatureIndex()] -= ds * f.logits()[b][m] / tau;
            }
            double[] dh = new double[hidden];
            for (int m = 0; m < models; m++) {
                g[b2() + m] += dz[m];
                for (int j = 0; j < hidden; j++) {
                    g[w2() + m * hidden + j] += dz[m] * f.hiddenOut()[b][j];
                    dh[j] += dz[m] * p[w2() + m * hidden + j];
                }
            }
            for (int j = 0; j < hidden; j++) {
                double hj = f.hiddenOut()[b][j];
                double da = dh[j] * (1 - hj * hj);
                g[b1() + j] += da;
                for (int a = 0; a < inputs; a++) {
                    g[j * inputs + a] += da * x[b][a];
                }
            }
        }
        return g;
    }
}
