package org.hydrodelta.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.hydrodelta.app.gui.training.TrainingView;
import org.hydrodelta.app.gui.training.TrainingViewModel;
import org.hydrodelta.app.task.FxTaskExecutor;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Training from the window, on the real background worker: a long run is cancelled while a tiny one waits in
 * the queue; the tiny one then starts by itself and runs to completion with live progress.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingFlowTest {
    @TempDir
    static Path tmp;

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) throws Exception {
        Project p = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        p.experiments().add(0, new Experiment("tiny", new ExperimentConfig("delta-hbv", null,
                List.of("01013500", "03439000"), Period.inclusive(LocalDate.of(1993, 10, 1), LocalDate.of(1996, 9, 30)),
                Period.inclusive(LocalDate.of(1996, 10, 1), LocalDate.of(1997, 9, 30)),
                Period.inclusive(LocalDate.of(1997, 10, 1), LocalDate.of(1998, 9, 30)), 60, 120, null, null,
                new ExperimentConfig.Hbv(2, List.of("BETA"), true, true), new ExperimentConfig.Network("lstm", 8, 0.5),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 3, 2, 6, 3L, 1, null))));
        Path file = tmp.resolve("flow/camels-regions.hdproj");
        ProjectStore.save(p, file);
        vm = new MainViewModel(new RecentProjects(tmp.resolve("recent.txt")), new FxTaskExecutor());
        view = new MainView(vm);
        stage.setScene(new Scene(view, 1200, 800));
        stage.show();
        vm.open(file);
    }

    private String tinyRunName() {
        return vm.projectProperty().get().runs().stream().filter(r -> r.experiment().equals("tiny")).findFirst()
                .orElseThrow().name();
    }

    private org.hydrodelta.app.gui.hydrograph.HydrographView hydrographTab(FxRobot robot) {
        return (org.hydrodelta.app.gui.hydrograph.HydrographView) view.centre().getTabs().stream().filter(t ->
                "hydrograph-01013500".equals(t.getId())).findFirst().orElseThrow().getContent();
    }

    private org.hydrodelta.app.gui.results.ResultsView resultsTab(FxRobot robot) {
        return (org.hydrodelta.app.gui.results.ResultsView) view.centre().getTabs().stream().filter(t ->
                "resultsTab".equals(t.getId())).findFirst().orElseThrow().getContent();
    }

    private TrainingViewModel.State waitFor(TrainingViewModel t, TrainingViewModel.State... states) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> List.of(states).contains(t.stateProperty().get()));
        return t.stateProperty().get();
    }

    @Test
    void cancelsALongRunAndTheQueuedTinyRunTrainsToCompletion(FxRobot robot) throws Exception {
        // a results tab and a hydrograph opened before the training follow the runs by themselves
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.data().datasetProperty().get() != null);
        robot.interact(view::openResults);
        robot.interact(() -> view.openHydrograph("01013500"));
        assertThat(hydrographTab(robot).viewModel().hasSimulation()).isFalse();
        assertThat(resultsTab(robot).viewModel().runNames()).isEmpty();
        // what the status bar is told along the way: message and progress of each task
        List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        robot.interact(() -> vm.tasks().tasks().addListener((javafx.collections.ListChangeListener<
                org.hydrodelta.app.task.TaskHandle>) c -> {
                    while (c.next()) {
                        for (org.hydrodelta.app.task.TaskHandle h : c.getAddedSubList()) {
                            h.messageProperty().addListener((o, a, m) -> seen.add(String.format(
                                    java.util.Locale.ROOT, "%.3f %s", h.progressProperty().get(), m)));
                        }
                    }
                }));
        robot.interact(view::openTraining);
        TrainingView tv = robot.lookup("#trainingView").queryAs(TrainingView.class);
        TrainingViewModel t = tv.viewModel();
        assertThat(t.experimentProperty().get()).isEqualTo("tiny");
        // the 19-basin desktop δ model first; the tiny run is queued behind it
        robot.interact(() -> t.experimentProperty().set("delta-desktop"));
        robot.clickOn("#trainButton");
        robot.interact(() -> t.experimentProperty().set("tiny"));
        assertThat(robot.lookup("#trainButton").queryButton().getText()).isEqualTo("Queue");
        robot.clickOn("#trainButton");
        assertThat(t.queue()).extracting(TrainingViewModel.Job::experiment).containsExactly("tiny");
        assertThat(robot.lookup("#trainingQueue").queryListView().getItems()).hasSize(1);
        assertThat(robot.lookup("#taskMore").queryLabeled().getText()).as("status bar").isEqualTo("+1 queued");

        // the long run is cancelled as soon as its first losses arrive; the queued tiny run then starts by itself
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !t.loss().isEmpty());
        robot.clickOn("#cancelButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> t.currentProperty().get() != null
                && t.currentProperty().get().experiment().equals("tiny"));
        assertThat(t.queue()).isEmpty();
        org.hydrodelta.core.project.RunRef cancelled = vm.projectProperty().get().runs().get(0);
        assertThat(cancelled.experiment()).as("the cancelled run is listed and can be resumed")
                .isEqualTo("delta-desktop");
        assertThat(cancelled.path().resolve("checkpoints")).isDirectory();

        assertThat(waitFor(t, TrainingViewModel.State.FINISHED, TrainingViewModel.State.FAILED))
                .as(t.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.loss()).as("live losses of the tiny run: 3 epochs × 6 iterations").hasSize(18);
        assertThat(t.epochs()).extracting(TrainingViewModel.EpochPoint::epoch).containsExactly(1, 2, 3);
        org.hydrodelta.core.project.RunRef tinyRun = vm.projectProperty().get().runs().get(1);
        assertThat(tinyRun.experiment()).isEqualTo("tiny");
        assertThat(org.hydrodelta.core.eval.ResultsReader.readMetrics(tinyRun.path().resolve("eval/test/metrics.csv")))
                .as("the tiny run finished and was evaluated").containsOnlyKeys("01013500", "03439000");
        // one progress chain: after training, evaluation and the attribute sensitivities move the same bar
        assertThat(seen).as("progress messages").anySatisfy(m -> assertThat(m).matches(
                "(0\\.(8[5-9]|9\\d)\\d*|1\\.000) (Evaluating the test period|Attribute sensitivities): .*"));
        assertThat(seen).noneSatisfy(m -> assertThat(m).startsWith("0.000 Evaluating"));
        // and ends with a notice, in the status bar and kept in the messages
        assertThat(vm.statusProperty().get()).matches("Finished and evaluated: tiny_.*, median test NSE -?\\d.*");
        assertThat(vm.messages().entries()).anySatisfy(e -> assertThat(e.severity()).isEqualTo(
                MessageLog.Severity.NOTICE));
        // the views opened before the training show the new run without being reopened
        assertThat(resultsTab(robot).viewModel().runNames()).contains(tinyRunName());
        assertThat(Double.isNaN(resultsTab(robot).viewModel().median("nse"))).isFalse();
        assertThat(hydrographTab(robot).viewModel().hasSimulation()).as("the open hydrograph shows the new run")
                .isTrue();
        assertThat(hydrographTab(robot).viewModel().skill()).matches(java.util.regex.Pattern.quote(tinyRunName())
                + ": NSE -?\\d+\\.\\d\\d, KGE -?\\d+\\.\\d\\d");
        // the map followed the training, epoch after epoch, and now shows the evaluated run's test metrics
        org.hydrodelta.app.gui.map.BasinMapView map = robot.lookup("#basinMap").queryAs(
                org.hydrodelta.app.gui.map.BasinMapView.class);
        assertThat(map.viewModel().captionProperty().get()).isEqualTo("test period of " + tinyRunName());
        assertThat(vm.tasks().tasks()).isEmpty();
        assertThat(vm.explorer().runs()).hasSize(2);
        assertThat(vm.explorer().runStatus(cancelled.name())).isEqualTo("cancelled");
        assertThat(vm.explorer().runStatus(tinyRunName())).isEqualTo("evaluated");
        assertThat(vm.dirtyProperty().get()).as("the runs were saved into the project").isFalse();
        assertThat(ProjectStore.load(vm.fileProperty().get()).runs()).extracting(
                org.hydrodelta.core.project.RunRef::experiment).containsExactly("delta-desktop", "tiny");
    }
}
