package org.hydrodelta.core.progress;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cooperative cancellation: the requester calls {@link #cancel()}, long-running core code calls
 * {@link #throwIfCancelled()} at safe points (between iterations, between basins) so nothing is left half done.
 */
public final class CancellationToken {
    /** A token that is never cancelled. */
    public static final CancellationToken NONE = new CancellationToken();

    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Requests cancellation; idempotent. */
    public void cancel() {
        if (this == NONE) {
            throw new IllegalStateException("the NONE token cannot be cancelled");
        }
        cancelled.set(true);
    }

    /** @return whether cancellation was requested */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * @throws CancelledException if cancellation was requested
     */
    public void throwIfCancelled() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }
}
