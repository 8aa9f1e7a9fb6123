package org.hydrodelta.maps.style;

import java.awt.Color;

/**
 * One swatch of a legend.
 *
 * @param color swatch colour
 * @param label text beside it (a class range, a value or "no data")
 */
public record LegendEntry(Color color, String label) {
}
