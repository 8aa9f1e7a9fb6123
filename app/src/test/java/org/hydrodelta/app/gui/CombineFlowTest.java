package org.hydrodelta.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.hydrodelta.app.cli.CombineCommandTest;
import org.hydrodelta.app.gui.map.BasinMapViewModel;
import org.hydrodelta.core.combine.CombinationResults;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Runs → Combine runs… in the window, on two tiny real runs (a δ model and a calibrated HBV on three sample basins):
 * the dialog explains what is missing until two runs are ticked, the combination fits on the background executor,
 * is entered in the project, and the map and results tab show it.
 */
@ExtendWith(ApplicationExtension.class)
class CombineFlowTest {
    @TempDir
    static Path tmp;
    static Path file;
    static final List<String> RUNS = new ArrayList<>();

    private MainViewModel vm;
    private MainView view;

    @BeforeAll
    static void trainTinyRuns() throws Exception {
        file = SampleWindow.copySample(tmp.resolve("flow/camels-regions.hdproj"), sample -> sample.runs().clear());
        Project p = ProjectStore.load(file);
        for (String model : List.of("delta-hbv", "calibrated-hbv")) {
            Path dir = ExperimentRunner.train(p, file.getParent(), model, CombineCommandTest.tiny(model),
                    ProgressListener.NONE, CancellationToken.NONE, TrainingListener.NONE).dir();
            RunRef ref = new RunRef(dir.getFileName().toString(), model, dir, Instant.now());
            ProjectStore.update(file, q -> q.putRun(ref));
            RUNS.add(ref.name());
        }
    }

    @Start
    void start(Stage stage) {
        SampleWindow w = SampleWindow.show(stage, tmp);
        vm = w.vm();
        view = w.view();
        vm.open(file);
    }

    @Test
    void combinesTwoTickedRunsAndShowsTheWeightsOnTheMapAndTheComparisonInTheResults(FxRobot robot)
            throws Exception {
        robot.interact(view::combineRuns);
        Label problems = robot.lookup("#combineProblems").queryAs(Label.class);
        Button ok = robot.lookup("#combineOk").queryButton();
        assertThat(problems.getText()).contains("at least 2 runs, got 0");
        assertThat(ok.isDisabled()).isTrue();
        List<CheckBox> boxes = robot.lookup("#combineRuns").lookup(".check-box").queryAllAs(CheckBox.class)
                .stream().toList();
        assertThat(boxes).hasSize(2);
        robot.clickOn(boxes.get(0));
        assertThat(problems.getText()).contains("got 1");
        robot.clickOn(boxes.get(1));
        assertThat(problems.getText()).isEmpty();
        TextField name = robot.lookup("#combineName").queryAs(TextField.class);
        assertThat(name.getText()).isEqualTo("combination-1");
        robot.clickOn(name);
        robot.interact(name::selectAll);
        robot.write("combo");
        assertThat(view.lastCombine().nameProperty().get()).isEqualTo("combo");
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn(ok);

        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.statusProperty().get().startsWith("Combined combo")
                || vm.statusProperty().get().startsWith("Combination combo failed"));
        assertThat(vm.statusProperty().get()).matches("Combined combo: median test NSE -?\\d\\.\\d{3} \\(plain mean"
                + " -?\\d\\.\\d{3}; inputs .*\\)");
        assertThat(vm.projectProperty().get().run("combo")).isPresent();
        assertThat(ProjectStore.load(file).run("combo")).isPresent();
        assertThat(vm.explorer().runs()).contains("combo");
        assertThat(vm.explorer().runStatus("combo")).isEqualTo("evaluated");

        // the map: which run wins where, and each run's weight
        robot.interact(view::openMap);
        BasinMapViewModel map = robot.lookup("#basinMap").queryAs(org.hydrodelta.app.gui.map.BasinMapView.class)
                .viewModel();
        assertThat(map.metrics()).contains(BasinMapViewModel.WINNER, BasinMapViewModel.WEIGHT_PREFIX + RUNS.get(0),
                BasinMapViewModel.WEIGHT_PREFIX + RUNS.get(1));
        robot.interact(() -> map.metricProperty().set(BasinMapViewModel.WINNER));
        assertThat(map.captionProperty().get()).isEqualTo("largest weight per basin in combo");
        robot.interact(() -> map.metricProperty().set(BasinMapViewModel.WEIGHT_PREFIX + RUNS.get(1)));
        assertThat(map.captionProperty().get()).isEqualTo("weight of " + RUNS.get(1) + " in combo");

        // the results: the combination against the best input and the plain mean
        robot.interact(view::openResults);
        Label summary = robot.lookup("#combinationSummary").queryAs(Label.class);
        CombinationResults c = CombinationResults.read(vm.projectProperty().get().run("combo").orElseThrow().path())
                .orElseThrow();
        assertThat(summary.getText()).startsWith("combo: median test NSE ").contains("best input " + c.bestInput())
                .contains("plain mean ");
        org.hydrodelta.app.gui.results.ResultsView results = robot.lookup("#resultsView").queryAs(
                org.hydrodelta.app.gui.results.ResultsView.class);
        org.jfree.chart.plot.XYPlot cdf = (org.jfree.chart.plot.XYPlot) results.viewModel().combinationChart()
                .getPlot();
        assertThat(cdf.getDataset().getSeriesCount()).isEqualTo(3);
        assertThat(cdf.getDataset().getSeriesKey(0).toString()).startsWith("combination combo (median ");
        assertThat(cdf.getDataset().getSeriesKey(2).toString()).startsWith("plain mean (median ");
    }
}
