package org.hydrodelta.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hydrodelta.core.conceptual.ConceptualModel;
import org.hydrodelta.core.conceptual.OutputSpec;
import org.hydrodelta.core.nn.LstmNetwork;
import org.hydrodelta.core.nn.Parameter;

/**
 * A trainable hydrologic model. Implementations own their workspaces; one call at a time.
 */
public interface HydroModel extends AutoCloseable {
    /** @return the trainable parameters, with unique names, in a fixed order */
    List<Parameter> parameters();

    /**
     * Forward and backward pass on a training batch: adds dLoss/dParameter into each parameter's gradient.
     *
     * @param batch the batch (its shape must match the one the model was created for)
     * @return the loss and how many observations it used; a batch without observations returns count 0 and
     *         leaves the gradients untouched
     */
    LossValue trainStep(Batch batch);

    /**
     * Simulates without dropout and without keeping anything for a backward pass.
     *
     * @param batch     the block to simulate (any size)
     * @param staticDay the day whose network output supplies static parameters (the last training day in the
     *                  test protocol, spec §5.6)
     * @return routed streamflow and, where the model has them, states and fluxes, each {@code [day][sample]}
     *         over the batch's window
     */
    Map<String, float[]> simulate(Batch batch, int staticDay);

    /**
     * @return what {@link #simulate} returns besides the learned parameters, discharge first (exactly one output
     *         has {@link OutputSpec.Role#DISCHARGE})
     */
    List<OutputSpec> outputs();

    /** @return the conceptual model the outputs come from, or empty for a pure network */
    default Optional<ConceptualModel> conceptual() {
        return Optional.empty();
    }

    /**
     * @return the LSTM that maps forcings and attributes to the conceptual model's parameters (for attribute
     *         sensitivities), or empty when parameters are not learned from inputs by an LSTM
     */
    default Optional<LstmNetwork> parameterNetwork() {
        return Optional.empty();
    }

    /**
     * @return whether evaluation runs the conceptual model from a cold start through the whole record with daily
     *         parameters (δ models with dynamic parameters, spec §5.6) rather than warming it up
     */
    default boolean coldStartOverRecord() {
        return false;
    }

    /** @return random state that must survive a checkpoint (dropout masks), or 0 when the model has none */
    long randomState();

    /** @param state value from {@link #randomState()} */
    void setRandomState(long state);

    @Override
    void close();

    /**
     * A loss value.
     *
     * @param value the loss
     * @param count observations that entered it (0: no data, the step was skipped)
     */
    record LossValue(double value, int count) {
    }
}
