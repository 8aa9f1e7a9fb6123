/**
 * The JavaFX map node: a canvas drawn by the shared {@link org.hydrodelta.maps.render.MapRenderer} through
 * FXGraphics2D, with pan, wheel zoom, fit to layer, hover tooltips, click selection events and lasso selection
 * events. The only package of the maps module allowed to use JavaFX.
 */
package org.hydrodelta.maps.fx;
