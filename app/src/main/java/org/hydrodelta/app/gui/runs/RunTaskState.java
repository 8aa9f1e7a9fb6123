package org.hydrodelta.app.gui.runs;

/** Where a background job on a run (a prediction, an evaluation) stands. */
public enum RunTaskState {
    /** Not started (the form is being filled). */
    IDLE,
    /** Running on the background executor. */
    RUNNING,
    /** Written; the result is shown. */
    DONE,
    /** Refused or failed; the message says why. */
    FAILED,
    /** Cancelled by the user. */
    CANCELLED
}
