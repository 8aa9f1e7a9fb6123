package org.hydrodelta.core.progress;

/**
 * Receives progress of long-running core work (import, training, evaluation). The app adapts it to a JavaFX
 * task, the command line to a console progress bar; core code calls it from its worker thread.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total, message) -> { };

    /**
     * Reports progress.
     *
     * @param done    units of work finished so far
     * @param total   total units of work, or a negative number when unknown
     * @param message a short human-readable description of the current step
     */
    void progress(long done, long total, String message);
}
