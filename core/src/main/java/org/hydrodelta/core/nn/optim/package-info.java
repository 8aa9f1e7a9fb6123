/**
 * Optimisers over named {@link org.hydrodelta.core.nn.Parameter}s with PyTorch's defaults and update order
 * ({@link org.hydrodelta.core.nn.optim.Adadelta} for the δ model, {@link org.hydrodelta.core.nn.optim.Adam}), and
 * their checkpointable {@link org.hydrodelta.core.nn.optim.OptimizerState}.
 */
package org.hydrodelta.core.nn.optim;
