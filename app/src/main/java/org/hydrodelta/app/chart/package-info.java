/**
 * Charts of the workbench built with JFreeChart: hydrographs with the hyetograph and internal states, flow
 * duration curves, scatter plots, regimes, loss curves. Builders return plain {@code JFreeChart} objects, so the
 * same chart is shown on screen and exported to PNG, SVG and PDF.
 */
package org.hydrodelta.app.chart;
