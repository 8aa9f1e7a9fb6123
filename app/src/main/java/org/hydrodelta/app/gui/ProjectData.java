package org.hydrodelta.app.gui;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.hydrodelta.app.task.TaskExecutor;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Project;

/**
 * The open project's data, loaded once in the background when the project opens (its first dataset, CAMELS-US,
 * Caravan or CSV, the project's basins, every day), so views can show observations at once.
 */
public final class ProjectData {
    private final ObjectProperty<BasinDataset> dataset = new SimpleObjectProperty<>();
    private final TaskExecutor executor;

    /** @param executor runs the loading */
    public ProjectData(TaskExecutor executor) {
        this.executor = executor;
    }

    /** @return the loaded dataset, {@code null} while loading or when the project has none */
    public ObjectProperty<BasinDataset> datasetProperty() {
        return dataset;
    }

    /**
     * Starts loading a project's data; the previous dataset is dropped at once.
     *
     * @param project  the project
     * @param onError  receives a one-line reason when loading fails
     */
    public void load(Project project, java.util.function.Consumer<String> onError) {
        dataset.set(null);
        DatasetRef ref = project.datasets().stream().findFirst().orElse(null);
        if (ref == null) {
            return;
        }
        List<String> basins = List.copyOf(project.basins());
        executor.submit("Loading " + ref.name(), (progress, cancel) -> {
            LoadResult r = org.hydrodelta.core.train.ExperimentData.load(ref, basins.isEmpty() ? null : basins, null,
                    null, progress, cancel);
            return r.dataset();
        }, dataset::set, e -> onError.accept("Cannot load " + ref.name() + ": " + e.getMessage()));
    }
}
