package org.hydrodelta.app.gui.experiment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.model.ModelRegistry;
import org.hydrodelta.core.project.Project;

/**
 * Editable form of one experiment. Every change rebuilds the configuration and validates it with the same
 * rules the project file and the trainer use, so an invalid combination is explained before training can start.
 */
public final class ExperimentEditorViewModel {
    private final Project project;
    private final Runnable onSaved;
    private final ExperimentConfig original;

    private final StringProperty name = new SimpleStringProperty();
    private final StringProperty model = new SimpleStringProperty();
    private final ObjectProperty<LocalDate> trainStart = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> trainEnd = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> validationStart = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> validationEnd = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> testStart = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> testEnd = new SimpleObjectProperty<>();
    private final IntegerProperty warmupDays = new SimpleIntegerProperty();
    private final IntegerProperty windowDays = new SimpleIntegerProperty();
    private final IntegerProperty components = new SimpleIntegerProperty();
    private final BooleanProperty etShape = new SimpleBooleanProperty();
    private final BooleanProperty routing = new SimpleBooleanProperty();
    private final Map<String, BooleanProperty> dynamic = new LinkedHashMap<>();
    private final StringProperty network = new SimpleStringProperty();
    private final IntegerProperty hiddenSize = new SimpleIntegerProperty();
    private final DoubleProperty dropout = new SimpleDoubleProperty();
    private final StringProperty loss = new SimpleStringProperty();
    private final StringProperty optimizer = new SimpleStringProperty();
    private final DoubleProperty learningRate = new SimpleDoubleProperty();
    private final IntegerProperty epochs = new SimpleIntegerProperty();
    private final IntegerProperty batchSize = new SimpleIntegerProperty();
    private final IntegerProperty strata = new SimpleIntegerProperty();
    private final IntegerProperty ensembleMembers = new SimpleIntegerProperty();
    private final ObservableList<String> errors = FXCollections.observableArrayList();
    private final Map<String, BooleanProperty> basins = new LinkedHashMap<>();
    private final BooleanProperty valid = new SimpleBooleanProperty();
    // the holdout design (issue #16): temporal, PUB folds, PUR regions (an attribute or a polygon layer), custom
    private final StringProperty holdoutType = new SimpleStringProperty();
    private final IntegerProperty folds = new SimpleIntegerProperty();
    private final StringProperty regionSource = new SimpleStringProperty(REGION_ATTRIBUTE);
    private final StringProperty regionAttribute = new SimpleStringProperty();
    private final StringProperty regionLayer = new SimpleStringProperty();
    private final StringProperty regionField = new SimpleStringProperty();
    private final Map<String, BooleanProperty> heldOut = new LinkedHashMap<>();
    private final ObservableList<String> regionAttributes = FXCollections.observableArrayList();
    private final ObservableList<String> regionLayers = FXCollections.observableArrayList();
    private final ObservableList<String> regionFields = FXCollections.observableArrayList();
    private final ObservableList<String> heldOutBasins = FXCollections.observableArrayList();
    // the loss terms (issue 18): an immutable list, replaced on every edit so that undo and redo restore it whole
    private final ObjectProperty<List<TargetRow>> targets = new SimpleObjectProperty<>(List.of());
    private final ObservableList<String> targetOutputs = FXCollections.observableArrayList();
    private final ObservableList<String> targetObservations = FXCollections.observableArrayList();
    private final BooleanProperty freeTargetOutputs = new SimpleBooleanProperty();

    /** PUR regions given by an attribute column of the project's basins. */
    public static final String REGION_ATTRIBUTE = "attribute";
    /** PUR regions given by the polygons of a map layer the gauges fall in. */
    public static final String REGION_LAYER = "layer";

    /**
     * @param project    the project holding the experiment
     * @param experiment the experiment to edit
     * @param onSaved    told after the edited experiment replaced the old one in the project
     */
    public ExperimentEditorViewModel(Project project, Experiment experiment, Runnable onSaved) {
        this.project = project;
        this.onSaved = onSaved;
        this.original = experiment.config();
        ExperimentConfig c = experiment.config();
        name.set(experiment.name());
        model.set(c.model());
        trainStart.set(c.trainPeriod().start());
        trainEnd.set(c.trainPeriod().lastDay());
        if (c.validationPeriod() != null) {
            validationStart.set(c.validationPeriod().start());
            validationEnd.set(c.validationPeriod().lastDay());
        }
        testStart.set(c.testPeriod().start());
        testEnd.set(c.testPeriod().lastDay());
        warmupDays.set(c.warmupDays());
        windowDays.set(c.windowDays());
        components.set(c.hbv().components());
        etShape.set(c.hbv().etShape());
        routing.set(c.hbv().routing());
        for (String p : ModelRegistry.allParameterNames()) {
            dynamic.put(p, new SimpleBooleanProperty(c.hbv().dynamicParameters().contains(p)));
        }
        network.set(c.network().type());
        hiddenSize.set(c.network().hiddenSize());
        dropout.set(c.network().dropout());
        loss.set(c.training().loss());
        optimizer.set(c.training().optimizer());
        learningRate.set(c.training().learningRate());
        epochs.set(c.training().epochs());
        batchSize.set(c.training().batchSize());
        strata.set(c.training().strata());
        ensembleMembers.set(c.ensemble().members());
        for (String b : project.basins()) {
            basins.put(b, new SimpleBooleanProperty(c.basins() == null || c.basins().contains(b)));
        }
        ExperimentConfig.Holdout h = c.holdout();
        holdoutType.set(h.type());
        folds.set(h.folds() != null ? h.folds() : org.hydrodelta.core.project.ExperimentDefaults.PUB_FOLDS);
        regionSource.set(h.regionLayer() != null ? REGION_LAYER : REGION_ATTRIBUTE);
        regionAttribute.set(h.regionAttribute());
        regionLayer.set(h.regionLayer());
        regionField.set(h.regionField());
        for (String b : project.basins()) {
            heldOut.put(b, new SimpleBooleanProperty(h.testBasins() != null && h.testBasins().contains(b)));
        }
        listRegionSources();
        if (c.targets() != null) {
            targets.set(c.targets().stream().map(TargetRow::of).toList());
        }
        listTargetChoices();
        List.of(model, etShape, routing).forEach(o -> o.addListener(x -> listTargetChoices()));
        regionLayer.addListener((o, a, l) -> listRegionFields(l));
        listRegionFields(regionLayer.get());
        List<Observable> all = new ArrayList<>(List.of(name, model, trainStart, trainEnd, validationStart,
                validationEnd, testStart, testEnd, warmupDays, windowDays, components, etShape, routing, network,
                hiddenSize, dropout, loss, optimizer, learningRate, epochs, batchSize, strata, ensembleMembers,
                holdoutType, folds, regionSource, regionAttribute, regionLayer, regionField, targets));
        all.addAll(dynamic.values());
        all.addAll(basins.values());
        all.addAll(heldOut.values());
        heldOut.values().forEach(v -> v.addListener(x -> heldOutBasins.setAll(chosenHeldOut())));
        heldOutBasins.setAll(chosenHeldOut());
        for (Observable o : all) {
            fields.add((javafx.beans.property.Property<?>) o);
        }
        current = snapshot();
        saved = current;
        all.forEach(o -> o.addListener(x -> {
            validate();
            recordEdit();
        }));
        validate();
    }

    // undo/redo: the form's values after each edit; restoring one sets every field back
    private final List<javafx.beans.property.Property<?>> fields = new ArrayList<>();
    private final java.util.Deque<List<Object>> undo = new java.util.ArrayDeque<>();
    private final java.util.Deque<List<Object>> redo = new java.util.ArrayDeque<>();
    private final BooleanProperty modified = new SimpleBooleanProperty();
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();
    private List<Object> current;
    private List<Object> saved;
    private boolean restoring;
    private int batching;

    private List<Object> snapshot() {
        List<Object> v = new ArrayList<>(fields.size());
        for (javafx.beans.property.Property<?> f : fields) {
            v.add(f.getValue());
        }
        return v;
    }

    private void recordEdit() {
        if (restoring || batching > 0) {
            return;
        }
        List<Object> now = snapshot();
        if (now.equals(current)) {
            return;
        }
        undo.push(current);
        redo.clear();
        current = now;
        updateHistory();
    }

    private void updateHistory() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        modified.set(!current.equals(saved));
    }

    /**
     * Makes several field changes one step of undo (the All and None buttons, a lasso).
     *
     * @param edits the changes
     */
    public void batch(Runnable edits) {
        batching++;
        try {
            edits.run();
        } finally {
            batching--;
        }
        recordEdit();
    }

    @SuppressWarnings("unchecked")
    private void restore(List<Object> values) {
        restoring = true;
        try {
            for (int i = 0; i < fields.size(); i++) {
                ((javafx.beans.property.Property<Object>) fields.get(i)).setValue(values.get(i));
            }
        } finally {
            restoring = false;
        }
        current = values;
        validate();
        updateHistory();
    }

    /** Takes back the last edit of the form. */
    public void undo() {
        if (!undo.isEmpty()) {
            redo.push(current);
            restore(undo.pop());
        }
    }

    /** Does again the last edit taken back. */
    public void redo() {
        if (!redo.isEmpty()) {
            undo.push(current);
            restore(redo.pop());
        }
    }

    /** @return whether there is an edit to undo */
    public javafx.beans.value.ObservableBooleanValue canUndoProperty() {
        return canUndo;
    }

    /** @return whether there is an edit to redo */
    public javafx.beans.value.ObservableBooleanValue canRedoProperty() {
        return canRedo;
    }

    /** @return whether the form differs from what was last saved into the project */
    public javafx.beans.value.ObservableBooleanValue modifiedProperty() {
        return modified;
    }

    private static Period period(LocalDate a, LocalDate b, String key, List<String> errors) {
        if (a == null && b == null) {
            return null;
        }
        if (a == null || b == null) {
            errors.add(key + " needs both a start and an end date");
            return null;
        }
        if (b.isBefore(a)) {
            errors.add(key + " ends (" + b + ") before it starts (" + a + ")");
            return null;
        }
        return Period.inclusive(a, b);
    }

    /**
     * @return the configuration the form describes
     * @throws IllegalStateException if the form cannot be turned into a configuration (see {@link #errors()})
     */
    public ExperimentConfig config() {
        List<String> e = new ArrayList<>();
        ExperimentConfig c = build(e);
        if (c == null) {
            throw new IllegalStateException(String.join("; ", e));
        }
        return c;
    }

    /** The form edits start and end only: a warm-up start set in the project file is kept while still valid. */
    private static Period keepWarmup(Period edited, Period original) {
        return edited == null || original == null || original.warmupStart() == null
                || original.warmupStart().isAfter(edited.start()) ? edited
                : edited.withWarmupStart(original.warmupStart());
    }

    private ExperimentConfig build(List<String> e) {
        Period train = period(trainStart.get(), trainEnd.get(), "trainPeriod", e);
        Period validation = keepWarmup(period(validationStart.get(), validationEnd.get(), "validationPeriod", e),
                original.validationPeriod());
        Period test = keepWarmup(period(testStart.get(), testEnd.get(), "testPeriod", e), original.testPeriod());
        if (train == null || test == null) {
            if (train == null && e.stream().noneMatch(m -> m.startsWith("trainPeriod"))) {
                e.add("trainPeriod is required");
            }
            if (test == null && e.stream().noneMatch(m -> m.startsWith("testPeriod"))) {
                e.add("testPeriod is required");
            }
            return null;
        }
        List<String> dyn = dynamic.entrySet().stream().filter(x -> x.getValue().get()).map(Map.Entry::getKey)
                .toList();
        ExperimentConfig.Training t = original.training();
        List<String> chosen = chosenBasins();
        if (!basins.isEmpty() && chosen.isEmpty()) {
            e.add("basins: choose at least one basin");
        }
        // all of the project's basins is stored as "the project's selection", so later additions are included
        List<String> selection = basins.isEmpty() ? original.basins() : chosen.size() == basins.size() ? null : chosen;
        return new ExperimentConfig(model.get(), original.dataset(), selection, train, validation, test,
                warmupDays.get(), windowDays.get(), original.forcings(), original.attributes(),
                new ExperimentConfig.Hbv(components.get(), dyn, etShape.get(), routing.get()),
                new ExperimentConfig.Network(network.get(), hiddenSize.get(), dropout.get()),
                new ExperimentConfig.Training(loss.get(), t.lossAlpha(), optimizer.get(), learningRate.get(),
                        epochs.get(), batchSize.get(), t.iterationsPerEpoch(), t.seed(), t.threads(),
                        t.checkpointEvery(), t.earlyStopping(), strata.get())).withHoldout(holdout()).withEnsemble(
                                new ExperimentConfig.Ensemble(ensembleMembers.get()))
                .withTargets(targetsConfig());
    }

    /**
     * One row of the targets table as the form holds it: the values of {@link ExperimentConfig.Target}, with the
     * weight as typed. {@code null} output, loss or normalisation leave the key out of the project file (the
     * discharge for flow; {@code training.loss} for flow and {@code rmse} otherwise; {@code none}).
     *
     * @param output        the model output (names joined by {@code +} are summed), or {@code null}
     * @param observation   {@code flow} or an auxiliary observation the dataset declares
     * @param loss          a loss of {@link org.hydrodelta.core.loss.TargetLoss#LOSSES}, or {@code null}
     * @param weight        the weight as typed; blank for the default 1
     * @param normalisation {@code none} or {@code standardised}, or {@code null}
     */
    public record TargetRow(String output, String observation, String loss, String weight, String normalisation) {
        /**
         * @param t a target of a configuration
         * @return its row
         */
        public static TargetRow of(ExperimentConfig.Target t) {
            return new TargetRow(t.output(), t.observation(), t.loss(), t.weight() == null ? ""
                    : weightText(t.weight()), t.normalisation());
        }

        /**
         * @return the target; a weight that is not a number becomes NaN, which the configuration's validation
         *         names ({@code targets[i].weight must be a number > 0})
         */
        public ExperimentConfig.Target target() {
            Double w = null;
            if (weight != null && !weight.isBlank()) {
                try {
                    w = Double.valueOf(weight.strip().replace(',', '.'));
                } catch (NumberFormatException e) {
                    w = Double.NaN;
                }
            }
            return new ExperimentConfig.Target(blankToNull(output), observation == null ? "" : observation,
                    blankToNull(loss), w, blankToNull(normalisation));
        }

        /**
         * @param o an output
         * @return this row with it
         */
        public TargetRow withOutput(String o) {
            return new TargetRow(o, observation, loss, weight, normalisation);
        }

        /**
         * @param o an observation
         * @return this row with it
         */
        public TargetRow withObservation(String o) {
            return new TargetRow(output, o, loss, weight, normalisation);
        }

        /**
         * @param l a loss
         * @return this row with it
         */
        public TargetRow withLoss(String l) {
            return new TargetRow(output, observation, l, weight, normalisation);
        }

        /**
         * @param w a weight as typed
         * @return this row with it
         */
        public TargetRow withWeight(String w) {
            return new TargetRow(output, observation, loss, w, normalisation);
        }

        /**
         * @param n a normalisation
         * @return this row with it
         */
        public TargetRow withNormalisation(String n) {
            return new TargetRow(output, observation, loss, weight, n);
        }

        /** @return whether this row compares observed streamflow */
        public boolean isFlow() {
            return org.hydrodelta.core.loss.TargetLoss.FLOW.equals(observation);
        }
    }

    /** A weight as the form shows it: whole numbers without ".0" (1, not 1.0), others as Java prints them. */
    private static String weightText(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The chosen model with the HBV structure of the form and defaults elsewhere: what its outputs depend on. */
    private ExperimentConfig modelOnly() {
        return new ExperimentConfig(model.get(), null, null, null, null, null, null, null, null, null,
                new ExperimentConfig.Hbv(1, List.of(), etShape.get(), routing.get()), null, null);
    }

    /** The targets of the form: {@code null} (flow only, the key left out) when the table is empty. */
    private List<ExperimentConfig.Target> targetsConfig() {
        List<TargetRow> rows = targets.get();
        return rows.isEmpty() ? null : rows.stream().map(TargetRow::target).toList();
    }

    /**
     * The outputs a target may read for the chosen model (its trainable outputs, discharge first), and the
     * observations of the experiment's dataset ({@code flow} first).
     */
    private void listTargetChoices() {
        List<String> outs;
        boolean conceptual;
        try {
            conceptual = ModelRegistry.find(model.get()).map(e -> e.capabilities().conceptual()).orElse(false);
            outs = ModelRegistry.trainableOutputs(modelOnly());
        } catch (RuntimeException e) {
            // an unknown model (named by validate()): no outputs to offer
            conceptual = false;
            outs = List.of();
        }
        targetOutputs.setAll(outs);
        freeTargetOutputs.set(!conceptual);
        List<String> obs = new ArrayList<>();
        obs.add(org.hydrodelta.core.loss.TargetLoss.FLOW);
        try {
            datasetRef().ifPresent(d -> org.hydrodelta.core.data.auxiliary.ObservationSpec.fromOptions(d.options())
                    .forEach(o -> obs.add(o.name())));
        } catch (IllegalArgumentException e) {
            // declarations that cannot be read: validate() names them through the trainer's own check
        }
        targetObservations.setAll(obs);
    }

    /** @return the dataset the experiment's runs read: its {@code dataset}, else the project's first */
    private java.util.Optional<org.hydrodelta.core.project.DatasetRef> datasetRef() {
        return original.dataset() != null ? project.dataset(original.dataset())
                : project.datasets().stream().findFirst();
    }

    /** @return the targets table's rows; empty means flow only with the training loss */
    public ObjectProperty<List<TargetRow>> targetsProperty() {
        return targets;
    }

    /** @return the outputs the chosen model offers a target (its trainable outputs, discharge first) */
    public ObservableList<String> targetOutputs() {
        return targetOutputs;
    }

    /**
     * @return whether a target's output is a name of the user's choice (a pure network predicts one extra head per
     *         auxiliary target) rather than one of {@link #targetOutputs()}
     */
    public javafx.beans.value.ObservableBooleanValue freeTargetOutputsProperty() {
        return freeTargetOutputs;
    }

    /** @return the observations a target may compare with: {@code flow} and those the dataset declares */
    public ObservableList<String> targetObservations() {
        return targetObservations;
    }

    /**
     * Adds a target. On an empty table the streamflow row comes first (one target must be flow), then a row for
     * the first declared observation no row uses yet, reading the model output that observes its kind where the
     * model has one (baseflow: the HBV baseflow flux), with loss {@code rmse} and weight 1. One step of undo.
     */
    public void addTarget() {
        List<TargetRow> rows = new ArrayList<>(targets.get());
        if (rows.isEmpty()) {
            rows.add(new TargetRow(null, org.hydrodelta.core.loss.TargetLoss.FLOW, null, "", null));
        }
        String observation = targetObservations.stream().filter(o -> rows.stream().noneMatch(r -> o.equals(
                r.observation()))).findFirst().orElse("");
        rows.add(new TargetRow(observation.isEmpty() ? null : defaultOutput(observation), observation, "rmse", "1",
                null));
        targets.set(List.copyOf(rows));
    }

    /** The trainable output whose role is what the declared observation observes, or {@code null}. */
    private String defaultOutput(String observation) {
        try {
            org.hydrodelta.core.project.DatasetRef d = datasetRef().orElse(null);
            if (d == null) {
                return null;
            }
            String kind = org.hydrodelta.core.data.auxiliary.ObservationSpec.fromOptions(d.options()).stream()
                    .filter(o -> o.name().equals(observation)).map(
                            org.hydrodelta.core.data.auxiliary.ObservationSpec::kind).findFirst().orElse("");
            org.hydrodelta.core.conceptual.OutputSpec.Role role = switch (kind) {
                case "swe" -> org.hydrodelta.core.conceptual.OutputSpec.Role.SNOW;
                case "et" -> org.hydrodelta.core.conceptual.OutputSpec.Role.EVAPOTRANSPIRATION;
                case "baseflow" -> org.hydrodelta.core.conceptual.OutputSpec.Role.BASEFLOW;
                case "soil-moisture" -> org.hydrodelta.core.conceptual.OutputSpec.Role.SOIL_MOISTURE;
                default -> null;
            };
            return ModelRegistry.outputs(modelOnly()).stream().filter(o -> o.role() == role && targetOutputs.contains(
                    o.name())).map(org.hydrodelta.core.conceptual.OutputSpec::name).findFirst().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Changes a target's observation. A row that becomes the streamflow row reads the discharge (its output is left
     * out); a row that stops being it reads the output that observes the new observation's kind, where the model
     * has one. One step of undo.
     *
     * @param index       its position, 0 for the first
     * @param observation {@code flow} or a declared observation
     */
    public void setTargetObservation(int index, String observation) {
        TargetRow row = targets.get().get(index);
        if (java.util.Objects.equals(row.observation(), observation)) {
            return;
        }
        TargetRow changed = row.withObservation(observation);
        if (changed.isFlow()) {
            changed = changed.withOutput(null).withNormalisation(null);
        } else if (row.isFlow() || row.output() == null) {
            changed = changed.withOutput(defaultOutput(observation));
        }
        setTarget(index, changed);
    }

    /**
     * Removes a target; removing the last leaves flow only.
     *
     * @param index its position, 0 for the first
     */
    public void removeTarget(int index) {
        List<TargetRow> rows = new ArrayList<>(targets.get());
        rows.remove(index);
        targets.set(List.copyOf(rows));
    }

    /**
     * Replaces a target (one step of undo).
     *
     * @param index its position, 0 for the first
     * @param row   the new values
     */
    public void setTarget(int index, TargetRow row) {
        List<TargetRow> rows = new ArrayList<>(targets.get());
        if (!rows.get(index).equals(row)) {
            rows.set(index, row);
            targets.set(List.copyOf(rows));
        }
    }

    /**
     * The holdout the form describes. Only the fields of the chosen type go into it, so that switching type does
     * not leave keys behind; every check of the values is {@link ExperimentConfig#validate()}'s (one validation
     * path with the command line).
     */
    private ExperimentConfig.Holdout holdout() {
        String type = holdoutType.get() == null ? "temporal" : holdoutType.get();
        Long seed = original.holdout().seed();
        return switch (type) {
            case "temporal" -> ExperimentConfig.Holdout.TEMPORAL;
            case "pub" -> new ExperimentConfig.Holdout(type, folds.get(), seed, null, null, null, null);
            case "pur" -> REGION_LAYER.equals(regionSource.get())
                    ? new ExperimentConfig.Holdout(type, null, seed, null, blankToNull(regionLayer.get()),
                            blankToNull(regionField.get()), null)
                    : new ExperimentConfig.Holdout(type, null, seed, blankToNull(regionAttribute.get()), null, null,
                            null);
            case "custom" -> new ExperimentConfig.Holdout(type, null, seed, null, null, null, chosenHeldOut());
            // an unknown type (a hand-edited file) is kept for validate() to name
            default -> new ExperimentConfig.Holdout(type, null, seed, null, null, null, null);
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Attribute columns of the project's tables (PUR regions) and its polygon layers (PUR regions from a map). */
    private void listRegionSources() {
        java.util.Set<String> columns = new java.util.TreeSet<>();
        try {
            org.hydrodelta.core.project.ProjectAttributes.of(project).tables().forEach(t -> columns.addAll(
                    t.columns()));
        } catch (RuntimeException e) {
            // unreadable tables: the data doctor names them; a column can still be chosen from the file's value
        }
        if (regionAttribute.get() != null) {
            columns.add(regionAttribute.get());
        }
        regionAttributes.setAll(columns);
        project.layers().stream().filter(l -> !l.role().equals("gauges")).map(org.hydrodelta.core.project.LayerRef
                ::name).forEach(regionLayers::add);
    }

    /** The fields of a region layer's features, read when the layer is chosen. */
    private void listRegionFields(String layerName) {
        regionFields.clear();
        project.layers().stream().filter(l -> l.name().equals(layerName)).findFirst().ifPresent(l -> {
            try {
                org.hydrodelta.maps.io.VectorDataReader.read(l.path()).fields().forEach(f -> regionFields.add(
                        f.name()));
            } catch (java.io.IOException | RuntimeException e) {
                errors.add("Region layer '" + layerName + "' cannot be read: " + e.getMessage());
            }
        });
        if (regionField.get() != null && !regionFields.contains(regionField.get())) {
            regionFields.add(regionField.get());
        }
    }

    /** @return the held-out basins of a custom holdout, in the project's order */
    public List<String> chosenHeldOut() {
        return heldOut.entrySet().stream().filter(x -> x.getValue().get()).map(Map.Entry::getKey).toList();
    }

    /**
     * Changes the held-out basins of a custom holdout by a set of ids (those a lasso caught); ids not in the
     * project's basin list are ignored. One step of undo.
     *
     * @param ids  basin ids
     * @param mode replace, add or remove
     * @return how many distinct ids were applied
     */
    public int applyHeldOutSelection(Collection<String> ids, BasinSelectionMode mode) {
        Set<String> known = projectBasins(ids);
        batch(() -> {
            switch (mode) {
                case REPLACE -> heldOut.forEach((id, on) -> on.set(known.contains(id)));
                case ADD -> known.forEach(id -> heldOut.get(id).set(true));
                case REMOVE -> known.forEach(id -> heldOut.get(id).set(false));
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        });
        return known.size();
    }

    /** @return the holdout design: temporal, pub, pur or custom ({@code holdout.type}) */
    public StringProperty holdoutTypeProperty() {
        return holdoutType;
    }

    /** @return the number of PUB folds ({@code holdout.folds}) */
    public IntegerProperty foldsProperty() {
        return folds;
    }

    /** @return where PUR regions come from: {@link #REGION_ATTRIBUTE} or {@link #REGION_LAYER} */
    public StringProperty regionSourceProperty() {
        return regionSource;
    }

    /** @return the attribute column naming a basin's region ({@code holdout.regionAttribute}) */
    public StringProperty regionAttributeProperty() {
        return regionAttribute;
    }

    /** @return the polygon layer whose features are the regions ({@code holdout.regionLayer}) */
    public StringProperty regionLayerProperty() {
        return regionLayer;
    }

    /** @return the feature field naming the region ({@code holdout.regionField}) */
    public StringProperty regionFieldProperty() {
        return regionField;
    }

    /** @return per project basin, whether a custom holdout holds it out ({@code holdout.testBasins}) */
    public Map<String, BooleanProperty> heldOut() {
        return heldOut;
    }

    /** @return the held-out basins as they change (for the map's two classes) */
    public ObservableList<String> heldOutBasins() {
        return heldOutBasins;
    }

    /** @return the project's attribute columns, to choose a PUR region column from */
    public ObservableList<String> regionAttributes() {
        return regionAttributes;
    }

    /** @return the project's layers that can hold region polygons */
    public ObservableList<String> regionLayers() {
        return regionLayers;
    }

    /** @return the chosen region layer's feature fields */
    public ObservableList<String> regionFields() {
        return regionFields;
    }

    private void validate() {
        List<String> e = new ArrayList<>();
        String n = name.get() == null ? "" : name.get().strip();
        if (n.isEmpty()) {
            e.add("name: a name is required");
        }
        ExperimentConfig c = build(e);
        if (c != null) {
            e.addAll(c.validate());
            strataProblem(c).ifPresent(e::add);
            // the trainer's check of the dataset's declared observations, which needs no data
            datasetRef().ifPresent(d -> e.addAll(org.hydrodelta.core.train.AuxiliaryTargets.undeclared(c, d)));
        }
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        List<String> words = new ArrayList<>(e.size());
        for (String m : e) {
            keys.addAll(keysIn(m));
            words.add(inUserWords(m));
        }
        invalidKeys.setAll(keys);
        errors.setAll(words);
        valid.set(e.isEmpty());
    }

    /**
     * The sampler's check of {@code training.strata} against the training basins, when the form knows the basins
     * (the project's list, the holdout taken off) and the value is within its bounds (else the bounds say it).
     */
    private java.util.Optional<String> strataProblem(ExperimentConfig c) {
        List<String> list = basins.isEmpty() ? c.basins() : chosenBasins();
        if (list == null || list.isEmpty() || c.training().strata() < 1) {
            return java.util.Optional.empty();
        }
        return org.hydrodelta.core.train.HoldoutPlan.strataProblem(c, list);
    }

    /** Configuration keys and the form's names for them, longest keys first (so "training.loss" before "loss"). */
    static final Map<String, String> LABELS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("training.iterationsPerEpoch", "Iterations per epoch");
        m.put("training.checkpointEvery", "Checkpoint every");
        m.put("hbv.dynamicParameters", "Dynamic parameters");
        m.put("training.learningRate", "Learning rate");
        m.put("training.batchSize", "Batch size");
        // the form's name and the key together: the cluster dialog and the README name the key
        m.put("training.strata", "Basin strata (training.strata)");
        m.put("training.optimizer", "Optimizer");
        m.put("training.lossAlpha", "Loss weight α");
        m.put("network.hiddenSize", "Hidden size");
        m.put("training.threads", "Threads");
        m.put("training.epochs", "Epochs");
        m.put("ensemble.members", "Ensemble members");
        m.put("validationPeriod", "Validation period");
        m.put("hbv.components", "Components");
        m.put("network.dropout", "DropConnect");
        m.put("training.loss", "Loss");
        m.put("network.type", "Network");
        m.put("trainPeriod", "Training period");
        m.put("testPeriod", "Test period");
        m.put("warmupDays", "Warm-up days");
        m.put("windowDays", "Window days");
        m.put("hbv.etShape", "ET shape exponent γ");
        m.put("holdout.regionAttribute", "Region attribute");
        m.put("holdout.regionLayer", "Region layer");
        m.put("holdout.regionField", "Region field");
        m.put("holdout.testBasins", "Held-out basins");
        m.put("holdout.folds", "Folds");
        m.put("holdout.type", "Holdout");
        LABELS = java.util.Collections.unmodifiableMap(m);
    }

    /** Keys that are plain words and are only keys at the start of a message. */
    private static final List<String> LEADING_KEYS = List.of("model", "forcings", "basins", "name", "holdout",
            "targets");

    /** A target's key in a problem: {@code targets[2]}, or one of its values, {@code targets[2].weight}. */
    private static final java.util.regex.Pattern TARGET_KEY = java.util.regex.Pattern.compile(
            "targets\\[\\d+\\](\\.(output|observation|loss|weight|normalisation))?");

    /**
     * @param message a problem as the configuration reports it, naming keys ("validationPeriod ... overlaps
     *                trainPeriod ...")
     * @return the same in the form's words ("Validation period ... overlaps Training period ...")
     */
    static String inUserWords(String message) {
        String out = message.replace("needs hbv.etShape = true", "needs the ET shape exponent γ ticked");
        for (Map.Entry<String, String> k : LABELS.entrySet()) {
            out = out.replaceAll("(?<![\\w.])" + java.util.regex.Pattern.quote(k.getKey()) + "(?![\\w])",
                    java.util.regex.Matcher.quoteReplacement(k.getValue()));
        }
        for (String k : LEADING_KEYS) {
            if (out.startsWith(k + " ") || out.startsWith(k + ":")) {
                out = Character.toUpperCase(k.charAt(0)) + out.substring(1);
            }
        }
        return out.replace("warmupDays + windowDays", "warm-up days + window days");
    }

    /** @return the configuration keys a problem names (the view highlights their fields) */
    static List<String> keysIn(String message) {
        List<String> keys = new ArrayList<>();
        String rest = message;
        for (String k : LABELS.keySet()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![\\w.])"
                    + java.util.regex.Pattern.quote(k) + "(?![\\w])").matcher(rest);
            if (m.find()) {
                keys.add(k);
                rest = m.replaceAll(" ");
            }
        }
        for (String k : LEADING_KEYS) {
            if (message.startsWith(k + " ") || message.startsWith(k + ":")) {
                keys.add(k);
            }
        }
        java.util.regex.Matcher t = TARGET_KEY.matcher(message);
        while (t.find()) {
            keys.add(t.group());
        }
        return keys;
    }

    private final ObservableList<String> invalidKeys = FXCollections.observableArrayList();

    /**
     * @return the configuration keys of the fields the problems name (e.g. "validationPeriod", "trainPeriod",
     *         "training.epochs", "basins"), for highlighting
     */
    public ObservableList<String> invalidKeys() {
        return invalidKeys;
    }

    /**
     * Replaces the experiment in the project (under its possibly new name).
     *
     * @param oldName the name it had when the editor opened
     * @throws IllegalStateException if the form is invalid or the new name is taken by another experiment
     */
    public void save(String oldName) {
        if (!valid.get()) {
            throw new IllegalStateException("the experiment is not valid: " + String.join("; ", errors));
        }
        String n = name.get().strip();
        if (!n.equals(oldName) && project.experiment(n).isPresent()) {
            throw new IllegalStateException("another experiment is already called '" + n + "'");
        }
        List<Experiment> list = project.experiments();
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(oldName)) {
                at = i;
            }
        }
        Experiment edited = new Experiment(n, config());
        if (at < 0) {
            list.add(edited);
        } else {
            list.set(at, edited);
        }
        saved = current;
        updateHistory();
        onSaved.run();
    }

    /** @return per project basin, whether the experiment uses it */
    public Map<String, BooleanProperty> basins() {
        return basins;
    }

    /** @return the checked basins, in the project's order */
    public List<String> chosenBasins() {
        return basins.entrySet().stream().filter(x -> x.getValue().get()).map(Map.Entry::getKey).toList();
    }

    /**
     * @param ids basin ids from elsewhere, e.g. the features caught by a lasso on the map
     * @return those of them that are in the project's basin list, without repeats, in the given order
     */
    public Set<String> projectBasins(Collection<String> ids) {
        Set<String> known = new LinkedHashSet<>();
        for (String id : ids) {
            if (basins.containsKey(id)) {
                known.add(id);
            }
        }
        return known;
    }

    /**
     * Changes the basin selection by a set of ids, e.g. those caught by a lasso on the map. Ids that are not in
     * the project's basin list are ignored. Replacing with no known id leaves no basin chosen, which
     * {@link #errors()} then reports.
     *
     * @param ids  basin ids
     * @param mode replace the selection with them, add them to it or remove them from it
     * @return how many distinct ids were applied (those in the project's basin list)
     */
    public int applyBasinSelection(Collection<String> ids, BasinSelectionMode mode) {
        Set<String> known = projectBasins(ids);
        batch(() -> {
            switch (mode) {
                case REPLACE -> basins.forEach((id, on) -> on.set(known.contains(id)));
                case ADD -> known.forEach(id -> basins.get(id).set(true));
                case REMOVE -> known.forEach(id -> basins.get(id).set(false));
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        });
        return known.size();
    }

    /** @return the project the experiment belongs to (its basins and map layers) */
    public Project project() {
        return project;
    }

    /** @return problems of the current form, each naming its field; empty when valid */
    public ObservableList<String> errors() {
        return errors;
    }

    /** @return whether the form is valid */
    public BooleanProperty validProperty() {
        return valid;
    }

    /** @return the experiment's name */
    public StringProperty nameProperty() {
        return name;
    }

    /** @return the model type */
    public StringProperty modelProperty() {
        return model;
    }

    /** @return first training day */
    public ObjectProperty<LocalDate> trainStartProperty() {
        return trainStart;
    }

    /** @return last training day */
    public ObjectProperty<LocalDate> trainEndProperty() {
        return trainEnd;
    }

    /** @return first validation day, {@code null} for none */
    public ObjectProperty<LocalDate> validationStartProperty() {
        return validationStart;
    }

    /** @return last validation day, {@code null} for none */
    public ObjectProperty<LocalDate> validationEndProperty() {
        return validationEnd;
    }

    /** @return first test day */
    public ObjectProperty<LocalDate> testStartProperty() {
        return testStart;
    }

    /** @return last test day */
    public ObjectProperty<LocalDate> testEndProperty() {
        return testEnd;
    }

    /** @return warm-up days */
    public IntegerProperty warmupDaysProperty() {
        return warmupDays;
    }

    /** @return window days */
    public IntegerProperty windowDaysProperty() {
        return windowDays;
    }

    /** @return HBV components */
    public IntegerProperty componentsProperty() {
        return components;
    }

    /** @return whether γ (13 parameters) is used */
    public BooleanProperty etShapeProperty() {
        return etShape;
    }

    /** @return whether routing is on */
    public BooleanProperty routingProperty() {
        return routing;
    }

    /** @return per HBV parameter, whether it is dynamic */
    public Map<String, BooleanProperty> dynamicParameters() {
        return dynamic;
    }

    /** @return network type */
    public StringProperty networkProperty() {
        return network;
    }

    /** @return hidden size */
    public IntegerProperty hiddenSizeProperty() {
        return hiddenSize;
    }

    /** @return DropConnect rate */
    public DoubleProperty dropoutProperty() {
        return dropout;
    }

    /** @return loss */
    public StringProperty lossProperty() {
        return loss;
    }

    /** @return optimizer */
    public StringProperty optimizerProperty() {
        return optimizer;
    }

    /** @return learning rate */
    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    /**
     * @return the number of members of a seed ensemble ({@code ensemble.members}, 1 for a single model; the
     *         configuration's validation says when it is outside 1..100)
     */
    public IntegerProperty ensembleMembersProperty() {
        return ensembleMembers;
    }

    /** @return epochs */
    public IntegerProperty epochsProperty() {
        return epochs;
    }

    /** @return batch size */
    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    /**
     * @return basin strata of the minibatch sampler ({@code training.strata}: 1 for the paper's sampler; N for equal
     *         slices on N cluster partitions; the configuration's bounds and the training basins limit it)
     */
    public IntegerProperty strataProperty() {
        return strata;
    }
}
