package org.hydrodelta.app.gui.runs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.app.task.TaskExecutor;
import org.hydrodelta.app.task.TaskHandle;
import org.hydrodelta.core.data.DatasetTypes;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.eval.AttributeRangeCheck;
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;

/**
 * State of "Apply to basins…" on a run: which basins (a list, or a whole dataset of the project; their flow may be
 * absent), an optional period, and the prediction run on the background executor through
 * {@link ExperimentRunner#predict}, the same path as {@code hydrodelta predict}. Its result is an evaluation of the
 * run ({@code eval/predict_...}); the basins whose attributes lie outside the training range are listed per
 * attribute in {@link #flags()}. Refusals (a model calibrated per basin, an attribute the network needs that the
 * data lacks, a period the forcing does not cover) come back as {@link #messageProperty()} in core's words.
 */
public final class ApplyToBasinsViewModel {
    private final Project project;
    private final RunRef run;
    private final TaskExecutor tasks;
    private final Consumer<EvaluationChoice> onDone;
    private final ObservableList<String> datasets = FXCollections.observableArrayList();
    private final StringProperty dataset = new SimpleStringProperty();
    private final ObservableList<String> datasetBasins = FXCollections.observableArrayList();
    private final BooleanProperty wholeDataset = new SimpleBooleanProperty();
    private final StringProperty basins = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> start = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> end = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final javafx.beans.property.DoubleProperty progress = new javafx.beans.property.SimpleDoubleProperty();
    private final ReadOnlyObjectWrapper<RunTaskState> state = new ReadOnlyObjectWrapper<>(RunTaskState.IDLE);
    private final ObservableList<AttributeRangeCheck.Flag> flags = FXCollections.observableArrayList();
    private final ObservableList<String> skipped = FXCollections.observableArrayList();
    private final ObservableList<String> missing = FXCollections.observableArrayList();
    private final BooleanProperty skipUnusable = new SimpleBooleanProperty();
    private final BooleanProperty fillMissingAttributes = new SimpleBooleanProperty();
    private EvaluationChoice result;
    private TaskHandle handle;

    /**
     * @param project the open project (its datasets hold the basins to simulate)
     * @param run     a trained run of it
     * @param tasks   the background executor
     * @param onDone  told on the UI thread which evaluation the prediction wrote, to show it
     */
    public ApplyToBasinsViewModel(Project project, RunRef run, TaskExecutor tasks, Consumer<EvaluationChoice> onDone) {
        this.project = project;
        this.run = run;
        this.tasks = tasks;
        this.onDone = onDone;
        project.datasets().stream().map(DatasetRef::name).forEach(datasets::add);
        dataset.addListener((o, a, d) -> listBasins(d));
        String own = null;
        try {
            own = org.hydrodelta.core.train.RunFolder.open(run.path()).config().dataset();
        } catch (java.io.IOException | RuntimeException e) {
            message.set("Cannot read the run's configuration: " + e.getMessage());
        }
        dataset.set(own != null && datasets.contains(own) ? own : datasets.isEmpty() ? null : datasets.get(0));
    }

    /** Lists the basins a dataset holds (a folder listing: which basins have forcing), to pick from. */
    private void listBasins(String name) {
        datasetBasins.clear();
        project.dataset(name == null ? "" : name).ifPresent(d -> {
            try {
                datasetBasins.setAll(DatasetTypes.get(d.type()).basinIds(d.path(), d.forcing()));
            } catch (RuntimeException e) {
                message.set("Cannot list the basins of dataset '" + name + "': " + e.getMessage());
            }
        });
    }

    /**
     * @return the basins asked for, in the order given, without repeats; null for the whole dataset
     * @throws IllegalArgumentException when none is given and the whole dataset is not ticked
     */
    List<String> requestedBasins() {
        if (wholeDataset.get()) {
            return null;
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(Arrays.stream(basins.get() == null ? new String[0]
                : basins.get().split("[,;\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("choose the basins to simulate (ids separated by commas) or tick"
                    + " the whole dataset");
        }
        return ids;
    }

    /**
     * @return the prediction the form describes
     * @throws IllegalArgumentException naming what is missing or wrong (basins, period)
     */
    public ExperimentRunner.PredictionRequest request() {
        List<String> ids = requestedBasins();
        Period period = null;
        if (start.get() != null || end.get() != null) {
            if (start.get() == null || end.get() == null) {
                throw new IllegalArgumentException("the period needs both a first and a last day (or neither: the"
                        + " run's test period)");
            }
            if (end.get().isBefore(start.get())) {
                throw new IllegalArgumentException("the period ends (" + end.get() + ") before it starts ("
                        + start.get() + ")");
            }
            period = Period.inclusive(start.get(), end.get());
        }
        return new ExperimentRunner.PredictionRequest(dataset.get(), ids, period, null, null, skipUnusable.get(),
                AttributeSensitivity.Mode.NEVER, true, fillMissingAttributes.get());
    }

    /**
     * Starts the prediction on the background executor; a form problem or a refusal ends in {@link
     * RunTaskState#FAILED} with the message saying why.
     */
    public void start() {
        if (state.get() == RunTaskState.RUNNING) {
            return;
        }
        ExperimentRunner.PredictionRequest req;
        try {
            req = request();
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        flags.clear();
        skipped.clear();
        missing.clear();
        state.set(RunTaskState.RUNNING);
        message.set("Simulating " + (req.basins() == null ? "every basin of " + req.dataset() : req.basins().size()
                + " basin" + (req.basins().size() == 1 ? "" : "s")) + " with " + run.name() + "…");
        Path dir = run.path();
        handle = tasks.submit("Applying " + run.name() + " to basins", (progress, cancel) -> {
            ExperimentRunner.PredictionResult r = ExperimentRunner.predict(project, dir, req, progress, cancel);
            return new Applied(r, missingValues(r));
        }, applied -> {
                    ExperimentRunner.PredictionResult r = applied.result();
                    missing.setAll(applied.missing());
                    flags.setAll(r.flags());
                    r.skipped().forEach(u -> skipped.add(u.format()));
                    result = new EvaluationChoice(run.name(), r.result().dir().getFileName().toString());
                    long basinsOut = r.flags().stream().map(AttributeRangeCheck.Flag::basinId).distinct().count();
                    message.set(String.format(java.util.Locale.ROOT, "Simulated %d basin%s into %s%s; %s",
                            r.result().metrics().size(), r.result().metrics().size() == 1 ? "" : "s",
                            result.evaluation(), skipped.isEmpty() ? "" : " (" + skipped.size() + " skipped: "
                                    + String.join("; ", skipped) + ")",
                            r.flags().isEmpty() ? "every basin inside the training basins' attribute range"
                                    : basinsOut + " basin" + (basinsOut == 1 ? "" : "s") + " with attributes outside"
                                            + " the training range (" + r.flags().size() + " values, listed)")
                            + (missing.isEmpty() ? "" : "; " + missing.size() + " attribute value"
                                    + (missing.size() == 1 ? "" : "s") + " missing (listed): the network got the"
                                    + " training mean there"));
                    state.set(RunTaskState.DONE);
                    onDone.accept(result);
                }, e -> fail("Cannot apply " + run.name() + ": " + (e.getMessage() == null ? e.getClass()
                        .getSimpleName() : e.getMessage())));
        progress.bind(handle.progressProperty());
        handle.stateProperty().addListener((o, a, s) -> {
            if (s == TaskHandle.State.CANCELLED) {
                state.set(RunTaskState.CANCELLED);
                message.set("Cancelled: nothing of the prediction is shown");
            }
        });
    }

    /** A prediction and the attribute values its basins lack. */
    private record Applied(ExperimentRunner.PredictionResult result, List<String> missing) {
    }

    /**
     * The attribute values the run's network needed that a simulated basin lacked and that took the training mean
     * (the user asked for it; without that core refuses them by name), as core's prediction reports them.
     */
    private static List<String> missingValues(ExperimentRunner.PredictionResult r) {
        return r.filled().stream().map(m -> m + " has no value (the network got the training mean)").toList();
    }

    /** @return the attribute values the simulated basins lack, per basin and attribute */
    public ObservableList<String> missing() {
        return missing;
    }

    private void fail(String text) {
        message.set(text);
        state.set(RunTaskState.FAILED);
    }

    /** Cancels a running prediction. */
    public void cancel() {
        if (handle != null) {
            handle.cancel();
        }
    }

    /** @return the run applied */
    public RunRef run() {
        return run;
    }

    /** @return the project's dataset names */
    public ObservableList<String> datasets() {
        return datasets;
    }

    /** @return the dataset holding the basins (default: the run's own) */
    public StringProperty datasetProperty() {
        return dataset;
    }

    /** @return the basins the chosen dataset has forcing for, to pick from */
    public ObservableList<String> datasetBasins() {
        return datasetBasins;
    }

    /** @return whether to simulate every basin of the dataset */
    public BooleanProperty wholeDatasetProperty() {
        return wholeDataset;
    }

    /** @return the basins to simulate, ids separated by commas */
    public StringProperty basinsProperty() {
        return basins;
    }

    /**
     * @return whether a basin lacking an attribute value the network needs is simulated with the training basins'
     *         mean in its place (listed in {@link #missing()}); otherwise the prediction is refused, each named
     */
    public BooleanProperty fillMissingAttributesProperty() {
        return fillMissingAttributes;
    }

    /** @return whether to go on without basins that cannot be simulated (they are listed) */
    public BooleanProperty skipUnusableProperty() {
        return skipUnusable;
    }

    /** @return first day to simulate, null for the run's test period */
    public ObjectProperty<LocalDate> startProperty() {
        return start;
    }

    /** @return last day to simulate, null for the run's test period */
    public ObjectProperty<LocalDate> endProperty() {
        return end;
    }

    /** @return the prediction's progress in [0, 1] (-1 while unknown) */
    public javafx.beans.value.ObservableDoubleValue progressProperty() {
        return progress;
    }

    /** @return what happened or is happening, or why it was refused */
    public StringProperty messageProperty() {
        return message;
    }

    /** @return where the prediction stands */
    public ReadOnlyObjectProperty<RunTaskState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** @return every attribute of every simulated basin outside the training basins' range */
    public ObservableList<AttributeRangeCheck.Flag> flags() {
        return flags;
    }

    /** @return the basins skipped (with their reasons), when skipping was allowed */
    public ObservableList<String> skipped() {
        return skipped;
    }

    /** @return the evaluation the prediction wrote, null before it is done */
    public EvaluationChoice result() {
        return result;
    }
}
