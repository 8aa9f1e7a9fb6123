package org.hydrodelta.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hydrodelta.core.nn.gemm.Gemm;

/**
 * Multi-layer perceptron: Linear layers with ReLU between them (none after the last), e.g. sizes {38, 256, 256, 14}
 * gives Linear(38→256)·ReLU·Linear(256→256)·ReLU·Linear(256→14). Parameters are named {@code name.0.weight},
 * {@code name.0.bias}, {@code name.1.weight}, … by Linear index.
 */
public final class Mlp implements RowLayer {
    private final List<RowLayer> layers = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final int in;
    private final int out;

    /**
     * Creates and initialises the network (layers initialised in order with {@code rng}).
     *
     * @param name  parameter name prefix
     * @param sizes feature counts, input first, at least two entries
     * @param gemm  product engine
     * @param rng   initialisation generator
     */
    public Mlp(String name, int[] sizes, Gemm gemm, SplitMix64 rng) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least input and output sizes");
        }
        for (int i = 0; i + 1 < sizes.length; i++) {
            Linear lin = new Linear(name + "." + i, sizes[i], sizes[i + 1], gemm, rng);
            layers.add(lin);
            parameters.addAll(lin.parameters());
            if (i + 2 < sizes.length) {
                layers.add(new Relu(sizes[i + 1], gemm.pool()));
            }
        }
        this.in = sizes[0];
        this.out = sizes[sizes.length - 1];
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public float[] forward(float[] x, int rows) {
        float[] h = x;
        for (RowLayer l : layers) {
            h = l.forward(h, rows);
        }
        return h;
    }

    @Override
    public float[] backward(float[] dy, int rows, boolean needInputGradient) {
        float[] g = dy;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, rows, i > 0 || needInputGradient);
        }
        return g;
    }

    @Override
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }
}
