package org.hydrodelta.maps.style;

import java.awt.Color;

/**
 * How one layer is drawn. A choropleth replaces the fill colour with the colour of the feature's value.
 *
 * @param fill        fill for polygons and point symbols, null for none
 * @param stroke      outline colour, null for none
 * @param strokeWidth outline width in pixels
 * @param pointRadius radius of point symbols in pixels
 * @param choropleth  colour by a field, null for a plain fill
 * @param labelField  field whose value is drawn beside each feature, null for no labels
 */
public record LayerStyle(Color fill, Color stroke, float strokeWidth, double pointRadius, Choropleth choropleth,
        String labelField) {
    /** Light grey land with white state borders: a quiet backdrop. */
    public static final LayerStyle BACKDROP = new LayerStyle(new Color(0xEDEDED), new Color(0x9A9A9A), 0.7f, 3,
            null, null);
    /** Basin polygons without a value. */
    public static final LayerStyle POLYGONS = new LayerStyle(new Color(0x9ECAE1), new Color(0x303030), 1.0f, 3,
            null, null);
    /** Gauge points without a value. */
    public static final LayerStyle POINTS = new LayerStyle(new Color(0x3182BD), new Color(0x202020), 0.6f, 3.5,
            null, null);

    /**
     * @param c colour-by settings
     * @return this style coloured by a field
     */
    public LayerStyle withChoropleth(Choropleth c) {
        return new LayerStyle(fill, stroke, strokeWidth, pointRadius, c, labelField);
    }

    /**
     * @param field field to label with, null for none
     * @return this style with labels
     */
    public LayerStyle withLabels(String field) {
        return new LayerStyle(fill, stroke, strokeWidth, pointRadius, choropleth, field);
    }

    /**
     * Colour by a numeric field.
     *
     * @param field name of the numeric field
     * @param units units shown in the legend title (may be empty)
     * @param scale value-to-colour mapping
     */
    public record Choropleth(String field, String units, ColorScale scale) {
        /** @return legend title: the field with its units in brackets */
        public String title() {
            return units == null || units.isBlank() ? field : field + " [" + units + "]";
        }
    }
}
