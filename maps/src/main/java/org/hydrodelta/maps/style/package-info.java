/**
 * Map styling: colour ramps (perceptually uniform sequential ramps such as viridis, diverging ramps for signed
 * values such as bias), continuous and classed colour scales (quantiles, equal interval), the NaN colour, layer
 * styles and the legend model the renderer draws.
 */
package org.hydrodelta.maps.style;
