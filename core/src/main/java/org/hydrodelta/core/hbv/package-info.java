/**
 * The differentiable HBV bucket model of the delta model (spec §1-§3): a vectorised, basin-parallel float32
 * forward kernel over many basins × components, gamma unit-hydrograph routing, and a hand-written adjoint that
 * returns the gradient of a scalar loss with respect to the network-side parameter values u ∈ [0, 1].
 *
 * <p>Entry point: {@link org.hydrodelta.core.hbv.HbvKernel} configured by {@link org.hydrodelta.core.hbv.HbvConfig};
 * parameter ranges in {@link org.hydrodelta.core.hbv.HbvParameter}; outputs named by
 * {@link org.hydrodelta.core.hbv.HbvOutput}.
 */
package org.hydrodelta.core.hbv;
