package org.hydrodelta.core.loss;

/** A training loss on streamflow with its gradient; observation gaps (NaN) are masked, never filled. */
public interface FlowLoss {
    /**
     * @param sim     simulated flow, {@code [day][sample]}
     * @param obs     observed flow in the same layout, NaN for gaps
     * @param gradSim receives dLoss/dsim (zero where masked), or {@code null}
     * @param samples number of samples (basin windows) in the layout
     * @return value and count; a batch without observations returns count 0, never NaN
     */
    LossResult evaluate(float[] sim, float[] obs, float[] gradSim, int samples);

    /**
     * @param name  {@code rmse-comb} (spec §5.3) or {@code nse}
     * @param alpha weight of the log-flow term of {@code rmse-comb}
     * @return the loss
     */
    static FlowLoss byName(String name, double alpha) {
        return switch (name) {
            case "rmse-comb" -> new RmseCombLoss(alpha);
            case "nse" -> new NseLoss();
            default -> throw new IllegalArgumentException("unknown loss '" + name + "' (rmse-comb, nse)");
        };
    }
}
