package org.hydrodelta.app.gui.map;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.core.project.LayerRef;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.maps.io.Feature;
import org.hydrodelta.maps.io.FeatureSet;
import org.hydrodelta.maps.io.VectorDataReader;
import org.hydrodelta.maps.render.MapLayer;
import org.hydrodelta.maps.render.MapScene;
import org.hydrodelta.maps.render.MapSceneBuilder;
import org.hydrodelta.maps.style.Classification;
import org.hydrodelta.maps.style.ColorRamp;

/**
 * State of the map tab: the project's backdrop, its basins' gauges (only the selected basins) and polygons,
 * coloured by a metric of the latest evaluated run (a polygon in the colour of its gauge). Signed metrics (bias) get a diverging ramp.
 * When that run is an ensemble, its member spread per basin ({@code spread_width}: the mean width of the 5-95 % flow
 * band over the mean flow, from {@code outputs_mean.csv}) is one more choice beside its skill.
 */
public final class BasinMapViewModel {
    /** Choice meaning "no colouring". */
    public static final String NONE = "(none)";
    private static final Set<String> SIGNED = Set.of("pbias", "fhv", "flv_mhpi", "flv_yilmaz_log", "fms");
    /**
     * Skill scores drawn on the fixed 0 to 1 range (below 0 as 0): a few basins with NSE of -2 would otherwise
     * stretch the ramp so that every useful basin looks alike.
     */
    private static final Set<String> SKILL = Set.of("nse", "kge", "kge_prime", "r");

    private final ObservableList<String> metrics = FXCollections.observableArrayList(NONE);
    private final StringProperty metric = new SimpleStringProperty(NONE);
    /** HBV stores among the outputs (the other outputs are fluxes). */
    /** Output names (lower case, as in the tables) that are stores, from the coloured run's model. */
    private Set<String> storages = Set.of();
    private final ObjectProperty<MapScene> scene = new SimpleObjectProperty<>();
    private final StringProperty caption = new SimpleStringProperty("");
    private final MapScene base;
    private final int gaugeLayer;
    /** Positions of the basin-polygon layers, filled like their gauges. */
    private final List<Integer> polygonLayers = new ArrayList<>();
    private final Map<String, Map<String, Double>> runMetrics;
    /** Where the run metrics come from, for the caption. */
    private final String runSource;

    /** The project's layers that could not be read, each with why; the map is drawn without them. */
    private final List<String> unavailableLayers;

    /**
     * @return the project's layers left off the map because their files could not be read (moved, deleted,
     *         malformed), each naming the layer and the file; empty when all were drawn
     */
    public List<String> unavailableLayers() {
        return unavailableLayers;
    }

    /**
     * @param project the project (layers, basins, runs)
     * @throws IOException if the evaluation's tables cannot be read (the message names it)
     */
    public BasinMapViewModel(Project project) throws IOException {
        this(project, null);
    }

    /**
     * A map coloured by one chosen evaluation of a run (a prediction for other basins, another period or epoch, a
     * holdout group's merged held-out result) instead of the latest test evaluation.
     *
     * @param project the project (layers, basins, runs)
     * @param shown   the evaluation to colour by, or null for the latest evaluated run's test period
     * @throws IOException if the evaluation's tables cannot be read (the message names it); a layer that cannot be
     *         read is left off the map and listed in {@link #unavailableLayers()}
     */
    public BasinMapViewModel(Project project, org.hydrodelta.app.gui.runs.EvaluationChoice shown) throws IOException {
        MapSceneBuilder b = new MapSceneBuilder();
        int gauges = -1;
        List<LayerRef> ordered = new ArrayList<>();
        project.layers().stream().filter(l -> l.role().equals("backdrop")).forEach(ordered::add);
        project.layers().stream().filter(l -> l.role().equals("basins")).forEach(ordered::add);
        project.layers().stream().filter(l -> l.role().equals("gauges")).forEach(ordered::add);
        List<String> missing = new ArrayList<>();
        int drawn = 0;
        for (LayerRef l : ordered) {
            FeatureSet set;
            try {
                set = VectorDataReader.read(l.path());
            } catch (IOException | RuntimeException e) {
                // a GIS draws the layers it has and says which it could not: one moved or deleted file (a
                // backdrop, say) no longer keeps the whole map closed
                missing.add("layer '" + l.name() + "' (" + e.getMessage() + ")");
                continue;
            }
            if (l.role().equals("gauges") && !project.basins().isEmpty()) {
                set = onlyBasins(set, project.basins());
                gauges = drawn;
            }
            if (l.role().equals("basins")) {
                polygonLayers.add(drawn);
            }
            b.add(set);
            drawn++;
        }
        unavailableLayers = List.copyOf(missing);
        if (gauges < 0 && !project.basins().isEmpty()) {
            // no gauge layer (a CSV import without shapefiles, or its file missing): the gauges are placed at the
            // coordinates of the basins' attribute tables, so the map can still be coloured and clicked
            FeatureSet fromAttributes = gaugesFromAttributes(project);
            if (fromAttributes != null) {
                gauges = drawn;
                b.add(fromAttributes);
                drawn++;
            }
        }
        base = drawn == 0 ? MapScene.of(List.of()) : b.build();
        gaugeLayer = gauges;
        Map<String, Map<String, Double>> found = Map.of();
        String source = "no evaluated run yet";
        List<RunRef> runs = project.runs();
        String skillLabel = null;
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (shown != null && !runs.get(i).name().equals(shown.run())) {
                continue;
            }
            org.hydrodelta.core.eval.RunResults results = shown == null
                    ? org.hydrodelta.core.eval.RunResults.of(runs.get(i).path())
                    : org.hydrodelta.core.eval.RunResults.of(runs.get(i).path(), shown.evaluation());
            if (results.evaluated()) {
                dischargeMean = results.outputSpecs().stream().filter(o -> o.role()
                        == org.hydrodelta.core.conceptual.OutputSpec.Role.DISCHARGE).findFirst().map(o -> "mean_"
                                + o.name().toLowerCase(java.util.Locale.ROOT)).orElse(null);
                storages = results.outputSpecs().stream().filter(o -> o.isStore())
                        .map(o -> o.name().toLowerCase(java.util.Locale.ROOT))
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
                found = new java.util.LinkedHashMap<>();
                for (Map.Entry<String, Map<String, Double>> e : results.metrics().entrySet()) {
                    found.put(e.getKey(), new java.util.LinkedHashMap<>(e.getValue()));
                }
                // the untrained outputs and learned parameters, as means over the test period
                {
                    for (Map.Entry<String, Map<String, Double>> e : results.outputMeans().entrySet()) {
                        found.computeIfAbsent(e.getKey(), k -> new java.util.LinkedHashMap<>()).putAll(e.getValue());
                    }
                }
                source = shown == null ? "test period of " + runs.get(i).name() : shown.describe(runs.get(i));
                if (org.hydrodelta.app.gui.runs.EvaluationChoice.isHeldOut(runs.get(i))) {
                    // the merged result of a spatial holdout: every basin scored by the fold that never trained on it
                    skillLabel = "held-out ";
                }
                break;
            }
        }
        runMetrics = found;
        skillPrefix = skillLabel == null ? "" : skillLabel;
        if (!found.isEmpty()) {
            // skill and output means to colour by; the days scored (n_obs, baseflow_n_obs, ...) are no skill
            metrics.addAll(found.values().iterator().next().keySet().stream()
                    .filter(m -> !org.hydrodelta.core.eval.BasinMetrics.isCount(m)).toList());
            // a prediction for basins without observed flow has no skill to show: its simulated mean streamflow
            boolean observed = found.values().stream().anyMatch(r -> r.getOrDefault("n_obs", 0.0) > 0);
            metric.set(observed || dischargeMean == null || !metrics.contains(dischargeMean) ? "nse" : dischargeMean);
            withoutSkill = !observed;
        }
        runSource = source;
        // the latest combination's weights: which input run wins where, and each run's weight
        org.hydrodelta.core.combine.CombinationResults comb = null;
        String combName = null;
        for (int i = runs.size() - 1; i >= 0 && comb == null; i--) {
            java.util.Optional<org.hydrodelta.core.combine.CombinationResults> c =
                    org.hydrodelta.core.combine.CombinationResults.read(runs.get(i).path());
            if (c.isPresent()) {
                comb = c.get();
                combName = runs.get(i).name();
            }
        }
        combination = comb;
        combinationName = combName;
        if (comb != null) {
            metrics.add(WINNER);
            comb.runs().forEach(r -> metrics.add(WEIGHT_PREFIX + r));
        }
        caption.set(source);
        metric.addListener((o, a, m) -> recolour());
        recolour();
    }

    /** Whether the coloured evaluation has no observed flow at all (a prediction for ungauged basins). */
    private boolean withoutSkill;

    /**
     * @return whether the coloured evaluation has no observed flow in any basin (a prediction for ungauged basins):
     *         its skill scores are all empty, so the map opens on the simulated mean streamflow instead
     */
    public boolean withoutSkill() {
        return withoutSkill;
    }

    /** The coloured run's mean simulated streamflow column ({@code mean_<discharge output>}), or null. */
    private String dischargeMean;
    /** "held-out " before skill scores of a holdout group's merged result, else empty. */
    private final String skillPrefix;

    /** Layer name of the gauges placed from the attribute tables' coordinates. */
    public static final String ATTRIBUTE_GAUGES = "Gauges (attribute coordinates)";

    private String gaugeNote;

    /**
     * @return when the gauges are placed from the attribute tables (no gauge layer could be drawn), what the map
     *         says about it (and how many basins have no coordinates); else null
     */
    public String gaugeNote() {
        return gaugeNote;
    }

    private FeatureSet gaugesFromAttributes(Project project) {
        org.hydrodelta.core.project.ProjectAttributes attributes =
                org.hydrodelta.core.project.ProjectAttributes.available(project, m -> { });
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (String id : project.basins()) {
            java.util.Optional<org.hydrodelta.core.data.BasinAttributes> t = attributes.tableFor(id);
            double lat = t.map(a -> a.latitude(id)).orElse(Double.NaN);
            double lon = t.map(a -> a.longitude(id)).orElse(Double.NaN);
            if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
                without.add(id);
                continue;
            }
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("gauge_id", id);
            row.put("gauge_name", t.get().name(id));
            row.put("gauge_lon", lon);
            row.put("gauge_lat", lat);
            rows.add(row);
        }
        if (rows.isEmpty()) {
            return null;
        }
        gaugeNote = "the gauges are placed at their attributes' coordinates (the project has no gauge layer to draw)"
                + (without.isEmpty() ? "" : "; " + without.size() + " of " + project.basins().size()
                        + " basins have none and are not shown (" + String.join(", ", without.subList(0,
                                Math.min(5, without.size()))) + (without.size() > 5 ? ", ..." : "") + ")");
        try {
            return org.hydrodelta.maps.io.PointFeatures.fromRows(ATTRIBUTE_GAUGES, null, rows, "gauge_lon",
                    "gauge_lat");
        } catch (org.hydrodelta.maps.io.MapDataException e) {
            gaugeNote = null;
            return null; // the rows were checked above
        }
    }

    private static FeatureSet onlyBasins(FeatureSet set, List<String> ids) {
        Set<String> keep = Set.copyOf(ids);
        MapLayer probe = MapLayer.of(set, org.hydrodelta.maps.style.LayerStyle.POINTS, true);
        List<Feature> kept = set.features().stream().filter(f -> keep.contains(probe.featureId(f))).toList();
        return set.withFeatures(kept, set.crs());
    }

    /**
     * Colours the gauges by values that are not in a metrics file, e.g. the validation NSE of a training in
     * progress after each epoch.
     *
     * @param label  legend title and caption
     * @param values per basin id
     */
    public void showLive(String label, Map<String, Double> values) {
        if (gaugeLayer < 0) {
            return;
        }
        boolean first = liveValues == null;
        liveLabel = label;
        liveValues = Map.copyOf(values);
        if (!metrics.contains(LIVE)) {
            metrics.add(1, LIVE);
        }
        // "Colour by" says what is shown: the live colouring takes over once; a metric the user picks afterwards stays
        if (first || LIVE.equals(metric.get())) {
            if (LIVE.equals(metric.get())) {
                recolour();
            } else {
                metric.set(LIVE);
            }
        }
    }

    /** Choice showing the validation NSE of the training in progress, after each epoch. */
    public static final String LIVE = "validation NSE (training)";
    private String liveLabel;
    private Map<String, Double> liveValues;

    /** The fixed colour range of skill scores (the live validation NSE, NSE, KGE, r): 0 (and below) to 1. */
    static final org.hydrodelta.maps.style.ContinuousColorScale LIVE_SCALE =
            new org.hydrodelta.maps.style.ContinuousColorScale(ColorRamp.VIRIDIS, 0, 1,
                    org.hydrodelta.maps.style.ColorScale.DEFAULT_NAN_COLOR);

    /**
     * Colours the gauges in two named classes: the basins in {@code chosen} (yellow) and the others (purple), e.g.
     * the basins of an experiment or those a lasso caught.
     *
     * @param label      legend title and caption
     * @param chosenName legend label of the chosen basins
     * @param otherName  legend label of the others
     * @param all        the basins to show
     * @param chosen     those in the first class
     */
    public void showChosen(String label, String chosenName, String otherName, java.util.Collection<String> all,
            java.util.Collection<String> chosen) {
        if (gaugeLayer < 0) {
            return;
        }
        Map<String, Double> values = new java.util.HashMap<>();
        for (String id : all) {
            values.put(id, chosen.contains(id) ? 0.0 : 1.0);
        }
        org.hydrodelta.maps.style.CategoryColorScale scale = new org.hydrodelta.maps.style.CategoryColorScale(
                ColorRamp.VIRIDIS, List.of(chosenName, otherName), List.of(ColorRamp.VIRIDIS.at(1),
                        ColorRamp.VIRIDIS.at(0)));
        caption.set(label);
        showGauges(g -> g.colouredBy(label, g.valuesById(values), scale));
    }

    /** Choice colouring each gauge by the input run with the largest weight in the latest combination. */
    public static final String WINNER = "combination: winning run";
    /** Start of the choices colouring by one input run's weight in the latest combination. */
    public static final String WEIGHT_PREFIX = "combination weight: ";
    private final org.hydrodelta.core.combine.CombinationResults combination;
    private final String combinationName;

    private boolean recolourByCombination(String m) {
        if (combination == null || gaugeLayer < 0 || m == null
                || !(m.equals(WINNER) || m.startsWith(WEIGHT_PREFIX))) {
            return false;
        }
        if (m.equals(WINNER)) {
            Map<String, Double> values = new java.util.HashMap<>();
            combination.winners().forEach((id, k) -> values.put(id, (double) k));
            int n = combination.runs().size();
            List<java.awt.Color> colours = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                colours.add(ColorRamp.VIRIDIS.at(n == 1 ? 0 : (double) k / (n - 1)));
            }
            caption.set("largest weight per basin in " + combinationName);
            showGauges(g -> g.colouredBy("Winning run (" + combinationName + ")", g.valuesById(values),
                    new org.hydrodelta.maps.style.CategoryColorScale(ColorRamp.VIRIDIS, combination.runs(), colours)));
            return true;
        }
        String run = m.substring(WEIGHT_PREFIX.length());
        caption.set("weight of " + run + " in " + combinationName);
        showGauges(g -> g.colouredBy("Weight of " + run + " (0 to 1)", g.valuesById(combination.weightOf(run)),
                LIVE_SCALE));
        return true;
    }

    private void recolour() {
        String m = metric.get();
        if (recolourByCombination(m)) {
            return;
        }
        if (LIVE.equals(m) && liveValues != null && gaugeLayer >= 0) {
            caption.set(liveLabel);
            // one colour range for every epoch (NSE 0 to 1, below 0 drawn as 0), so colours compare across epochs
            showGauges(g -> g.colouredBy(liveLabel + " (0 to 1)", g.valuesById(liveValues), LIVE_SCALE));
            return;
        }
        caption.set(runSource);
        if (gaugeLayer < 0 || m == null || m.equals(NONE) || runMetrics.isEmpty()) {
            scene.set(base);
            return;
        }
        Map<String, Double> byId = new java.util.HashMap<>();
        runMetrics.forEach((id, row) -> byId.put(id, row.get(m)));
        if (SKILL.contains(m)) {
            showGauges(g -> g.colouredBy(skillPrefix + m.toUpperCase(java.util.Locale.ROOT) + " (0 to 1)",
                    g.valuesById(byId),
                    LIVE_SCALE));
            return;
        }
        boolean signed = SIGNED.contains(m);
        String title = legendTitle(m);
        showGauges(g -> g.colouredBy(title, units(m, signed), g.valuesById(byId),
                signed ? ColorRamp.RDBU : ColorRamp.VIRIDIS, Classification.CONTINUOUS, 5));
    }

    /**
     * Shows the base scene with its gauge layer replaced by {@code colour} of it (the caller checks there is one),
     * and the basin polygons filled in their gauge's colour on the same scale.
     */
    private void showGauges(java.util.function.UnaryOperator<MapLayer> colour) {
        List<MapLayer> layers = new ArrayList<>(base.layers());
        MapLayer gauges = colour.apply(layers.get(gaugeLayer));
        layers.set(gaugeLayer, gauges);
        for (int i : polygonLayers) {
            layers.set(i, layers.get(i).colouredLike(gauges));
        }
        scene.set(new MapScene(layers, base.selection(), base.title(), true));
    }

    /**
     * @param m a colouring choice
     * @return its legend title: the metric in capitals, the ensemble's spread in words
     */
    static String legendTitle(String m) {
        return m.equals(org.hydrodelta.core.eval.EnsembleEvaluator.SPREAD_WIDTH)
                ? "Ensemble spread (5-95 % band width / mean flow)" : m.toUpperCase(java.util.Locale.ROOT);
    }

    /** Legend units: % for biases, mm for mean storages, mm/d for mean fluxes, none for the rest. */
    String units(String m, boolean signed) {
        if (signed || m.startsWith("fhv")) {
            return "%";
        }
        if (!m.startsWith("mean_") || m.startsWith("mean_param_")) {
            return "";
        }
        return storages.contains(m.substring("mean_".length())) ? "mm" : "mm/d";
    }

    /** @return metric names available for colouring */
    public ObservableList<String> metrics() {
        return metrics;
    }

    /** @return the metric the gauges are coloured by */
    public StringProperty metricProperty() {
        return metric;
    }

    /** @return the scene to draw */
    public ObjectProperty<MapScene> sceneProperty() {
        return scene;
    }

    /** @return where the colours come from */
    public StringProperty captionProperty() {
        return caption;
    }
}
