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
     * The first half of {@link #trainStep}, for data-parallel training (the cluster module): the forward pass of a
     * training batch in training mode (one dropout draw, as {@code trainStep} makes), keeping what
     * {@link #backwardTrain} needs. {@code trainStep(b)} is exactly {@code forwardTrain(b)}, {@link #loss()} on
     * its result and {@code b.obs()}, then {@code backwardTrain} of the loss gradient; a process that holds only
     * a slice of a minibatch runs the two halves around a loss computed elsewhere on the whole batch.
     *
     * @param batch the batch: warm-up and window as the model was created for; the number of samples may change
     *              from one call to the next (a data-parallel slice's share of each minibatch)
     * @return simulated flow {@code [window][sample]}, the values the loss compares with {@code batch.obs()};
     *         owned by the model and overwritten by the next call
     * @throws UnsupportedOperationException if the model has no split training step
     */
    default float[] forwardTrain(Batch batch) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no split training step");
    }

    /**
     * The second half of {@link #trainStep}: back-propagates dLoss/dflow for the batch of the last
     * {@link #forwardTrain}, adding dLoss/dParameter into each parameter's gradient.
     *
     * @param dFlow dLoss/dflow in the layout {@code forwardTrain} returned (0 where no observation)
     * @throws UnsupportedOperationException if the model has no split training step
     */
    default void backwardTrain(float[] dFlow) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no split training step");
    }

    /**
     * @return the training loss {@link #trainStep} applies
     * @throws UnsupportedOperationException if the model has no split training step
     */
    default org.hydrodelta.core.loss.FlowLoss loss() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no split training step");
    }

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
