package org.hydrodelta.app.gui.cluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MultipleSelectionModel;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import org.hydrodelta.app.cluster.ClusterJob;
import org.hydrodelta.app.cluster.ClusterJob.Mode;

/**
 * The "Run on cluster…" dialog: what runs (one run data-parallel, the experiment's group, a sweep, or an evaluation
 * of finished runs of the experiment, optionally on a period {@code START:END}), the Spark master and the cluster
 * distribution; Write job writes {@code job.sh} and {@code job.json} beside the project and
 * keeps the dialog open, Submit starts the job as a background task and closes it. What is wrong is said under the
 * form and keeps both disabled.
 */
public final class RunOnClusterDialog extends Dialog<ButtonType> {
    /** The button that writes the job. */
    public static final ButtonType WRITE = new ButtonType("Write job", ButtonBar.ButtonData.OTHER);
    /** The button that writes (when needed) and starts the job. */
    public static final ButtonType SUBMIT = new ButtonType("Submit", ButtonBar.ButtonData.OK_DONE);

    private final RunOnClusterViewModel vm;

    /** @param vm the dialog's state */
    public RunOnClusterDialog(RunOnClusterViewModel vm) {
        this.vm = vm;
        setTitle("Run on cluster");
        setHeaderText("Run an experiment on Apache Spark with the cluster module's own distribution"
                + " (hydrodelta-cluster); its runs are added to the project");
        setResizable(true);
        ComboBox<String> experiment = new ComboBox<>(vm.experiments());
        experiment.setId("clusterExperiment");
        experiment.valueProperty().bindBidirectional(vm.experimentProperty());

        ToggleGroup modes = new ToggleGroup();
        RadioButton train = mode(modes, Mode.TRAIN, "clusterModeTrain", "hydrodelta-cluster train: one run, each"
                + " iteration's minibatch split over basin partitions");
        RadioButton group = mode(modes, Mode.GROUP, "clusterModeGroup", "hydrodelta-cluster group: holdout folds and"
                + " ensemble members as Spark tasks; only for an experiment with a spatial holdout (holdout.type pub,"
                + " pur or custom) or ensemble.members > 1");
        RadioButton sweepMode = mode(modes, Mode.SWEEP, "clusterModeSweep", "hydrodelta-cluster sweep: every"
                + " combination of the keys below, each run a Spark task, recorded as one group");
        RadioButton evaluateMode = mode(modes, Mode.EVALUATE, "clusterModeEvaluate", "hydrodelta-cluster evaluate:"
                + " each run chosen below evaluated over its basins as one Spark job partitioned by basin, one run"
                + " after another; only for an experiment with a finished run");
        group.disableProperty().bind(vm.groupAllowedProperty().not());
        evaluateMode.disableProperty().bind(vm.evaluateAllowedProperty().not());
        modes.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.modeProperty().set((Mode) t.getUserData());
            }
        });
        vm.modeProperty().addListener((o, a, m) -> select(modes, m));
        select(modes, vm.modeProperty().get());

        Spinner<Integer> partitions = spinner("clusterPartitions", vm.partitionsProperty(), 4096);
        Spinner<Integer> threads = spinner("clusterThreads", vm.executorThreadsProperty(), 1024);
        TextField epochs = new TextField();
        epochs.setId("clusterEpochs");
        epochs.setPromptText("the experiment's");
        epochs.setPrefColumnCount(6);
        epochs.textProperty().bindBidirectional(vm.epochsProperty());
        Label partitionsLabel = new Label("Partitions");
        Label threadsLabel = new Label("Executor threads");
        Label epochsLabel = new Label("Epochs");
        HBox trainOptions = new HBox(6, partitionsLabel, partitions, threadsLabel, threads, epochsLabel, epochs);
        trainOptions.setAlignment(Pos.CENTER_LEFT);
        // basin partitions for a data-parallel run and for an evaluation; the rest for a data-parallel run only
        for (Node n : List.of(partitionsLabel, partitions)) {
            n.disableProperty().bind(vm.modeProperty().isNotEqualTo(Mode.TRAIN).and(vm.modeProperty().isNotEqualTo(
                    Mode.EVALUATE)));
        }
        for (Node n : List.of(threadsLabel, threads, epochsLabel, epochs)) {
            n.disableProperty().bind(vm.modeProperty().isNotEqualTo(Mode.TRAIN));
        }

        TextArea sweep = new TextArea();
        sweep.setId("clusterSweep");
        sweep.setPromptText("one KEY=V1,V2,... a line, e.g.\nnetwork.hiddenSize=32,64\ntraining.seed=1,2");
        sweep.setPrefRowCount(4);
        sweep.textProperty().bindBidirectional(vm.sweepProperty());
        sweep.disableProperty().bind(vm.modeProperty().isNotEqualTo(Mode.SWEEP));

        ListView<String> runs = runList(vm);
        runs.disableProperty().bind(vm.modeProperty().isNotEqualTo(Mode.EVALUATE));
        TextField period = new TextField();
        period.setId("clusterPeriod");
        period.setPromptText("START:END, e.g. 1995-10-01:1996-09-30; empty for each run's test period");
        period.setTooltip(new Tooltip("First and last day of the evaluation, both included, read as the Evaluate"
                + " period… form reads them; its results go into eval/cluster_START_END/ of each run (the test"
                + " period's into eval/" + ClusterJob.EVALUATION_NAME + "/)"));
        period.textProperty().bindBidirectional(vm.periodProperty());
        period.disableProperty().bind(vm.modeProperty().isNotEqualTo(Mode.EVALUATE));

        TextField master = new TextField();
        master.setId("clusterMaster");
        master.setPromptText("local[*], local[4], spark://HOST:7077, yarn");
        master.textProperty().bindBidirectional(vm.masterProperty());
        TextField distribution = new TextField();
        distribution.setId("clusterDistribution");
        distribution.setPromptText("the folder holding " + ClusterJob.LAUNCHER + " (cluster/target/dist)");
        distribution.textProperty().bindBidirectional(vm.distributionProperty());
        distribution.setTooltip(new Tooltip("The cluster module's distribution, built by mvn -B package -pl cluster"
                + " -am into cluster/target/dist (" + ClusterJob.HOME_VARIABLE + " names it too)"));
        Button choose = new Button("Choose…");
        choose.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Cluster distribution folder (holding " + ClusterJob.LAUNCHER + ")");
            Path current = Path.of(vm.distributionProperty().get() == null ? "" : vm.distributionProperty().get());
            if (Files.isDirectory(current)) {
                dc.setInitialDirectory(current.toFile());
            }
            File f = dc.showDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                vm.distributionProperty().set(f.getAbsolutePath());
            }
        });
        HBox.setHgrow(distribution, Priority.ALWAYS);
        HBox distributionRow = new HBox(6, distribution, choose);

        Label problems = new Label();
        problems.setId("clusterProblems");
        problems.setWrapText(true);
        problems.setMaxWidth(640);
        problems.setStyle("-fx-text-fill: #b00020;");
        problems.textProperty().bind(vm.problemsProperty());
        // a note, not a problem: the job may be written, but equal slices would be faster
        Label strataNote = new Label();
        strataNote.setId("clusterStrataNote");
        strataNote.setWrapText(true);
        strataNote.setMaxWidth(520);
        strataNote.setStyle("-fx-text-fill: #8a5a00;");
        strataNote.textProperty().bind(vm.strataNoteProperty());
        Button setStrata = new Button();
        setStrata.setId("clusterSetStrata");
        setStrata.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> "Set training.strata = "
                + vm.partitionsProperty().get(), vm.partitionsProperty()));
        setStrata.setTooltip(new Tooltip("Changes the experiment in the project as the experiment editor's Save does"
                + " (Basin strata in its Training section); save the project before the job runs"));
        setStrata.visibleProperty().bind(vm.strataSettableProperty());
        setStrata.managedProperty().bind(setStrata.visibleProperty());
        setStrata.setOnAction(e -> vm.setStrataToPartitions());
        HBox strataRow = new HBox(8, strataNote, setStrata);
        strataRow.setAlignment(Pos.CENTER_LEFT);
        strataRow.visibleProperty().bind(vm.strataNoteProperty().isNotEmpty());
        strataRow.managedProperty().bind(strataRow.visibleProperty());
        Label written = new Label();
        written.setId("clusterWritten");
        written.setWrapText(true);
        written.setMaxWidth(640);
        written.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.writtenProperty()
                .get() == null ? "" : "Written: " + vm.writtenProperty().get().script(), vm.writtenProperty()));

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Experiment"), experiment);
        form.addRow(1, new Label("Run"), new HBox(12, train, group, sweepMode, evaluateMode));
        form.addRow(2, new Label(""), trainOptions);
        form.addRow(3, new Label("Sweep"), sweep);
        form.addRow(4, new Label("Runs to evaluate"), runs);
        form.addRow(5, new Label("Period"), period);
        form.addRow(6, new Label("Spark master"), master);
        form.addRow(7, new Label("Cluster distribution"), distributionRow);
        form.add(strataRow, 0, 8, 2, 1);
        form.add(problems, 0, 9, 2, 1);
        form.add(written, 0, 10, 2, 1);
        getDialogPane().setContent(form);
        getDialogPane().setPrefWidth(760);
        getDialogPane().getButtonTypes().addAll(WRITE, SUBMIT, ButtonType.CLOSE);
        Button write = (Button) getDialogPane().lookupButton(WRITE);
        write.setId("clusterWrite");
        write.disableProperty().bind(vm.problemsProperty().isNotEmpty());
        // writing keeps the dialog open: the job can be looked at, then submitted
        write.addEventFilter(ActionEvent.ACTION, e -> {
            vm.write();
            e.consume();
        });
        Button submit = (Button) getDialogPane().lookupButton(SUBMIT);
        submit.setId("clusterSubmit");
        submit.disableProperty().bind(vm.problemsProperty().isNotEmpty());
        submit.addEventFilter(ActionEvent.ACTION, e -> {
            if (vm.submit() == null) {
                e.consume();
            }
        });
    }

    /** @return the dialog's state */
    public RunOnClusterViewModel viewModel() {
        return vm;
    }

    /**
     * The experiment's finished runs, several of which can be chosen, kept in step with
     * {@link RunOnClusterViewModel#evaluateRuns()} both ways.
     */
    private static ListView<String> runList(RunOnClusterViewModel vm) {
        ListView<String> runs = new ListView<>(vm.finishedRuns());
        runs.setId("clusterRuns");
        runs.setPrefHeight(110);
        runs.setPlaceholder(new Label("No finished run of this experiment"));
        runs.setTooltip(new Tooltip("Ctrl-click or Shift-click to choose several"));
        MultipleSelectionModel<String> selection = runs.getSelectionModel();
        selection.setSelectionMode(SelectionMode.MULTIPLE);
        boolean[] syncing = {false};
        Runnable toView = () -> {
            syncing[0] = true;
            try {
                selection.clearSelection();
                for (String r : vm.evaluateRuns()) {
                    int i = runs.getItems().indexOf(r);
                    if (i >= 0) {
                        selection.select(i);
                    }
                }
            } finally {
                syncing[0] = false;
            }
        };
        vm.evaluateRuns().addListener((ListChangeListener<String>) c -> {
            if (!syncing[0]) {
                toView.run();
            }
        });
        selection.getSelectedItems().addListener((ListChangeListener<String>) c -> {
            if (!syncing[0]) {
                syncing[0] = true;
                try {
                    vm.evaluateRuns().setAll(runs.getItems().stream().filter(selection.getSelectedItems()::contains)
                            .toList());
                } finally {
                    syncing[0] = false;
                }
            }
        });
        toView.run();
        return runs;
    }

    private static RadioButton mode(ToggleGroup g, Mode m, String id, String tip) {
        RadioButton b = new RadioButton(m.label());
        b.setId(id);
        b.setUserData(m);
        b.setToggleGroup(g);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static void select(ToggleGroup g, Mode m) {
        g.getToggles().stream().filter(t -> t.getUserData() == m).findFirst().ifPresent(t -> t.setSelected(true));
    }

    private static Spinner<Integer> spinner(String id, javafx.beans.property.IntegerProperty value, int max) {
        Spinner<Integer> s = new Spinner<>(1, max, value.get());
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(90);
        s.valueProperty().addListener((o, a, b) -> value.set(b == null ? 0 : b));
        return s;
    }
}
