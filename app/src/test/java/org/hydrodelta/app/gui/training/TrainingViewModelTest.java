package org.hydrodelta.app.gui.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.app.task.CurrentThreadTaskExecutor;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training state machine in plain JUnit: background work runs on the calling thread. */
class TrainingViewModelTest {
    @TempDir
    Path tmp;
    Project project;
    final List<RunRef> added = new ArrayList<>();

    @BeforeEach
    void tinyExperiment() throws Exception {
        project = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        project.experiments().add(0, new Experiment("tiny", new ExperimentConfig("delta-hbv", null,
                List.of("01013500", "03439000"), Period.inclusive(LocalDate.of(1993, 10, 1), LocalDate.of(1996, 9, 30)),
                Period.inclusive(LocalDate.of(1996, 10, 1), LocalDate.of(1997, 9, 30)),
                Period.inclusive(LocalDate.of(1997, 10, 1), LocalDate.of(1998, 9, 30)), 60, 120, null, null,
                new ExperimentConfig.Hbv(2, List.of("BETA"), true, true), new ExperimentConfig.Network("lstm", 8, 0.5),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 2, 2, null, 3L, 1, null))));
    }

    private TrainingViewModel vm(java.util.function.Consumer<Runnable> ui) {
        return new TrainingViewModel(project, tmp, new CurrentThreadTaskExecutor(), ui, added::add);
    }

    @Test
    void aTinyTrainingRunsToCompletionWithLiveLossAndEvaluation() throws Exception {
        TrainingViewModel vm = vm(Runnable::run);
        assertThat(vm.experimentProperty().get()).isEqualTo("tiny");
        assertThat(vm.stateProperty().get()).isEqualTo(TrainingViewModel.State.IDLE);
        vm.start(null, 3);
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(vm.loss()).hasSize(6);
        assertThat(vm.epochs()).extracting(TrainingViewModel.EpochPoint::epoch).containsExactly(1, 2);
        assertThat(vm.epochs().get(1).nse()).containsOnlyKeys("01013500", "03439000");
        assertThat(added).singleElement().satisfies(r -> assertThat(r.experiment()).isEqualTo("tiny"));
        assertThat(project.runs()).hasSize(1);
        assertThat(vm.lastRunProperty().get().resolve("eval/test/metrics.csv")).isRegularFile();
        // the map can colour the gauges by the run's metrics, untrained outputs and learned parameters
        org.hydrodelta.app.gui.map.BasinMapViewModel map = new org.hydrodelta.app.gui.map.BasinMapViewModel(project);
        assertThat(map.metrics()).contains("nse", "bfi_sim", "mean_snowpack", "mean_sm", "mean_slz", "mean_et",
                "mean_param_fc", "mean_param_beta");
        map.metricProperty().set("mean_param_fc");
        assertThat(map.sceneProperty().get().legendLayer().orElseThrow().style().choropleth().field())
                .isEqualTo("MEAN_PARAM_FC");
        map.metricProperty().set("mean_snowpack");
        assertThat(map.sceneProperty().get().legendLayer().orElseThrow().style().choropleth().units()).isEqualTo("mm");
        map.metricProperty().set("mean_et");
        assertThat(map.sceneProperty().get().legendLayer().orElseThrow().style().choropleth().units())
                .isEqualTo("mm/d");
    }

    @Test
    void aCancelledTrainingKeepsItsCheckpointAndResumes() throws Exception {
        List<TrainingViewModel> self = new ArrayList<>();
        // the "user" presses Cancel when the first epoch's result shows up
        TrainingViewModel vm = vm(update -> {
            update.run();
            if (!self.isEmpty() && self.get(0).epochs().size() == 1
                    && self.get(0).stateProperty().get() == TrainingViewModel.State.RUNNING) {
                self.get(0).cancel();
            }
        });
        self.add(vm);
        vm.start(null, 3);
        assertThat(vm.stateProperty().get()).isEqualTo(TrainingViewModel.State.CANCELLED);
        Path run = vm.lastRunProperty().get();
        assertThat(run.resolve("checkpoints/epoch_001/state.json")).isRegularFile();
        assertThat(run.resolve("checkpoints/epoch_002")).doesNotExist();
        assertThat(added).hasSize(1);

        self.clear();
        vm.resume();
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(run.resolve("checkpoints/epoch_002/state.json")).isRegularFile();
        assertThat(Files.readString(run.resolve("run.json"))).contains("\"finished\"");
        assertThat(added).as("resuming does not list the run twice").hasSize(1);
    }

    @Test
    void trainingsStartedWhileOneRunsAreQueuedAndRunInOrderEvenAfterACancel() {
        ExperimentConfig tiny = project.experiment("tiny").orElseThrow().config();
        project.experiments().add(1, new Experiment("tiny-b", tiny));
        project.experiments().add(2, new Experiment("tiny-c", tiny));
        List<TrainingViewModel> self = new ArrayList<>();
        List<String> started = new ArrayList<>();
        // while the first run trains, the "user" queues tiny-b and tiny-c, drops tiny-c, then cancels the first
        TrainingViewModel vm = vm(update -> {
            update.run();
            if (self.isEmpty()) {
                return;
            }
            TrainingViewModel v = self.get(0);
            TrainingViewModel.Job job = v.currentProperty().get();
            if (job != null && (started.isEmpty() || !started.get(started.size() - 1).equals(job.experiment()))) {
                started.add(job.experiment());
            }
            if ("tiny".equals(job == null ? null : job.experiment()) && v.loss().size() == 1 && v.queue().isEmpty()
                    && v.stateProperty().get() == TrainingViewModel.State.RUNNING) {
                v.experimentProperty().set("tiny-b");
                v.start(null, 3);
                v.experimentProperty().set("tiny-c");
                v.start(1, 2);
                assertThat(v.queue()).extracting(TrainingViewModel.Job::label)
                        .containsExactly("tiny-b, 3 iterations/epoch", "tiny-c, 1 epochs, 2 iterations/epoch");
                assertThat(v.messageProperty().get()).startsWith("Queued: tiny-c");
                v.removeQueued(v.queue().get(1));
                v.cancel();
            }
        });
        self.add(vm);
        vm.start(null, 3);

        assertThat(started).containsExactly("tiny", "tiny-b");
        assertThat(vm.queue()).isEmpty();
        assertThat(vm.currentProperty().get()).isNull();
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(vm.epochs()).as("the view shows the run that ran last").hasSize(2);
        assertThat(added).extracting(RunRef::experiment).as("each run is filed under its own experiment, not the "
                + "one chosen in the box at the end").containsExactly("tiny", "tiny-b");
        assertThat(added.get(0).path().resolve("checkpoints/epoch_002")).as("the first run was cancelled")
                .doesNotExist();
        assertThat(vm.lastRunProperty().get()).isEqualTo(added.get(1).path());
    }

    @Test
    void resumingARunCancelledBeforeItsFirstCheckpointSaysItStartsAgain() {
        List<TrainingViewModel> self = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        TrainingViewModel vm = vm(update -> {
            update.run();
            if (!self.isEmpty() && self.get(0).loss().size() == 1
                    && self.get(0).stateProperty().get() == TrainingViewModel.State.RUNNING) {
                self.get(0).cancel();
            }
        });
        self.add(vm);
        vm.start(null, 3);
        assertThat(vm.stateProperty().get()).isEqualTo(TrainingViewModel.State.CANCELLED);
        Path run = vm.lastRunProperty().get();
        assertThat(run.resolve("checkpoints/epoch_001")).doesNotExist();
        self.clear();
        vm.messageProperty().addListener((o, a, m) -> messages.add(m));
        vm.resume();
        assertThat(messages.get(0)).isEqualTo("Resuming " + run.getFileName() + ": no checkpoint was written before "
                + "the cancel, so " + run.getFileName() + " starts again from iteration 1");
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(vm.messageProperty().get()).startsWith("Finished and evaluated: " + run.getFileName()
                + ", median test NSE ");
    }

    @Test
    void refusesToStartTwiceOrResumeNothing() {
        TrainingViewModel vm = vm(Runnable::run);
        assertThatThrownBy(vm::resume).hasMessage("no run to resume");
    }
}
