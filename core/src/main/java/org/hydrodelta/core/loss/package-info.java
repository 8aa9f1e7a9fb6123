/** Training losses of the delta model (spec §5.3): value and gradient with respect to the simulation. */
package org.hydrodelta.core.loss;
