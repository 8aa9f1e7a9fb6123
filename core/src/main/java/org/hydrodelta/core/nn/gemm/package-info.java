/**
 * Single-precision matrix products for the networks: a Vector API register-blocked microkernel with cache
 * blocking and operand packing ({@link org.hydrodelta.core.nn.gemm.Gemm}), operands packed once for reuse
 * ({@link org.hydrodelta.core.nn.gemm.PackedMatrix}), and the fixed-partition worker pool that makes parallel
 * results independent of scheduling ({@link org.hydrodelta.core.nn.gemm.WorkerPool}).
 */
package org.hydrodelta.core.nn.gemm;
