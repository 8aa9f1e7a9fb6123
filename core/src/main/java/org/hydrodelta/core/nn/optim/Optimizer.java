package org.hydrodelta.core.nn.optim;

import java.util.List;
import org.hydrodelta.core.nn.Parameter;

/**
 * Updates parameters in place from their gradients. Optimisers keep per-parameter state keyed by parameter name;
 * {@link #exportState()} and {@link #importState} let a trainer checkpoint and resume bit-identically.
 */
public interface Optimizer {
    /**
     * Applies one update to every parameter from its current gradient (gradients are not zeroed).
     *
     * @param parameters parameters with unique names; the same list on every call
     */
    void step(List<Parameter> parameters);

    /** @return a deep copy of the optimiser's state */
    OptimizerState exportState();

    /**
     * Replaces the optimiser's state by a copy of {@code state}.
     *
     * @param state state from {@link #exportState()} of an optimiser of the same kind
     * @throws IllegalArgumentException if the state belongs to another kind of optimiser
     */
    void importState(OptimizerState state);
}
