package org.hydrodelta.app.task;

import java.util.function.Consumer;
import javafx.collections.ObservableList;

/** Runs {@link BackgroundTask}s and delivers their outcome on the UI thread (or the caller's, in tests). */
public interface TaskExecutor {
    /**
     * Submits a task.
     *
     * @param title     what the task does, shown in the status bar
     * @param task      the work
     * @param onSuccess receives the result
     * @param onFailure receives the error; not called on cancellation
     * @param <T>       the result type
     * @return a handle to follow and cancel the task
     */
    <T> TaskHandle submit(String title, BackgroundTask<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * Submits long work (a training) to its own lane, so light work (loading a basin, the data doctor, exports)
     * never waits behind it; long tasks still run one after another.
     *
     * @param title     what the task does, shown in the status bar
     * @param task      the work
     * @param onSuccess receives the result
     * @param onFailure receives the error; not called on cancellation
     * @param <T>       the result type
     * @return a handle to follow and cancel the task
     */
    default <T> TaskHandle submitLong(String title, BackgroundTask<T> task, Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        return submit(title, task, onSuccess, onFailure);
    }

    /**
     * Submits work that waits on another process (a cluster job): it starts at once on a thread of its own, so it
     * neither waits behind a training nor holds up light work, however long the process runs.
     *
     * @param title     what the task does, shown in the status bar
     * @param task      the work
     * @param onSuccess receives the result
     * @param onFailure receives the error; not called on cancellation
     * @param <T>       the result type
     * @return a handle to follow and cancel the task
     */
    default <T> TaskHandle submitExternal(String title, BackgroundTask<T> task, Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        return submit(title, task, onSuccess, onFailure);
    }

    /** @return tasks waiting or running, in submission order (for the status bar) */
    ObservableList<TaskHandle> tasks();
}
