package org.hydrodelta.app.gui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.hydrodelta.app.gui.doctor.DoctorView;
import org.hydrodelta.app.gui.doctor.DoctorViewModel;
import org.hydrodelta.app.gui.explorer.ProjectExplorerView;
import org.hydrodelta.app.gui.hydrograph.HydrographView;
import org.hydrodelta.app.gui.map.BasinMapView;
import org.hydrodelta.app.gui.map.BasinMapViewModel;
import org.hydrodelta.app.gui.properties.PropertiesView;
import org.hydrodelta.app.gui.properties.PropertiesViewModel;
import org.hydrodelta.app.gui.results.ResultsView;
import org.hydrodelta.app.gui.results.ResultsViewModel;
import org.hydrodelta.app.gui.training.TrainingView;
import org.hydrodelta.app.gui.training.TrainingViewModel;
import org.hydrodelta.core.project.ProjectStore;

/** The main window's layout: menu, project explorer, tabbed centre and status bar. */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final Menu recentMenu = new Menu("Recent");
    private final TabPane centre = new TabPane();
    private final PropertiesViewModel properties = new PropertiesViewModel();
    private final StatusBar statusBar;
    private final ProjectExplorerView explorer;

    /** @param vm the main view model */
    public MainView(MainViewModel vm) {
        this.vm = vm;
        setId("mainView");
        setTop(menuBar());
        explorer = new ProjectExplorerView(vm.explorer());
        explorer.experimentList().setOnMouseClicked(e -> {
            String sel = explorer.experimentList().getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && sel != null) {
                openExperimentEditor(sel);
            }
        });
        explorer.basinTable().getSelectionModel().selectedItemProperty().addListener((o, old, row) -> {
            if (row != null) {
                openHydrograph(row.id());
                properties.showBasin(vm.explorer().attributes(), row.id());
            }
        });
        explorer.experimentList().getSelectionModel().selectedItemProperty().addListener((o, old, name) -> {
            if (vm.projectProperty().get() != null) {
                vm.projectProperty().get().experiment(name == null ? "" : name).ifPresent(properties::showExperiment);
            }
        });
        explorer.runList().getSelectionModel().selectedItemProperty().addListener((o, old, name) -> {
            if (vm.projectProperty().get() != null) {
                vm.projectProperty().get().runs().stream().filter(r -> r.name().equals(name)).findFirst()
                        .ifPresent(r -> {
                            properties.showRun(r);
                            // a holdout group's merged result: the map shows every basin's held-out skill
                            if (org.hydrodelta.app.gui.runs.EvaluationChoice.isHeldOut(r)
                                    && org.hydrodelta.core.eval.RunResults.of(r.path()).evaluated()) {
                                showEvaluation(new org.hydrodelta.app.gui.runs.EvaluationChoice(r.name(),
                                        org.hydrodelta.core.eval.RunResults.TEST));
                            }
                        });
            }
        });
        explorer.runList().setContextMenu(runMenu());
        explorer.experimentList().setContextMenu(experimentMenu());
        explorer.datasetList().setContextMenu(datasetMenu());
        // every view that shows runs follows them as they are added, evaluated or removed
        vm.runsVersion().addListener((o, a, b) -> refreshRunViews());
        // export dialogs open in the project's folder
        vm.fileProperty().addListener((o, a, f) -> org.hydrodelta.app.gui.export.FigureExport.setProjectFolder(
                f == null ? null : f.getParent()));
        centre.setId("centreTabs");
        centre.getTabs().add(welcomeTab());
        vm.projectProperty().addListener((o, old, p) -> {
            // views of the previous project close; a project with layers, or with gauge coordinates in its
            // attributes (CSV data imported without a gauge file), opens on its map
            centre.getTabs().removeIf(t -> t.isClosable());
            if (p != null && (!p.layers().isEmpty() || p.basins().stream().anyMatch(id -> vm.explorer().attributes()
                    .tableFor(id).map(t -> Double.isFinite(t.latitude(id))).orElse(false)))) {
                openMap();
            }
        });
        SplitPane split = new SplitPane(explorer, centre, new PropertiesView(properties));
        // at 1280 pixels the centre keeps some 690 pixels for maps and charts
        split.setDividerPositions(0.28, 0.82);
        setCenter(split);
        statusBar = new StatusBar(vm.statusProperty(), vm.tasks().tasks());
        setBottom(statusBar);
        watchProjectFile();
    }

    /** How often the window looks whether another program (a command-line training) changed the project file. */
    static final javafx.util.Duration DISK_CHECK = javafx.util.Duration.seconds(2);

    /**
     * Merges what another program saved into the project file: every {@link #DISK_CHECK} and whenever the window
     * gets the focus (a content check of a small file; nothing is locked or written unless it changed).
     */
    private void watchProjectFile() {
        javafx.animation.Timeline poll = new javafx.animation.Timeline(new javafx.animation.KeyFrame(DISK_CHECK,
                e -> vm.mergeChangesOnDisk()));
        poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        sceneProperty().addListener((o, a, scene) -> {
            if (scene == null) {
                poll.stop();
                return;
            }
            poll.play();
            scene.windowProperty().addListener((o2, a2, w) -> {
                if (w != null) {
                    w.focusedProperty().addListener((o3, a3, focused) -> {
                        if (focused) {
                            vm.mergeChangesOnDisk();
                        }
                    });
                }
            });
        });
    }

    /** @return the tab pane where views open */
    public TabPane centre() {
        return centre;
    }

    /** Brings the tab with this id to front; false when there is none. */
    private boolean selectTab(String id) {
        for (Tab t : centre.getTabs()) {
            if (id.equals(t.getId())) {
                centre.getSelectionModel().select(t);
                return true;
            }
        }
        return false;
    }

    /**
     * Opens (or brings to front) the hydrograph tab of a basin.
     *
     * @param basinId the basin
     */
    public void openHydrograph(String basinId) {
        mapView().ifPresent(m -> m.showBasin(basinId));
        String id = "hydrograph-" + basinId;
        if (selectTab(id)) {
            return;
        }
        vm.hydrograph(basinId).ifPresent(h -> {
            Tab tab = new Tab(basinId, new HydrographView(h, vm.statusProperty()::set));
            tab.setId(id);
            centre.getTabs().add(tab);
            centre.getSelectionModel().select(tab);
        });
    }

    /** Opens (or brings to front) the map of the project's basins. */
    public void openMap() {
        if (selectTab("mapTab")) {
            return;
        }
        if (vm.projectProperty().get() == null) {
            return;
        }
        try {
            BasinMapViewModel model = new BasinMapViewModel(vm.projectProperty().get(),
                    vm.shownEvaluationProperty().get());
            Tab tab = new Tab("Map", new BasinMapView(model, this::selectBasin, vm.statusProperty()::set));
            tab.setId("mapTab");
            centre.getTabs().add(tab);
            centre.getSelectionModel().select(tab);
            java.util.List<String> notes = new java.util.ArrayList<>();
            if (!model.unavailableLayers().isEmpty()) {
                notes.add("The map is drawn without " + String.join("; ", model.unavailableLayers()));
            }
            if (model.gaugeNote() != null) {
                notes.add(notes.isEmpty() ? "On the map " + model.gaugeNote() : model.gaugeNote());
            }
            if (!notes.isEmpty()) {
                vm.statusProperty().set(String.join("; ", notes));
            }
        } catch (java.io.IOException | RuntimeException e) {
            vm.statusProperty().set("Cannot draw the map: " + e.getMessage());
        }
    }

    private java.util.Optional<BasinMapViewModel> mapViewModel() {
        return mapView().map(BasinMapView::viewModel);
    }

    private java.util.Optional<BasinMapView> mapView() {
        return centre.getTabs().stream().filter(t -> "mapTab".equals(t.getId())).map(t -> (BasinMapView) t
                .getContent()).findFirst();
    }

    /**
     * Selects a basin as a click on the map does: its row in the explorer (when the filter shows it), its
     * properties, its hydrograph, and its outline on the map.
     *
     * @param basinId the basin
     */
    public void selectBasin(String basinId) {
        org.hydrodelta.app.gui.explorer.BasinRow row = explorer.basinTable().getItems().stream().filter(r -> r.id()
                .equals(basinId)).findFirst().orElse(null);
        if (row != null && row != explorer.basinTable().getSelectionModel().getSelectedItem()) {
            explorer.basinTable().getSelectionModel().select(row); // the table's listener opens the hydrograph
            explorer.basinTable().scrollTo(row);
        } else {
            properties.showBasin(vm.explorer().attributes(), basinId);
            openHydrograph(basinId);
        }
    }

    /** Reads the project's runs again in every open view that shows them: results, hydrographs, map. */
    private void refreshRunViews() {
        org.hydrodelta.core.project.Project p = vm.projectProperty().get();
        if (p == null) {
            return;
        }
        String status = vm.statusProperty().get();
        for (Tab t : List.copyOf(centre.getTabs())) {
            String id = t.getId() == null ? "" : t.getId();
            try {
                if (id.equals("resultsTab")) {
                    t.setContent(new ResultsView(new ResultsViewModel(p), this::openHydrograph,
                            vm.statusProperty()::set));
                } else if (id.equals("mapTab")) {
                    ((BasinMapView) t.getContent()).setViewModel(new BasinMapViewModel(p,
                            vm.shownEvaluationProperty().get()));
                } else if (id.startsWith("hydrograph-")) {
                    String basin = id.substring("hydrograph-".length());
                    vm.hydrograph(basin).ifPresent(h -> t.setContent(new HydrographView(h, vm.statusProperty()::set)));
                }
            } catch (java.io.IOException | RuntimeException e) {
                vm.messages().add(MessageLog.Severity.WARNING, "Cannot refresh " + t.getText() + ": " + e.getMessage());
            }
        }
        vm.statusProperty().set(status); // the refreshed views' own status lines are not news
    }

    private org.hydrodelta.app.gui.combine.CombineViewModel lastCombine;

    /** @return the state of the last "Combine runs…" dialog opened, or null */
    public org.hydrodelta.app.gui.combine.CombineViewModel lastCombine() {
        return lastCombine;
    }

    /**
     * Opens the "Combine runs…" dialog; OK fits the combination on the background executor, enters it in the
     * project and refreshes the views that show runs (the map offers its weights, the results tab compares it).
     * The project must have been saved: the combination is written beside the project file.
     */
    public void combineRuns() {
        if (vm.projectProperty().get() == null || vm.fileProperty().get() == null) {
            vm.statusProperty().set("Save the project first: runs are written beside the project file");
            return;
        }
        org.hydrodelta.app.gui.combine.CombineViewModel cvm = new org.hydrodelta.app.gui.combine.CombineViewModel(
                vm.projectProperty().get(), vm.fileProperty().get(), vm.tasks());
        lastCombine = cvm;
        org.hydrodelta.app.gui.combine.CombineDialog d = new org.hydrodelta.app.gui.combine.CombineDialog(cvm);
        d.initOwner(window());
        d.resultProperty().addListener((o, a, b) -> {
            if (b != javafx.scene.control.ButtonType.OK) {
                return;
            }
            String name = cvm.nameProperty().get();
            cvm.start(r -> {
                vm.runsChanged();
                String notice = String.format(java.util.Locale.ROOT, "Combined %s: median test NSE %.3f (plain mean"
                        + " %.3f; inputs %s)", name, r.testNse(), r.meanTestNse(), r.singleTestNse().entrySet()
                        .stream().map(e -> String.format(java.util.Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                        .collect(java.util.stream.Collectors.joining(", ")));
                vm.statusProperty().set(notice);
                vm.messages().add(MessageLog.Severity.NOTICE, notice);
            }, err -> {
                String msg = "Combination " + name + " failed: " + err;
                vm.statusProperty().set(msg);
                vm.messages().add(MessageLog.Severity.ERROR, msg);
            });
        });
        d.show();
    }

    /** The dataset list's menu: point the selected dataset at the folder its data moved to. */
    private javafx.scene.control.ContextMenu datasetMenu() {
        MenuItem locate = new MenuItem("Locate data…");
        locate.setId("locateDataItem");
        locate.setOnAction(e -> {
            int i = explorer.datasetList().getSelectionModel().getSelectedIndex();
            org.hydrodelta.core.project.Project p = vm.projectProperty().get();
            if (p == null || i < 0 || i >= p.datasets().size()) {
                return;
            }
            String name = p.datasets().get(i).name();
            javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
            dc.setTitle("Folder that holds the data of dataset '" + name + "'");
            java.nio.file.Path f = vm.fileProperty().get();
            if (f != null && java.nio.file.Files.isDirectory(f.getParent())) {
                dc.setInitialDirectory(f.getParent().toFile());
            }
            java.io.File chosen = dc.showDialog(window());
            if (chosen != null) {
                vm.locateData(name, chosen.toPath());
            }
        });
        return new javafx.scene.control.ContextMenu(locate);
    }

    /** The experiment list's menu: edit, train or run the selected experiment on a cluster. */
    private javafx.scene.control.ContextMenu experimentMenu() {
        MenuItem edit = new MenuItem("Edit");
        edit.setId("editExperimentItem");
        edit.setOnAction(e -> selectedExperiment().ifPresent(this::openExperimentEditor));
        MenuItem train = new MenuItem("Train…");
        train.setId("trainExperimentItem");
        train.setOnAction(e -> selectedExperiment().ifPresent(this::trainExperiment));
        MenuItem cluster = new MenuItem("Run on cluster…");
        cluster.setId("runOnClusterItem");
        cluster.setOnAction(e -> selectedExperiment().ifPresent(this::runOnCluster));
        return new javafx.scene.control.ContextMenu(edit, train, cluster);
    }

    private java.util.Optional<String> selectedExperiment() {
        return java.util.Optional.ofNullable(explorer.experimentList().getSelectionModel().getSelectedItem());
    }

    private final ClusterSettings clusterSettings = ClusterSettings.forUser();
    private org.hydrodelta.app.gui.cluster.RunOnClusterDialog lastCluster;

    /** @return the last "Run on cluster…" dialog opened, or null */
    public org.hydrodelta.app.gui.cluster.RunOnClusterDialog lastClusterDialog() {
        return lastCluster;
    }

    /**
     * Opens the "Run on cluster…" dialog for an experiment: it writes a job for the cluster module's distribution
     * beside the project and can start it as a background task; the runs the job adds to the project file are
     * merged as soon as it ends. The project must have been saved: jobs and runs are written beside its file.
     *
     * @param experiment the experiment offered first (another can be chosen in the dialog)
     */
    public void runOnCluster(String experiment) {
        if (vm.projectProperty().get() == null || vm.fileProperty().get() == null) {
            vm.statusProperty().set("Save the project first: cluster jobs and their runs are written beside the"
                    + " project file");
            return;
        }
        if (!confirmTrainingOutsideSample()) {
            return;
        }
        org.hydrodelta.app.gui.cluster.RunOnClusterViewModel cvm = new org.hydrodelta.app.gui.cluster
                .RunOnClusterViewModel(vm.projectProperty().get(), vm.fileProperty().get(), experiment, vm.tasks(),
                clusterSettings, vm.messages(), Platform::runLater, vm::mergeChangesOnDisk);
        cvm.outcomeProperty().addListener((o, a, text) -> vm.statusProperty().set(text));
        // "Set training.strata = N" changes the experiment as the experiment editor's Save does
        cvm.setOnExperimentsChanged(vm::experimentsChanged);
        org.hydrodelta.app.gui.cluster.RunOnClusterDialog d = new org.hydrodelta.app.gui.cluster.RunOnClusterDialog(
                cvm);
        d.initOwner(window());
        lastCluster = d;
        d.show();
    }

    /**
     * The runs list's menu: apply the selected run to other basins, evaluate it on another period or epoch, resume
     * it (a run cancelled, failed or interrupted in this or an earlier session, or by the command line; off for a
     * run that cannot be resumed, as the training tab's Resume is: the list shows each run's state beside it). A part
     * of a group, or its merged result, continues the whole group.
     */
    private javafx.scene.control.ContextMenu runMenu() {
        MenuItem apply = new MenuItem("Apply to basins…");
        apply.setId("applyToBasinsItem");
        apply.setOnAction(e -> selectedRun().ifPresent(r -> openApplyToBasins(r.name())));
        MenuItem evaluate = new MenuItem("Evaluate period…");
        evaluate.setId("evaluatePeriodItem");
        evaluate.setOnAction(e -> selectedRun().ifPresent(r -> openEvaluatePeriod(r.name())));
        MenuItem resume = new MenuItem("Resume");
        resume.setId("resumeRunItem");
        resume.setOnAction(e -> selectedRun().ifPresent(this::resumeRun));
        MenuItem show = new MenuItem("Show on map");
        show.setOnAction(e -> selectedRun().ifPresent(r -> showEvaluation(
                new org.hydrodelta.app.gui.runs.EvaluationChoice(r.name(), org.hydrodelta.core.eval.RunResults.TEST))));
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(apply, evaluate, resume,
                new SeparatorMenuItem(), show);
        // from what the run's folder says as the menu opens, and whether the training tab trains or queues it
        menu.setOnShowing(e -> resume.setDisable(selectedRun().map(r -> resumeProblem(r) != null)
                .orElse(true)));
        return menu;
    }

    /** @return the open training tab's view model, if the tab is open */
    private java.util.Optional<TrainingViewModel> trainingViewModel() {
        return centre.getTabs().stream().filter(t -> "trainingTab".equals(t.getId())
                && t.getContent() instanceof TrainingView).findFirst().map(t -> ((TrainingView) t.getContent())
                .viewModel());
    }

    /**
     * @param dir a run folder of the open project
     * @return why the window cannot resume it (naming the run), or null when it can
     */
    String resumeProblem(Path dir) {
        return trainingViewModel().map(t -> t.resumeProblem(dir))
                .orElseGet(() -> TrainingViewModel.folderResumeProblem(dir));
    }

    /**
     * @param run a run of the open project
     * @return why the window cannot resume it (naming the run, or its group), or null when it can
     */
    public String resumeProblem(org.hydrodelta.core.project.RunRef run) {
        Path group = groupFolder(run);
        if (group != null) {
            return trainingViewModel().map(t -> t.groupResumeProblem(group))
                    .orElseGet(() -> TrainingViewModel.groupFolderProblem(group));
        }
        return resumeProblem(run.path());
    }

    /**
     * @param run a run of the open project
     * @return the folder of the group it is a part (or the merged result) of, when that group can be continued as a
     *         whole (its {@value org.hydrodelta.core.train.GroupRunner#GROUP_FILE} is there: not a sweep, nor a
     *         group run on Spark), else null
     */
    private Path groupFolder(org.hydrodelta.core.project.RunRef run) {
        org.hydrodelta.core.project.Project p = vm.projectProperty().get();
        Path file = vm.fileProperty().get();
        if (p == null || file == null || run.group() == null) {
            return null;
        }
        Path dir = file.toAbsolutePath().normalize().getParent().resolve("runs").resolve(run.group());
        return java.nio.file.Files.isRegularFile(dir.resolve(org.hydrodelta.core.train.GroupRunner.GROUP_FILE))
                ? dir : null;
    }

    /**
     * Resumes a run of the project in the training tab (opened for it, and brought to front), now or after the
     * trainings queued there; the tab then shows it as its last run. A run that cannot be resumed is not: the reason
     * goes to the status bar.
     *
     * @param run a run of the open project
     */
    public void resumeRun(org.hydrodelta.core.project.RunRef run) {
        String problem = resumeProblem(run);
        if (problem != null) {
            vm.statusProperty().set("Not resumed: " + problem);
            return;
        }
        openTraining();
        Path group = groupFolder(run);
        // a part of a group (or its merged result) continues the whole group, as train --resume-group does
        trainingViewModel().ifPresent(t -> {
            if (group != null) {
                t.resumeGroup(group);
            } else {
                t.resumeRun(run.path());
            }
        });
    }

    private java.util.Optional<org.hydrodelta.core.project.RunRef> selectedRun() {
        String name = explorer.runList().getSelectionModel().getSelectedItem();
        org.hydrodelta.core.project.Project p = vm.projectProperty().get();
        return p == null || name == null ? java.util.Optional.empty()
                : p.runs().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private java.util.Optional<org.hydrodelta.core.project.RunRef> run(String name) {
        org.hydrodelta.core.project.Project p = vm.projectProperty().get();
        return p == null ? java.util.Optional.empty() : p.runs().stream().filter(r -> r.name().equals(name))
                .findFirst();
    }

    /**
     * Opens the "Apply to basins…" form of a run: a prediction for basins it did not train on, shown like an
     * evaluation when done.
     *
     * @param runName a run of the open project
     */
    public void openApplyToBasins(String runName) {
        run(runName).ifPresent(r -> {
            String id = "apply-" + r.name();
            centre.getTabs().removeIf(t -> id.equals(t.getId()));
            org.hydrodelta.app.gui.runs.ApplyToBasinsViewModel avm = new org.hydrodelta.app.gui.runs
                    .ApplyToBasinsViewModel(vm.projectProperty().get(), r, vm.tasks(), this::evaluationWritten);
            avm.messageProperty().addListener((o, a, m) -> {
                if (avm.stateProperty().get() == org.hydrodelta.app.gui.runs.RunTaskState.FAILED) {
                    vm.messages().add(MessageLog.Severity.ERROR, m);
                }
            });
            Tab tab = new Tab("Apply " + r.name(), new org.hydrodelta.app.gui.runs.ApplyToBasinsView(avm));
            tab.setId(id);
            centre.getTabs().add(tab);
            centre.getSelectionModel().select(tab);
        });
    }

    /**
     * Opens the "Evaluate period…" form of a run: any period with any of its checkpoints.
     *
     * @param runName a run of the open project
     */
    public void openEvaluatePeriod(String runName) {
        run(runName).ifPresent(r -> {
            String id = "evaluate-" + r.name();
            centre.getTabs().removeIf(t -> id.equals(t.getId()));
            org.hydrodelta.app.gui.runs.EvaluatePeriodViewModel evm = new org.hydrodelta.app.gui.runs
                    .EvaluatePeriodViewModel(vm.projectProperty().get(), r, vm.tasks(), this::evaluationWritten);
            Tab tab = new Tab("Evaluate " + r.name(), new org.hydrodelta.app.gui.runs.EvaluatePeriodView(evm));
            tab.setId(id);
            centre.getTabs().add(tab);
            centre.getSelectionModel().select(tab);
        });
    }

    /** A prediction or evaluation was written: every view reads the runs again and the new result is shown. */
    private void evaluationWritten(org.hydrodelta.app.gui.runs.EvaluationChoice choice) {
        Tab form = centre.getSelectionModel().getSelectedItem();
        vm.shownEvaluationProperty().set(choice);
        vm.runsChanged();
        String notice = "Written: " + choice.evaluation() + " of " + choice.run();
        vm.messages().add(MessageLog.Severity.NOTICE, notice);
        showEvaluation(choice);
        if (form != null) {
            centre.getSelectionModel().select(form); // the form keeps the front: its flags and message
        }
        // the status line said what it said before the prediction (the project's opening message)
        vm.statusProperty().set(notice + ": shown on the map, in the hydrographs and in the results");
    }

    /**
     * Shows one evaluation of a run: the map coloured by it (opened when closed), hydrographs from it where it
     * has the basin, the results tab on it, and what it was (period, checkpoint, attributes outside the training
     * range) in the properties pane.
     *
     * @param choice the run and evaluation
     */
    public void showEvaluation(org.hydrodelta.app.gui.runs.EvaluationChoice choice) {
        vm.shownEvaluationProperty().set(choice);
        run(choice.run()).ifPresent(r -> properties.showEvaluation(r, choice.evaluation()));
        if (!selectTab("mapTab")) {
            openMap();
        }
        refreshRunViews();
        centre.getTabs().stream().filter(t -> "resultsTab".equals(t.getId())).findFirst().ifPresent(t -> {
            ResultsViewModel rvm = ((ResultsView) t.getContent()).viewModel();
            String name = org.hydrodelta.core.eval.RunResults.TEST.equals(choice.evaluation()) ? choice.run()
                    : choice.run() + " (" + choice.evaluation() + ")";
            if (rvm.runNames().contains(name)) {
                rvm.runProperty().set(name);
            }
        });
    }

    /**
     * Opens (or brings to front) the training tab with an experiment chosen, ready to train.
     *
     * @param experiment the experiment
     */
    public void trainExperiment(String experiment) {
        openTraining();
        centre.getTabs().stream().filter(t -> "trainingTab".equals(t.getId()) && t.getContent() instanceof TrainingView)
                .findFirst().ifPresent(t -> ((TrainingView) t.getContent()).viewModel().experimentProperty()
                        .set(experiment));
    }

    /** Opens (or brings to front) the training tab of the open project; the project must have been saved. */
    public void openTraining() {
        if (selectTab("trainingTab")) {
            return;
        }
        if (vm.projectProperty().get() == null || vm.fileProperty().get() == null) {
            vm.statusProperty().set("Save the project first: runs are written beside the project file");
            return;
        }
        if (!confirmTrainingOutsideSample()) {
            return;
        }
        // the run is entered in the project file by the core recorder (as hydrodelta train does) and merged into
        // the open project: nothing else of the project is saved by a training
        TrainingViewModel tvm = new TrainingViewModel(vm.projectProperty().get(), vm.fileProperty().get(),
                vm.tasks(), javafx.application.Platform::runLater, run -> vm.runsChanged(),
                TrainingViewModel.UI_INTERVAL);
        // PUR holdouts by polygon layer: the window places the gauges in the layer's polygons
        tvm.setRegionLookup(org.hydrodelta.app.holdout.LayerRegionLookup.INSTANCE);
        // the runs list shows each run's state: running, then finished, cancelled or failed
        tvm.setOnRunRecorded(run -> vm.explorer().showRuns(vm.projectProperty().get()));
        tvm.setOnRunEvaluated(dir -> {
            vm.runsChanged();
            String notice = tvm.messageProperty().get();
            vm.statusProperty().set(notice);
            vm.messages().add(MessageLog.Severity.NOTICE, notice);
        });
        // a failed training or a refused resumption is reported as the window's other failures are, so it is seen
        // from any tab (a queued job may end while another tab is in front)
        tvm.setOnFailed(m -> {
            vm.statusProperty().set(m);
            vm.messages().add(MessageLog.Severity.ERROR, m);
        });
        // and a cancelled one as a notice (the status line kept the project's opening message)
        tvm.setOnCancelled(m -> {
            vm.statusProperty().set(m);
            vm.messages().add(MessageLog.Severity.NOTICE, m);
        });
        // the map follows the training: gauges recoloured by validation NSE after every epoch
        tvm.epochs().addListener((javafx.collections.ListChangeListener<TrainingViewModel.EpochPoint>) c -> {
            while (c.next()) {
                for (TrainingViewModel.EpochPoint p : c.getAddedSubList()) {
                    if (!p.nse().isEmpty()) {
                        mapViewModel().ifPresent(m -> m.showLive("validation NSE, epoch " + p.epoch(), p.nse()));
                    }
                }
            }
        });
        statusBar.waitingTrainingsProperty().bind(javafx.beans.binding.Bindings.size(tvm.queue()));
        TrainingView trainingView = new TrainingView(tvm);
        trainingView.setOnRunOnCluster(() -> runOnCluster(tvm.experimentProperty().get()));
        Tab tab = new Tab("Training", trainingView);
        tab.setId("trainingTab");
        centre.getTabs().add(tab);
        centre.getSelectionModel().select(tab);
    }

    /**
     * Whether a project file is the sample bundled with the workbench (in the source tree or the distribution):
     * training there would write runs into it.
     *
     * @param file a project file
     * @return true for the bundled camels-regions sample
     */
    static boolean isBundledSample(Path file) {
        if (file == null) {
            return false;
        }
        Path f = file.toAbsolutePath().normalize();
        if (WorkbenchApp.defaultSampleProject().map(p -> p.toAbsolutePath().normalize().equals(f)).orElse(false)) {
            return true;
        }
        Path dir = f.getParent() == null ? null : f.getParent().getParent();
        return dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("sample-projects")
                && dir.getParent() != null && (java.nio.file.Files.isRegularFile(dir.getParent().resolve("pom.xml"))
                        || java.nio.file.Files.isDirectory(dir.getParent().resolve("bin")));
    }

    /**
     * Before training on the bundled sample, offers to save a copy elsewhere: runs are written beside the project
     * file, and the sample is part of the workbench's own folder.
     *
     * @return whether to go on opening the training tab
     */
    private boolean confirmTrainingOutsideSample() {
        if (!isBundledSample(vm.fileProperty().get())) {
            return true;
        }
        javafx.scene.control.ButtonType copy = new javafx.scene.control.ButtonType("Save a copy…");
        javafx.scene.control.ButtonType here = new javafx.scene.control.ButtonType("Train in the sample folder");
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "Runs are written beside the project file, into " + vm.fileProperty().get().getParent()
                        + ", which belongs to the workbench. Save a copy of the project in a folder of your own "
                        + "(the data stays where it is), or train in the sample folder anyway.", copy, here,
                javafx.scene.control.ButtonType.CANCEL);
        a.setHeaderText("This is the bundled sample project");
        a.initOwner(window());
        java.util.Optional<javafx.scene.control.ButtonType> r = a.showAndWait();
        if (r.isEmpty() || r.get() == javafx.scene.control.ButtonType.CANCEL) {
            return false;
        }
        if (r.get() == copy) {
            Path before = vm.fileProperty().get();
            chooseAndSave();
            if (before.equals(vm.fileProperty().get())) {
                return false;
            }
            vm.statusProperty().set("Saved a copy as " + vm.fileProperty().get() + "; runs go to its runs/ folder");
        } else {
            vm.statusProperty().set("Training in the sample folder: runs go to " + vm.fileProperty().get().getParent()
                    .resolve("runs"));
        }
        return true;
    }

    /**
     * Opens the editor of an experiment.
     *
     * @param name the experiment
     */
    public void openExperimentEditor(String name) {
        org.hydrodelta.core.project.Project p = vm.projectProperty().get();
        if (p == null || p.experiment(name).isEmpty()) {
            return;
        }
        String id = "experiment-" + name;
        centre.getTabs().removeIf(t -> id.equals(t.getId()));
        org.hydrodelta.app.gui.experiment.ExperimentEditorViewModel evm =
                new org.hydrodelta.app.gui.experiment.ExperimentEditorViewModel(p, p.experiment(name).get(),
                        vm::experimentsChanged);
        // a custom holdout: the map shows the training and the held-out basins in two classes as they are chosen
        Runnable holdoutOnMap = () -> {
            if ("custom".equals(evm.holdoutTypeProperty().get())) {
                mapViewModel().ifPresent(m -> m.showChosen("Holdout of " + evm.nameProperty().get(), "held out",
                        "training", evm.basins().keySet(), evm.heldOutBasins()));
            }
        };
        evm.heldOutBasins().addListener((javafx.collections.ListChangeListener<String>) c -> holdoutOnMap.run());
        evm.holdoutTypeProperty().addListener((o, a, b) -> holdoutOnMap.run());
        Tab tab = new Tab("Experiment " + name, new org.hydrodelta.app.gui.experiment.ExperimentEditorView(evm, name,
                vm.statusProperty()::set));
        tab.setId(id);
        tab.setOnCloseRequest(e -> {
            if (evm.modifiedProperty().get() && !confirmCloseEditor(name)) {
                e.consume();
            }
        });
        centre.getTabs().add(tab);
        centre.getSelectionModel().select(tab);
    }

    /** Asks before an editor with unsaved edits closes; false keeps it open. */
    private boolean confirmCloseEditor(String name) {
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType("Discard edits");
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "The edits of experiment '" + name + "' have not been saved into the project.", discard,
                javafx.scene.control.ButtonType.CANCEL);
        a.setHeaderText("Discard the edits?");
        a.initOwner(window());
        return a.showAndWait().filter(b -> b == discard).isPresent();
    }

    /** Opens (or brings to front) the list of this session's messages, warnings and notices. */
    public void openMessages() {
        if (selectTab("messagesTab")) {
            return;
        }
        Tab tab = new Tab("Messages", new MessagesView(vm.messages()));
        tab.setId("messagesTab");
        centre.getTabs().add(tab);
        centre.getSelectionModel().select(tab);
    }

    /** Opens (or refreshes) the data doctor tab for the saved project. */
    public void openDoctor() {
        centre.getTabs().removeIf(t -> "doctorTab".equals(t.getId()));
        if (vm.fileProperty().get() == null) {
            vm.statusProperty().set("Save the project first: the doctor inspects the data the project file names");
            return;
        }
        DoctorViewModel dvm = new DoctorViewModel(vm.fileProperty().get(), vm.tasks());
        // the doctor's issues are kept in the messages, beside its own list of them
        java.util.function.Consumer<org.hydrodelta.core.data.doctor.DoctorReport> keep = r -> {
            for (org.hydrodelta.core.data.DataIssue i : r.issues()) {
                vm.messages().add(i.severity() == org.hydrodelta.core.data.DataIssue.Severity.ERROR
                        ? MessageLog.Severity.ERROR : MessageLog.Severity.WARNING, "Data doctor: " + DoctorView.describe(i));
            }
        };
        if (dvm.reportProperty().get() != null) {
            keep.accept(dvm.reportProperty().get());
        } else {
            dvm.reportProperty().addListener((o, a, r) -> {
                if (r != null) {
                    keep.accept(r);
                }
            });
        }
        Tab tab = new Tab("Data doctor", new DoctorView(dvm, vm.data().datasetProperty().get(),
                vm.statusProperty()::set));
        tab.setId("doctorTab");
        centre.getTabs().add(tab);
        centre.getSelectionModel().select(tab);
    }

    /** Opens (or refreshes) the results tab: metrics of every evaluated run. */
    public void openResults() {
        centre.getTabs().removeIf(t -> "resultsTab".equals(t.getId()));
        if (vm.projectProperty().get() == null) {
            return;
        }
        try {
            Tab tab = new Tab("Results", new ResultsView(new ResultsViewModel(vm.projectProperty().get()),
                    this::openHydrograph, vm.statusProperty()::set));
            tab.setId("resultsTab");
            centre.getTabs().add(tab);
            centre.getSelectionModel().select(tab);
        } catch (java.io.IOException e) {
            vm.statusProperty().set("Cannot read the results: " + e.getMessage());
        }
    }

    private void importData() {
        if (vm.projectProperty().get() == null) {
            vm.newProject();
        }
        Path projectFile = vm.fileProperty().get();
        org.hydrodelta.app.gui.importer.ImportViewModel ivm = new org.hydrodelta.app.gui.importer.ImportViewModel(
                vm.projectProperty().get(), projectFile == null ? null : projectFile.getParent());
        new org.hydrodelta.app.gui.importer.ImportDialog(ivm, window()).showAndWait().ifPresent(done -> {
            if (done) {
                vm.projectChanged();
                openMap();
            }
        });
    }

    /**
     * Asks what to do with unsaved changes before the window closes.
     *
     * @return true to go on closing (saved or discarded), false to stay
     */
    public boolean confirmDiscard() {
        if (!vm.dirtyProperty().get()) {
            return true;
        }
        javafx.scene.control.ButtonType save = new javafx.scene.control.ButtonType("Save");
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType("Don't save");
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "The project has unsaved changes.", save, discard, javafx.scene.control.ButtonType.CANCEL);
        a.setHeaderText("Save changes to " + vm.projectProperty().get().name() + "?");
        java.util.Optional<javafx.scene.control.ButtonType> r = a.showAndWait();
        if (r.isEmpty() || r.get() == javafx.scene.control.ButtonType.CANCEL) {
            return false;
        }
        if (r.get() == save) {
            if (vm.fileProperty().get() == null) {
                chooseAndSave();
            } else {
                vm.saveAs(vm.fileProperty().get());
            }
            return !vm.dirtyProperty().get();
        }
        return true;
    }

    private MenuBar menuBar() {
        MenuItem newItem = item("New", "Shortcut+N", () -> vm.newProject());
        MenuItem open = item("Open…", "Shortcut+O", this::chooseAndOpen);
        MenuItem save = item("Save", "Shortcut+S", () -> {
            if (vm.fileProperty().get() == null) {
                chooseAndSave();
            } else {
                vm.saveAs(vm.fileProperty().get());
            }
        });
        MenuItem saveAs = item("Save As…", "Shortcut+Shift+S", this::chooseAndSave);
        MenuItem importData = item("Import data…", "Shortcut+I", this::importData);
        MenuItem close = item("Close project", "Shortcut+W", () -> {
            if (vm.projectProperty().get() != null && confirmDiscard()) {
                vm.closeProject();
            }
        });
        close.setId("closeProjectItem");
        MenuItem quit = item("Quit", "Shortcut+Q", () -> {
            if (confirmDiscard()) {
                Platform.exit();
            }
        });
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
        Menu file = new Menu("File", null, newItem, open, recentMenu, new SeparatorMenuItem(), importData,
                new SeparatorMenuItem(), save, saveAs, new SeparatorMenuItem(), close, quit);
        file.setId("fileMenu");
        MenuItem mapItem = item("Basin map", "Shortcut+M", this::openMap);
        MenuItem trainingItem = item("Training", "Shortcut+T", this::openTraining);
        MenuItem resultsItem = item("Results", "Shortcut+R", this::openResults);
        MenuItem doctorItem = item("Data doctor", "Shortcut+D", this::openDoctor);
        MenuItem messagesItem = item("Messages", "Shortcut+L", this::openMessages);
        MenuItem combineItem = item("Combine runs…", "Shortcut+Shift+C", this::combineRuns);
        MenuItem clusterItem = new MenuItem("Run on cluster…");
        clusterItem.setId("runOnClusterMenuItem");
        // the experiment selected in the explorer, else the first
        clusterItem.setOnAction(e -> runOnCluster(selectedExperiment().orElse(vm.explorer().experiments().isEmpty()
                ? null : vm.explorer().experiments().get(0))));
        Menu runsMenu = new Menu("Runs", null, combineItem, new SeparatorMenuItem(), clusterItem);
        runsMenu.setId("runsMenu");
        Menu view = new Menu("View", null, mapItem, doctorItem, trainingItem, resultsItem, new SeparatorMenuItem(),
                messagesItem);
        view.setId("viewMenu");
        MenuItem guide = item("User guide", "F1", () -> HelpDialogs.guide(window()));
        MenuItem keys = item("Keyboard shortcuts", "Shortcut+Slash", () -> HelpDialogs.shortcuts(window()));
        MenuItem about = new MenuItem("About HydroDelta Workbench");
        about.setOnAction(e -> HelpDialogs.about(window()));
        Menu help = new Menu("Help", null, guide, keys, new SeparatorMenuItem(), about);
        help.setId("helpMenu");
        MenuBar bar = new MenuBar(file, editMenu(), view, runsMenu, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** The Edit menu: undo and redo of the experiment edits in the selected editor tab. */
    private Menu editMenu() {
        MenuItem undo = item("Undo", "Shortcut+Z", () -> selectedEditor().ifPresent(
                org.hydrodelta.app.gui.experiment.ExperimentEditorViewModel::undo));
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", () -> selectedEditor().ifPresent(
                org.hydrodelta.app.gui.experiment.ExperimentEditorViewModel::redo));
        Menu edit = new Menu("Edit", null, undo, redo);
        edit.setId("editMenu");
        return edit;
    }

    /** @return the view model of the experiment editor in the selected tab, if that is one */
    private java.util.Optional<org.hydrodelta.app.gui.experiment.ExperimentEditorViewModel> selectedEditor() {
        Tab t = centre.getSelectionModel().getSelectedItem();
        return t != null && t.getContent() instanceof org.hydrodelta.app.gui.experiment.ExperimentEditorView v
                ? java.util.Optional.of(v.viewModel()) : java.util.Optional.empty();
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : vm.recent().list()) {
            MenuItem mi = new MenuItem(p.toString());
            mi.setOnAction(e -> vm.open(p));
            recentMenu.getItems().add(mi);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem mi = new MenuItem(text);
        mi.setAccelerator(KeyCombination.keyCombination(accelerator));
        mi.setOnAction(e -> action.run());
        return mi;
    }

    private FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("HydroDelta project",
                "*" + ProjectStore.EXTENSION));
        Path current = vm.fileProperty().get();
        if (current != null && current.getParent() != null) {
            fc.setInitialDirectory(current.getParent().toFile());
        }
        return fc;
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void chooseAndOpen() {
        File f = chooser("Open project").showOpenDialog(window());
        if (f != null) {
            vm.open(f.toPath());
        }
    }

    private void chooseAndSave() {
        File f = chooser("Save project as").showSaveDialog(window());
        if (f != null) {
            Path p = f.toPath();
            if (!p.getFileName().toString().endsWith(ProjectStore.EXTENSION)) {
                p = p.resolveSibling(p.getFileName() + ProjectStore.EXTENSION);
            }
            vm.saveAs(p);
        }
    }

    private Tab welcomeTab() {
        Label title = new Label("HydroDelta Workbench");
        title.setStyle("-fx-font-size: 22px; -fx-font-weight: bold;");
        Label text = new Label("Differentiable HBV models whose parameters are learned by a neural network from "
                + "forcings and basin attributes (Feng et al. 2022).\n\nPick a basin in the explorer on the left. "
                + "Hydrographs, maps, model setup and training open here as tabs.");
        text.setWrapText(true);
        VBox box = new VBox(12, title, text);
        box.setPadding(new Insets(24));
        box.setAlignment(Pos.TOP_LEFT);
        Tab tab = new Tab("Start", box);
        tab.setClosable(false);
        return tab;
    }

}
