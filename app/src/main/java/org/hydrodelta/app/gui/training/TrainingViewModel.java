package org.hydrodelta.app.gui.training;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.app.task.TaskExecutor;
import org.hydrodelta.app.task.TaskHandle;
import org.hydrodelta.core.eval.BasinMetrics;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.TrainingListener;

/**
 * Training state machine (idle → running → cancelling → cancelled / finished / failed), a queue of further
 * trainings, and the live series the view plots. Work runs on the {@link TaskExecutor}; events from the training
 * thread reach the UI through {@code ui} (the FX thread in the app, the calling thread in tests).
 *
 * <p>Train and Resume while a training runs put the job in the queue; when a job ends (finished, failed or
 * cancelled) the next one starts. Cancel stops the running job only: what is queued still runs, as in a print
 * queue; {@link #clearQueue()} drops the waiting jobs.
 */
public final class TrainingViewModel {
    /** States of a training. */
    public enum State {
        /** Nothing running. */
        IDLE,
        /** Training. */
        RUNNING,
        /** Cancel requested; stops at the next iteration. */
        CANCELLING,
        /** Stopped on request; the last checkpoint is kept and can be resumed. */
        CANCELLED,
        /** All epochs done and evaluated. */
        FINISHED,
        /** Ended with an error. */
        FAILED
    }

    /**
     * One point of the loss curve.
     *
     * @param iteration global iteration
     * @param loss      training loss
     */
    public record LossPoint(long iteration, double loss) {
    }

    /**
     * Validation after an epoch.
     *
     * @param epoch     the epoch
     * @param meanLoss  mean training loss over the epoch
     * @param medianNse median validation NSE (NaN without validation period)
     * @param nse       NSE per basin
     */
    public record EpochPoint(int epoch, double meanLoss, double medianNse, Map<String, Double> nse) {
    }

    /**
     * A training job: a new run of an experiment, or the resumption of a run folder.
     *
     * @param experiment     the experiment
     * @param epochs         epochs override, or null
     * @param iterations     iterations-per-epoch override, or null
     * @param resume         the run folder to resume, or null for a new run
     */
    public record Job(String experiment, Integer epochs, Integer iterations, Path resume) {
        /** @return a one-line description for the queue list */
        public String label() {
            if (resume != null) {
                return "Resume " + resume.getFileName() + " (" + experiment + ")";
            }
            return experiment + (epochs == null ? "" : ", " + epochs + " epochs")
                    + (iterations == null ? "" : ", " + iterations + " iterations/epoch");
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** Share of the progress bar for training; evaluation and attribute sensitivities share the rest. */
    static final double TRAIN_SHARE = 0.85;
    /** Where the attribute sensitivities start on the progress bar. */
    static final double SIMULATE_END = 0.90;

    /**
     * What a finished job left.
     *
     * @param dir       the run folder
     * @param medianNse median test NSE of its evaluation
     */
    private record Outcome(Path dir, double medianNse) {
    }

    private final Project project;
    private final Path projectDir;
    private final TaskExecutor executor;
    private final Consumer<Runnable> ui;
    private final Consumer<RunRef> onRunAdded;
    private final ObservableList<String> experiments = FXCollections.observableArrayList();
    private final StringProperty experiment = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<LossPoint> loss = FXCollections.observableArrayList();
    private final ObservableList<EpochPoint> epochs = FXCollections.observableArrayList();
    private final ObjectProperty<Path> lastRun = new SimpleObjectProperty<>();
    private final ObservableList<Job> queue = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Job> current = new ReadOnlyObjectWrapper<>();
    private Consumer<Path> onRunEvaluated = dir -> { };
    private TaskHandle handle;
    // the running task's token, known from the task's first line (before submit() returns on a same-thread executor)
    private volatile org.hydrodelta.core.progress.CancellationToken token;

    /**
     * @param project    the project
     * @param projectDir folder of its file (runs go to {@code runs/} there)
     * @param executor   background worker
     * @param ui         runs a UI update on the UI thread
     * @param onRunAdded told when a new run folder was created and added to the project
     */
    public TrainingViewModel(Project project, Path projectDir, TaskExecutor executor, Consumer<Runnable> ui,
            Consumer<RunRef> onRunAdded) {
        this.project = project;
        this.projectDir = projectDir;
        this.executor = executor;
        this.ui = ui;
        this.onRunAdded = onRunAdded;
        project.experiments().forEach(e -> experiments.add(e.name()));
        if (!experiments.isEmpty()) {
            experiment.set(experiments.get(0));
        }
    }

    /**
     * Trains the selected experiment, with optional overrides: at once when nothing runs, else after the queued
     * jobs.
     *
     * @param epochsOverride epochs, or {@code null} for the experiment's
     * @param iterations     iterations per epoch, or {@code null} for the coverage formula
     */
    public void start(Integer epochsOverride, Integer iterations) {
        Experiment e = project.experiment(experiment.get()).orElseThrow(() -> new IllegalStateException(
                "choose an experiment"));
        submit(new Job(e.name(), epochsOverride, iterations, null));
    }

    /**
     * @param listener told on the UI thread when a run has been trained and evaluated (views showing the project's
     *                 runs refresh then)
     */
    public void setOnRunEvaluated(Consumer<Path> listener) {
        onRunEvaluated = listener == null ? dir -> { } : listener;
    }

    /**
     * Continues the last run (cancelled or failed) from its last checkpoint, now or after the queued jobs. A run
     * cancelled before its first checkpoint has nothing to continue: it starts again from iteration 1, and the
     * message says so.
     */
    public void resume() {
        Path dir = lastRun.get();
        if (dir == null) {
            throw new IllegalStateException("no run to resume");
        }

        String name = project.runs().stream().filter(r -> r.path().equals(dir)).map(RunRef::experiment).findFirst()
                .orElse(experiment.get());
        submit(new Job(name, null, null, dir));
    }

    /** @return for a resumption of a run without checkpoint, what the user must know; else null */
    private static String resumeNote(Job job) {
        if (job.resume() == null || hasCheckpoint(job.resume())) {
            return null;
        }
        return "no checkpoint was written before the cancel, so " + job.resume().getFileName()
                + " starts again from iteration 1";
    }

    /** @return whether a run folder holds a complete checkpoint to resume from */
    static boolean hasCheckpoint(Path dir) {
        try {
            return RunFolder.open(dir).latestCheckpoint().isPresent();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private void submit(Job job) {
        if (busy()) {
            queue.add(job);
            String note = resumeNote(job);
            message.set("Queued: " + job.label() + " (" + queue.size() + " waiting)" + (note == null ? ""
                    : "; " + note));
        } else {
            run(job);
        }
    }

    /** @return whether a job is running or being cancelled */
    public boolean busy() {
        return state.get() == State.RUNNING || state.get() == State.CANCELLING;
    }

    /**
     * Removes a job that has not started yet.
     *
     * @param job the job
     */
    public void removeQueued(Job job) {
        queue.remove(job);
    }

    /** Drops all jobs that have not started yet. */
    public void clearQueue() {
        queue.clear();
    }

    private void run(Job job) {
        Experiment e = project.experiment(job.experiment()).orElse(null);
        if (e == null && job.resume() == null) {
            state.set(State.FAILED);
            message.set("Failed: the experiment '" + job.experiment() + "' no longer exists");
            next();
            return;
        }
        loss.clear();
        epochs.clear();
        current.set(job);
        state.set(State.RUNNING);
        String title = job.resume() == null ? "Training " + job.experiment()
                : "Resuming " + job.resume().getFileName();
        String note = resumeNote(job);
        message.set(title + (note == null ? "" : ": " + note) + (queue.isEmpty() ? "" : " (" + queue.size()
                + " queued)"));
        handle = null;
        TaskHandle h = executor.submitLong(title, (progress, cancel) -> {
            token = cancel;
            // one bar for train → evaluate → attribute sensitivities
            org.hydrodelta.app.task.ProgressChain chain = new org.hydrodelta.app.task.ProgressChain(progress);
            // the task's title already says training or resuming: its messages need no prefix
            ProgressListener training = chain.step(0, TRAIN_SHARE, "");
            Path dir;
            if (job.resume() == null) {
                ExperimentConfig config = ExperimentRunner.override(e.config(), job.epochs(), job.iterations(), null,
                        null);
                dir = ExperimentRunner.train(project, projectDir, job.experiment(), config, training, cancel,
                        listener(job)).dir();
            } else {
                dir = ExperimentRunner.resume(project, job.resume(), training, cancel, listener(job)).dir();
            }
            ExperimentRunner.EvaluationResult result = ExperimentRunner.evaluate(project, dir,
                    chain.evaluation(TRAIN_SHARE, SIMULATE_END), cancel);
            return new Outcome(dir, result.median("nse"));
        }, out -> ended(job, () -> {
            lastRun.set(out.dir());
            state.set(State.FINISHED);
            message.set(String.format(java.util.Locale.ROOT, "Finished and evaluated: %s, median test NSE %.3f",
                    out.dir().getFileName(), out.medianNse()));
            addRun(job, out.dir());
            onRunEvaluated.accept(out.dir());
        }), error -> ended(job, () -> {
            state.set(State.FAILED);
            message.set("Failed: " + error.getMessage());
        }));
        h.stateProperty().addListener((o, a, st) -> {
            if (st == TaskHandle.State.CANCELLED) {
                ended(job, this::cancelled);
            }
        });
        if (h.stateProperty().get() == TaskHandle.State.CANCELLED) {
            ended(job, this::cancelled);
        }
        if (current.get() == job) {
            handle = h;
        }
    }

    private void cancelled() {
        state.set(State.CANCELLED);
        message.set("Cancelled; the last checkpoint is kept and can be resumed");
    }

    /** Records the end of {@code job} once (cancellation can be seen twice) and starts the next queued job. */
    private void ended(Job job, Runnable outcome) {
        if (current.get() != job) {
            return;
        }
        current.set(null);
        handle = null;
        token = null;
        outcome.run();
        next();
    }

    private void next() {
        if (!queue.isEmpty()) {
            run(queue.remove(0));
        }
    }

    private void addRun(Job job, Path dir) {
        if (project.runs().stream().noneMatch(r -> r.path().equals(dir))) {
            RunRef ref = new RunRef(dir.getFileName().toString(), job.experiment(), dir, Instant.now());
            project.runs().add(ref);
            onRunAdded.accept(ref);
        }
    }

    private TrainingListener listener(Job job) {
        return new TrainingListener() {
            @Override
            public void runStarted(Path runDir) {
                ui.accept(() -> {
                    lastRun.set(runDir);
                    addRun(job, runDir);
                });
            }

            @Override
            public void iteration(long iteration, int epoch, double value) {
                ui.accept(() -> loss.add(new LossPoint(iteration, value)));
            }

            @Override
            public void epoch(int epoch, double meanLoss, Map<String, Double> nse) {
                double median = BasinMetrics.median(nse.values().stream().mapToDouble(Double::doubleValue).toArray());
                ui.accept(() -> epochs.add(new EpochPoint(epoch, meanLoss, median, nse)));
            }
        };
    }

    /** Requests cancellation of the running training. */
    public void cancel() {
        if (state.get() != State.RUNNING) {
            return;
        }
        state.set(State.CANCELLING);
        if (handle != null) {
            handle.cancel();
        } else if (token != null) {
            token.cancel();
        }
    }

    /** @return jobs waiting to run, in order */
    public ObservableList<Job> queue() {
        return queue;
    }

    /** @return the job running now, or null */
    public ReadOnlyObjectProperty<Job> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** @return experiment names */
    public ObservableList<String> experiments() {
        return experiments;
    }

    /** @return the experiment to train */
    public StringProperty experimentProperty() {
        return experiment;
    }

    /** @return the state */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** @return a one-line description of what is happening */
    public StringProperty messageProperty() {
        return message;
    }

    /** @return loss per iteration of the current run */
    public ObservableList<LossPoint> loss() {
        return loss;
    }

    /** @return per-epoch results of the current run */
    public ObservableList<EpochPoint> epochs() {
        return epochs;
    }

    /** @return the folder of the last run started or finished */
    public ObjectProperty<Path> lastRunProperty() {
        return lastRun;
    }

}
