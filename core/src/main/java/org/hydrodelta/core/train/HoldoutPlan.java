package org.hydrodelta.core.train;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.model.ModelRegistry;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectAttributes;

/**
 * The folds of an experiment's holdout design ({@link ExperimentConfig.Holdout}): which basins each fold trains on
 * and which it holds out.
 * <ul>
 * <li>{@code temporal}: one fold, every basin trained (on the training period) and tested (on the test period),
 * nothing held out: the paper's protocol, unchanged.</li>
 * <li>{@code pub}: {@code k} folds; the basins (in the experiment's order) are shuffled with a
 * {@link Random} seeded by {@code holdout.seed} (default: the training seed) and dealt round robin, so fold sizes
 * differ by at most one and the same configuration always gives the same folds.</li>
 * <li>{@code pur}: one fold per region, in the regions' sorted order; a basin's region is the text of the attribute
 * column {@code holdout.regionAttribute} ({@link ProjectAttributes}), or the {@code holdout.regionField} of the
 * feature of the polygon layer {@code holdout.regionLayer} that contains the basin's gauge (a
 * {@link RegionLookup}, which the caller supplies: core does not read map layers).</li>
 * <li>{@code custom}: one fold holding out {@code holdout.testBasins}.</li>
 * </ul>
 * Refusals name what is wrong: a fold without a training basin, basins without a region (all of them), test
 * basins that are not among the experiment's basins, more PUB folds than basins, a per-basin calibrated model
 * under a spatial design.
 *
 * @param design the holdout type ({@code temporal}, {@code pub}, {@code pur}, {@code custom})
 * @param basins the experiment's basins the plan was made from, in order
 * @param folds  the folds, numbered from 1
 */
public record HoldoutPlan(String design, List<String> basins, List<Fold> folds) {
    /** The fold assignment table written into a group folder: {@code basin_id,fold,role}. */
    public static final String FOLDS_FILE = "folds.csv";
    /** Role of a basin a fold trains on. */
    public static final String TRAIN = "train";
    /** Role of a basin a fold holds out (tests on). */
    public static final String TEST = "test";

    /** Copies the lists. */
    public HoldoutPlan {
        basins = List.copyOf(basins);
        folds = List.copyOf(folds);
    }

    /**
     * One fold.
     *
     * @param index  its number, from 1
     * @param label  what it holds out, e.g. {@code fold 2/3}, {@code region 05} or {@code custom}
     * @param train  basins it trains on, in the experiment's order
     * @param test   basins it holds out, in the experiment's order (empty for the temporal design)
     */
    public record Fold(int index, String label, List<String> train, List<String> test) {
        /** Copies the lists. */
        public Fold {
            train = List.copyOf(train);
            test = List.copyOf(test);
        }
    }

    /**
     * Finds each basin's region from a polygon layer of the project (for {@code pur} with
     * {@code holdout.regionLayer}); implemented where map layers are read (the app, over the maps module).
     */
    @FunctionalInterface
    public interface RegionLookup {
        /**
         * @param project the project (its layers, its gauges layer)
         * @param layer   the polygon layer's name ({@code holdout.regionLayer})
         * @param field   the feature attribute naming the region ({@code holdout.regionField})
         * @param basins  the basins to place
         * @return basin → region for every basin whose gauge lies in a feature with a non-empty field; basins
         *         missing from the map are refused by the plan, by name
         * @throws IOException if the layer cannot be read
         * @throws IllegalArgumentException if the layer or field does not exist, or there is no gauges layer
         */
        Map<String, String> regions(Project project, String layer, String field, List<String> basins)
                throws IOException;
    }

    /** @return whether basins are held out of training (any design but temporal) */
    public boolean spatial() {
        return !"temporal".equals(design);
    }

    /** @return the fold count */
    public int size() {
        return folds.size();
    }

    /**
     * Plans the folds of an experiment.
     *
     * @param project the project (attribute tables for a region attribute; layers for a region layer)
     * @param config  the experiment's effective configuration
     * @param basins  its usable basins, in order (after the usability check)
     * @param layers  looks up regions in a polygon layer; may be null when the design does not use one
     * @return the plan
     * @throws IOException if a region layer cannot be read
     * @throws IllegalArgumentException naming what makes the design impossible
     */
    public static HoldoutPlan plan(Project project, ExperimentConfig config, List<String> basins,
            RegionLookup layers) throws IOException {
        ExperimentConfig.Holdout h = config.holdout();
        Map<String, String> regions = null;
        if ("pur".equals(h.type())) {
            if (h.regionAttribute() != null) {
                regions = attributeRegions(ProjectAttributes.of(project), h.regionAttribute(), basins);
            } else {
                if (layers == null) {
                    throw new IllegalArgumentException("holdout.regionLayer '" + h.regionLayer() + "': this caller"
                            + " cannot read map layers; use holdout.regionAttribute or run from the workbench or"
                            + " the command line");
                }
                regions = layers.regions(project, h.regionLayer(), h.regionField(), basins);
            }
        }
        return plan(config, basins, regions);
    }

    /**
     * Plans the folds from known regions (the pure part of {@link #plan(Project, ExperimentConfig, List,
     * RegionLookup)}).
     *
     * @param config  the experiment's effective configuration
     * @param basins  its usable basins, in order
     * @param regions for {@code pur}: basin → region (basins absent or blank are refused by name); else ignored
     * @return the plan
     * @throws IllegalArgumentException naming what makes the design impossible
     */
    public static HoldoutPlan plan(ExperimentConfig config, List<String> basins, Map<String, String> regions) {
        ExperimentConfig.Holdout h = config.holdout();
        if (basins.isEmpty()) {
            throw new IllegalArgumentException("holdout: the experiment has no usable basin");
        }
        Set<String> unique = new LinkedHashSet<>(basins);
        if (unique.size() != basins.size()) {
            List<String> dup = new ArrayList<>(basins);
            unique.forEach(dup::remove);
            throw new IllegalArgumentException("holdout: basins listed twice: " + new LinkedHashSet<>(dup));
        }
        if (h.spatial() && ModelRegistry.find(config.model()).map(m -> m.capabilities().perBasin()).orElse(false)) {
            throw new IllegalArgumentException("holdout.type '" + h.type() + "': model '" + config.model()
                    + "' calibrates parameters for each training basin and cannot predict the held-out basins;"
                    + " use holdout.type temporal, or a regionalised model (delta-hbv, lstm)");
        }
        List<List<String>> tests = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        switch (h.type()) {
            case "temporal" -> {
                tests.add(List.of());
                labels.add("temporal");
            }
            case "pub" -> {
                int k = h.folds();
                if (k < 2) {
                    throw new IllegalArgumentException("holdout.folds must be at least 2, was " + k);
                }
                if (k > basins.size()) {
                    throw new IllegalArgumentException("holdout.folds " + k + " is more than the " + basins.size()
                            + " usable basins of the experiment: each fold needs at least one held-out basin");
                }
                List<String> shuffled = new ArrayList<>(basins);
                long seed = h.seed() != null ? h.seed() : config.training().seed();
                Collections.shuffle(shuffled, new Random(seed));
                List<Set<String>> dealt = new ArrayList<>();
                for (int f = 0; f < k; f++) {
                    dealt.add(new java.util.HashSet<>());
                }
                for (int i = 0; i < shuffled.size(); i++) {
                    dealt.get(i % k).add(shuffled.get(i));
                }
                for (int f = 0; f < k; f++) {
                    Set<String> d = dealt.get(f);
                    tests.add(basins.stream().filter(d::contains).toList());
                    labels.add("fold " + (f + 1) + "/" + k);
                }
            }
            case "pur" -> {
                String source = h.regionAttribute() != null ? "attribute '" + h.regionAttribute() + "'"
                        : "layer '" + h.regionLayer() + "' field '" + h.regionField() + "'";
                if (regions == null) {
                    throw new IllegalArgumentException("holdout.type 'pur': no regions given (" + source + ")");
                }
                List<String> missing = basins.stream().filter(b -> regions.get(b) == null
                        || regions.get(b).isBlank()).toList();
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException("holdout.type 'pur': " + missing.size() + " basin"
                            + (missing.size() == 1 ? " has" : "s have") + " no region (" + source + "): "
                            + missing);
                }
                Map<String, List<String>> byRegion = new TreeMap<>();
                for (String b : basins) {
                    byRegion.computeIfAbsent(regions.get(b).trim(), r -> new ArrayList<>()).add(b);
                }
                if (byRegion.size() < 2) {
                    throw new IllegalArgumentException("holdout.type 'pur': every basin is in region '"
                            + byRegion.keySet().iterator().next() + "' (" + source + "): holding it out leaves no"
                            + " training basin");
                }
                byRegion.forEach((r, bs) -> {
                    tests.add(bs);
                    labels.add("region " + r);
                });
            }
            case "custom" -> {
                List<String> test = h.testBasins() == null ? List.of() : h.testBasins();
                List<String> unknown = test.stream().filter(b -> !unique.contains(b)).toList();
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException("holdout.testBasins: " + unknown + " "
                            + (unknown.size() == 1 ? "is" : "are") + " not among the experiment's " + basins.size()
                            + " usable basins");
                }
                if (test.isEmpty()) {
                    throw new IllegalArgumentException("holdout.type 'custom' needs holdout.testBasins");
                }
                Set<String> t = new java.util.HashSet<>(test);
                tests.add(basins.stream().filter(t::contains).toList());
                labels.add("custom");
            }
            default -> throw new IllegalArgumentException("holdout.type must be one of "
                    + ExperimentConfig.Holdout.TYPES + ", was '" + h.type() + "'");
        }
        List<Fold> folds = new ArrayList<>();
        for (int f = 0; f < tests.size(); f++) {
            Set<String> t = new java.util.HashSet<>(tests.get(f));
            List<String> train = basins.stream().filter(b -> !t.contains(b)).toList();
            if (train.isEmpty()) {
                throw new IllegalArgumentException("holdout: " + labels.get(f) + " holds out every basin ("
                        + tests.get(f).size() + "): it has no training basin");
            }
            folds.add(new Fold(f + 1, labels.get(f), train, tests.get(f)));
        }
        return new HoldoutPlan(h.type(), basins, folds);
    }

    /**
     * The fewest training basins any fold of an experiment's holdout leaves, as far as it can be told from the basin
     * list alone: all of them for a temporal holdout, those not held out for a custom one, the smallest fold's for
     * PUB folds. Used to check {@code training.strata} (at most the training basins) before any data are read.
     *
     * @param config the experiment's configuration
     * @param basins its basins, in order
     * @return the count; empty for PUR regions (they need the attributes or a map layer) and for a design the basins
     *         make impossible (which {@link #plan} explains when training starts)
     */
    public static java.util.OptionalInt fewestTrainingBasins(ExperimentConfig config, List<String> basins) {
        if ("pur".equals(config.holdout().type())) {
            return java.util.OptionalInt.empty();
        }
        try {
            return plan(config, basins, null).folds().stream().mapToInt(f -> f.train().size()).min();
        } catch (IllegalArgumentException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /**
     * The sampler's check of the experiment's {@code training.strata} against the fewest training basins its holdout
     * leaves ({@link #fewestTrainingBasins}, {@link MinibatchSampler#strataProblem}), before any data are read.
     *
     * @param config the experiment's configuration
     * @param basins its basins, in order
     * @return the problem naming {@code training.strata}; empty when it fits or the count cannot be told from the
     *         basin list alone
     */
    public static java.util.Optional<String> strataProblem(ExperimentConfig config, List<String> basins) {
        java.util.OptionalInt n = fewestTrainingBasins(config, basins);
        return n.isPresent() ? MinibatchSampler.strataProblem(config.training().strata(), n.getAsInt())
                : java.util.Optional.empty();
    }

    /**
     * Each basin's region from an attribute column (its text as written, e.g. {@code 05} for {@code huc_02}).
     *
     * @param attributes the project's attributes
     * @param column     the column
     * @param basins     the basins
     * @return basin → region for the basins that have a value
     * @throws IllegalArgumentException when no attribute table of the project has the column
     */
    public static Map<String, String> attributeRegions(ProjectAttributes attributes, String column,
            List<String> basins) {
        boolean known = attributes.tables().stream().anyMatch(t -> t.columns().contains(column));
        if (!known) {
            Set<String> columns = new java.util.TreeSet<>();
            attributes.tables().forEach(t -> columns.addAll(t.columns()));
            throw new IllegalArgumentException("holdout.regionAttribute '" + column + "': no attribute table of the"
                    + " project has this column" + (columns.isEmpty() ? " (the project has no attribute tables)"
                    : "; columns: " + columns));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String b : basins) {
            java.util.Optional<BasinAttributes> t = attributes.tableFor(b);
            if (t.isPresent() && t.get().columns().contains(column)) {
                String v = t.get().text(b, column);
                if (v != null && !v.isBlank()) {
                    out.put(b, v.trim());
                }
            }
        }
        return out;
    }

    /**
     * @param fold a fold number (from 1)
     * @return that fold
     */
    public Fold fold(int fold) {
        return folds.get(fold - 1);
    }

    /**
     * @return basin → the fold holding it out, for the spatial designs (every basin exactly once for pub and pur)
     */
    public Map<String, Integer> heldOutFold() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Fold f : folds) {
            f.test().forEach(b -> out.put(b, f.index()));
        }
        return out;
    }

    /**
     * Writes {@value #FOLDS_FILE} ({@code basin_id,fold,role}: one row per fold and basin, role {@code train} or
     * {@code test}) through a temporary file.
     *
     * @param dir the group folder
     * @return the file
     * @throws IOException if it cannot be written
     */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FOLDS_FILE);
        Path tmp = dir.resolve(FOLDS_FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("basin_id,fold,role\n");
            for (Fold f : folds) {
                Set<String> t = new java.util.HashSet<>(f.test());
                for (String b : basins) {
                    w.write(b + "," + f.index() + "," + (t.contains(b) ? TEST : TRAIN) + "\n");
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
