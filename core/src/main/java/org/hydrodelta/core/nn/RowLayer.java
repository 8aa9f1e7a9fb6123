package org.hydrodelta.core.nn;

import java.util.List;

/**
 * A layer applied independently to each row of a [rows][inputSize] batch (time steps and basins flattened into
 * rows). Buffers returned by {@link #forward} and {@link #backward} belong to the layer and are reused by the next
 * call; the input passed to {@code forward} must stay unchanged until the matching {@code backward}.
 */
public interface RowLayer {
    /** @return features per input row */
    int inputSize();

    /** @return features per output row */
    int outputSize();

    /**
     * Computes the output rows.
     *
     * @param x    input, rows × inputSize (kept by reference for the backward pass)
     * @param rows number of rows
     * @return output, rows × outputSize (layer-owned buffer, may be longer than needed)
     */
    float[] forward(float[] x, int rows);

    /**
     * Back-propagates: adds parameter gradients to {@link Parameter#grad()} and optionally returns dLoss/dInput.
     *
     * @param dy                gradient w.r.t. the output of the last forward call, rows × outputSize
     * @param rows              number of rows
     * @param needInputGradient whether to compute dLoss/dInput
     * @return dLoss/dInput (rows × inputSize, layer-owned buffer) or null when not requested
     */
    float[] backward(float[] dy, int rows, boolean needInputGradient);

    /** @return the trainable parameters (empty for parameter-free layers) */
    List<Parameter> parameters();
}
