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
 * Training state machine (idle → running → cancelling → cancelled / finished / failed) and the live series the
 * view plots. Work runs on the {@link TaskExecutor}; events from the training thread reach the UI through
 * {@code ui} (the FX thread in the app, the calling thread in tests).
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
     * Starts training the selected experiment, with optional overrides.
     *
     * @param epochsOverride epochs, or {@code null} for the experiment's
     * @param iterations     iterations per epoch, or {@code null} for the coverage formula
     */
    public void start(Integer epochsOverride, Integer iterations) {
        if (state.get() == State.RUNNING || state.get() == State.CANCELLING) {
            throw new IllegalStateException("a training is already running");
        }
        Experiment e = project.experiment(experiment.get()).orElseThrow(() -> new IllegalStateException(
                "choose an experiment"));
        ExperimentConfig config = ExperimentRunner.override(e.config(), epochsOverride, iterations, null, null);
        String name = e.name();
        begin("Training " + name, (progress, cancel) -> {
            RunFolder run = ExperimentRunner.train(project, projectDir, name, config, progress, cancel,
                    listener());
            return run.dir();
        });
    }

    /** Continues the last run (cancelled or failed) from its last checkpoint. */
    public void resume() {
        Path dir = lastRun.get();
        if (dir == null) {
            throw new IllegalStateException("no run to resume");
        }
        begin("Resuming " + dir.getFileName(), (progress, cancel) -> ExperimentRunner.resume(project, dir, progress,
                cancel, listener()).dir());
    }

    private void begin(String title, org.hydrodelta.app.task.BackgroundTask<Path> work) {
        loss.clear();
        epochs.clear();
        state.set(State.RUNNING);
        message.set(title);
        handle = null;
        handle = executor.submit(title, (progress, cancel) -> {
            token = cancel;
            Path dir = work.run(progress, cancel);
            ExperimentRunner.evaluate(project, dir, ProgressListener.NONE, cancel);
            return dir;
        }, dir -> {
            lastRun.set(dir);
            state.set(State.FINISHED);
            message.set("Finished and evaluated: " + dir.getFileName());
            addRun(dir);
        }, error -> {
            state.set(State.FAILED);
            message.set("Failed: " + error.getMessage());
        });
        handle.stateProperty().addListener((o, a, s) -> {
            if (s == TaskHandle.State.CANCELLED) {
                state.set(State.CANCELLED);
                message.set("Cancelled; the last checkpoint is kept and can be resumed");
            }
        });
        if (handle.stateProperty().get() == TaskHandle.State.CANCELLED) {
            state.set(State.CANCELLED);
        }
    }

    private void addRun(Path dir) {
        if (project.runs().stream().noneMatch(r -> r.path().equals(dir))) {
            RunRef ref = new RunRef(dir.getFileName().toString(), experiment.get(), dir, Instant.now());
            project.runs().add(ref);
            onRunAdded.accept(ref);
        }
    }

    private TrainingListener listener() {
        return new TrainingListener() {
            @Override
            public void runStarted(Path runDir) {
                ui.accept(() -> {
                    lastRun.set(runDir);
                    addRun(runDir);
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
