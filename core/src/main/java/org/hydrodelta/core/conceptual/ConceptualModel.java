package org.hydrodelta.core.conceptual;

import java.util.List;
import java.util.Optional;

/**
 * A differentiable conceptual hydrologic model (HBV, δHBV 1.1p, ...) as the δ framework needs it: which
 * parameters a network must produce and in which physical ranges, which states and fluxes come out, which
 * forcings go in, and a kernel that runs forward and back-propagates a loss exactly to the network's values.
 *
 * <p><b>Parameter array</b> u ∈ [0, 1], {@code [day][basin][rowWidth()]}: column {@code p·components() + m} is
 * parameter p ({@link #parameters()} order) of component m; the last {@link #routingColumns()} columns feed the
 * routing. Which rows are read is given by {@link ParameterDays}. <b>Forcing</b> {@code [day][basin][n]} in the
 * order of {@link #requiredForcings()}, un-normalised.
 */
public interface ConceptualModel {
    /** @return display name, e.g. {@code HBV 1.0} */
    String displayName();

    /** @return the parameters the network produces, in column order, with this run's dynamic flags */
    List<ParameterSpec> parameters();

    /** @return parallel components per basin (their outputs are averaged) */
    int components();

    /** @return columns after the parameters that feed routing (0 without routing parameters) */
    int routingColumns();

    /** @return columns per basin-day row of u */
    default int rowWidth() {
        return parameters().size() * components() + routingColumns();
    }

    /** @return whether any parameter takes a value per day */
    default boolean anyDynamic() {
        return parameters().stream().anyMatch(ParameterSpec::dynamic);
    }

    /** @return every output, discharge first */
    List<OutputSpec> outputs();

    /**
     * @return the outputs a training loss may read (their gradients go back through the kernel exactly), discharge
     *         first; by default the discharge only
     */
    default List<String> trainableOutputs() {
        return List.of(outputs().get(0).name());
    }

    /** @return the variable names of the forcing columns, in order ({@code PRCP}, {@code TMEAN}, {@code PET}) */
    List<String> requiredForcings();

    /**
     * @param name a parameter name
     * @return its spec, if the model has it
     */
    default Optional<ParameterSpec> parameter(String name) {
        return parameters().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Allocates a kernel for one batch shape: its workspace (allocated once) and its threads.
     *
     * @param nBasins     basins per call
     * @param nWarmup     warm-up days (nothing recorded)
     * @param nWindow     scored days
     * @param threads     worker threads (≥ 1); results are bit-identical for the same thread count
     * @param diagnostics whether states and fluxes besides discharge are produced
     * @return the kernel
     */
    Kernel newKernel(int nBasins, int nWarmup, int nWindow, int threads, boolean diagnostics);

    /** Forward and exact reverse pass over one batch shape. Not thread-safe: one call at a time. */
    interface Kernel extends AutoCloseable {
        /**
         * Runs warm-up and window from a cold start and records what {@link #backward} needs.
         *
         * @param forcing {@code [day][basin][nForcings]}
         * @param u       {@code [day][basin][rowWidth]} in [0, 1]
         * @param days    which rows supply warm-up, static and routing values
         */
        void forward(float[] forcing, float[] u, ParameterDays days);

        /**
         * Reverse pass of the last forward: adds dLoss/du into {@code dLossDu}; forcing and u must be unchanged.
         *
         * @param dLossDDischarge dLoss/d(discharge), {@code [windowDay][basin]}
         * @param dLossDu         accumulates the gradient, layout of u
         */
        void backward(float[] dLossDDischarge, float[] dLossDu);

        /**
         * Floats per {@code [windowDay][basin]} row of the dynamic block this kernel takes (see
         * {@link #forward(float[], float[], float[], ParameterDays)}), 0 if it takes none.
         *
         * @return the block's row width
         */
        default int dynamicBlockWidth() {
            return 0;
        }

        /**
         * As {@link #forward(float[], float[], ParameterDays)}, with the dynamic parameters of the window days from
         * a compact block {@code [windowDay][basin][dynamicBlockWidth()]} instead of u's rows (which are then not
         * read there). The δ model's output layer computes these values as one compact product; read out of u's
         * wide rows they were two cache lines of every 840-byte row, about a quarter of the HBV kernel's time.
         *
         * @param forcing      {@code [day][basin][nForcings]}
         * @param u            {@code [day][basin][rowWidth]} in [0, 1]
         * @param dynamicBlock {@code [windowDay][basin][dynamicBlockWidth()]} in [0, 1], or null to read u
         * @param days         which rows supply warm-up, static and routing values
         * @throws UnsupportedOperationException if the kernel takes no block
         */
        default void forward(float[] forcing, float[] u, float[] dynamicBlock, ParameterDays days) {
            if (dynamicBlock != null) {
                throw new UnsupportedOperationException("this model takes no dynamic block");
            }
            forward(forcing, u, days);
        }

        /**
         * Reverse pass of {@link #forward(float[], float[], float[], ParameterDays)}: the gradient of the block goes
         * to {@code dLossDBlock}, that of the values read from u to {@code dLossDu}.
         *
         * @param dLossDDischarge dLoss/d(discharge), {@code [windowDay][basin]}
         * @param dLossDu         accumulates the gradient, layout of u
         * @param dLossDBlock     accumulates the block's gradient, its layout; null if the forward took none
         */
        default void backward(float[] dLossDDischarge, float[] dLossDu, float[] dLossDBlock) {
            if (dLossDBlock != null) {
                throw new UnsupportedOperationException("this model takes no dynamic block");
            }
            backward(dLossDDischarge, dLossDu);
        }

        /**
         * Reverse pass with gradients on other outputs too (a loss on several targets). Kernels that cannot seed
         * an output's gradient refuse it; the default takes none.
         *
         * @param dLossDDischarge dLoss/d(discharge), {@code [windowDay][basin]}
         * @param dLossDOutputs   dLoss/d(output) by name of {@link ConceptualModel#trainableOutputs()} (discharge
         *                        excluded), each {@code [windowDay][basin]}
         * @param dLossDu         accumulates the gradient, layout of u
         * @throws IllegalArgumentException naming an output the kernel cannot take a gradient on
         */
        default void backward(float[] dLossDDischarge, java.util.Map<String, float[]> dLossDOutputs,
                float[] dLossDu) {
            if (!dLossDOutputs.isEmpty()) {
                throw new IllegalArgumentException("this model takes a gradient on its discharge only, not on "
                        + dLossDOutputs.keySet());
            }
            backward(dLossDDischarge, dLossDu);
        }

        /** @return the discharge of the last forward, {@code [windowDay][basin]} (the kernel's own array) */
        float[] discharge();

        /**
         * @param name an output of {@link ConceptualModel#outputs()}
         * @return its component mean over the window, {@code [windowDay][basin]} (the kernel's own array)
         */
        float[] output(String name);

        @Override
        void close();
    }
}
