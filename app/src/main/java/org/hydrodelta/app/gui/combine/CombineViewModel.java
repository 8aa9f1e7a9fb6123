package org.hydrodelta.app.gui.combine;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.app.task.TaskExecutor;
import org.hydrodelta.app.task.TaskHandle;
import org.hydrodelta.core.combine.ModelCombiner;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.RunRef;

/**
 * State of the "Combine runs…" dialog: the project's runs to choose from, the chosen ones, the combination's name
 * and network options, and what is wrong with them (the command line's checks, {@link ModelCombiner#problems}).
 * {@link #start} fits the combination on the long-task lane of the background executor.
 */
public final class CombineViewModel {
    private final Project project;
    private final Path projectFile;
    private final TaskExecutor tasks;
    private final ObservableList<String> runs = FXCollections.observableArrayList();
    private final ObservableList<String> chosen = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty();
    private final IntegerProperty hidden = new SimpleIntegerProperty(ModelCombiner.Request.DEFAULT_HIDDEN);
    private final IntegerProperty epochs = new SimpleIntegerProperty(ModelCombiner.Request.DEFAULT_EPOCHS);
    private final IntegerProperty seed = new SimpleIntegerProperty((int) ModelCombiner.Request.DEFAULT_SEED);
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");

    /**
     * @param project     the open project
     * @param projectFile its file (runs are written beside it)
     * @param tasks       the background executor
     */
    public CombineViewModel(Project project, Path projectFile, TaskExecutor tasks) {
        this.project = project;
        this.projectFile = projectFile;
        this.tasks = tasks;
        // runs still training cannot be combined; every other run is offered (unevaluated ones are evaluated first)
        project.runs().stream().filter(r -> !RunRef.RUNNING.equals(r.status())).map(RunRef::name).forEach(runs::add);
        int i = 1;
        while (project.run("combination-" + i).isPresent()
                || java.nio.file.Files.exists(runsDir().resolve("combination-" + i))) {
            i++;
        }
        name.set("combination-" + i);
        chosen.addListener((javafx.collections.ListChangeListener<String>) c -> check());
        name.addListener((o, a, b) -> check());
        hidden.addListener((o, a, b) -> check());
        epochs.addListener((o, a, b) -> check());
        check();
    }

    private Path runsDir() {
        return projectFile.toAbsolutePath().getParent().resolve("runs");
    }

    /** @return the request the dialog describes */
    public ModelCombiner.Request request() {
        return new ModelCombiner.Request(List.copyOf(chosen), name.get(), hidden.get(), epochs.get(), seed.get(),
                ModelCombiner.Request.DEFAULT_LEARNING_RATE, null, null);
    }

    private void check() {
        problems.set(String.join("\n", ModelCombiner.problems(project, runsDir(), request())));
    }

    /**
     * Fits the combination in the background.
     *
     * @param onDone  receives the result on the UI thread, once the run is in the project file and the open project
     * @param onError receives the failure's message on the UI thread
     * @return the task's handle, or null when the request has problems (see {@link #problemsProperty})
     */
    public TaskHandle start(Consumer<ModelCombiner.Result> onDone, Consumer<String> onError) {
        check();
        if (!problems.get().isEmpty()) {
            return null;
        }
        ModelCombiner.Request r = request();
        return tasks.submitLong("Combining " + String.join(", ", r.runs()) + " into " + r.name(),
                (progress, cancel) -> ModelCombiner.combine(project, projectFile, r, progress, cancel), result -> {
                    // on the UI thread: the run entered in the project file joins the open project (unsaved edits
                    // stay), as a training's run does
                    try {
                        org.hydrodelta.core.project.ProjectStore.mergeFromDisk(project, projectFile);
                    } catch (org.hydrodelta.core.project.ProjectException e) {
                        onError.accept("combined, but cannot read the project file back: " + e.getMessage());
                        return;
                    }
                    onDone.accept(result);
                }, e -> onError.accept(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    /** @return the runs that can be chosen */
    public ObservableList<String> runs() {
        return runs;
    }

    /** @return the chosen runs, in the order chosen */
    public ObservableList<String> chosen() {
        return chosen;
    }

    /** @return the combination's run name */
    public StringProperty nameProperty() {
        return name;
    }

    /** @return hidden units */
    public IntegerProperty hiddenProperty() {
        return hidden;
    }

    /** @return fitting epochs */
    public IntegerProperty epochsProperty() {
        return epochs;
    }

    /** @return the seed of the network's initial weights */
    public IntegerProperty seedProperty() {
        return seed;
    }

    /** @return what keeps the request from starting, one problem a line; empty when it can start */
    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }
}
