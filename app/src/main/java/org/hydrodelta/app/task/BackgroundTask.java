package org.hydrodelta.app.task;

import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * A unit of long-running work written against core's progress and cancellation interfaces only, so the same
 * code runs under the workbench, the command line and tests.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface BackgroundTask<T> {
    /**
     * Does the work on a worker thread.
     *
     * @param progress where to report progress
     * @param cancel   checked at safe points; throws {@link org.hydrodelta.core.progress.CancelledException}
     * @return the result
     * @throws Exception any failure, reported to the caller's failure handler
     */
    T run(ProgressListener progress, CancellationToken cancel) throws Exception;
}
