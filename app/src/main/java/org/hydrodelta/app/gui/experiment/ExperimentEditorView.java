package org.hydrodelta.app.gui.experiment;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import java.util.List;
import org.hydrodelta.core.project.ExperimentDefaults;

/** Layout of the experiment editor: grouped fields, the list of problems in red, and Save. */
public final class ExperimentEditorView extends BorderPane {
    private final ExperimentEditorViewModel vm;
    /** The field nodes by configuration key, outlined in red while a problem names them. */
    private final java.util.Map<String, javafx.scene.Node> fields = new java.util.HashMap<>();
    private static final String INVALID_STYLE = "-fx-border-color: #b00020; -fx-border-width: 1.5;";

    /**
     * @param vm      the editor's state
     * @param oldName the experiment's name when the editor opened
     * @param status  receives the outcome of Save
     */
    public ExperimentEditorView(ExperimentEditorViewModel vm, String oldName,
            java.util.function.Consumer<String> status) {
        this.vm = vm;
        setId("experimentEditor");
        GridPane general = grid();
        TextField name = new TextField();
        name.setId("experimentName");
        name.textProperty().bindBidirectional(vm.nameProperty());
        row(general, 0, "Name", field("name", name));
        row(general, 1, "Model", field("model", combo(vm.modelProperty(), ExperimentDefaults.MODELS)));
        row(general, 2, "Training period", field("trainPeriod", dates(vm.trainStartProperty(),
                vm.trainEndProperty())));
        row(general, 3, "Validation period", field("validationPeriod", dates(vm.validationStartProperty(),
                vm.validationEndProperty())));
        row(general, 4, "Test period", field("testPeriod", dates(vm.testStartProperty(), vm.testEndProperty())));
        row(general, 5, "Warm-up days", field("warmupDays", spinner(vm.warmupDaysProperty().asObject(), 0, 3650)));
        row(general, 6, "Window days", field("windowDays", spinner(vm.windowDaysProperty().asObject(), 1, 3650)));

        GridPane hbv = grid();
        row(hbv, 0, "Components", field("hbv.components", spinner(vm.componentsProperty().asObject(), 1, 64)));
        CheckBox gamma = new CheckBox("ET shape exponent γ (13 parameters)");
        gamma.selectedProperty().bindBidirectional(vm.etShapeProperty());
        CheckBox routing = new CheckBox("Gamma unit-hydrograph routing");
        routing.selectedProperty().bindBidirectional(vm.routingProperty());
        row(hbv, 1, "Structure", new HBox(12, gamma, routing));
        FlowPane dyn = new FlowPane(10, 4);
        vm.dynamicParameters().forEach((p, prop) -> {
            CheckBox c = new CheckBox(p);
            c.selectedProperty().bindBidirectional(prop);
            dyn.getChildren().add(c);
        });
        row(hbv, 2, "Dynamic parameters", field("hbv.dynamicParameters", dyn));

        GridPane net = grid();
        row(net, 0, "Network", field("network.type", combo(vm.networkProperty(), ExperimentDefaults.NETWORKS)));
        row(net, 1, "Hidden size", field("network.hiddenSize", spinner(vm.hiddenSizeProperty().asObject(), 1,
                4096)));
        Spinner<Double> dropout = new Spinner<>(0.0, 0.95, vm.dropoutProperty().get(), 0.05);
        dropout.setId("dropoutSpinner");
        dropout.setEditable(true);
        refuseText(dropout, DECIMAL);
        bindValue(dropout, vm.dropoutProperty().asObject());
        row(net, 2, "DropConnect", field("network.dropout", dropout));

        GridPane train = grid();
        row(train, 0, "Loss", field("training.loss", combo(vm.lossProperty(), ExperimentDefaults.LOSSES)));
        row(train, 1, "Optimizer", field("training.optimizer", combo(vm.optimizerProperty(),
                ExperimentDefaults.OPTIMIZERS)));
        Spinner<Double> lr = new Spinner<>(1e-5, 10.0, vm.learningRateProperty().get(), 0.001);
        lr.setId("learningRateSpinner");
        lr.setEditable(true);
        refuseText(lr, DECIMAL);
        bindValue(lr, vm.learningRateProperty().asObject());
        row(train, 2, "Learning rate", field("training.learningRate", lr));
        Spinner<Integer> epochs = spinner(vm.epochsProperty().asObject(), 0, 10_000);
        epochs.setId("epochsSpinner");
        row(train, 3, "Epochs", field("training.epochs", epochs));
        row(train, 4, "Batch size", field("training.batchSize", spinner(vm.batchSizeProperty().asObject(), 0,
                10_000)));
        // as for the members below, the spinner's bounds are wider than the allowed ones, so that the configuration's
        // bounds and the training basins explain a value out of range
        Spinner<Integer> strata = spinner(vm.strataProperty().asObject(), 0, 100_000);
        strata.setId("strataSpinner");
        strata.setTooltip(tip("training.strata: how the basins of a minibatch are drawn. 1 = the paper's sampler:"
                + " every sample's basin is drawn from all training basins. N = the training basins are dealt into"
                + " N groups (the 1st, (N+1)th, (2N+1)th, … basin in the experiment's order make the first) and"
                + " every minibatch holds equal numbers of samples from each group. Set it to the cluster's partition"
                + " count for equal data-parallel slices (the local trainer then draws the same minibatches); at"
                + " most the number of training basins."));
        row(train, 5, "Basin strata", field("training.strata", strata));
        // the spinner's own bounds are wider than the allowed 1..100, so a value out of range is explained in the
        // form's words (one validation path with the command line) rather than silently clamped
        Spinner<Integer> members = spinner(vm.ensembleMembersProperty().asObject(), 0, 1_000);
        members.setId("ensembleMembersSpinner");
        members.setTooltip(new javafx.scene.control.Tooltip("Seed ensemble: train this many members with seeds"
                + " derived from the training seed and evaluate their mean and 5-95 % spread (1 = a single model)"));
        row(train, 6, "Ensemble members", field("ensemble.members", members));

        ListView<String> errors = new ListView<>(vm.errors());
        errors.setId("experimentErrors");
        errors.setPrefHeight(90);
        errors.setStyle("-fx-text-fill: #b00020;");
        errors.setPlaceholder(new Label("The configuration is valid."));
        Button save = new Button("Save experiment");
        save.setId("saveExperiment");
        save.disableProperty().bind(vm.validProperty().not());
        save.setOnAction(e -> {
            try {
                vm.save(oldName);
                status.accept("Saved experiment '" + vm.nameProperty().get().strip() + "'");
            } catch (IllegalStateException ex) {
                status.accept(ex.getMessage());
            }
        });
        FlowPane basinBoxes = new FlowPane(10, 4);
        basinBoxes.setPrefWrapLength(600);
        vm.basins().forEach((b, prop) -> {
            CheckBox c = new CheckBox(b);
            c.selectedProperty().bindBidirectional(prop);
            basinBoxes.getChildren().add(c);
        });
        Button all = new Button("All");
        all.setOnAction(e -> vm.batch(() -> vm.basins().values().forEach(p -> p.set(true))));
        Button none = new Button("None");
        none.setOnAction(e -> vm.batch(() -> vm.basins().values().forEach(p -> p.set(false))));
        Button onMap = new Button("Select on map…");
        onMap.setId("selectBasinsOnMap");
        onMap.setDisable(vm.basins().isEmpty() || vm.project().layers().isEmpty());
        onMap.setOnAction(e -> BasinLassoPane.showDialog(getScene() == null ? null : getScene().getWindow(), vm,
                status));
        TitledPane basinPane = new TitledPane("Basins", field("basins", new VBox(4, new HBox(6, all, none, onMap),
                basinBoxes)));
        basinPane.setExpanded(false);
        TitledPane holdoutPane = holdoutPane(status);
        VBox form = new VBox(6, new TitledPane("Experiment and periods", general), basinPane, holdoutPane,
                new TitledPane("HBV", hbv),
                new TitledPane("Network", net), new TitledPane("Training", train), targetsPane());
        form.setPadding(new Insets(6));
        setCenter(new ScrollPane(form));
        VBox bottom = new VBox(4, new Label("Problems"), errors, save);
        bottom.setPadding(new Insets(6));
        setBottom(bottom);
        vm.invalidKeys().addListener((javafx.collections.ListChangeListener<String>) c -> highlight());
        highlight();
    }

    /**
     * The holdout design: temporal (the paper's split), PUB (random basin folds), PUR (regions from an attribute
     * column or a polygon layer's field) or custom (held-out basins from the list or a lasso on the map). Only the
     * fields of the chosen type are shown; their checks are {@code ExperimentConfig.validate()}'s.
     */
    private TitledPane holdoutPane(java.util.function.Consumer<String> status) {
        GridPane g = grid();
        ComboBox<String> type = combo(vm.holdoutTypeProperty(), org.hydrodelta.core.project.ExperimentConfig.Holdout
                .TYPES);
        type.setId("holdoutType");
        type.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String t) {
                return t == null ? "" : switch (t) {
                    case "temporal" -> "temporal (test period, same basins)";
                    case "pub" -> "PUB (random basin folds)";
                    case "pur" -> "PUR (one fold per region)";
                    case "custom" -> "custom (held-out basins)";
                    default -> t;
                };
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        row(g, 0, "Holdout", field("holdout.type", type));
        Spinner<Integer> folds = spinner(vm.foldsProperty().asObject(), 2, 1000);
        folds.setId("holdoutFolds");
        Label foldsLabel = new Label("Folds");
        g.add(foldsLabel, 0, 1);
        g.add(field("holdout.folds", folds), 1, 1);

        javafx.scene.control.ToggleGroup source = new javafx.scene.control.ToggleGroup();
        javafx.scene.control.RadioButton byAttribute = new javafx.scene.control.RadioButton("attribute");
        byAttribute.setId("regionByAttribute");
        byAttribute.setUserData(ExperimentEditorViewModel.REGION_ATTRIBUTE);
        javafx.scene.control.RadioButton byLayer = new javafx.scene.control.RadioButton("polygon layer");
        byLayer.setId("regionByLayer");
        byLayer.setUserData(ExperimentEditorViewModel.REGION_LAYER);
        byAttribute.setToggleGroup(source);
        byLayer.setToggleGroup(source);
        Runnable syncSource = () -> source.selectToggle(ExperimentEditorViewModel.REGION_LAYER.equals(
                vm.regionSourceProperty().get()) ? byLayer : byAttribute);
        syncSource.run();
        vm.regionSourceProperty().addListener((o, a, b) -> syncSource.run());
        source.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.regionSourceProperty().set((String) t.getUserData());
            }
        });
        ComboBox<String> attribute = new ComboBox<>(vm.regionAttributes());
        attribute.setId("regionAttribute");
        attribute.valueProperty().bindBidirectional(vm.regionAttributeProperty());
        ComboBox<String> layer = new ComboBox<>(vm.regionLayers());
        layer.setId("regionLayer");
        layer.valueProperty().bindBidirectional(vm.regionLayerProperty());
        ComboBox<String> fieldBox = new ComboBox<>(vm.regionFields());
        fieldBox.setId("regionField");
        fieldBox.valueProperty().bindBidirectional(vm.regionFieldProperty());
        attribute.disableProperty().bind(byAttribute.selectedProperty().not());
        layer.disableProperty().bind(byLayer.selectedProperty().not());
        fieldBox.disableProperty().bind(byLayer.selectedProperty().not());
        HBox regionRow = new HBox(6, byAttribute, field("holdout.regionAttribute", attribute), byLayer,
                field("holdout.regionLayer", layer), new Label("field"), field("holdout.regionField", fieldBox));
        Label regionLabel = new Label("Regions");
        g.add(regionLabel, 0, 2);
        g.add(regionRow, 1, 2);

        FlowPane heldOutBoxes = new FlowPane(10, 4);
        heldOutBoxes.setPrefWrapLength(600);
        vm.heldOut().forEach((b, prop) -> {
            CheckBox c = new CheckBox(b);
            c.setId("heldOut-" + b);
            c.selectedProperty().bindBidirectional(prop);
            heldOutBoxes.getChildren().add(c);
        });
        Button onMap = new Button("Select on map…");
        onMap.setId("selectHeldOutOnMap");
        onMap.setDisable(vm.heldOut().isEmpty() || vm.project().layers().isEmpty());
        onMap.setOnAction(e -> BasinLassoPane.showDialog(getScene() == null ? null : getScene().getWindow(), vm,
                status, true));
        Label count = new Label();
        count.setId("heldOutCount");
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.heldOutBasins().size()
                + " held out, " + (vm.chosenBasins().size() - (int) vm.heldOutBasins().stream().filter(
                        b -> vm.chosenBasins().contains(b)).count()) + " training", vm.heldOutBasins(),
                vm.validProperty()));
        VBox heldOutBox = new VBox(4, new HBox(6, onMap, count), field("holdout.testBasins", heldOutBoxes));
        Label heldOutLabel = new Label("Held-out basins");
        g.add(heldOutLabel, 0, 3);
        g.add(heldOutBox, 1, 3);

        // only the fields of the chosen design
        Runnable show = () -> {
            String t = vm.holdoutTypeProperty().get();
            for (javafx.scene.Node n : List.of(foldsLabel, folds)) {
                n.setVisible("pub".equals(t));
                n.setManaged("pub".equals(t));
            }
            for (javafx.scene.Node n : List.of(regionLabel, regionRow)) {
                n.setVisible("pur".equals(t));
                n.setManaged("pur".equals(t));
            }
            for (javafx.scene.Node n : List.of(heldOutLabel, heldOutBox)) {
                n.setVisible("custom".equals(t));
                n.setManaged("custom".equals(t));
            }
        };
        vm.holdoutTypeProperty().addListener((o, a, b) -> show.run());
        show.run();
        TitledPane pane = new TitledPane("Holdout", field("holdout", g));
        pane.setId("holdoutPane");
        pane.setExpanded(vm.holdoutTypeProperty().get() != null && !"temporal".equals(vm.holdoutTypeProperty()
                .get()));
        return pane;
    }

    /** The rows of the targets table, by position: their controls, refreshed in place while the count stays. */
    private final List<TargetControls> targetRows = new java.util.ArrayList<>();
    private GridPane targetGrid;
    private boolean syncingTargets;

    /** Header of the targets table: what each column means, with units. */
    private static final String[][] TARGET_COLUMNS = {
        {"Output", "The model output the loss term compares: a state (mm) or flux (mm/d) of the model, e.g. Q2 = "
            + "HBV baseflow (mm/d), SNOWPACK (mm); names joined by + are summed. The streamflow row reads the "
            + "routed discharge."},
        {"Observation", "What the output is compared with: 'flow' (observed streamflow) or an auxiliary "
            + "observation the dataset declares (dataset option observation.<name>), in mm or mm/d"},
        {"Loss", "The term's loss: rmse-comb, nse, rmse or correlation (1 − r); empty: the training loss for "
            + "flow, rmse otherwise"},
        {"Weight", "The term's weight w in L = Σ w·L(output, observation): a number > 0 (empty: 1)"},
        {"Normalisation", "none: values in the observation's unit; standardised: divided by the basin's "
            + "training-period standard deviation of the observation + 0.1 (dimensionless; goes with rmse)"}};

    /** The controls of one target row. */
    private record TargetControls(ComboBox<String> output, ComboBox<String> observation, ComboBox<String> loss,
            TextField weight, ComboBox<String> normalisation, Button remove) {
    }

    /**
     * The targets table (issue 18): the loss terms, each a model output against an observation with its loss,
     * weight and normalisation. Empty is flow only with the training loss. Every check is the configuration's and
     * the trainer's (one validation path with the command line); the problems name {@code targets[i].<key>}.
     */
    private TitledPane targetsPane() {
        targetGrid = grid();
        targetGrid.setId("targetsTable");
        for (int c = 0; c < TARGET_COLUMNS.length; c++) {
            Label h = new Label(TARGET_COLUMNS[c][0]);
            h.setStyle("-fx-font-weight: bold;");
            h.setTooltip(tip(TARGET_COLUMNS[c][1]));
            targetGrid.add(h, c, 0);
        }
        Label flowOnly = new Label("No targets: the loss compares the discharge with observed streamflow "
                + "(Training > Loss). Add a target to constrain a state or flux by an observation of the dataset.");
        flowOnly.setId("targetsFlowOnly");
        flowOnly.setWrapText(true);
        Button add = new Button("Add target");
        add.setId("addTarget");
        add.setTooltip(tip("Adds a loss term; the first also adds the streamflow row (one term must be flow)"));
        add.setOnAction(e -> vm.addTarget());
        VBox box = new VBox(6, flowOnly, field("targets", targetGrid), add);
        Runnable refresh = () -> {
            List<ExperimentEditorViewModel.TargetRow> rows = vm.targetsProperty().get();
            if (rows.size() != targetRows.size()) {
                rebuildTargets(rows);
            } else {
                syncTargets(rows);
            }
            flowOnly.setVisible(rows.isEmpty());
            flowOnly.setManaged(rows.isEmpty());
            targetGrid.setVisible(!rows.isEmpty());
            targetGrid.setManaged(!rows.isEmpty());
        };
        vm.targetsProperty().addListener((o, a, b) -> refresh.run());
        vm.freeTargetOutputsProperty().addListener((o, a, b) -> targetRows.forEach(r -> r.output().setEditable(b)));
        refresh.run();
        TitledPane pane = new TitledPane("Targets (loss terms)", box);
        pane.setId("targetsPane");
        pane.setExpanded(!vm.targetsProperty().get().isEmpty());
        return pane;
    }

    private static javafx.scene.control.Tooltip tip(String text) {
        javafx.scene.control.Tooltip t = new javafx.scene.control.Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        return t;
    }

    /** Lays the rows out again (a row was added or removed); their ids are 1-based as in {@code targets[i]}. */
    private void rebuildTargets(List<ExperimentEditorViewModel.TargetRow> rows) {
        targetGrid.getChildren().removeIf(n -> GridPane.getRowIndex(n) != null && GridPane.getRowIndex(n) > 0);
        fields.keySet().removeIf(k -> k.startsWith("targets["));
        targetRows.clear();
        for (int i = 0; i < rows.size(); i++) {
            int at = i;
            String key = "targets[" + (i + 1) + "]";
            ComboBox<String> output = new ComboBox<>(vm.targetOutputs());
            output.setId("targetOutput-" + (i + 1));
            output.setEditable(vm.freeTargetOutputsProperty().get());
            output.setTooltip(tip(TARGET_COLUMNS[0][1]));
            output.setPrefWidth(118);
            ComboBox<String> observation = new ComboBox<>(vm.targetObservations());
            observation.setId("targetObservation-" + (i + 1));
            observation.setTooltip(tip(TARGET_COLUMNS[1][1]));
            observation.setPrefWidth(100);
            ComboBox<String> loss = new ComboBox<>(FXCollections.observableArrayList(
                    org.hydrodelta.core.loss.TargetLoss.LOSSES));
            loss.setId("targetLoss-" + (i + 1));
            loss.setTooltip(tip(TARGET_COLUMNS[2][1]));
            loss.setPrefWidth(125);
            TextField weight = new TextField();
            weight.setId("targetWeight-" + (i + 1));
            weight.setPrefWidth(55);
            weight.setPromptText("1");
            weight.setTextFormatter(new javafx.scene.control.TextFormatter<>(change -> DECIMAL.matcher(
                    change.getControlNewText()).matches() ? change : null));
            weight.setTooltip(tip(TARGET_COLUMNS[3][1]));
            ComboBox<String> normalisation = new ComboBox<>(FXCollections.observableArrayList(
                    org.hydrodelta.core.loss.TargetLoss.NORMALISATIONS));
            normalisation.setId("targetNormalisation-" + (i + 1));
            normalisation.setPromptText("none");
            normalisation.setTooltip(tip(TARGET_COLUMNS[4][1]));
            normalisation.setPrefWidth(135);
            Button remove = new Button("Remove");
            remove.setId("removeTarget-" + (i + 1));
            remove.setTooltip(tip("Removes this target; without targets the loss is flow only"));
            remove.setOnAction(e -> vm.removeTarget(at));
            TargetControls c = new TargetControls(output, observation, loss, weight, normalisation, remove);
            targetRows.add(c);
            syncTarget(c, rows.get(i));
            output.valueProperty().addListener((o, a, v) -> edit(at, r -> r.withOutput(v)));
            observation.valueProperty().addListener((o, a, v) -> {
                if (!syncingTargets) {
                    vm.setTargetObservation(at, v);
                }
            });
            loss.valueProperty().addListener((o, a, v) -> edit(at, r -> r.withLoss(v)));
            weight.textProperty().addListener((o, a, v) -> edit(at, r -> r.withWeight(v)));
            normalisation.valueProperty().addListener((o, a, v) -> edit(at, r -> r.withNormalisation(v)));
            targetGrid.addRow(i + 1, field(key + ".output", output), field(key + ".observation", observation),
                    field(key + ".loss", loss), field(key + ".weight", weight),
                    field(key + ".normalisation", normalisation), remove);
        }
        highlight();
    }

    private void edit(int index, java.util.function.UnaryOperator<ExperimentEditorViewModel.TargetRow> change) {
        if (!syncingTargets && index < vm.targetsProperty().get().size()) {
            vm.setTarget(index, change.apply(vm.targetsProperty().get().get(index)));
        }
    }

    private void syncTargets(List<ExperimentEditorViewModel.TargetRow> rows) {
        for (int i = 0; i < rows.size(); i++) {
            syncTarget(targetRows.get(i), rows.get(i));
        }
    }

    /** Shows a row's values (after an edit elsewhere, undo or redo) without writing them back. */
    private void syncTarget(TargetControls c, ExperimentEditorViewModel.TargetRow r) {
        syncingTargets = true;
        try {
            c.output().setValue(r.output());
            c.output().setDisable(r.isFlow());
            c.output().setPromptText(r.isFlow() ? vm.targetOutputs().isEmpty() ? "discharge"
                    : vm.targetOutputs().get(0) : "");
            c.observation().setValue(r.observation());
            c.loss().setValue(r.loss());
            c.loss().setPromptText(r.isFlow() ? "training loss" : "rmse");
            String w = r.weight() == null ? "" : r.weight();
            if (!w.equals(c.weight().getText())) {
                c.weight().setText(w);
            }
            c.normalisation().setValue(r.normalisation());
        } finally {
            syncingTargets = false;
        }
    }

    /** Outlines in red the fields the problems name, and no other. */
    private void highlight() {
        fields.forEach((key, node) -> {
            boolean bad = vm.invalidKeys().contains(key);
            node.setStyle(bad ? INVALID_STYLE : "");
            node.pseudoClassStateChanged(INVALID, bad);
        });
    }

    private static final javafx.css.PseudoClass INVALID = javafx.css.PseudoClass.getPseudoClass("invalid");

    private <N extends javafx.scene.Node> N field(String key, N node) {
        fields.put(key, node);
        return node;
    }

    /** @param key a configuration key, e.g. "trainPeriod" @return whether its field is outlined as invalid */
    public boolean isHighlighted(String key) {
        javafx.scene.Node n = fields.get(key);
        return n != null && n.getPseudoClassStates().contains(INVALID);
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(4);
        return g;
    }

    private static void row(GridPane g, int r, String label, javafx.scene.Node node) {
        g.add(new Label(label), 0, r);
        g.add(node, 1, r);
    }

    private static ComboBox<String> combo(Property<String> p, java.util.List<String> values) {
        ComboBox<String> c = new ComboBox<>(FXCollections.observableArrayList(values));
        c.valueProperty().bindBidirectional(p);
        return c;
    }

    private static HBox dates(ObjectProperty<java.time.LocalDate> from, ObjectProperty<java.time.LocalDate> to) {
        // ISO dates whatever the desktop locale: hydrologic periods are written 1980-10-01
        javafx.util.converter.LocalDateStringConverter iso = new javafx.util.converter.LocalDateStringConverter(
                java.time.format.DateTimeFormatter.ISO_LOCAL_DATE, java.time.format.DateTimeFormatter.ISO_LOCAL_DATE);
        DatePicker a = new DatePicker();
        a.setConverter(iso);
        a.valueProperty().bindBidirectional(from);
        DatePicker b = new DatePicker();
        b.setConverter(iso);
        b.valueProperty().bindBidirectional(to);
        return new HBox(6, a, new Label("to"), b);
    }

    private static Spinner<Integer> spinner(ObjectProperty<Integer> p, int min, int max) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get());
        s.setEditable(true);
        refuseText(s, INTEGER);
        bindValue(s, p);
        return s;
    }

    /**
     * Binds a spinner's value both ways to a property and keeps the property as long as the spinner: the view model's
     * number properties come here as {@code asObject()} wrappers, which nothing else holds, and a bidirectional
     * binding holds both ends weakly, so a collected wrapper would silently cut the spinner off from the view model.
     */
    private static <T> void bindValue(Spinner<T> s, ObjectProperty<T> p) {
        s.getValueFactory().valueProperty().bindBidirectional(p);
        s.getProperties().put(ExperimentEditorView.class, p);
    }

    /** What may be typed, partially, in an integer spinner. */
    static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?\\d*");
    /** What may be typed, partially, in a decimal spinner (1e-5 included). */
    static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
            "-?\\d*([.,]\\d*)?([eE][-+]?\\d*)?");

    /**
     * Refuses what is not a number in place: keys that cannot make a number are not taken, and text that still
     * does not parse when committed (a lone "-", an empty field) gives the value back instead of an exception.
     */
    static <T> void refuseText(Spinner<T> s, java.util.regex.Pattern partial) {
        s.getEditor().setTextFormatter(new javafx.scene.control.TextFormatter<>(change ->
                partial.matcher(change.getControlNewText()).matches() ? change : null));
        javafx.util.StringConverter<T> base = s.getValueFactory().getConverter();
        s.getValueFactory().setConverter(new javafx.util.StringConverter<T>() {
            @Override
            public String toString(T value) {
                return base.toString(value);
            }

            @Override
            public T fromString(String text) {
                T value = null;
                try {
                    value = base.fromString(text == null ? "" : text.strip().replace(',', '.'));
                } catch (RuntimeException e) {
                    value = null;
                }
                if (value == null) {
                    T kept = s.getValue();
                    javafx.application.Platform.runLater(() -> s.getEditor().setText(base.toString(s.getValue())));
                    return kept;
                }
                return value;
            }
        });
    }

    /** @return the view model */
    public ExperimentEditorViewModel viewModel() {
        return vm;
    }
}
