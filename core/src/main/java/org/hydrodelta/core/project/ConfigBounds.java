package org.hydrodelta.core.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The allowed range of every numeric experiment key, in one table (documented in the README's project-file
 * section). {@link ExperimentConfig#validate()} checks each key against it at load, and the error names the key
 * and its range. The upper bounds keep every derived size (batch × window × hidden units, basins × components)
 * far from integer overflow and from a heap no desktop has; they are generous for real studies (the paper's
 * configuration uses batch 100, window 365, hidden 256, 16 components).
 */
public final class ConfigBounds {
    /**
     * One key's range.
     *
     * @param key   the key as written in the project file
     * @param min   smallest allowed value
     * @param max   largest allowed value
     * @param minOpen whether {@code min} itself is excluded
     * @param maxOpen whether {@code max} itself is excluded
     * @param value reads the key's value from a configuration
     */
    public record Bound(String key, double min, double max, boolean minOpen, boolean maxOpen,
            Function<ExperimentConfig, Number> value) {
        /** @return the range as written in messages, e.g. {@code [1, 10000]} or {@code (0, 10]} */
        public String range() {
            return (minOpen ? "(" : "[") + fmt(min) + ", " + fmt(max) + (maxOpen ? ")" : "]");
        }

        /**
         * @param v a value
         * @return whether it is inside the range
         */
        public boolean contains(double v) {
            return !Double.isNaN(v) && (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
        }

        private static String fmt(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                    : String.format(Locale.ROOT, "%s", v);
        }
    }

    private static final Map<String, Bound> BOUNDS = new LinkedHashMap<>();

    static {
        add("warmupDays", 0, 3650, false, false, ExperimentConfig::warmupDays);
        add("windowDays", 1, 3650, false, false, ExperimentConfig::windowDays);
        add("hbv.components", 1, 64, false, false, c -> c.hbv().components());
        add("network.hiddenSize", 1, 4096, false, false, c -> c.network().hiddenSize());
        add("network.dropout", 0, 1, false, true, c -> c.network().dropout());
        add("training.lossAlpha", 0, 1, false, false, c -> c.training().lossAlpha());
        add("training.learningRate", 0, 100, true, false, c -> c.training().learningRate());
        add("training.epochs", 1, 100_000, false, false, c -> c.training().epochs());
        add("training.batchSize", 1, 10_000, false, false, c -> c.training().batchSize());
        add("training.iterationsPerEpoch", 0, 1_000_000, false, false, c -> c.training().iterationsPerEpoch());
        add("training.threads", 0, 1024, false, false, c -> c.training().threads());
        add("training.checkpointEvery", 1, 100_000, false, false, c -> c.training().checkpointEvery());
        add("training.earlyStopping", 0, 100_000, false, false, c -> c.training().earlyStopping());
        add("training.strata", 1, 10_000, false, false, c -> c.training().strata());
        add("holdout.folds", 2, 1000, false, false, c -> c.holdout().folds());
        add("ensemble.members", 1, 100, false, false, c -> c.ensemble().members());
    }

    private ConfigBounds() {
    }

    private static void add(String key, double min, double max, boolean minOpen, boolean maxOpen,
            Function<ExperimentConfig, Number> value) {
        BOUNDS.put(key, new Bound(key, min, max, minOpen, maxOpen, value));
    }

    /** @return every bounded key with its range, in table order */
    public static List<Bound> all() {
        return List.copyOf(BOUNDS.values());
    }

    /**
     * @param key a key
     * @return its bound, or null when the key is not numeric
     */
    public static Bound of(String key) {
        return BOUNDS.get(key);
    }

    /**
     * Checks every numeric key.
     *
     * @param c      the configuration
     * @param errors where one message per out-of-range key goes: {@code <key> must be in <range>, was <value>}
     */
    static void check(ExperimentConfig c, List<String> errors) {
        for (Bound b : BOUNDS.values()) {
            Number n = b.value().apply(c);
            if (n != null && !b.contains(n.doubleValue())) {
                errors.add(b.key() + " must be in " + b.range() + ", was " + n);
            }
        }
    }
}
