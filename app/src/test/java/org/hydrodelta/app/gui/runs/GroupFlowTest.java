package org.hydrodelta.app.gui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.hydrodelta.app.cli.HydroDeltaCommand;
import org.hydrodelta.app.gui.MainView;
import org.hydrodelta.app.gui.MainViewModel;
import org.hydrodelta.app.gui.RecentProjects;
import org.hydrodelta.app.gui.map.BasinMapView;
import org.hydrodelta.app.gui.results.ResultsView;
import org.hydrodelta.app.gui.training.TrainingView;
import org.hydrodelta.app.gui.training.TrainingViewModel;
import org.hydrodelta.app.task.FxTaskExecutor;
import org.hydrodelta.core.eval.ResultsReader;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A 2-fold PUB trained from the window's training tab through the core group runner, on four real basins of the
 * camels-regions sample (tiny δ model): progress per fold, the runs list showing the group's merged held-out result
 * with its folds under it, the map coloured by held-out NSE when that result is selected, and the results tab
 * comparing the temporal run of the same model (trained in setup from the command line) with the merged result.
 */
@ExtendWith(ApplicationExtension.class)
class GroupFlowTest {
    private static final List<String> BASINS = List.of("01013500", "01022500", "01333000", "03439000");

    @TempDir
    static Path tmp;
    static Path file;

    private MainViewModel vm;
    private MainView view;

    @BeforeAll
    static void project() throws Exception {
        Project p = ProjectStore.load(RunFixtures.SAMPLE.resolve("camels-regions.hdproj"));
        p.experiments().clear();
        // smaller still than the other window fixtures: 1 epoch of 2 iterations, no validation period, one HBV
        // component, two training years (four parts are trained here)
        ExperimentConfig six = new ExperimentConfig("delta-hbv", "camels-nldas", BASINS,
                org.hydrodelta.core.data.Period.inclusive(java.time.LocalDate.of(1994, 10, 1),
                        java.time.LocalDate.of(1996, 9, 30)), null,
                org.hydrodelta.core.data.Period.inclusive(java.time.LocalDate.of(1996, 10, 1),
                        java.time.LocalDate.of(1997, 9, 30)), 30, 60, null, null,
                new ExperimentConfig.Hbv(1, List.of(), true, true), new ExperimentConfig.Network("lstm", 4, 0.0),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 1, 2, 2, 3L, 1, null));
        p.experiments().add(new Experiment("tiny-pub", six.withHoldout(new ExperimentConfig.Holdout("pub", 2, null,
                null, null, null, null))));
        p.experiments().add(new Experiment("tiny-temporal", six));
        file = tmp.resolve("project/camels-regions.hdproj");
        ProjectStore.save(p, file);
        {
            picocli.CommandLine cl = HydroDeltaCommand.create();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            int code = cl.execute("train", file.toString(), "--experiment", "tiny-temporal", "--evaluate",
                    "--attribute-sensitivity", "never");
            assertThat(code).as(err.toString()).isZero();
        }
    }

    @Start
    void start(Stage stage) {
        vm = new MainViewModel(new RecentProjects(tmp.resolve("recent.txt")), new FxTaskExecutor());
        view = new MainView(vm);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
        vm.open(file);
    }

    @Test
    void trainsAPubGroupFoldByFoldAndShowsItsHeldOutSkill(FxRobot robot) throws Exception {
        robot.interact(view::openMap);
        robot.interact(view::openTraining);
        TrainingViewModel t = robot.lookup("#trainingView").queryAs(TrainingView.class).viewModel();
        List<String> parts = RunFixtures.groupParts(robot, t);
        robot.interact(() -> t.experimentProperty().set("tiny-pub"));
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(150, TimeUnit.SECONDS, () -> t.stateProperty().get() != TrainingViewModel.State
                .RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.stateProperty().get()).as(t.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(parts).as("progress per fold").containsExactly("fold 1/2 (1 of 2)", "fold 2/2 (2 of 2)");
        assertThat(t.messageProperty().get()).matches("Finished group tiny-pub_pub_.*: median held-out NSE -?\\d.*");

        // the project holds the three folds and the merged held-out result, one group
        List<RunRef> group = vm.projectProperty().get().runs().stream().filter(r -> r.group() != null).toList();
        assertThat(group).extracting(RunRef::member).containsExactlyInAnyOrder("fold 1/2", "fold 2/2",
                EvaluationChoice.HELD_OUT_MEMBER);
        RunRef merged = group.stream().filter(EvaluationChoice::isHeldOut).findFirst().orElseThrow();
        java.util.Map<String, java.util.Map<String, Double>> heldOut = ResultsReader.readMetrics(merged.path()
                .resolve("eval/test/metrics.csv"));
        assertThat(heldOut).as("every basin held out exactly once").containsOnlyKeys(BASINS);
        // the runs list: the temporal run, then the group's merged result with its folds under it
        assertThat(vm.explorer().runs()).hasSize(4);
        assertThat(vm.explorer().runs().get(1)).isEqualTo(merged.name());
        assertThat(vm.explorer().runLabel(merged.name())).startsWith("▾ " + merged.group()
                + ": held-out result of all folds");
        assertThat(vm.explorer().runs().subList(2, 4)).allSatisfy(n -> assertThat(vm.explorer().runLabel(n))
                .matches(" {4}fold [12]/2 · tiny-pub_.*"));

        // selecting the merged result colours the map by every basin's held-out NSE
        robot.interact(() -> robot.lookup("#runList").queryListView().getSelectionModel().select(merged.name()));
        WaitForAsyncUtils.waitForFxEvents();
        org.hydrodelta.app.gui.map.BasinMapViewModel map = robot.lookup("#basinMap").queryAs(BasinMapView.class)
                .viewModel();
        assertThat(map.captionProperty().get()).isEqualTo("held-out test period of group " + merged.group());
        org.hydrodelta.maps.render.MapLayer gauges = map.sceneProperty().get().legendLayer().orElseThrow();
        assertThat(gauges.style().choropleth().title()).startsWith("held-out NSE (0 to 1)");
        int coloured = 0;
        for (int i = 0; i < gauges.data().features().size(); i++) {
            String id = gauges.featureId(gauges.data().features().get(i));
            if (BASINS.contains(id)) {
                assertThat(gauges.value(i)).as(id).isEqualTo(heldOut.get(id).get("nse"));
                coloured++;
            }
        }
        assertThat(coloured).isEqualTo(4);

        // the results tab compares temporal and spatial skill of the same model
        robot.interact(view::openResults);
        ResultsView results = robot.lookup("#resultsView").queryAs(ResultsView.class);
        RunRef temporal = vm.projectProperty().get().runs().stream().filter(r -> r.experiment().equals(
                "tiny-temporal")).findFirst().orElseThrow();
        assertThat(results.viewModel().spatialNames()).containsExactly(merged.name());
        assertThat(results.viewModel().temporalNames()).containsExactly(temporal.name());
        assertThat(results.viewModel().spatialProperty().get()).isEqualTo(merged.name());
        assertThat(results.viewModel().temporalProperty().get()).isEqualTo(temporal.name());
        assertThat(results.viewModel().skillComparisonLabels()).satisfiesExactly(
                l -> assertThat(l).matches("temporal, median -?\\d+\\.\\d{3}: " + temporal.name()),
                l -> assertThat(l).matches("spatial \\(held-out\\), median -?\\d+\\.\\d{3}: " + merged.name()));
        org.jfree.data.xy.XYDataset data = results.viewModel().skillComparisonChart().getXYPlot().getDataset();
        assertThat(data.getSeriesCount()).isEqualTo(2);
        assertThat(data.getItemCount(1)).as("one point per held-out basin").isEqualTo(4);
    }
}
