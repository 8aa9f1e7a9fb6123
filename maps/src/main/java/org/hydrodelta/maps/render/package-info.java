/**
 * The one Graphics2D map renderer and what feeds it: layers in the display projection, the viewport (pan and
 * zoom), the scene (layers, selection, legend), hit testing for hover and click, lasso selection, and exporters to
 * PNG, SVG (JFreeSVG) and PDF (JFreePDF). The JavaFX node draws through the same renderer, so the screen and the
 * exported figures are the same drawing.
 */
package org.hydrodelta.maps.render;
