package org.hydrodelta.core.train;

/**
 * Iterations per epoch as the δ-model code defines them (spec §5.4, hydroDL {@code train.py}): enough random
 * windows that each basin-day of the training data is covered at least once with probability 0.99,
 * {@code n = ceil( ln 0.01 / ln(1 − B·ρ / (N · (N_t − warm-up))) )}.
 */
public final class EpochLength {
    private EpochLength() {
    }

    /**
     * @param batchSize    basins per minibatch (B)
     * @param windowDays   loss window length (ρ)
     * @param basins       training basins (N)
     * @param trainingDays days in the training period (N_t)
     * @param warmupDays   warm-up days excluded from window starts
     * @return iterations per epoch, at least 1
     */
    public static int iterations(int batchSize, int windowDays, int basins, int trainingDays, int warmupDays) {
        int usable = trainingDays - warmupDays;
        if (batchSize < 1 || windowDays < 1 || basins < 1 || usable < windowDays) {
            throw new IllegalArgumentException("no training window fits: " + trainingDays + " training days, "
                    + warmupDays + " warm-up, window " + windowDays);
        }
        double coverage = (double) batchSize * windowDays / ((double) basins * usable);
        if (coverage >= 1) {
            return 1;
        }
        return Math.max(1, (int) Math.ceil(Math.log(0.01) / Math.log(1 - coverage)));
    }
}
