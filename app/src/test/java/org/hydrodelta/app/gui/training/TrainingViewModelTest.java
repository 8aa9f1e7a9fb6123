package org.hydrodelta.app.gui.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    Path file;
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
        // the sample's data, read from a copy of its project file: runs are recorded in the copy
        file = tmp.resolve("tiny.hdproj");
        ProjectStore.save(project, file);
    }

    private TrainingViewModel vm(java.util.function.Consumer<Runnable> ui) {
        return new TrainingViewModel(project, file, new CurrentThreadTaskExecutor(), ui, added::add);
    }

    /** @return the status the project file records for a run */
    private String recorded(Path projectFile, Path runDir) throws Exception {
        return ProjectStore.load(projectFile).run(runDir.getFileName().toString()).orElseThrow().status();
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

    /**
     * A training whose iterations come faster than the window can draw them: while the window's thread is held up
     * (here: not run at all until the training has ended), what the training reports waits as one hand-over, not
     * one per iteration; when it runs, every loss arrives in order, each epoch after its own iterations (the
     * chart places an epoch's validation NSE at the last loss), and the end after both.
     */
    @Test
    void aFastTrainingReachesTheWindowsThreadInAFewHandOversWithEveryLossAndEpochInOrder() throws Exception {
        List<Runnable> uiThread = java.util.Collections.synchronizedList(new ArrayList<>());
        Background executor = new Background(uiThread::add);
        TrainingViewModel vm = new TrainingViewModel(project, file, executor, uiThread::add, added::add);
        List<Integer> lossAtEpoch = new ArrayList<>();
        vm.epochs().addListener((javafx.collections.ListChangeListener<TrainingViewModel.EpochPoint>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(e -> lossAtEpoch.add(vm.loss().size()));
            }
        });
        int perEpoch = 200;
        vm.start(null, perEpoch);
        executor.join();
        int posted = uiThread.size();
        // the window's thread runs what was posted, in order (and whatever that posts in turn)
        while (!uiThread.isEmpty()) {
            uiThread.remove(0).run();
        }
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(posted).as("hand-overs posted for 2 x " + perEpoch + " iterations").isLessThan(10);
        assertThat(vm.loss()).extracting(TrainingViewModel.LossPoint::iteration).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 2L * perEpoch).boxed().toList());
        assertThat(vm.epochs()).extracting(TrainingViewModel.EpochPoint::epoch).containsExactly(1, 2);
        assertThat(lossAtEpoch).as("losses shown when each epoch arrived").containsExactly(perEpoch, 2 * perEpoch);
        assertThat(added).as("the run is entered once").hasSize(1);
        assertThat(project.runs()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RunRef.FINISHED));
    }

    /** Runs each task on a thread of its own and reports its end through {@code ui}, as the window's executor. */
    private static final class Background implements org.hydrodelta.app.task.TaskExecutor {
        private final java.util.function.Consumer<Runnable> ui;
        private final List<Thread> threads = new ArrayList<>();

        Background(java.util.function.Consumer<Runnable> ui) {
            this.ui = ui;
        }

        @Override
        public javafx.collections.ObservableList<org.hydrodelta.app.task.TaskHandle> tasks() {
            return javafx.collections.FXCollections.observableArrayList();
        }

        @Override
        public <T> org.hydrodelta.app.task.TaskHandle submit(String title,
                org.hydrodelta.app.task.BackgroundTask<T> task, java.util.function.Consumer<T> onSuccess,
                java.util.function.Consumer<Throwable> onFailure) {
            Handle h = new Handle(title);
            Thread t = new Thread(() -> {
                try {
                    T result = task.run(org.hydrodelta.core.progress.ProgressListener.NONE, h.token);
                    ui.accept(() -> {
                        h.state.set(org.hydrodelta.app.task.TaskHandle.State.SUCCEEDED);
                        onSuccess.accept(result);
                    });
                } catch (org.hydrodelta.core.progress.CancelledException e) {
                    ui.accept(() -> h.state.set(org.hydrodelta.app.task.TaskHandle.State.CANCELLED));
                } catch (Exception | Error e) {
                    ui.accept(() -> {
                        h.state.set(org.hydrodelta.app.task.TaskHandle.State.FAILED);
                        onFailure.accept(e);
                    });
                }
            }, "test-training");
            threads.add(t);
            t.start();
            return h;
        }

        void join() throws InterruptedException {
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(5));
                assertThat(t.isAlive()).as("training still running").isFalse();
            }
        }
    }

    private static final class Handle implements org.hydrodelta.app.task.TaskHandle {
        private final String title;
        final org.hydrodelta.core.progress.CancellationToken token =
                new org.hydrodelta.core.progress.CancellationToken();
        final javafx.beans.property.ReadOnlyObjectWrapper<State> state =
                new javafx.beans.property.ReadOnlyObjectWrapper<>(State.RUNNING);

        Handle(String title) {
            this.title = title;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public javafx.beans.property.ReadOnlyDoubleProperty progressProperty() {
            return new javafx.beans.property.ReadOnlyDoubleWrapper(-1).getReadOnlyProperty();
        }

        @Override
        public javafx.beans.property.ReadOnlyStringProperty messageProperty() {
            return new javafx.beans.property.ReadOnlyStringWrapper("").getReadOnlyProperty();
        }

        @Override
        public javafx.beans.property.ReadOnlyStringProperty etaProperty() {
            return new javafx.beans.property.ReadOnlyStringWrapper("").getReadOnlyProperty();
        }

        @Override
        public javafx.beans.property.ReadOnlyObjectProperty<State> stateProperty() {
            return state.getReadOnlyProperty();
        }

        @Override
        public void cancel() {
            token.cancel();
        }
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

        // recorded in the project file by the core recorder, with the command line's reason
        RunRef cancelled = ProjectStore.load(file).run(run.getFileName().toString()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(RunRef.CANCELLED);
        assertThat(cancelled.reason()).isEqualTo(TrainingViewModel.CANCEL_REASON);
        assertThat(project.run(cancelled.name()).orElseThrow().status()).isEqualTo(RunRef.CANCELLED);

        self.clear();
        vm.resume();
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(run.resolve("checkpoints/epoch_002/state.json")).isRegularFile();
        // the resumption continued the same entry
        assertThat(ProjectStore.load(file).runs()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo(cancelled.name());
            assertThat(r.status()).isEqualTo(RunRef.FINISHED);
            assertThat(r.reason()).isNull();
            assertThat(r.created()).isEqualTo(cancelled.created());
        });
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
    void aRunIsRunningInTheProjectFileWhileItTrainsAndFinishedAfter() throws Exception {
        List<TrainingViewModel> self = new ArrayList<>();
        List<String> during = new ArrayList<>();
        TrainingViewModel vm = vm(update -> {
            update.run();
            // at the first loss: what the project file and the open project say about the run
            if (!self.isEmpty() && self.get(0).loss().size() == 1 && during.isEmpty()) {
                Path dir = self.get(0).lastRunProperty().get();
                try {
                    during.add(recorded(file, dir));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                during.add(project.run(dir.getFileName().toString()).orElseThrow().status());
            }
        });
        self.add(vm);
        vm.start(null, 3);
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(during).as("file, then open project, during training").containsExactly(RunRef.RUNNING,
                RunRef.RUNNING);
        Path dir = vm.lastRunProperty().get();
        assertThat(recorded(file, dir)).isEqualTo(RunRef.FINISHED);
        assertThat(project.runs()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RunRef.FINISHED));
        assertThat(ProjectStore.load(file).runs()).hasSize(1);
        assertThat(added).as("told once, when the run was entered").hasSize(1);
    }

    @Test
    void anUnusableBasinRefusesTheTrainingUntilTheUserTicksSkipAndTheRunRecordsIt() throws Exception {
        Path projectFile = org.hydrodelta.app.gui.BrokenBasinProject.create(tmp.resolve("broken"), "01013500",
                "01022500", "03439000");
        Project p = ProjectStore.load(projectFile);
        List<RunRef> entered = new ArrayList<>();
        TrainingViewModel vm = new TrainingViewModel(p, projectFile, new CurrentThreadTaskExecutor(), Runnable::run,
                entered::add);
        String where = tmp.resolve("broken/camels-us").resolve(org.hydrodelta.app.gui.BrokenBasinProject.forcing(
                "01013500")) + ":1000: ";

        vm.start(null, null);
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(TrainingViewModel.State.REFUSED);
        assertThat(vm.unusable()).extracting(org.hydrodelta.core.data.Usability.UnusableBasin::basinId)
                .containsExactly("01013500");
        assertThat(TrainingViewModel.reasonLines(vm.unusable().get(0))).singleElement().satisfies(l ->
                assertThat(l).startsWith("01013500  " + where).contains("truncated"));
        assertThat(vm.messageProperty().get()).startsWith("Not started: 1 of 3 requested basins of tiny cannot be used")
                .contains("\"Skip the 1 unusable basin\"");
        assertThat(vm.skipLabel()).isEqualTo("Skip the 1 unusable basin");
        assertThat(tmp.resolve("broken/runs")).as("nothing written").doesNotExist();
        assertThat(ProjectStore.load(projectFile).runs()).isEmpty();

        // Train again without ticking: refused again
        vm.start(null, null);
        assertThat(vm.stateProperty().get()).isEqualTo(TrainingViewModel.State.REFUSED);
        assertThat(tmp.resolve("broken/runs")).doesNotExist();

        vm.skipUnusableProperty().set(true);
        vm.start(null, null);
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        Path dir = vm.lastRunProperty().get();
        org.hydrodelta.core.train.RunFolder run = org.hydrodelta.core.train.RunFolder.open(dir);
        assertThat(run.basinsUsed()).containsExactly("01022500", "03439000");
        assertThat(run.basinsSkipped()).singleElement().satisfies(r -> assertThat(r).startsWith("01013500,")
                .contains(",1000,").contains("truncated"));
        assertThat(ProjectStore.load(projectFile).runs()).singleElement().satisfies(r ->
                assertThat(r.status()).isEqualTo(RunRef.FINISHED));
        assertThat(entered).hasSize(1);

        // the run's properties say which basins it used and which it skipped, and why
        org.hydrodelta.app.gui.properties.PropertiesViewModel props =
                new org.hydrodelta.app.gui.properties.PropertiesViewModel();
        props.showRun(p.runs().get(0));
        assertThat(props.items()).contains(
                new org.hydrodelta.app.gui.properties.PropertiesViewModel.Item("project", "status", "finished"),
                new org.hydrodelta.app.gui.properties.PropertiesViewModel.Item("basins", "used",
                        "2 basins: 01022500, 03439000"),
                new org.hydrodelta.app.gui.properties.PropertiesViewModel.Item("basins", "skipped",
                        "1 unusable basin: 01013500"));
        assertThat(props.items()).filteredOn(i -> i.name().equals("skipped 01013500")).singleElement()
                .satisfies(i -> assertThat(i.value()).startsWith(where).contains("truncated"));
    }

    @Test
    void theSkipCoversOnlyTheBasinsTheUserSawListed() throws Exception {
        Path projectFile = org.hydrodelta.app.gui.BrokenBasinProject.create(tmp.resolve("broken"), "01013500",
                "01022500", "03439000");
        Project p = ProjectStore.load(projectFile);
        TrainingViewModel vm = new TrainingViewModel(p, projectFile, new CurrentThreadTaskExecutor(), Runnable::run,
                r -> { });
        vm.start(null, null);
        assertThat(vm.unusable()).hasSize(1);
        vm.skipUnusableProperty().set(true);
        // meanwhile a second basin's file breaks: ticking the box for one basin does not skip two
        org.hydrodelta.app.gui.BrokenBasinProject.cut(tmp.resolve("broken/camels-us"), "03439000");
        vm.start(null, null);
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(TrainingViewModel.State.REFUSED);
        assertThat(vm.unusable()).extracting(org.hydrodelta.core.data.Usability.UnusableBasin::basinId)
                .containsExactly("01013500", "03439000");
        assertThat(vm.skipUnusableProperty().get()).as("the new list must be ticked again").isFalse();
        assertThat(vm.messageProperty().get()).startsWith("Not started: 2 of 3 requested basins");
        assertThat(tmp.resolve("broken/runs")).as("nothing written").doesNotExist();
        assertThat(ProjectStore.load(projectFile).runs()).isEmpty();
    }

    @Test
    void refusesToStartTwiceOrResumeNothing() {
        TrainingViewModel vm = vm(Runnable::run);
        assertThatThrownBy(vm::resume).hasMessage("no run to resume");
    }

    @Test
    void aCancelAfterTheLastEpochStopsTheEvaluationOfAFinishedRunAndSaysSo() throws Exception {
        List<TrainingViewModel> self = new ArrayList<>();
        // the "user" presses Cancel once training has ended, while the run is evaluated
        TrainingViewModel vm = vm(update -> {
            update.run();
            TrainingViewModel v = self.isEmpty() ? null : self.get(0);
            if (v != null && v.stateProperty().get() == TrainingViewModel.State.RUNNING
                    && v.lastRunProperty().get() != null) {
                try {
                    if ("finished".equals(org.hydrodelta.core.train.RunFolder.open(v.lastRunProperty().get())
                            .status())) {
                        v.cancel();
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        self.add(vm);
        vm.start(null, 3);
        assertThat(vm.stateProperty().get()).isEqualTo(TrainingViewModel.State.CANCELLED);
        Path run = vm.lastRunProperty().get();
        // it said "the last checkpoint is kept and can be resumed" of a run that was finished
        assertThat(vm.messageProperty().get()).isEqualTo("Cancelled during the evaluation: " + run.getFileName()
                + " finished training and is kept, not evaluated (Evaluate period… in the runs list evaluates it)");
        assertThat(recorded(file, run)).isEqualTo(RunRef.FINISHED);
        assertThat(vm.resumeProblem()).startsWith("run " + run.getFileName() + " is finished after 2 epochs");
    }

    @Test
    void resumeIsOfferedFromWhatTheRunFolderSaysNotFromTheLastJob() throws Exception {
        TrainingViewModel vm = vm(Runnable::run);
        assertThat(vm.resumeProblem()).startsWith("no run to resume");
        // run folders as training leaves them, without training: only run.json's status and the lock matter
        org.hydrodelta.core.train.RunFolder run = org.hydrodelta.core.train.RunFolder.create(tmp.resolve("runs"),
                "tiny", project.experiment("tiny").orElseThrow().config(), "fingerprint");
        vm.lastRunProperty().set(run.dir());
        for (String resumable : List.of("created", "cancelled", "failed", "running")) {
            run.setStatus(resumable, null);
            // running without a live process holding its lock: interrupted (killed, power loss)
            assertThat(vm.resumeProblem()).as(resumable).isNull();
        }
        try (org.hydrodelta.core.project.RunLock lock = org.hydrodelta.core.project.RunLock.acquire(run.dir())) {
            assertThat(vm.resumeProblem()).startsWith("run " + run.dir().getFileName() + " is being trained by"
                    + " another process");
        }
        run.setStatus("finished", null);
        assertThat(vm.resumeProblem()).isEqualTo("run " + run.dir().getFileName() + " is finished after 0 epochs and"
                + " is kept as it is, with its checkpoints and evaluation; to train longer, start a new run of its"
                + " experiment tiny with more epochs");
    }
}
