package org.hydrodelta.app.gui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.hydrodelta.app.gui.MainView;
import org.hydrodelta.app.gui.MainViewModel;
import org.hydrodelta.app.gui.SampleWindow;
import org.hydrodelta.app.gui.training.TrainingView;
import org.hydrodelta.app.gui.training.TrainingViewModel;
import org.hydrodelta.app.task.FxTaskExecutor;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.GroupRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A 2-fold PUB on four real basins of the camels-regions sample, cancelled in the window while its first fold trains,
 * is continued as a whole by the training tab's Resume (as {@code train --resume-group} continues it): the cancelled
 * fold resumes in its own run folder, the second fold starts, the held-out results are merged, and the group ends
 * with its two folds and its merged result in the project. Before, Resume continued the first fold's run alone and
 * left the group unfinished. Afterwards Resume is off, in the tab and in the runs list's menu for a fold, and says
 * why. A group cancelled in an earlier session is continued by the runs list's Resume on one of its folds.
 */
@ExtendWith(ApplicationExtension.class)
class GroupResumeFlowTest {
    private static final List<String> BASINS = List.of("01013500", "01022500", "01333000", "03439000");

    @TempDir
    Path tmp;

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        SampleWindow w = SampleWindow.show(stage, tmp, new FxTaskExecutor(), SampleWindow.SCREEN_WIDTH);
        vm = w.vm();
        view = w.view();
    }

    private static String tip(FxRobot robot) {
        return robot.lookup("#resumeHolder").queryAs(Label.class).getTooltip().getText();
    }

    /** The sample with experiment {@code pub}: a 2-fold PUB of 2 epochs of 40 iterations on four basins. */
    private Path pubProject() throws Exception {
        // iterations slow enough (a year's windows, 32 hidden units) that a Cancel lands while the first fold trains
        ExperimentConfig pub = new ExperimentConfig("delta-hbv", "camels-nldas", BASINS,
                org.hydrodelta.core.data.Period.inclusive(java.time.LocalDate.of(1993, 10, 1),
                        java.time.LocalDate.of(1996, 9, 30)), null,
                org.hydrodelta.core.data.Period.inclusive(java.time.LocalDate.of(1996, 10, 1),
                        java.time.LocalDate.of(1997, 9, 30)), 60, 365, null, null,
                new ExperimentConfig.Hbv(1, List.of(), true, true), new ExperimentConfig.Network("lstm", 32, 0.0),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 2, 2, 40, 3L, 1, null));
        return SampleWindow.copySample(tmp.resolve("project/camels-regions.hdproj"), p -> {
            p.experiments().clear();
            p.experiments().add(new Experiment("pub", pub.withHoldout(new ExperimentConfig.Holdout("pub", 2, null,
                    null, null, null, null))));
            p.experiments().add(new Experiment("plain", pub)); // selected when the runs list's Resume is clicked
        });
    }

    @Test
    void resumeContinuesACancelledGroupAsAWhole(FxRobot robot) throws Exception {
        Path file = pubProject();
        robot.interact(() -> assertThat(vm.open(file)).isTrue());
        robot.interact(view::openTraining);
        TrainingViewModel t = robot.lookup("#trainingView").queryAs(TrainingView.class).viewModel();
        List<String> parts = RunFixtures.groupParts(robot, t);
        robot.interact(() -> t.experimentProperty().set("pub"));

        // cancelled while the first fold trains
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> t.busy() && !t.loss().isEmpty());
        Path fold1 = t.lastRunProperty().get();
        robot.clickOn("#cancelButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !t.busy());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.stateProperty().get()).as(t.messageProperty().get())
                .isEqualTo(TrainingViewModel.State.CANCELLED);
        assertThat(parts).containsExactly("fold 1/2 (1 of 2)");
        Path group = t.lastGroupProperty().get();
        assertThat(group).as("the group's folder").isNotNull();
        String name = group.getFileName().toString();
        assertThat(t.messageProperty().get()).isEqualTo("Cancelled group " + name + ": its finished parts and the"
                + " last checkpoint are kept; Resume continues the group");
        GroupRunner.GroupState cancelled = GroupRunner.read(group);
        // the group says where it stopped: the first fold under way (its run folder says cancelled), the second to come
        assertThat(cancelled.status()).isEqualTo(RunRef.CANCELLED);
        assertThat(cancelled.parts()).extracting(GroupRunner.Part::status).containsExactly(GroupRunner.TRAINING,
                GroupRunner.PENDING);
        assertThat(org.hydrodelta.core.train.RunFolder.open(fold1).status()).isEqualTo("cancelled");
        assertThat(cancelled.parts().get(0).run()).isEqualTo(fold1.getFileName().toString());
        assertThat(robot.lookup("#resumeButton").queryButton().isDisabled()).isFalse();
        assertThat(tip(robot)).startsWith("Continue group " + name + ": its finished parts are kept");
        RunRef fold1Entry = vm.projectProperty().get().runs().stream().filter(r -> name.equals(r.group()))
                .findFirst().orElseThrow();
        assertThat(fold1Entry.member()).isEqualTo("fold 1/2");
        assertThat(view.resumeProblem(fold1Entry)).as("the runs list's Resume on the fold").isNull();

        // Resume: the first fold goes on in its own folder, the second starts, the held-out results are merged
        parts.clear();
        robot.interact(() -> t.experimentProperty().set("plain")); // another experiment picked meanwhile
        robot.clickOn("#resumeButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, t::busy);
        assertThat(t.currentProperty().get().group()).isEqualTo(group);
        assertThat(robot.lookup("#trainingExperiment").queryComboBox().getValue()).as("the box shows what trains")
                .isEqualTo("pub");
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !t.busy());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.stateProperty().get()).as(t.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(parts).containsExactly("fold 1/2 (1 of 2)", "fold 2/2 (2 of 2)");
        assertThat(t.messageProperty().get()).matches("Finished group " + name + ": median held-out NSE -?\\d.*");
        GroupRunner.GroupState done = GroupRunner.read(group);
        assertThat(done.status()).isEqualTo(RunRef.FINISHED);
        assertThat(done.parts()).extracting(GroupRunner.Part::status).containsOnly(GroupRunner.FINISHED);
        assertThat(done.parts().get(0).run()).as("the cancelled fold's own run, resumed")
                .isEqualTo(fold1.getFileName().toString());
        assertThat(org.hydrodelta.core.train.RunFolder.open(fold1).completedEpochs()).isEqualTo(2);
        List<RunRef> entries = ProjectStore.load(file).runs().stream().filter(r -> name.equals(r.group())).toList();
        assertThat(entries).extracting(RunRef::member).containsExactlyInAnyOrder("fold 1/2", "fold 2/2",
                EvaluationChoice.HELD_OUT_MEMBER);
        assertThat(entries).extracting(RunRef::status).containsOnly(RunRef.FINISHED);
        assertThat(org.hydrodelta.core.eval.ResultsReader.readMetrics(group.resolve("eval/test/metrics.csv")))
                .as("every basin held out once").containsOnlyKeys(BASINS);
        assertThat(Files.list(group.getParent()).filter(Files::isDirectory).count())
                .as("no other run folder: the group's two folds and its own").isEqualTo(3);

        // nothing left to continue
        String finished = "group " + name + " finished: every part is trained and evaluated";
        assertThat(robot.lookup("#resumeButton").queryButton().isDisabled()).isTrue();
        assertThat(tip(robot)).isEqualTo("Resume: " + finished);
        RunRef anyFold = vm.projectProperty().get().runs().stream().filter(r -> name.equals(r.group()))
                .findFirst().orElseThrow();
        assertThat(view.resumeProblem(anyFold)).isEqualTo(finished);
    }

    /**
     * A group cancelled by an earlier session (the core's group runner, as {@code train} runs it, stopped after the
     * first epoch of its first fold), in a window that has trained nothing: the runs list's Resume on that fold
     * continues the whole group in the training tab, the fold from its checkpoint in its own folder.
     */
    @Test
    void theRunsListsResumeOnAFoldContinuesItsGroup(FxRobot robot) throws Exception {
        Path file = pubProject();
        org.hydrodelta.core.progress.CancellationToken cancel = new org.hydrodelta.core.progress.CancellationToken();
        Path[] dirs = new Path[2];
        try {
            GroupRunner.run(ProjectStore.load(file), file, "pub", ProjectStore.load(file).experiment("pub")
                    .orElseThrow().config(), GroupRunner.Options.DEFAULTS,
                    org.hydrodelta.core.progress.ProgressListener.NONE, cancel, new GroupRunner.Listener() {
                        @Override
                        public void planned(GroupRunner.GroupState group) {
                            dirs[0] = group.dir();
                        }

                        @Override
                        public void runStarted(Path runDir) {
                            dirs[1] = runDir;
                        }

                        @Override
                        public void epoch(int epoch, double meanLoss, java.util.Map<String, Double> nse) {
                            cancel.cancel();
                        }
                    });
            throw new AssertionError("the group was not cancelled");
        } catch (org.hydrodelta.core.progress.CancelledException expected) {
            // stopped as an earlier session's Cancel stops it
        }
        Path group = dirs[0];
        Path fold1 = dirs[1];
        String name = group.getFileName().toString();
        assertThat(GroupRunner.read(group).status()).isEqualTo(RunRef.CANCELLED);
        assertThat(org.hydrodelta.core.train.RunFolder.open(fold1).checkpointEpochs()).containsExactly(1);

        robot.interact(() -> assertThat(vm.open(file)).isTrue());
        robot.interact(view::openTraining);
        TrainingViewModel t = robot.lookup("#trainingView").queryAs(TrainingView.class).viewModel();
        assertThat(robot.lookup("#resumeButton").queryButton().isDisabled()).as("the tab trained nothing").isTrue();
        RunRef fold = vm.projectProperty().get().runs().stream().filter(r -> name.equals(r.group())).findFirst()
                .orElseThrow();
        assertThat(fold.member()).isEqualTo("fold 1/2");
        javafx.scene.control.ListView<String> list = robot.lookup("#runList").queryListView();
        robot.interact(() -> list.getSelectionModel().select(fold.name()));
        robot.interact(() -> t.experimentProperty().set("plain"));
        robot.interact(() -> list.getContextMenu().show(list, javafx.geometry.Side.BOTTOM, 0, 0));
        javafx.scene.control.MenuItem resume = list.getContextMenu().getItems().stream()
                .filter(i -> "resumeRunItem".equals(i.getId())).findFirst().orElseThrow();
        assertThat(resume.isDisable()).as("the fold's group can be continued").isFalse();
        robot.clickOn(robot.lookup(".context-menu .label").match((javafx.scene.Node n) -> n instanceof Label l
                && "Resume".equals(l.getText())).queryAs(Label.class));
        assertThat(t.currentProperty().get()).as("started at once").isNotNull();
        assertThat(t.currentProperty().get().group()).isEqualTo(group);
        assertThat(robot.lookup("#trainingExperiment").queryComboBox().getValue()).as("the box shows what trains")
                .isEqualTo("pub");
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !t.busy());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.stateProperty().get()).as(t.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(t.messageProperty().get()).startsWith("Finished group " + name + ": median held-out NSE");
        GroupRunner.GroupState done = GroupRunner.read(group);
        assertThat(done.status()).isEqualTo(RunRef.FINISHED);
        assertThat(done.parts().get(0).run()).isEqualTo(fold1.getFileName().toString());
        // continued from its checkpoint: one log of 2 epochs of 40 iterations, not a second start
        assertThat(Files.readAllLines(fold1.resolve("log.csv"))).hasSize(1 + 2 * 40);
        assertThat(ProjectStore.load(file).runs()).filteredOn(r -> name.equals(r.group()))
                .extracting(RunRef::member).containsExactlyInAnyOrder("fold 1/2", "fold 2/2",
                        EvaluationChoice.HELD_OUT_MEMBER);
        assertThat(view.resumeProblem(fold)).isEqualTo("group " + name
                + " finished: every part is trained and evaluated");
    }
}
