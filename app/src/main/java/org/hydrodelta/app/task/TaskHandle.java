package org.hydrodelta.app.task;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** A submitted task as the UI sees it: title, progress, message, ETA, state, and a way to cancel it. */
public interface TaskHandle {
    /** Lifecycle of a task. */
    enum State {
        /** Queued, not started. */
        WAITING,
        /** Running on a worker. */
        RUNNING,
        /** Cancellation requested; the task stops at its next safe point. */
        CANCELLING,
        /** Finished with a result. */
        SUCCEEDED,
        /** Stopped on request. */
        CANCELLED,
        /** Ended with an error. */
        FAILED
    }

    /** @return what the task does, e.g. "Training delta-desktop" */
    String title();

    /** @return progress in [0, 1], or −1 while unknown */
    ReadOnlyDoubleProperty progressProperty();

    /** @return the latest progress message */
    ReadOnlyStringProperty messageProperty();

    /** @return estimated time remaining, e.g. "3 min 20 s", empty while unknown */
    ReadOnlyStringProperty etaProperty();

    /** @return the lifecycle state */
    ReadOnlyObjectProperty<State> stateProperty();

    /** Requests cancellation; the task stops at its next safe point. */
    void cancel();
}
