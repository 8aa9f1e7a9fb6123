/**
 * The differentiable HBV bucket model of the delta model (spec §1-§3): a vectorised, basin-parallel float32
 * forward kernel over many basins × components, gamma unit-hydrograph routing, and a hand-written adjoint that
 * returns the gradient of a scalar loss with respect to the network-side parameter values u ∈ [0, 1].
 *
 * <p>Entry point: {@link org.hydrodelta.core.hbv.HbvKernel} configured by {@link org.hydrodelta.core.hbv.HbvConfig}
 * (12 or 13 parameters, which are dynamic, components, routing, diagnostics); parameter ranges in
 * {@link org.hydrodelta.core.hbv.HbvParameter}; which days of u feed what in
 * {@link org.hydrodelta.core.conceptual.ParameterDays}; outputs named by {@link org.hydrodelta.core.hbv.HbvOutput}.
 *
 * <p>How it is organised: lanes are (basin, component) pairs, laid out {@code b·nmul + m} so the component axis
 * is contiguous and vectorises; each thread owns a contiguous block of basins for the whole run (warm-up,
 * window, averaging, routing, and the reverse pass), so there is no synchronisation inside the time loop and
 * results are deterministic for a given thread count. The window's forward pass records ten floats per lane and
 * day (start-of-day states, the two pow results and their logs, the snow outflow); the reverse pass recomputes
 * the rest of the day from them. The warm-up records nothing. {@code HbvStepScalar} and the two vector classes
 * hold the same arithmetic and must be changed together.
 */
package org.hydrodelta.core.hbv;
