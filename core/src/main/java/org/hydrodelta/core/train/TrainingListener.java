package org.hydrodelta.core.train;

import java.util.Map;

/** Receives training events for live charts and maps; called on the training thread. */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() { };

    /**
     * Before the run folder is created, when some requested basins cannot be used and the run goes on without
     * them (the caller allowed it): every one, with the reasons naming file, line and field.
     *
     * @param skipped the basins left out
     */
    default void basinsSkipped(java.util.List<org.hydrodelta.core.data.Usability.UnusableBasin> skipped) {
    }

    /**
     * Once the run folder exists, before the first iteration (a cancelled run can be resumed from there).
     *
     * @param runDir the run folder
     */
    default void runStarted(java.nio.file.Path runDir) {
    }

    /**
     * After each iteration.
     *
     * @param iteration global iteration (1-based)
     * @param epoch     epoch (1-based)
     * @param loss      training loss of the batch, NaN when the batch had no observations
     */
    default void iteration(long iteration, int epoch, double loss) {
    }

    /**
     * After each epoch's checkpoint.
     *
     * @param epoch         the finished epoch
     * @param meanLoss      mean training loss over the epoch
     * @param validationNse NSE per basin on the validation period (empty when there is none)
     */
    default void epoch(int epoch, double meanLoss, Map<String, Double> validationNse) {
    }
}
