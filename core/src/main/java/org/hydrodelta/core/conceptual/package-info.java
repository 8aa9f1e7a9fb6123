/**
 * The seam between networks and conceptual hydrologic models: {@link org.hydrodelta.core.conceptual.ConceptualModel}
 * describes a model's parameters ({@link org.hydrodelta.core.conceptual.ParameterSpec}), outputs
 * ({@link org.hydrodelta.core.conceptual.OutputSpec}) and forcings and runs it forward and backward. Knows no
 * training, evaluation or project code.
 */
package org.hydrodelta.core.conceptual;
