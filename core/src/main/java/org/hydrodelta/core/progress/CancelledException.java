package org.hydrodelta.core.progress;

/** Thrown at a safe point when the work's {@link CancellationToken} was cancelled. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public CancelledException() {
        super("cancelled");
    }
}
