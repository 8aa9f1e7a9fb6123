package org.hydrodelta.core.nn;

/**
 * A small seeded random generator (SplitMix64, Steele, Lea &amp; Flood 2014) whose whole state is one {@code long},
 * so a trainer can checkpoint it with {@link #state()} and resume bit-identically with {@link #setState(long)}.
 * Used for weight initialisation and DropConnect masks. Not thread-safe.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    /**
     * Creates a generator.
     *
     * @param seed the seed; equal seeds give equal sequences
     */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** @return the complete state, for checkpoints */
    public long state() {
        return state;
    }

    /**
     * Restores a state saved by {@link #state()}.
     *
     * @param state the saved state
     */
    public void setState(long state) {
        this.state = state;
    }

    /** @return the next 64 uniformly distributed bits */
    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return a float uniform on [0, 1) with 24 random bits */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /**
     * @param lo lower bound
     * @param hi upper bound
     * @return a float uniform on [lo, hi)
     */
    public float uniform(float lo, float hi) {
        return lo + (hi - lo) * nextFloat();
    }

    /**
     * An independent generator seeded from this one's next output (this one advances by one draw).
     *
     * @return the new generator
     */
    public SplitMix64 split() {
        return new SplitMix64(nextLong() ^ 0x5DEECE66DL);
    }

    /**
     * Fills {@code a} with U(−bound, bound), PyTorch's default initialisation of Linear and LSTM tensors.
     *
     * @param a     the tensor
     * @param bound half-width of the interval
     */
    public void fillUniform(float[] a, float bound) {
        for (int i = 0; i < a.length; i++) {
            a[i] = uniform(-bound, bound);
        }
    }
}
