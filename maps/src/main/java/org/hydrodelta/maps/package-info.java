/**
 * HydroDelta maps: vector data (shapefile, GeoJSON), coordinate systems, styled layers and one Graphics2D
 * renderer for screen, PNG, SVG and PDF. Only {@code org.hydrodelta.maps.fx} may use JavaFX.
 */
package org.hydrodelta.maps;
