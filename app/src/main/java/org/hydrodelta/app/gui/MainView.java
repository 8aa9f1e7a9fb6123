package org.hydrodelta.app.gui;

import java.io.File;
import java.nio.file.Path;
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

    /** @param vm the main view model */
    public MainView(MainViewModel vm) {
        this.vm = vm;
        setId("mainView");
        setTop(menuBar());
        ProjectExplorerView explorer = new ProjectExplorerView(vm.explorer());
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
        explorer.experimentList().getSelectionModel().selectedItemProperty().addListener((o, old, name) ->
                vm.projectProperty().get().experiment(name == null ? "" : name).ifPresent(properties::showExperiment));
        explorer.runList().getSelectionModel().selectedItemProperty().addListener((o, old, name) ->
                vm.projectProperty().get().runs().stream().filter(r -> r.name().equals(name)).findFirst()
                        .ifPresent(properties::showRun));
        centre.setId("centreTabs");
        centre.getTabs().add(welcomeTab());
        vm.projectProperty().addListener((o, old, p) -> {
            // views of the previous project close; a project with layers opens on its map
            centre.getTabs().removeIf(t -> t.isClosable());
            if (p != null && !p.layers().isEmpty()) {
                openMap();
            }
        });
        SplitPane split = new SplitPane(explorer, centre, new PropertiesView(properties));
        split.setDividerPositions(0.33, 0.80);
        setCenter(split);
        statusBar = new StatusBar(vm.statusProperty(), vm.tasks().tasks());
        setBottom(statusBar);
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
            Tab tab = new Tab("Map", new BasinMapView(new BasinMapViewModel(vm.projectProperty().get()),
                    this::openHydrograph, vm.statusProperty()::set));
            tab.setId("mapTab");
            centre.getTabs().add(tab);
            centre.getSelectionModel().select(tab);
        } catch (java.io.IOException | RuntimeException e) {
            vm.statusProperty().set("Cannot draw the map: " + e.getMessage());
        }
    }

    private java.util.Optional<BasinMapViewModel> mapViewModel() {
        return centre.getTabs().stream().filter(t -> "mapTab".equals(t.getId())).map(t -> ((BasinMapView) t
                .getContent()).viewModel()).findFirst();
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
        TrainingViewModel tvm = new TrainingViewModel(vm.projectProperty().get(), vm.fileProperty().get().getParent(),
                vm.tasks(), javafx.application.Platform::runLater, run -> {
                    vm.explorer().runs().add(run.name());
                    vm.saveAs(vm.fileProperty().get());
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
        Tab tab = new Tab("Training", new TrainingView(tvm));
        tab.setId("trainingTab");
        centre.getTabs().add(tab);
        centre.getSelectionModel().select(tab);
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
        Tab tab = new Tab("Experiment " + name, new org.hydrodelta.app.gui.experiment.ExperimentEditorView(evm, name,
                vm.statusProperty()::set));
        tab.setId(id);
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
        Tab tab = new Tab("Data doctor", new DoctorView(new DoctorViewModel(vm.fileProperty().get(), vm.tasks()),
                vm.data().datasetProperty().get(), vm.statusProperty()::set));
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
        MenuItem quit = item("Quit", "Shortcut+Q", () -> {
            if (confirmDiscard()) {
                Platform.exit();
            }
        });
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
        Menu file = new Menu("File", null, newItem, open, recentMenu, new SeparatorMenuItem(), importData,
                new SeparatorMenuItem(), save, saveAs, new SeparatorMenuItem(), quit);
        file.setId("fileMenu");
        MenuItem mapItem = item("Basin map", "Shortcut+M", this::openMap);
        MenuItem trainingItem = item("Training", "Shortcut+T", this::openTraining);
        MenuItem resultsItem = item("Results", "Shortcut+R", this::openResults);
        MenuItem doctorItem = item("Data doctor", "Shortcut+D", this::openDoctor);
        Menu view = new Menu("View", null, mapItem, doctorItem, trainingItem, resultsItem);
        view.setId("viewMenu");
        MenuBar bar = new MenuBar(file, view);
        bar.setUseSystemMenuBar(true);
        return bar;
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
