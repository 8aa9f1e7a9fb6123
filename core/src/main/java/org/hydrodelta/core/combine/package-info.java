/**
 * Learned combination of evaluated runs (differentiable model selection): a small network maps each basin's static
 * attributes to softmax weights over the runs, with a learned temperature, fitted on the validation period by
 * gradient descent with exact hand-written gradients ({@link org.hydrodelta.core.combine.CombinationNetwork}),
 * evaluated on the test period and written as a run folder of its own ({@link org.hydrodelta.core.combine.ModelCombiner}).
 */
package org.hydrodelta.core.combine;
