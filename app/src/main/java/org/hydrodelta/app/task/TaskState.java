package org.hydrodelta.app.task;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.hydrodelta.core.progress.CancellationToken;

/**
 * The observable state of one task, updated on the thread that owns the UI (the FX thread, or the caller's
 * thread in tests). Shared by both executors.
 */
final class TaskState implements TaskHandle {
    private final String title;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.WAITING);
    final CancellationToken token = new CancellationToken();
    private long startNanos;

    TaskState(String title) {
        this.title = title;
    }

    void started(long nanos) {
        startNanos = nanos;
        state.set(State.RUNNING);
    }

    void update(long done, long total, String msg, long nanos) {
        updateProgress(done, total, nanos);
        message.set(msg == null ? "" : msg); // after the progress, so a listener on the message sees both
    }

    private void updateProgress(long done, long total, long nanos) {
        if (total > 0) {
            double f = Math.min(1.0, (double) done / total);
            progress.set(f);
            double elapsed = (nanos - startNanos) / 1e9;
            eta.set(f > 0 && f < 1 && elapsed > 1 ? formatSeconds(elapsed * (1 - f) / f) : "");
        } else {
            progress.set(-1);
            eta.set("");
        }
    }

    void finish(State s) {
        state.set(s);
        eta.set("");
        if (s == State.SUCCEEDED) {
            progress.set(1);
        }
    }

    /**
     * @param seconds a duration
     * @return e.g. "45 s", "3 min 20 s", "2 h 05 min"
     */
    static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + String.format("%02d", (s % 3600) / 60) + " min";
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    @Override
    public void cancel() {
        if (state.get() == State.RUNNING || state.get() == State.WAITING) {
            token.cancel();
            state.set(State.CANCELLING);
        }
    }
}
