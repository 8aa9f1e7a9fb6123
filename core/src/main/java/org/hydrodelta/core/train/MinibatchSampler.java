package org.hydrodelta.core.train;

import org.hydrodelta.core.nn.SplitMix64;

/**
 * Draws training windows as the δ-model code does (spec §5.5): per sample, a basin uniformly with replacement
 * and a window start {@code iT} uniformly in [warm-up, N_t − ρ − 1]; HBV then reads days
 * [iT − warm-up, iT + ρ) and the loss scores [iT, iT + ρ). Its whole state is one long, saved in checkpoints.
 */
public final class MinibatchSampler {
    private final int nBasins;
    private final int firstStart;
    private final int startCount;
    private final SplitMix64 rng;

    /**
     * @param nBasins   training basins N
     * @param nDays     days of the training period N_t
     * @param warmup    warm-up days
     * @param window    window days ρ
     * @param seed      seed
     */
    public MinibatchSampler(int nBasins, int nDays, int warmup, int window, long seed) {
        if (nDays - window - warmup < 1) {
            throw new IllegalArgumentException("the training period (" + nDays + " days) is shorter than warm-up "
                    + "(" + warmup + ") plus window (" + window + ") plus one day");
        }
        this.nBasins = nBasins;
        this.firstStart = warmup;
        this.startCount = nDays - window - warmup;
        // a stream of its own, distinct from the network's initialisation and dropout streams
        this.rng = new SplitMix64(seed ^ 0x5A4D504C45524C4CL);
    }

    private int below(int bound) {
        // 31 random bits scaled to [0, bound): unbiased enough for bounds far below 2^31
        return (int) (((rng.nextLong() >>> 33) * bound) >>> 31);
    }

    /**
     * Draws one minibatch.
     *
     * @param basins receives basin indices (length = batch size)
     * @param starts receives window starts iT, in days from the training period's first day
     */
    public void next(int[] basins, int[] starts) {
        for (int k = 0; k < basins.length; k++) {
            basins[k] = below(nBasins);
            starts[k] = firstStart + below(startCount);
        }
    }

    /** @return the complete state */
    public long state() {
        return rng.state();
    }

    /** @param state a value from {@link #state()} */
    public void setState(long state) {
        rng.setState(state);
    }
}
