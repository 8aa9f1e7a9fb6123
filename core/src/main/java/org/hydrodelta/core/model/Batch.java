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
 * @param auxiliary auxiliary observations of the experiment's targets by observation name ({@code [window][B]} with
 *                the per-sample training-period standard deviation), empty when only flow is trained on
 */
public record Batch(int size, int warmup, int window, int[] basins, float[] input, float[] forcing, float[] obs,
        java.util.Map<String, org.hydrodelta.core.loss.TargetLoss.Observed> auxiliary) {
    /** Copies the map. */
    public Batch {
        auxiliary = auxiliary == null ? java.util.Map.of() : java.util.Map.copyOf(auxiliary);
    }

    /**
     * A batch with observed flow only.
     *
     * @param size    B
     * @param warmup  warm-up days
     * @param window  scored days
     * @param basins  dataset rows
     * @param input   network inputs
     * @param forcing HBV forcing
     * @param obs     observed flow
     */
    public Batch(int size, int warmup, int window, int[] basins, float[] input, float[] forcing, float[] obs) {
        this(size, warmup, window, basins, input, forcing, obs, null);
    }

    /**
     * @return every observation of the batch by name, flow as {@link org.hydrodelta.core.loss.TargetLoss#FLOW}
     */
    public java.util.Map<String, org.hydrodelta.core.loss.TargetLoss.Observed> observations() {
        java.util.Map<String, org.hydrodelta.core.loss.TargetLoss.Observed> m = new java.util.HashMap<>(auxiliary);
        m.put(org.hydrodelta.core.loss.TargetLoss.FLOW, new org.hydrodelta.core.loss.TargetLoss.Observed(obs, null));
        return m;
    }

    /** @return T, all days of the batch */
    public int days() {
        return warmup + window;
    }
}
