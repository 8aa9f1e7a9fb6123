package org.hydrodelta.core.nn;

import java.util.Arrays;

/**
 * A named trainable tensor and its gradient, both flat row-major {@code float[]} of equal length. Layers
 * accumulate into {@link #grad()}; the trainer zeroes it between iterations, and saves and loads {@link #value()}
 * by {@link #name()}.
 */
public final class Parameter {
    private final String name;
    private final int[] shape;
    private final float[] value;
    private final float[] grad;

    /**
     * Creates a zero-filled parameter.
     *
     * @param name  unique name within its network, e.g. {@code lstm.weight_ih}
     * @param shape dimensions (row-major)
     */
    public Parameter(String name, int... shape) {
        this.name = name;
        this.shape = shape.clone();
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        this.value = new float[n];
        this.grad = new float[n];
    }

    /** @return the parameter's name */
    public String name() {
        return name;
    }

    /** @return a copy of the dimensions */
    public int[] shape() {
        return shape.clone();
    }

    /** @return number of elements */
    public int size() {
        return value.length;
    }

    /** @return the live value array (modified in place by optimisers) */
    public float[] value() {
        return value;
    }

    /** @return the live gradient array */
    public float[] grad() {
        return grad;
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        Arrays.fill(grad, 0f);
    }

    /**
     * Copies new values in, e.g. from a checkpoint.
     *
     * @param values values of the same length
     * @throws IllegalArgumentException naming the parameter if the length differs
     */
    public void load(float[] values) {
        if (values.length != value.length) {
            throw new IllegalArgumentException("parameter " + name + ": expected " + value.length
                    + " values, got " + values.length);
        }
        System.arraycopy(values, 0, value, 0, values.length);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
