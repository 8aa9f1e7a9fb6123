package org.hydrodelta.cluster;

import java.io.Serializable;

/**
 * One partition's share of a minibatch: its samples' positions in the minibatch, basins and first days, and in the
 * backward phase dLoss/dflow of those samples.
 *
 * @param partition index of the partition (its basins)
 * @param step      unique key of the iteration ({@code job id:iteration})
 * @param positions position of each sample in the whole minibatch
 * @param basins    basin id of each sample
 * @param firstDays dataset day index of each sample's first (warm-up) day
 * @param warmup    warm-up days
 * @param window    window days
 * @param dFlow     dLoss/dflow {@code [window][sample]} of this slice (backward phase), else {@code null}
 */
public record Slice(int partition, String step, int[] positions, String[] basins, int[] firstDays, int warmup,
        int window, float[] dFlow) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @return samples in the slice */
    public int size() {
        return positions.length;
    }

    /**
     * @param d dLoss/dflow of this slice
     * @return the slice for the backward phase
     */
    public Slice withGradient(float[] d) {
        return new Slice(partition, step, positions, basins, firstDays, warmup, window, d);
    }
}
