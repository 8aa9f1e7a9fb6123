package org.hydrodelta.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.hydrodelta.app.gui.experiment.ExperimentEditorView;
import org.hydrodelta.app.gui.experiment.ExperimentEditorViewModel;
import org.hydrodelta.app.gui.results.ResultsView;
import org.hydrodelta.app.gui.results.ResultsViewModel;
import org.hydrodelta.app.gui.training.TrainingView;
import org.hydrodelta.app.gui.training.TrainingViewModel;
import org.hydrodelta.app.task.FxTaskExecutor;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.AbstractRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Auxiliary targets (issue 18) through the window, on a copy of the camels-regions sample (which declares the
 * Lyne-Hollick baseflow as {@code observation.baseflow}): a baseflow target is added in the experiment editor and
 * saved into the project file, a tiny run trains from the training tab, and the results tab and the hydrograph show
 * the baseflow's metrics and the observed baseflow over the model's; invalid rows are refused with the messages of
 * the configuration's and the trainer's checks.
 */
@ExtendWith(ApplicationExtension.class)
class AuxiliaryTargetsFlowTest {
    @TempDir
    static Path tmp;

    private MainViewModel vm;
    private MainView view;
    private Path file;

    @Start
    void start(Stage stage) throws Exception {
        Project p = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        // two basins, two training years, one epoch of three iterations: the run takes seconds
        ExperimentConfig tiny = new ExperimentConfig("delta-hbv", null, List.of("01013500", "03439000"),
                Period.inclusive(LocalDate.of(1993, 10, 1), LocalDate.of(1995, 9, 30)), null,
                Period.inclusive(LocalDate.of(1997, 10, 1), LocalDate.of(1998, 9, 30)), 60, 120, null, null,
                new ExperimentConfig.Hbv(2, List.of(), false, true), new ExperimentConfig.Network("lstm", 8, 0.0),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 1, 2, 3, 3L, 1, null));
        p.experiments().add(0, new Experiment("tiny", tiny));
        // as a hand-edited file may have it: an observation the dataset does not declare
        p.experiments().add(1, new Experiment("tiny-smap", tiny.withTargets(List.of(
                new ExperimentConfig.Target(null, "flow", null, null, null),
                new ExperimentConfig.Target("SM", "smap", "rmse", 0.5, null)))));
        file = Files.createTempDirectory(tmp, "p").resolve("camels-regions.hdproj");
        ProjectStore.save(p, file);
        vm = new MainViewModel(new RecentProjects(file.resolveSibling("recent.txt")), new FxTaskExecutor());
        view = new MainView(vm);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
        vm.open(file);
    }

    /** Opens an experiment's editor with its targets table expanded and scrolled into view. */
    private ExperimentEditorView openEditor(FxRobot robot, String experiment) {
        // one editor at a time, so that ids such as #saveExperiment name its controls
        robot.interact(() -> view.centre().getTabs().removeIf(t -> t.getId() != null && t.getId().startsWith(
                "experiment-")));
        robot.interact(() -> view.openExperimentEditor(experiment));
        ExperimentEditorView editor = robot.lookup("#experimentEditor").queryAs(ExperimentEditorView.class);
        robot.interact(() -> {
            TitledPane pane = robot.lookup("#targetsPane").queryAs(TitledPane.class);
            pane.setAnimated(false);
            pane.setExpanded(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> ((ScrollPane) editor.getCenter()).setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
        return editor;
    }

    /** Picks an entry of a combo box as a user does: opens its list and clicks the entry. */
    private static void choose(FxRobot robot, String comboId, String entry) {
        ComboBox<?> combo = robot.lookup(comboId).queryAs(ComboBox.class);
        robot.clickOn(combo);
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup(".list-cell").match((Node n) -> n instanceof ListCell<?> c && entry.equals(
                c.getText()) && n.getScene() != combo.getScene() && n.getScene().getWindow().isShowing()).query();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(combo.getValue()).as(comboId).isEqualTo(entry);
    }

    /** Replaces a text field's text by typing. */
    private static void type(FxRobot robot, String fieldId, String text) {
        TextField f = robot.lookup(fieldId).queryAs(TextField.class);
        robot.clickOn(f);
        robot.interact(f::selectAll);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aBaseflowTargetIsSavedTrainedAndShownInResultsAndHydrograph(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.data().datasetProperty().get() != null);
        ExperimentEditorView editor = openEditor(robot, "tiny");
        ExperimentEditorViewModel evm = editor.viewModel();
        assertThat(robot.lookup("#targetsFlowOnly").query().isVisible()).as("flow only").isTrue();
        robot.clickOn("#addTarget");
        assertThat(evm.targetsProperty().get()).as("the streamflow row comes first").hasSize(2);
        assertThat(robot.lookup("#targetOutput-1").query().isDisabled()).as("the streamflow row").isTrue();
        robot.interact(() -> ((ScrollPane) editor.getCenter()).setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#targetObservation-2").queryAs(ComboBox.class).getItems())
                .containsExactly("flow", "baseflow");
        choose(robot, "#targetOutput-2", "Q2");
        choose(robot, "#targetObservation-2", "baseflow");
        choose(robot, "#targetLoss-2", "rmse");
        type(robot, "#targetWeight-2", "0.2");
        assertThat(evm.errors()).isEmpty();
        assertThat(robot.lookup("#saveExperiment").queryAs(Button.class).isDisabled()).isFalse();
        robot.clickOn("#saveExperiment");
        assertThat(vm.statusProperty().get()).isEqualTo("Saved experiment 'tiny'");
        robot.interact(() -> assertThat(vm.autosave()).isTrue());
        List<ExperimentConfig.Target> expected = List.of(new ExperimentConfig.Target(null, "flow", null, null, null),
                new ExperimentConfig.Target("Q2", "baseflow", "rmse", 0.2, null));
        assertThat(ProjectStore.load(file).experiment("tiny").orElseThrow().config().targets()).as("in the file")
                .isEqualTo(expected);
        assertThat(Files.readString(file)).contains("\"observation\" : \"baseflow\"");

        // a tiny run from the training tab
        robot.interact(view::openTraining);
        TrainingViewModel t = robot.lookup("#trainingView").queryAs(TrainingView.class).viewModel();
        robot.interact(() -> t.experimentProperty().set("tiny"));
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> List.of(TrainingViewModel.State.FINISHED,
                TrainingViewModel.State.FAILED).contains(t.stateProperty().get()) && vm.tasks().tasks().isEmpty());
        assertThat(t.stateProperty().get()).as(t.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
        String run = vm.projectProperty().get().runs().get(0).name();
        assertThat(Files.readString(vm.projectProperty().get().runs().get(0).path().resolve("config.json")))
                .as("the run trained on both targets").contains("baseflow");

        // the results tab: flow and baseflow metrics side by side, finite for every basin
        robot.interact(view::openResults);
        ResultsView results = robot.lookup("#resultsView").queryAs(ResultsView.class);
        ResultsViewModel rvm = results.viewModel();
        assertThat(rvm.runProperty().get()).isEqualTo(run);
        assertThat(rvm.metricNames()).contains("nse", "baseflow_nse", "baseflow_kge", "baseflow_r", "baseflow_bias");
        @SuppressWarnings("unchecked")
        TableView<ResultsViewModel.Row> table = robot.lookup("#metricsTable").queryAs(TableView.class);
        List<String> headers = table.getColumns().stream().map(TableColumn::getText).toList();
        assertThat(headers).contains("nse", "kge", "baseflow_nse", "baseflow_kge");
        assertThat(table.getItems()).extracting(ResultsViewModel.Row::basinId).containsExactly("01013500",
                "03439000");
        for (String m : List.of("nse", "baseflow_nse", "baseflow_kge", "baseflow_r")) {
            TableColumn<ResultsViewModel.Row, ?> col = table.getColumns().get(headers.indexOf(m));
            for (int i = 0; i < table.getItems().size(); i++) {
                assertThat(((Number) col.getCellData(i)).doubleValue()).as(m + " of " + table.getItems().get(i)
                        .basinId()).isFinite();
            }
        }
        // the days scored are integer columns of the table, and no metric to plot, colour or summarise by
        assertThat(headers).containsSubsequence("n_obs", "nse", "baseflow_n_obs", "baseflow_nse");
        assertThat(rvm.metricNames()).doesNotContain("n_obs", "baseflow_n_obs");
        for (String count : List.of("n_obs", "baseflow_n_obs")) {
            TableColumn<ResultsViewModel.Row, ?> col = table.getColumns().get(headers.indexOf(count));
            robot.interact(() -> table.scrollToColumn(col));
            WaitForAsyncUtils.waitForFxEvents();
            List<String> texts = robot.lookup(".table-cell").match((Node n) -> n instanceof TableCell<?, ?> c
                    && c.getTableColumn() == col && !c.isEmpty()).queryAllAs(TableCell.class).stream()
                    .map(c -> c.getText()).toList();
            assertThat(texts).as(count).hasSize(2).allMatch(text -> text.matches("[1-9]\\d*"));
        }
        robot.interact(() -> rvm.metricProperty().set("baseflow_nse"));
        assertThat(robot.lookup("#resultsMedian").queryLabeled().getText()).matches("median baseflow_nse -?\\d+\\.\\d{3}");

        // the hydrograph: the observed baseflow over the model's baseflow
        robot.interact(() -> view.openHydrograph("01013500"));
        WaitForAsyncUtils.waitForFxEvents();
        ChartViewer chart = robot.lookup("#hydrographChart").queryAs(ChartViewer.class);
        List<String> series = new ArrayList<>();
        for (Object sp : ((CombinedDomainXYPlot) chart.getChart().getPlot()).getSubplots()) {
            XYPlot xy = (XYPlot) sp;
            for (int i = 0; i < xy.getDatasetCount(); i++) {
                for (int k = 0; xy.getDataset(i) != null && k < xy.getDataset(i).getSeriesCount(); k++) {
                    series.add(xy.getRangeAxis().getLabel() + ": " + xy.getDataset(i).getSeriesKey(k));
                }
            }
        }
        assertThat(series).anyMatch(k -> k.startsWith("Q (mm/d)") && k.endsWith(": Baseflow"));
        assertThat(series).anyMatch(k -> k.startsWith("Q (mm/d)") && k.endsWith(": baseflow (observed)"));
        // told apart at a glance: the observed baseflow as the observed flow is drawn, the model's in its colour
        List<?> subplots = ((CombinedDomainXYPlot) chart.getChart().getPlot()).getSubplots();
        XYPlot flowPlot = (XYPlot) subplots.get(0);
        XYPlot q = subplots.stream().map(XYPlot.class::cast).filter(xy -> xy.getRangeAxis().getLabel().equals(
                "Q (mm/d)")).findFirst().orElseThrow();
        int observedIndex = q.getDataset().indexOf("baseflow (observed)");
        int modelIndex = q.getDataset().indexOf("Baseflow");
        AbstractRenderer qLines = (AbstractRenderer) q.getRenderer();
        AbstractRenderer flowLines = (AbstractRenderer) flowPlot.getRenderer();
        assertThat(qLines.lookupSeriesPaint(observedIndex)).isEqualTo(flowLines.lookupSeriesPaint(flowPlot
                .getDataset().indexOf("Observed"))).isNotEqualTo(qLines.lookupSeriesPaint(modelIndex));
        assertThat(qLines.lookupSeriesStroke(observedIndex)).isNotEqualTo(qLines.lookupSeriesStroke(modelIndex));
    }

    @Test
    void invalidRowsAreRefusedWithTheMessageNamingTheirKey(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.data().datasetProperty().get() != null);
        ExperimentEditorView editor = openEditor(robot, "tiny");
        ExperimentEditorViewModel evm = editor.viewModel();
        robot.clickOn("#addTarget");
        assertThat(evm.targetsProperty().get()).hasSize(2);
        robot.interact(() -> ((ScrollPane) editor.getCenter()).setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
        type(robot, "#targetWeight-2", "-1");
        assertThat(evm.errors()).containsExactly("targets[2].weight must be a number > 0, was -1.0");
        assertThat(robot.lookup("#experimentErrors").queryListView().getItems()).containsExactly(
                "targets[2].weight must be a number > 0, was -1.0");
        assertThat(editor.isHighlighted("targets[2].weight")).isTrue();
        assertThat(robot.lookup("#saveExperiment").queryAs(Button.class).isDisabled()).as("Save refused").isTrue();
        // letters cannot be typed into the weight
        type(robot, "#targetWeight-2", "x");
        assertThat(robot.lookup("#targetWeight-2").queryAs(TextField.class).getText()).isEqualTo("-1");
        type(robot, "#targetWeight-2", "0.2");
        assertThat(evm.errors()).isEmpty();
        assertThat(editor.isHighlighted("targets[2].weight")).isFalse();
        // undo takes the table back with the form
        robot.interact(evm::undo);
        assertThat(evm.targetsProperty().get().get(1).weight()).isNotEqualTo("0.2");
        assertThat(robot.lookup("#targetWeight-2").queryAs(TextField.class).getText()).isEqualTo(evm
                .targetsProperty().get().get(1).weight());

        // an observation the dataset does not declare, from the project file: the trainer's own message
        ExperimentEditorView smap = openEditor(robot, "tiny-smap");
        String undeclared = "targets[2].observation: dataset 'camels-nldas' declares no observation 'smap'; it "
                + "declares [baseflow]";
        assertThat(smap.viewModel().errors()).containsExactly(undeclared);
        assertThat(robot.lookup("#experimentErrors").queryListView().getItems()).containsExactly(undeclared);
        assertThat(smap.isHighlighted("targets[2].observation")).isTrue();
        assertThat(robot.lookup("#targetObservation-2").queryAs(ComboBox.class).getValue()).isEqualTo("smap");
        assertThat(robot.lookup("#saveExperiment").queryAs(Button.class).isDisabled()).isTrue();
        assertThatThrownBy(() -> smap.viewModel().save("tiny-smap")).hasMessageContaining(undeclared);
        choose(robot, "#targetObservation-2", "baseflow");
        assertThat(smap.viewModel().errors()).isEmpty();
    }
}
