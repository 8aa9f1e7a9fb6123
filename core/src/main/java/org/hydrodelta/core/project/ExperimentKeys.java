package org.hydrodelta.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Experiment settings as dotted {@code KEY=VALUE} strings ({@code training.epochs=10}, periods as
 * {@code FIRST..LAST}, lists comma-separated, {@code key=} restores the default): the one path by which the command
 * line ({@code hydrodelta experiment set}) and the cluster module's sweeps change a configuration, validated as a
 * project file is ({@link ProjectStore#parseConfig}).
 */
public final class ExperimentKeys {
    private ExperimentKeys() {
    }

    /**
     * Applies KEY=VALUE settings to a configuration and validates the result as a project file would be.
     *
     * @param base     the configuration to change
     * @param settings KEY=VALUE strings
     * @param name     experiment name for messages
     * @return the new configuration
     */
    public static ExperimentConfig apply(ExperimentConfig base, List<String> settings, String name) {
        ObjectNode root = ProjectStore.mapper().valueToTree(base);
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + s + "' is not KEY=VALUE");
            }
            String key = s.substring(0, eq).strip();
            String value = s.substring(eq + 1).strip();
            String[] path = key.split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                if (child == null || child.isNull()) {
                    child = parent.putObject(path[i]);
                } else if (!child.isObject()) {
                    throw new IllegalArgumentException("experiment '" + name + "': '" + String.join(".",
                            java.util.Arrays.copyOf(path, i + 1)) + "' is not a group of keys (" + child + ")");
                }
                parent = (ObjectNode) child;
            }
            String leaf = path[path.length - 1];
            if (value.isEmpty()) {
                parent.remove(leaf);
            } else {
                parent.set(leaf, parse(leaf, value, parent.get(leaf)));
            }
        }
        return ProjectStore.parseConfig(root, "experiment '" + name + "'");
    }

    /** A value typed like the key's current one (or by its form when the key is unset). */
    private static JsonNode parse(String key, String value, JsonNode current) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        boolean period = key.endsWith("Period");
        if (period || value.contains("..")) {
            int dots = value.indexOf("..");
            if (dots < 0) {
                throw new IllegalArgumentException(key + ": a period is FIRST..LAST, e.g. 1999-10-01..2008-09-30");
            }
            ObjectNode o = f.objectNode();
            o.put("start", value.substring(0, dots).strip());
            o.put("end", value.substring(dots + 2).strip());
            if (current != null && current.has("warmupStart")) {
                o.set("warmupStart", current.get("warmupStart"));
            }
            return o;
        }
        if (current != null && current.isArray() || key.equals("basins") || key.equals("forcings")
                || key.equals("attributes") || key.equals("dynamicParameters") || key.equals("testBasins")) {
            ArrayNode a = f.arrayNode();
            for (String v : value.split(",")) {
                if (!v.isBlank()) {
                    a.add(v.strip());
                }
            }
            return a;
        }
        if (value.equals("true") || value.equals("false")) {
            return f.booleanNode(Boolean.parseBoolean(value));
        }
        if (value.matches("-?\\d+")) {
            try {
                return f.numberNode(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return f.textNode(value);
            }
        }
        if (value.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return f.numberNode(Double.parseDouble(value));
        }
        return f.textNode(value);
    }

    /**
     * Expands sweep axes into the grid of their combinations (the first axis varies slowest): what the cluster's
     * {@code sweep} runs and what the window's "Run on cluster…" checks before writing a job. An axis of one value
     * ({@code training.epochs=1}) or none ({@code validationPeriod=}, the key's default, as in {@code experiment
     * set}) applies to every run.
     *
     * @param axes {@code KEY=V1,V2,...} each
     * @return one list of {@code KEY=VALUE} settings per run, each for {@link #apply}
     * @throws IllegalArgumentException for an axis that is not KEY=VALUES, an empty value or a key given twice
     */
    public static List<List<String>> grid(List<String> axes) {
        List<List<String>> out = new java.util.ArrayList<>();
        out.add(List.of());
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String axis : axes) {
            int eq = axis.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("sweep axis '" + axis + "' is not KEY=V1,V2,... (e.g."
                        + " network.hiddenSize=32,64)");
            }
            String key = axis.substring(0, eq).strip();
            if (!keys.add(key)) {
                throw new IllegalArgumentException("sweep key '" + key + "' is given twice");
            }
            String[] values = eq == axis.length() - 1 ? new String[] {""} : axis.substring(eq + 1).split(",", -1);
            List<List<String>> next = new java.util.ArrayList<>();
            for (List<String> base : out) {
                for (String v : values) {
                    if (v.isBlank() && values.length > 1) {
                        throw new IllegalArgumentException("sweep axis '" + axis + "' has an empty value");
                    }
                    List<String> s = new java.util.ArrayList<>(base);
                    s.add(key + "=" + v.strip());
                    next.add(List.copyOf(s));
                }
            }
            out = next;
        }
        return out;
    }
}
