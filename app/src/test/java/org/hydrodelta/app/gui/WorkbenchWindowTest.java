package org.hydrodelta.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.hydrodelta.app.gui.explorer.BasinRow;
import org.hydrodelta.app.task.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the bundled sample project in a real (headless) window and looks at the explorer. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {
    @TempDir
    static Path config;

    private MainViewModel vm;
    private MainView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        vm = new MainViewModel(new RecentProjects(config.resolve("recent.txt")), new CurrentThreadTaskExecutor());
        view = new MainView(vm);
        stage.setScene(new Scene(view, 1200, 800));
        stage.show();
    }

    private static Path sampleProject() {
        return Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj");
    }

    @Test
    void showsTheSampleProjectsBasinsInTheExplorer(FxRobot robot) {
        robot.interact(() -> assertThat(vm.open(sampleProject())).isTrue());
        TableView<BasinRow> table = robot.lookup("#basinTable").queryTableView();
        assertThat(table.getItems()).hasSize(19);
        BasinRow narraguagus = table.getItems().stream().filter(r -> r.id().equals("01022500")).findFirst()
                .orElseThrow();
        assertThat(narraguagus.name()).isEqualTo("Narraguagus River at Cherryfield, Maine");
        assertThat(narraguagus.areaKm2()).isEqualTo(573.6);
        assertThat(narraguagus.snowFraction()).isBetween(0.2, 0.3);
        assertThat(robot.lookup("Fish River near Fort Kent, Maine").tryQuery()).isPresent();
        assertThat(robot.lookup("#statusLabel").queryAs(Label.class).getText()).startsWith("Opened camels-regions");
        assertThat(robot.lookup("camels-nldas (camels-us, nldas)").tryQuery()).isPresent();
        assertThat(robot.lookup("delta-paper").tryQuery()).isPresent();
    }

    @Test
    void searchNarrowsTheBasinList(FxRobot robot) {
        robot.interact(() -> vm.open(sampleProject()));
        robot.clickOn("#basinSearch").write("maine");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<BasinRow> table = robot.lookup("#basinTable").queryTableView();
        assertThat(table.getItems()).extracting(BasinRow::id).containsExactlyInAnyOrder("01013500", "01022500");
        assertThat(robot.lookup("2 of 19 basins").tryQuery()).isPresent();
    }

    @Test
    void aBrokenProjectFileKeepsTheCurrentProjectAndSaysWhy(FxRobot robot) throws Exception {
        robot.interact(() -> vm.open(sampleProject()));
        Path broken = config.resolve("broken.hdproj");
        java.nio.file.Files.writeString(broken, "{\"formatVersion\": 7, \"name\": \"x\"}");
        robot.interact(() -> assertThat(vm.open(broken)).isFalse());
        assertThat(robot.lookup("#basinTable").queryTableView().getItems()).hasSize(19);
        assertThat(vm.statusProperty().get()).contains("broken.hdproj").contains("formatVersion 7 is newer");
    }

    /**
     * A project file copied without its data folder (as a user copies a project): the window opens it with its
     * basins, experiments and runs, lists the dataset as not found and says where its data were looked for; it
     * failed with an internal error before the window was shown (the attribute table's read threw).
     */
    @Test
    void aProjectCopiedWithoutItsDataOpensAndSaysWhereTheDataWereLookedFor(FxRobot robot) throws Exception {
        java.util.List<Throwable> uncaught = uncaughtOnFxThread(robot);
        Path copy = java.nio.file.Files.createDirectories(config.resolve("copied")).resolve("camels-regions.hdproj");
        java.nio.file.Files.copy(sampleProject(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        robot.interact(() -> assertThat(vm.open(copy)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#basinTable").queryTableView().getItems()).hasSize(19);
        assertThat(robot.lookup("camels-nldas (camels-us, nldas) - data not found").tryQuery()).isPresent();
        assertThat(robot.lookup("delta-paper").tryQuery()).isPresent();
        assertThat(vm.explorer().unavailable()).singleElement().asString().contains("dataset 'camels-nldas'")
                .contains(copy.resolveSibling("data/camels-us").toString()).contains("no such file or folder");
        assertThat(vm.statusProperty().get()).contains("DATA NOT FOUND").contains("dataset 'camels-nldas'");
        // the status line is cut at the window's edge; its tooltip holds all of it
        assertThat(robot.lookup("#statusLabel").queryAs(Label.class).getTooltip().getText())
                .isEqualTo(vm.statusProperty().get());
        // its map layers are missing too: they are listed, and the map opens without them (it did not open)
        assertThat(vm.statusProperty().get()).contains("layer 'US states': " + copy.resolveSibling(
                "data/geo/us_states/conus_states.geojson") + " does not exist").contains("layer 'CAMELS gauges (671)'");
        assertThat(robot.lookup("#basinMap").tryQuery()).isPresent();
        assertThat(robot.lookup("#basinMap").queryAs(org.hydrodelta.app.gui.map.BasinMapView.class).viewModel()
                .unavailableLayers()).hasSize(3).first().asString().startsWith("layer 'US states' (");

        // the dataset's menu locates its data (the folder chooser's answer given here): the project opens again
        // with its attributes, and the missing map layers found below the same folder are relinked
        javafx.scene.control.ListView<String> datasets = robot.lookup("#datasetList").queryListView();
        assertThat(datasets.getContextMenu().getItems()).extracting(javafx.scene.control.MenuItem::getId)
                .containsExactly("locateDataItem");
        Path data = sampleProject().resolveSibling("data");
        robot.interact(() -> assertThat(vm.locateData("camels-nldas", data)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.explorer().unavailable()).isEmpty();
        assertThat(robot.lookup("camels-nldas (camels-us, nldas)").tryQuery()).isPresent();
        assertThat(robot.lookup("Fish River near Fort Kent, Maine").tryQuery()).isPresent();
        assertThat(vm.statusProperty().get()).startsWith("dataset 'camels-nldas' now reads its CAMELS-US data from "
                + data.resolve("camels-us").toAbsolutePath().normalize()).contains("'US states' (geo/us_states/"
                + "conus_states.geojson)").doesNotContain("DATA NOT FOUND");
        assertThat(robot.lookup("#basinMap").queryAs(org.hydrodelta.app.gui.map.BasinMapView.class).viewModel()
                .unavailableLayers()).isEmpty();
        assertThat(uncaught).isEmpty();
    }

    /**
     * CSV data imported without a gauge file (here the 241-basin sample without its layers): the project opens on
     * its map, the gauges placed at their attributes' coordinates; it opened on the start page, with no map.
     */
    @Test
    void aProjectWithGaugeCoordinatesButNoLayersOpensOnItsMap(FxRobot robot) throws Exception {
        Path repo = Path.of(System.getProperty("hydrodelta.repo.root"));
        Path data = repo.resolve("../shared/data/caravan-camels-241").normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(data), "the shared data");
        Path dir = java.nio.file.Files.createDirectories(config.resolve("no-layers"));
        for (String f : java.util.List.of("caravan-camels-241.hdproj", "mapping.json")) {
            java.nio.file.Files.copy(repo.resolve("sample-projects/caravan-camels-241").resolve(f), dir.resolve(f),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path file = dir.resolve("caravan-camels-241.hdproj");
        org.hydrodelta.core.project.DataRelocation.relocate(file, "era5-land", data);
        org.hydrodelta.core.project.ProjectStore.update(file, p -> p.layers().clear());
        robot.interact(() -> assertThat(vm.open(file)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.centre().getSelectionModel().getSelectedItem().getId()).isEqualTo("mapTab");
        var layers = robot.lookup("#basinMap").queryAs(org.hydrodelta.app.gui.map.BasinMapView.class).viewModel()
                .sceneProperty().get().layers();
        assertThat(layers).singleElement().satisfies(l -> {
            assertThat(l.name()).isEqualTo(org.hydrodelta.app.gui.map.BasinMapViewModel.ATTRIBUTE_GAUGES);
            assertThat(l.data().features()).hasSize(241);
        });
    }

    @Test
    void selectingABasinOpensItsHydrograph(FxRobot robot) {
        robot.interact(() -> vm.open(sampleProject()));
        robot.clickOn("Narraguagus River at Cherryfield, Maine");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node tab = view.centre().getSelectionModel().getSelectedItem().getContent();
        org.jfree.chart.fx.ChartViewer viewer = robot.from(tab).lookup("#hydrographChart").queryAs(
                org.jfree.chart.fx.ChartViewer.class);
        assertThat(view.centre().getSelectionModel().getSelectedItem().getText()).isEqualTo("01022500");
        assertThat(viewer.getChart().getTitle().getText()).startsWith("01022500 Narraguagus River");
        org.jfree.chart.plot.XYPlot flow = ((org.jfree.chart.plot.CombinedDomainXYPlot) viewer.getChart().getPlot())
                .getSubplots().get(0);
        // observed flow over the whole record, 1980-2014 for this basin
        assertThat(flow.getDataset(0).getItemCount(0)).isGreaterThan(12_000);
        javafx.scene.control.ToggleButton log = robot.from(tab).lookup("#logFlowToggle").queryAs(
                javafx.scene.control.ToggleButton.class);
        robot.interact(log::fire);
        System.gc();
        robot.interact(log::fire);
        robot.interact(log::fire);
        assertThat(log.isSelected()).isTrue();
        assertThat(((org.jfree.chart.plot.CombinedDomainXYPlot) viewer.getChart().getPlot()).getSubplots().get(0)
                .getRangeAxis()).isInstanceOf(org.jfree.chart.axis.LogAxis.class);

        // the date slider narrows the time axis; the crosshair read-out names the day's values
        org.controlsfx.control.RangeSlider range = robot.from(tab).lookup("#dateRange").queryAs(
                org.controlsfx.control.RangeSlider.class);
        org.hydrodelta.app.gui.hydrograph.HydrographViewModel hvm =
                ((org.hydrodelta.app.gui.hydrograph.HydrographView) tab).viewModel();
        robot.interact(() -> {
            range.setHighValue(hvm.nDays() - 1);
            range.setLowValue(hvm.nDays() - 366);
        });
        org.jfree.data.Range shown = ((org.jfree.chart.plot.XYPlot) viewer.getChart().getPlot()).getDomainAxis()
                .getRange();
        assertThat((shown.getUpperBound() - shown.getLowerBound()) / 86_400_000.0).isEqualTo(366.0);
        assertThat(hvm.describe(java.time.LocalDate.of(2000, 1, 1))).startsWith("2000-01-01   observed ")
                .endsWith(" mm/d");
        assertThat(hvm.describe(java.time.LocalDate.of(1900, 1, 1))).isEmpty();

        // export what is shown: the SVG holds the basin's title, the CSV its observed series
        java.nio.file.Path svg = config.resolve("hydrograph.svg");
        robot.interact(() -> {
            try {
                org.hydrodelta.app.gui.export.FigureExport.write(viewer.getChart(), svg);
                ((org.hydrodelta.app.gui.hydrograph.HydrographView) tab).viewModel().writeCsv(config.resolve("h.csv"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String text;
        java.util.List<String> csv;
        try {
            text = java.nio.file.Files.readString(svg);
            csv = java.nio.file.Files.readAllLines(config.resolve("h.csv"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(text).startsWith("<?xml").contains("<svg").contains("01022500 Narraguagus River");
        assertThat(csv.get(0)).isEqualTo("date,prcp_mm_d,qobs_mm_d");
        assertThat(csv).hasSize(1 + flow.getDataset(0).getItemCount(0));
        assertThat(csv.get(1)).startsWith("1980-01-01,");
    }

    @Test
    void aProjectOpensOnTheMapOfItsBasins(FxRobot robot) {
        robot.interact(() -> vm.open(sampleProject()));
        assertThat(view.centre().getSelectionModel().getSelectedItem().getText()).isEqualTo("Map");
        org.hydrodelta.maps.fx.MapView map = robot.lookup("#mapView").queryAs(org.hydrodelta.maps.fx.MapView.class);
        java.util.List<org.hydrodelta.maps.render.MapLayer> layers = map.getMapScene().layers();
        // backdrop states, the two Caravan polygons, and only the project's 19 gauges of the 671
        assertThat(layers).hasSize(3);
        assertThat(layers.get(0).data().size()).isGreaterThan(40);
        assertThat(layers.get(1).data().size()).isEqualTo(2);
        assertThat(layers.get(2).data().size()).isEqualTo(19);
    }

    @Test
    void clickingAGaugeOnTheMapOpensItsHydrographAndOutlinesIt(FxRobot robot) {
        java.util.List<Throwable> uncaught = uncaughtOnFxThread(robot);
        robot.interact(() -> vm.open(sampleProject()));
        org.hydrodelta.maps.fx.MapView map = robot.lookup("#mapView").queryAs(org.hydrodelta.maps.fx.MapView.class);
        WaitForAsyncUtils.waitForFxEvents();
        org.hydrodelta.maps.render.MapLayer gauges = map.getMapScene().layers().get(2);
        int index = -1;
        for (int i = 0; i < gauges.data().size(); i++) {
            if (gauges.featureId(gauges.data().features().get(i)).equals("06221400")) {
                index = i;
            }
        }
        assertThat(index).as("Dinwoody Creek's gauge on the map").isNotNegative();
        org.locationtech.jts.geom.Point p = (org.locationtech.jts.geom.Point) gauges.data().features().get(index)
                .geometry();
        org.hydrodelta.maps.render.MapViewport vp = map.viewport().orElseThrow();
        robot.clickOn(map.localToScreen(vp.toScreenX(p.getX()), vp.toScreenY(p.getY())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(uncaught).as("no exception on the FX thread").isEmpty();
        assertThat(view.centre().getSelectionModel().getSelectedItem().getId()).isEqualTo("hydrograph-06221400");
        assertThat(robot.lookup("#basinTable").queryTableView().getSelectionModel().getSelectedItem())
                .extracting(r -> ((BasinRow) r).id()).isEqualTo("06221400");
        assertThat(map.shownScene().selection()).isEqualTo(new org.hydrodelta.maps.render.Selection(2, index));

        // a basin picked in the explorer is outlined on the map too
        robot.interact(() -> view.selectBasin("01022500"));
        org.hydrodelta.maps.render.FeatureHit hit = map.selectedFeatureProperty().get();
        assertThat(hit.id()).isEqualTo("01022500");
        assertThat(view.centre().getSelectionModel().getSelectedItem().getId()).isEqualTo("hydrograph-01022500");
    }

    @Test
    void aSpinnerRefusesTextInPlaceAndProblemsNameTheFormsFields(FxRobot robot) {
        java.util.List<Throwable> uncaught = uncaughtOnFxThread(robot);
        robot.interact(() -> vm.open(sampleProject()));
        robot.interact(() -> view.openExperimentEditor("delta-desktop"));
        org.hydrodelta.app.gui.experiment.ExperimentEditorView editor = robot.lookup("#experimentEditor").queryAs(
                org.hydrodelta.app.gui.experiment.ExperimentEditorView.class);
        @SuppressWarnings("unchecked")
        javafx.scene.control.Spinner<Integer> epochs = robot.lookup("#epochsSpinner").queryAs(
                javafx.scene.control.Spinner.class);
        int before = epochs.getValue();
        robot.interact(() -> epochs.getEditor().requestFocus());
        robot.interact(() -> epochs.getEditor().selectAll());
        robot.write("abc");
        assertThat(epochs.getEditor().getText()).as("letters are not taken").isEqualTo(String.valueOf(before));
        // what still is not a number when committed gives the value back
        robot.interact(() -> epochs.getEditor().setText("-"));
        robot.interact(epochs::commitValue);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(epochs.getValue()).isEqualTo(before);
        assertThat(epochs.getEditor().getText()).isEqualTo(String.valueOf(before));
        assertThat(uncaught).as("no NumberFormatException on the FX thread").isEmpty();
        assertThat(editor.viewModel().errors()).isEmpty();

        // a value out of bounds is explained in the form's words, and its field outlined
        robot.interact(() -> epochs.getEditor().setText("0"));
        robot.interact(epochs::commitValue);
        // the committed value first: a spinner cut off from the view model (EditorSpinnerBindingTest) showed here as
        // an empty error list
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(epochs.getValue()).as("the committed value").isZero();
        assertThat(robot.lookup("#experimentErrors").queryListView().getItems()).containsExactly(
                "Epochs must be in [1, 100000], was 0");
        assertThat(editor.isHighlighted("training.epochs")).isTrue();
        assertThat(editor.isHighlighted("trainPeriod")).isFalse();
        assertThat(editor.viewModel().modifiedProperty().get()).isTrue();
        robot.interact(() -> editor.viewModel().undo());
        assertThat(epochs.getValue()).isEqualTo(before);
        assertThat(editor.isHighlighted("training.epochs")).isFalse();
    }

    @Test
    void theDoctorsWarningsAreListedAndKeptInTheMessages(FxRobot robot) {
        robot.interact(() -> vm.open(sampleProject()));
        robot.interact(view::openDoctor);
        org.hydrodelta.app.gui.doctor.DoctorView doctor = robot.lookup("#doctorView").queryAs(
                org.hydrodelta.app.gui.doctor.DoctorView.class);
        org.hydrodelta.core.data.doctor.DoctorReport report = doctor.viewModel().reportProperty().get();
        long warnings = report.issues().stream().filter(i -> i.severity()
                == org.hydrodelta.core.data.DataIssue.Severity.WARN).count();
        assertThat(warnings).as("the sample's data has warnings").isPositive();
        assertThat(robot.lookup("#doctorSummary").queryAs(Label.class).getText()).contains(warnings + " warnings");
        javafx.scene.control.ListView<String> issues = robot.lookup("#doctorIssues").queryListView();
        assertThat(issues.getItems()).hasSize(report.issues().size());
        assertThat(issues.getItems().get(0)).isEqualTo(org.hydrodelta.app.gui.doctor.DoctorView.describe(
                report.issues().get(0))).startsWith("warning, basin ");

        robot.interact(view::openMessages);
        MessagesView messages = robot.lookup("#messagesView").queryAs(MessagesView.class);
        robot.clickOn("#messagesProblemsOnly");
        assertThat(messages.shown()).hasSize(report.issues().size());
        assertThat(messages.shown()).allSatisfy(e -> assertThat(e.text()).startsWith("Data doctor: "));
        assertThat(messages.shown().get(0).text()).isEqualTo("Data doctor: " + issues.getItems().get(0));
    }

    @Test
    void theMainViewsFitAt1920x1080And1280x800WithNothingHiddenOrCut(FxRobot robot) throws Exception {
        // a copy outside the sample folder, where the training tab opens without asking to save one first
        Path copy = config.resolve("layout/camels-regions.hdproj");
        org.hydrodelta.core.project.ProjectStore.save(org.hydrodelta.core.project.ProjectStore.load(sampleProject()),
                copy);
        robot.interact(() -> assertThat(vm.open(copy)).isTrue());
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (int[] size : new int[][] {{1920, 1080}, {1280, 800}}) {
            robot.interact(() -> {
                view.getScene().setRoot(new javafx.scene.layout.Pane());
                stage.setScene(new Scene(view, size[0], size[1]));
                stage.sizeToScene();
            });
            java.util.Map<String, Runnable> views = new java.util.LinkedHashMap<>();
            views.put("map", view::openMap);
            views.put("hydrograph", () -> view.selectBasin("01022500"));
            views.put("doctor", view::openDoctor);
            views.put("results", view::openResults);
            views.put("experiment editor", () -> view.openExperimentEditor("delta-desktop"));
            views.put("messages", view::openMessages);
            views.put("training", view::openTraining);
            for (java.util.Map.Entry<String, Runnable> v : views.entrySet()) {
                robot.interact(v.getValue());
                WaitForAsyncUtils.waitForFxEvents();
                String where = v.getKey() + " at " + size[0] + "x" + size[1];
                assertThat(view.getScene().getWidth()).as(where).isEqualTo(size[0]);
                robot.interact(() -> problems.addAll(WindowLayout.problems(view, where)));
                // every sub-tab can be brought forward, and shows its controls whole
                javafx.scene.Node content = view.centre().getSelectionModel().getSelectedItem().getContent();
                for (javafx.scene.Node n : content.lookupAll(".tab-pane")) {
                    javafx.scene.control.TabPane tp = (javafx.scene.control.TabPane) n;
                    if (!WindowLayout.shown(tp)) {
                        continue;
                    }
                    for (javafx.scene.control.Tab t : java.util.List.copyOf(tp.getTabs())) {
                        robot.interact(() -> tp.getSelectionModel().select(t));
                        WaitForAsyncUtils.waitForFxEvents();
                        String sub = where + ", sub-tab " + t.getText();
                        robot.interact(() -> {
                            problems.addAll(WindowLayout.unreachable(tp, t, sub));
                            problems.addAll(WindowLayout.problems(view, sub));
                        });
                    }
                    robot.interact(() -> tp.getSelectionModel().select(0));
                }
            }
        }
        assertThat(problems).as("tool bars overflowing, sub-tabs out of reach, controls cut").isEmpty();

        // the same checks do find what a window too small for the workbench hides or cuts
        robot.interact(() -> {
            view.getScene().setRoot(new javafx.scene.layout.Pane());
            stage.setScene(new Scene(view, 760, 500));
            view.selectBasin("01022500");
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> assertThat(WindowLayout.problems(view, "hydrograph at 760x500")).isNotEmpty());
    }

    @Test
    void attributesSayWhatTheyAreInThePropertiesAndTheExplorer(FxRobot robot) {
        robot.interact(() -> vm.open(sampleProject()));
        robot.interact(() -> view.selectBasin("01022500"));
        org.hydrodelta.app.gui.properties.PropertiesView props = robot.lookup("#propertiesPane").queryAs(
                org.hydrodelta.app.gui.properties.PropertiesView.class);
        assertThat(props.descriptionText()).isEqualTo("Point at an attribute for its description.");
        robot.clickOn("topo");
        WaitForAsyncUtils.waitForFxEvents();
        String expected = "elev_mean — catchment mean elevation above sea level (m)\n= 92.68 m";
        for (int attempt = 0; attempt < 10 && !expected.equals(props.descriptionText()); attempt++) {
            // the sheet may still be laid out when the pointer first arrives: point again at the label
            robot.moveTo(robot.from(props).lookup("elev_mean").queryAs(Label.class));
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(props.descriptionText()).isEqualTo(
                "elev_mean — catchment mean elevation above sea level (m)\n= 92.68 m");
        org.controlsfx.control.PropertySheet sheet = robot.from(props).lookup(".property-sheet").queryAs(
                org.controlsfx.control.PropertySheet.class);
        assertThat(sheet.getItems()).filteredOn(i -> i.getName().equals("p_mean")).singleElement()
                .satisfies(i -> assertThat(i.getDescription()).isEqualTo("p_mean — mean daily precipitation (mm/d)"));
        Label area = robot.lookup("Area (km²)").queryAs(Label.class);
        assertThat(area.getTooltip().getText()).startsWith("area_gages2 — catchment area (km²)");
    }

    @Test
    void helpTellsTheVersionAndCitesThePaper() {
        assertThat(HelpDialogs.aboutText()).startsWith("HydroDelta Workbench " + org.hydrodelta.core.Version.get())
                .contains("doi:10.1029/2022WR032404").contains("doi:10.5194/hess-21-5293-2017");
        assertThat(HelpDialogs.GUIDE).contains("View > Data doctor").contains("View > Training")
                .contains("View > Results").contains("File > Import data").doesNotContain("Basins >");
    }

    /** Collects what is thrown on the FX thread instead of printed on the console. */
    private static java.util.List<Throwable> uncaughtOnFxThread(FxRobot robot) {
        java.util.List<Throwable> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler((t, e) -> seen.add(e)));
        return seen;
    }
}
