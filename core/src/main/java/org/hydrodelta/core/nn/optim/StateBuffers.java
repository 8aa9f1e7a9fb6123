package org.hydrodelta.core.nn.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hydrodelta.core.nn.Parameter;

/** Per-parameter state buffers created lazily (zero-filled) on first use, keyed "parameterName.suffix". */
final class StateBuffers {
    private final Map<String, float[]> buffers = new LinkedHashMap<>();

    float[] get(Parameter p, String suffix) {
        return buffers.computeIfAbsent(p.name() + "." + suffix, k -> new float[p.size()]);
    }

    Map<String, float[]> asMap() {
        return buffers;
    }

    void replaceWith(Map<String, float[]> tensors) {
        buffers.clear();
        tensors.forEach((k, v) -> buffers.put(k, v.clone()));
    }
}
