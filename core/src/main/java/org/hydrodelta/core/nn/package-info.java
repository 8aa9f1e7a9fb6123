/**
 * Neural networks with hand-written forward and backward passes on flat {@code float[]} tensors: layers
 * ({@link org.hydrodelta.core.nn.Linear}, {@link org.hydrodelta.core.nn.Relu}, {@link org.hydrodelta.core.nn.Lstm}
 * with {@link org.hydrodelta.core.nn.DropConnect}, {@link org.hydrodelta.core.nn.Mlp}), the δ model's
 * parameterisation network {@link org.hydrodelta.core.nn.LstmNetwork}, named trainable
 * {@link org.hydrodelta.core.nn.Parameter}s, vectorised {@link org.hydrodelta.core.nn.Activations} and the
 * checkpointable generator {@link org.hydrodelta.core.nn.SplitMix64}. Products live in {@code .gemm}, optimisers in
 * {@code .optim}, the throughput benchmark in {@code .bench}.
 */
package org.hydrodelta.core.nn;
