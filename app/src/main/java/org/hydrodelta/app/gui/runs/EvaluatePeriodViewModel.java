package org.hydrodelta.app.gui.runs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
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
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.EvaluationPeriod;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;

/**
 * State of "Evaluate period…" on a run: the period (train, validation, test or custom dates) and the checkpoint
 * (the run's chosen one, or any epoch it has a checkpoint of), evaluated on the background executor through
 * {@link ExperimentRunner#evaluate(Project, Path, String, Integer, AttributeSensitivity.Mode, boolean,
 * org.hydrodelta.core.progress.ProgressListener, org.hydrodelta.core.progress.CancellationToken)}, the same path
 * as {@code hydrodelta evaluate --period --epoch}. The result is the evaluation {@code eval/<period>[_epoch_NNN]}.
 */
public final class EvaluatePeriodViewModel {
    /** The period choices; {@link #CUSTOM} takes the first and last day. */
    public static final List<String> PERIODS = List.of("train", "validation", "test", "custom");
    /** The choice of a period given by its first and last day. */
    public static final String CUSTOM = "custom";

    private final Project project;
    private final RunRef run;
    private final TaskExecutor tasks;
    private final Consumer<EvaluationChoice> onDone;
    private final ObservableList<String> periods = FXCollections.observableArrayList();
    private final StringProperty period = new SimpleStringProperty("test");
    private final ObjectProperty<LocalDate> start = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> end = new SimpleObjectProperty<>();
    private final ObservableList<Integer> epochs = FXCollections.observableArrayList();
    /** Null: the run's chosen checkpoint (best validation epoch, else the last). */
    private final ObjectProperty<Integer> epoch = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final javafx.beans.property.DoubleProperty progress = new javafx.beans.property.SimpleDoubleProperty();
    private final ReadOnlyObjectWrapper<RunTaskState> state = new ReadOnlyObjectWrapper<>(RunTaskState.IDLE);
    private ExperimentConfig config;
    private String chosen = "";
    private EvaluationChoice result;
    private TaskHandle handle;

    /**
     * @param project the open project
     * @param run     a trained run of it
     * @param tasks   the background executor
     * @param onDone  told on the UI thread which evaluation was written, to show it
     */
    public EvaluatePeriodViewModel(Project project, RunRef run, TaskExecutor tasks, Consumer<EvaluationChoice> onDone) {
        this.project = project;
        this.run = run;
        this.tasks = tasks;
        this.onDone = onDone;
        try {
            RunFolder folder = RunFolder.open(run.path());
            config = folder.config();
            epochs.setAll(folder.checkpointEpochs());
            chosen = folder.chosenCheckpoint().map(p -> p.getFileName().toString()).orElse("");
        } catch (java.io.IOException | RuntimeException e) {
            message.set("Cannot read the run: " + e.getMessage());
        }
        for (String p : PERIODS) {
            if (!p.equals("validation") || config == null || config.validationPeriod() != null) {
                periods.add(p);
            }
        }
        if (config != null) {
            start.set(config.testPeriod().start());
            end.set(config.testPeriod().lastDay());
        }
    }

    /**
     * @return the period as {@code evaluate --period} takes it: {@code train}, {@code validation}, {@code test} or
     *         {@code START:END}
     * @throws IllegalArgumentException when custom dates are missing or reversed
     */
    public String periodText() {
        if (!CUSTOM.equals(period.get())) {
            return period.get();
        }
        if (start.get() == null || end.get() == null) {
            throw new IllegalArgumentException("a custom period needs its first and last day");
        }
        if (end.get().isBefore(start.get())) {
            throw new IllegalArgumentException("the period ends (" + end.get() + ") before it starts (" + start.get()
                    + ")");
        }
        return start.get() + ":" + end.get();
    }

    /**
     * @return the evaluation's folder name under the run's {@code eval/} (its name in the results tab), e.g.
     *         {@code validation_epoch_002}
     * @throws IllegalArgumentException when the period cannot be read
     */
    public String evaluationName() {
        if (config == null) {
            throw new IllegalArgumentException("the run's configuration cannot be read");
        }
        return EvaluationPeriod.parse(periodText(), config).folder(epoch.get());
    }

    /** Starts the evaluation on the background executor. */
    public void start() {
        if (state.get() == RunTaskState.RUNNING) {
            return;
        }
        String text;
        String name;
        try {
            text = periodText();
            name = evaluationName();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            state.set(RunTaskState.FAILED);
            return;
        }
        Integer ep = epoch.get();
        state.set(RunTaskState.RUNNING);
        message.set("Evaluating " + run.name() + " on " + text + (ep == null ? "" : " with epoch " + ep) + "…");
        Path dir = run.path();
        handle = tasks.submit("Evaluating " + run.name() + " (" + name + ")", (progress, cancel) ->
                ExperimentRunner.evaluate(project, dir, text, ep, AttributeSensitivity.Mode.AUTO, true, progress,
                        cancel), r -> {
                            result = new EvaluationChoice(run.name(), r.dir().getFileName().toString());
                            message.set(String.format(java.util.Locale.ROOT, "Evaluated %s (%s, checkpoint %s):"
                                    + " median NSE %.3f over %d basins", run.name(), result.evaluation(),
                                    r.checkpoint() == null ? "?" : r.checkpoint().getFileName(), r.median("nse"),
                                    r.metrics().size()));
                            state.set(RunTaskState.DONE);
                            onDone.accept(result);
                        }, e -> {
                            message.set("Cannot evaluate " + run.name() + ": " + (e.getMessage() == null
                                    ? e.getClass().getSimpleName() : e.getMessage()));
                            state.set(RunTaskState.FAILED);
                        });
        progress.bind(handle.progressProperty());
        handle.stateProperty().addListener((o, a, s) -> {
            if (s == TaskHandle.State.CANCELLED) {
                state.set(RunTaskState.CANCELLED);
                message.set("Cancelled");
            }
        });
    }

    /** Cancels a running evaluation. */
    public void cancel() {
        if (handle != null) {
            handle.cancel();
        }
    }

    /** @return the periods the run has: train, validation (when it has one), test, custom */
    public ObservableList<String> periods() {
        return periods;
    }

    /** @return the chosen period */
    public StringProperty periodProperty() {
        return period;
    }

    /** @return first day of a custom period */
    public ObjectProperty<LocalDate> startProperty() {
        return start;
    }

    /** @return last day of a custom period */
    public ObjectProperty<LocalDate> endProperty() {
        return end;
    }

    /** @return the epochs with a complete checkpoint, ascending */
    public ObservableList<Integer> epochs() {
        return epochs;
    }

    /** @return the checkpoint's epoch; null for the run's chosen checkpoint */
    public ObjectProperty<Integer> epochProperty() {
        return epoch;
    }

    /** @return the run's chosen checkpoint (best validation epoch, else the last), e.g. {@code epoch_003} */
    public String chosenCheckpoint() {
        return chosen;
    }

    /** @return the evaluation's progress in [0, 1] (-1 while unknown) */
    public javafx.beans.value.ObservableDoubleValue progressProperty() {
        return progress;
    }

    /** @return what happened or is happening, or why it was refused */
    public StringProperty messageProperty() {
        return message;
    }

    /** @return where the evaluation stands */
    public ReadOnlyObjectProperty<RunTaskState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** @return the evaluation written, null before it is done */
    public EvaluationChoice result() {
        return result;
    }

    /** @return the run evaluated */
    public RunRef run() {
        return run;
    }
}
