package org.hydrodelta.core.nn.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpointable optimiser state: the optimiser's kind, its step count and named per-parameter buffers
 * (e.g. {@code lstm.weight_hh.square_avg}).
 *
 * @param kind    optimiser name, e.g. {@code adadelta}
 * @param steps   updates applied so far
 * @param tensors named state buffers, in insertion order
 */
public record OptimizerState(String kind, long steps, Map<String, float[]> tensors) {
    /**
     * Deep-copies the buffers so the record cannot be changed through the caller's arrays.
     *
     * @param kind    optimiser name
     * @param steps   updates applied so far
     * @param tensors named state buffers
     */
    public OptimizerState {
        Map<String, float[]> copy = new LinkedHashMap<>();
        tensors.forEach((k, v) -> copy.put(k, v.clone()));
        tensors = Collections.unmodifiableMap(copy);
    }
}
