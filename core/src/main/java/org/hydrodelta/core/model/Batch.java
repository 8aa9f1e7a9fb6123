package org.hydrodelta.core.model;

/**
 * One minibatch (or evaluation block) of B samples over T = warm-up + window days, time-major.
 *
 * @param size    B, number of samples (basin windows)
 * @param warmup  days before the scored window
 * @param window  scored days
 * @param basins  dataset row of each sample's basin (length B)
 * @param input   normalised network inputs {@code [T][B][nIn]}, or {@code null} for models without a network
 * @param forcing raw forcing for HBV {@code [T][B][3]}: P (mm/d), T (°C), PET (mm/d)
 * @param obs     observed flow {@code [window][B]} in mm/d, NaN for gaps (masked in the loss)
 */
public record Batch(int size, int warmup, int window, int[] basins, float[] input, float[] forcing, float[] obs) {
    /** @return T, all days of the batch */
    public int days() {
        return warmup + window;
    }
}
