package org.hydrodelta.app.task;

import java.util.function.Consumer;
import org.hydrodelta.core.progress.CancelledException;

/** Runs each task at once on the calling thread: view models become testable in plain JUnit. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    private final javafx.collections.ObservableList<TaskHandle> none = javafx.collections.FXCollections
            .observableArrayList();

    /** @return always empty: tasks finish before {@link #submit} returns */
    @Override
    public javafx.collections.ObservableList<TaskHandle> tasks() {
        return none;
    }

    @Override
    public <T> TaskHandle submit(String title, BackgroundTask<T> task, Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        TaskState s = new TaskState(title);
        s.started(System.nanoTime());
        try {
            T result = task.run((done, total, msg) -> s.update(done, total, msg, System.nanoTime()), s.token);
            s.finish(TaskHandle.State.SUCCEEDED);
            onSuccess.accept(result);
        } catch (CancelledException e) {
            s.finish(TaskHandle.State.CANCELLED);
        } catch (Exception | Error e) {
            s.finish(TaskHandle.State.FAILED);
            onFailure.accept(e);
        }
        return s;
    }
}
