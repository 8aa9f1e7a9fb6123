package org.hydrodelta.core.train;

import org.hydrodelta.core.nn.SplitMix64;

/**
 * Draws training windows as the δ-model code does (spec §5.5): per sample, a basin uniformly with replacement
 * and a window start {@code iT} uniformly in [warm-up, N_t − ρ − 1]; HBV then reads days
 * [iT − warm-up, iT + ρ) and the loss scores [iT, iT + ρ). Its whole state is one long, saved in checkpoints.
 *
 * <p>With {@code strata} S &gt; 1 (experiment key {@code training.strata}) sample k draws its basin uniformly from
 * stratum k mod S, the basins i with i mod S = k mod S, so each minibatch holds ⌈B/S⌉ or ⌊B/S⌋ samples of every
 * stratum. Over many minibatches every basin is still drawn about equally often (exactly so when S divides the
 * number of basins). The strata are the round-robin basin partitions of data-parallel training on a cluster, whose
 * slices are then equal instead of random. S = 1 draws exactly the paper's sequence.
 */
public final class MinibatchSampler {
    private final int nBasins;
    private final int strata;
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
        this(nBasins, nDays, warmup, window, seed, 1);
    }

    /**
     * @param nBasins   training basins N
     * @param nDays     days of the training period N_t
     * @param warmup    warm-up days
     * @param window    window days ρ
     * @param seed      seed
     * @param strata    basin strata S, 1 to N (1: the paper's sampler)
     */
    public MinibatchSampler(int nBasins, int nDays, int warmup, int window, long seed, int strata) {
        java.util.Optional<String> problem = strataProblem(strata, nBasins);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        this.strata = strata;
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

    /**
     * The sampler's check of {@code training.strata} against the training basins, for callers that know the basins
     * before training (the experiment editor).
     *
     * @param strata  basin strata S
     * @param nBasins training basins N
     * @return the problem naming {@code training.strata} when S is outside [1, N]; empty otherwise
     */
    public static java.util.Optional<String> strataProblem(int strata, int nBasins) {
        if (strata < 1 || strata > nBasins) {
            return java.util.Optional.of("training.strata = " + strata + " is outside [1, " + nBasins
                    + "] (1 to the number of training basins)");
        }
        return java.util.Optional.empty();
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
            if (strata == 1) {
                basins[k] = below(nBasins);
            } else {
                int s = k % strata;
                // basins s, s + S, s + 2S, ... below N
                basins[k] = s + strata * below((nBasins - s + strata - 1) / strata);
            }
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
