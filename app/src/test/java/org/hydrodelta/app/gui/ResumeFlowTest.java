package org.hydrodelta.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.hydrodelta.app.gui.runs.RunFixtures;
import org.hydrodelta.app.gui.training.TrainingView;
import org.hydrodelta.app.gui.training.TrainingViewModel;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.RunRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The training tab's Resume follows the run it would continue, on the real background worker and the project of
 * {@link BrokenBasinProject} (01013500 cannot be used: Train is refused until Skip is ticked), with its experiment
 * {@code tiny} (2 epochs of 3 iterations) and a slower {@code long} of 1000 epochs on 01022500 to cancel: disabled for a finished
 * run, also after a later Train was refused before it started a run (the tab's state is then that job's, and Resume
 * used to continue the finished run), with the reason in its tooltip; a resumption the core refuses is reported in
 * the window; enabled for a cancelled run, whose resumption it starts. The runs list's Resume continues a run the
 * window did not train: one interrupted in an earlier session.
 */
@ExtendWith(ApplicationExtension.class)
class ResumeFlowTest {
    @TempDir
    Path tmp;

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        SampleWindow w = SampleWindow.show(stage, tmp);
        vm = w.vm();
        view = w.view();
    }

    private static void whenDone(TrainingViewModel t) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !t.busy());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * @param tiny the project's {@code tiny}
     * @return the same on the usable basin only, for 1000 epochs, with a year's windows and 64 hidden units:
     *         iterations slow enough (a few a second) that the window takes in each loss as it comes, so a Cancel
     *         click is handled at once (tiny's millisecond iterations flood the window's thread with loss points,
     *         and the click waited behind them until the run had finished)
     */
    private static ExperimentConfig slow(ExperimentConfig tiny) {
        return new ExperimentConfig(tiny.model(), tiny.dataset(), List.of("01022500"), tiny.trainPeriod(),
                tiny.validationPeriod(), tiny.testPeriod(), tiny.warmupDays(), 365, tiny.forcings(), tiny.attributes(),
                tiny.hbv(), new ExperimentConfig.Network("lstm", 64, 0.0), ExperimentRunner.override(tiny, 1000, null,
                        null).training());
    }

    private static String tip(FxRobot robot) {
        return robot.lookup("#resumeHolder").queryAs(Label.class).getTooltip().getText();
    }

    @Test
    void resumeIsOffForAFinishedRunEvenAfterALaterRefusalAndOnForACancelledOne(FxRobot robot) throws Exception {
        Path file = BrokenBasinProject.create(tmp.resolve("p"), 2, 3, "01013500", "01022500");
        ProjectStore.update(file, p -> p.experiments().add(new Experiment("long", slow(p.experiment("tiny")
                .orElseThrow().config()))));
        robot.interact(() -> assertThat(vm.open(file)).isTrue());
        robot.interact(view::openTraining);
        TrainingViewModel t = robot.lookup("#trainingView").queryAs(TrainingView.class).viewModel();
        Button resume = robot.lookup("#resumeButton").queryButton();
        CheckBox skip = robot.lookup("#skipUnusable").queryAs(CheckBox.class);
        assertThat(t.experimentProperty().get()).isEqualTo("tiny");
        assertThat(resume.isDisabled()).as("no run yet").isTrue();
        assertThat(tip(robot)).startsWith("Resume: no run to resume");

        // refused, then trained without 01013500 to its end: nothing to resume
        robot.clickOn("#trainButton");
        whenDone(t);
        assertThat(t.stateProperty().get()).isEqualTo(TrainingViewModel.State.REFUSED);
        robot.clickOn("#skipUnusable");
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> t.busy() || t.stateProperty().get() != TrainingViewModel.State.REFUSED);
        whenDone(t);
        assertThat(t.stateProperty().get()).as(t.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        Path finished = t.lastRunProperty().get();
        String name = finished.getFileName().toString();
        assertThat(RunFolder.open(finished).status()).isEqualTo("finished");
        String refusal = "run " + name + " is finished after 2 epochs and is kept as it is, with its checkpoints"
                + " and evaluation; to train longer, start a new run of its experiment tiny with more epochs";
        assertThat(resume.isDisabled()).isTrue();
        assertThat(tip(robot)).isEqualTo("Resume: " + refusal);

        // a later Train refused before it started a run: the tab's state is no longer FINISHED, but the run Resume
        // would continue still is finished, so Resume stays off and says why
        robot.clickOn("#skipUnusable");
        assertThat(skip.isSelected()).as("the click unticked Skip").isFalse();
        robot.clickOn("#trainButton");
        whenDone(t);
        assertThat(t.stateProperty().get()).isEqualTo(TrainingViewModel.State.REFUSED);
        assertThat(t.lastRunProperty().get()).isEqualTo(finished);
        assertThat(resume.isDisabled()).as("the finished run is not offered for resuming").isTrue();
        assertThat(tip(robot)).isEqualTo("Resume: " + refusal);

        // should its resumption still be asked for (a button enabled a moment too long), the core's refusal is shown
        // in the tab, the status bar and the messages, and nothing is written
        byte[] runJson = Files.readAllBytes(finished.resolve("run.json"));
        byte[] log = Files.readAllBytes(finished.resolve("log.csv"));
        robot.interact(t::resume);
        whenDone(t);
        assertThat(t.stateProperty().get()).isEqualTo(TrainingViewModel.State.FAILED);
        assertThat(robot.lookup("#trainingMessage").queryLabeled().getText()).isEqualTo("Not resumed: " + refusal);
        assertThat(vm.statusProperty().get()).isEqualTo("Not resumed: " + refusal);
        assertThat(vm.messages().entries()).anySatisfy(e -> {
            assertThat(e.severity()).isEqualTo(MessageLog.Severity.ERROR);
            assertThat(e.text()).isEqualTo("Not resumed: " + refusal);
        });
        assertThat(resume.isDisabled()).isTrue();
        assertThat(Files.readAllBytes(finished.resolve("run.json"))).isEqualTo(runJson);
        assertThat(Files.readAllBytes(finished.resolve("log.csv"))).isEqualTo(log);

        // a long run cancelled by the user while it trains: Resume is on, and starts its resumption
        robot.interact(() -> t.experimentProperty().set("long"));
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> t.busy() && !t.loss().isEmpty());
        Path cancelled = t.lastRunProperty().get();
        assertThat(cancelled).isNotEqualTo(finished);
        assertThat(resume.isDisabled()).as("while it trains").isTrue();
        robot.clickOn("#cancelButton");
        whenDone(t);
        assertThat(t.stateProperty().get()).as(t.messageProperty().get())
                .isEqualTo(TrainingViewModel.State.CANCELLED);
        assertThat(RunFolder.open(cancelled).status()).isEqualTo("cancelled");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.statusProperty().get()).as("the status line says so, not what it said before")
                .isEqualTo(t.messageProperty().get()).startsWith("Cancelled");
        assertThat(resume.isDisabled()).as("a cancelled run can be resumed").isFalse();
        String again = cancelled.getFileName().toString();
        assertThat(tip(robot)).isEqualTo(RunFolder.open(cancelled).latestCheckpoint().isPresent() ? "Continue "
                + again + " from its last checkpoint" : "Start " + again + " again from iteration 1: it stopped"
                + " before its first checkpoint");
        robot.clickOn("#resumeButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> t.busy() && !t.loss().isEmpty());
        assertThat(t.currentProperty().get().resume()).isEqualTo(cancelled);
        robot.clickOn("#cancelButton");
        whenDone(t);
        assertThat(t.stateProperty().get()).isEqualTo(TrainingViewModel.State.CANCELLED);
        assertThat(resume.isDisabled()).isFalse();
        assertThat(ProjectStore.load(file).runs()).extracting(RunRef::name, RunRef::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(name, RunRef.FINISHED),
                org.assertj.core.groups.Tuple.tuple(again, RunRef.CANCELLED));
    }

    /**
     * A run of an earlier session whose process was killed after its first epoch of two ({@code run.json} and its
     * entry in the project still say running, nothing holds its lock, its checkpoint is there), in a window that has
     * trained nothing: the training tab's Resume has no run of its own, the runs list's Resume continues the run
     * selected there, in the training tab, from its checkpoint to its end; the run stays the project's one run, now
     * finished, and Resume is off for it afterwards, in the list's menu and in the tab.
     */
    @Test
    void theRunsListResumesARunInterruptedInAnEarlierSession(FxRobot robot) throws Exception {
        String experiment = "tiny-delta-hbv";
        Path file = RunFixtures.untrained(tmp.resolve("earlier"), "delta-hbv");
        RunRecorder recorder = RunFixtures.cancelAfterFirstEpoch(file, experiment);
        // killed rather than cancelled: the folder keeps saying running, and the entry is never ended
        RunFolder killed = RunFolder.open(recorder.runDir());
        killed.setStatus("running", null);
        assertThat(killed.completedEpochs()).isEqualTo(1);
        assertThat(killed.latestCheckpoint()).isPresent();
        Path dir = killed.dir();
        String name = dir.getFileName().toString();

        robot.interact(() -> assertThat(vm.open(file)).isTrue());
        assertThat(vm.explorer().runStatus(name)).isEqualTo(RunRef.INTERRUPTED);
        robot.interact(view::openTraining);
        TrainingViewModel t = robot.lookup("#trainingView").queryAs(TrainingView.class).viewModel();
        assertThat(robot.lookup("#resumeButton").queryButton().isDisabled()).as("the tab trained nothing").isTrue();
        assertThat(tip(robot)).startsWith("Resume: no run to resume");

        ListView<String> list = robot.lookup("#runList").queryListView();
        robot.clickOn(vm.explorer().runLabel(name));
        assertThat(list.getSelectionModel().getSelectedItem()).isEqualTo(name);
        // the menu a right click opens (shown at the list, as Monocle gives no popup trigger)
        robot.interact(() -> list.getContextMenu().show(list, javafx.geometry.Side.BOTTOM, 0, 0));
        MenuItem resume = list.getContextMenu().getItems().stream().filter(i -> "resumeRunItem".equals(i.getId()))
                .findFirst().orElseThrow();
        assertThat(resume.isDisable()).as("an interrupted run can be resumed").isFalse();
        // the menu's entry, not the tab's button of the same name
        robot.clickOn(robot.lookup(".context-menu .label").match((javafx.scene.Node n) -> n instanceof Label l
                && "Resume".equals(l.getText())).queryAs(Label.class));
        assertThat(t.currentProperty().get()).as("started at once").isNotNull();
        assertThat(t.currentProperty().get().resume()).isEqualTo(dir);
        whenDone(t);
        assertThat(t.stateProperty().get()).as(t.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(t.lastRunProperty().get()).isEqualTo(dir);
        RunFolder run = RunFolder.open(dir);
        assertThat(run.status()).isEqualTo("finished");
        assertThat(run.checkpointEpochs()).containsExactly(1, 2);
        // continued from its checkpoint: one log of 2 epochs of 3 iterations, not a second start
        assertThat(Files.readAllLines(dir.resolve("log.csv"))).hasSize(1 + 2 * 3);
        assertThat(ProjectStore.load(file).runs()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo(name);
            assertThat(e.experiment()).isEqualTo(experiment);
            assertThat(e.status()).isEqualTo(RunRef.FINISHED);
        });
        assertThat(vm.projectProperty().get().runs()).extracting(RunRef::name).containsExactly(name);
        assertThat(list.getItems()).containsExactly(name);
        assertThat(vm.explorer().runStatus(name)).isEqualTo("evaluated");

        // finished: Resume is off for it in the list's menu and, as the tab's last run now, in the tab
        robot.clickOn(vm.explorer().runLabel(name));
        robot.interact(() -> list.getContextMenu().show(list, javafx.geometry.Side.BOTTOM, 0, 0));
        assertThat(resume.isDisable()).isTrue();
        robot.interact((Runnable) list.getContextMenu()::hide);
        assertThat(robot.lookup("#resumeButton").queryButton().isDisabled()).isTrue();
        assertThat(tip(robot)).startsWith("Resume: run " + name + " is finished after 2 epochs");
    }
}
