package org.hydrodelta.core.nn;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Saving and loading a network's parameters as named flat tensors (for checkpoints and trained-model files). */
public final class Parameters {
    private Parameters() {
    }

    /**
     * Copies every parameter's values.
     *
     * @param parameters parameters with unique names
     * @return name → copy of the values, in the parameters' order
     */
    public static Map<String, float[]> snapshot(List<Parameter> parameters) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (m.put(p.name(), p.value().clone()) != null) {
                throw new IllegalArgumentException("duplicate parameter name " + p.name());
            }
        }
        return m;
    }

    /**
     * Loads values saved by {@link #snapshot}; all-or-nothing: names and sizes are checked before anything is
     * copied.
     *
     * @param parameters the network's parameters
     * @param values     name → values
     * @param source     where the values come from (file name), for error messages
     * @throws IllegalArgumentException naming the source and the missing, unexpected or mis-sized tensor
     */
    public static void load(List<Parameter> parameters, Map<String, float[]> values, String source) {
        Set<String> expected = new HashSet<>();
        for (Parameter p : parameters) {
            expected.add(p.name());
            float[] v = values.get(p.name());
            if (v == null) {
                throw new IllegalArgumentException(source + ": tensor " + p.name() + " is missing");
            }
            if (v.length != p.size()) {
                throw new IllegalArgumentException(source + ": tensor " + p.name() + " has " + v.length
                        + " values, the network needs " + p.size());
            }
        }
        Set<String> extra = new TreeSet<>(values.keySet());
        extra.removeAll(expected);
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException(source + ": unexpected tensors " + extra);
        }
        for (Parameter p : parameters) {
            p.load(values.get(p.name()));
        }
    }
}
