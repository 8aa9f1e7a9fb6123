package org.hydrodelta.app.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.core.progress.CancelledException;

/**
 * Runs tasks on two background lanes and reports on the FX thread: long work ({@link #submitLong}, trainings)
 * one after another on its own worker, light work (data loading, the data doctor) one after another on another,
 * so light work never waits behind an hours-long training; work that waits on another process
 * ({@link #submitExternal}, cluster jobs) each on a thread of its own. Progress reports are coalesced: at most one pending UI update per task, so a fast-reporting task
 * never floods the FX thread and the UI is never blocked by it.
 */
public final class FxTaskExecutor implements TaskExecutor {
    private final ExecutorService worker = lane("hydrodelta-worker");
    private final ExecutorService longWorker = lane("hydrodelta-training");
    private final ExecutorService external = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hydrodelta-external");
        t.setDaemon(true);
        return t;
    });
    private final ObservableList<TaskHandle> tasks = FXCollections.observableArrayList();

    /** @return tasks that are waiting or running, in submission order (FX thread only) */
    @Override
    public ObservableList<TaskHandle> tasks() {
        return tasks;
    }

    private static ExecutorService lane(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> TaskHandle submit(String title, BackgroundTask<T> task, Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        return submitTo(worker, title, task, onSuccess, onFailure);
    }

    @Override
    public <T> TaskHandle submitLong(String title, BackgroundTask<T> task, Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        return submitTo(longWorker, title, task, onSuccess, onFailure);
    }

    @Override
    public <T> TaskHandle submitExternal(String title, BackgroundTask<T> task, Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        return submitTo(external, title, task, onSuccess, onFailure);
    }

    private <T> TaskHandle submitTo(ExecutorService lane, String title, BackgroundTask<T> task, Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        TaskState s = new TaskState(title);
        tasks.add(s);
        lane.execute(() -> {
            long start = System.nanoTime();
            Platform.runLater(() -> s.started(start));
            AtomicReference<Object[]> latest = new AtomicReference<>();
            AtomicBoolean scheduled = new AtomicBoolean();
            try {
                T result = task.run((done, total, msg) -> {
                    latest.set(new Object[] {done, total, msg, System.nanoTime()});
                    if (scheduled.compareAndSet(false, true)) {
                        Platform.runLater(() -> {
                            scheduled.set(false);
                            Object[] u = latest.get();
                            s.update((Long) u[0], (Long) u[1], (String) u[2], (Long) u[3]);
                        });
                    }
                }, s.token);
                Platform.runLater(() -> {
                    s.finish(TaskHandle.State.SUCCEEDED);
                    tasks.remove(s);
                    onSuccess.accept(result);
                });
            } catch (CancelledException e) {
                Platform.runLater(() -> {
                    s.finish(TaskHandle.State.CANCELLED);
                    tasks.remove(s);
                });
            } catch (Exception | Error e) {
                Platform.runLater(() -> {
                    s.finish(TaskHandle.State.FAILED);
                    tasks.remove(s);
                    onFailure.accept(e);
                });
            }
        });
        return s;
    }

    /** Stops accepting tasks; running work ends at its next cancellation check or when the JVM exits. */
    public void shutdown() {
        tasks.forEach(TaskHandle::cancel);
        worker.shutdownNow();
        longWorker.shutdownNow();
        external.shutdownNow();
    }
}
