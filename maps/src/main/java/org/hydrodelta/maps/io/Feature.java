package org.hydrodelta.maps.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One geometry with its attribute row.
 *
 * @param index      position in the file, 0-based (shapefile record number minus one)
 * @param geometry   the geometry, null for a null shape
 * @param attributes field name to value (String, Long, Double, Boolean, LocalDate or null), in file order
 */
public record Feature(int index, Geometry geometry, Map<String, Object> attributes) {
    /** Freezes the attribute row. */
    public Feature {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * @param field field name
     * @return the value, or null when absent
     */
    public Object attribute(String field) {
        return attributes.get(field);
    }

    /**
     * @param field field name
     * @return the value as a number, NaN when missing or not numeric (numeric text is parsed)
     */
    public double number(String field) {
        Object v = attributes.get(field);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /**
     * @param field field name
     * @return the value as text, empty when missing
     */
    public String text(String field) {
        Object v = attributes.get(field);
        return v == null ? "" : v.toString();
    }

    /**
     * @param newGeometry replacement geometry (e.g. reprojected)
     * @return a copy of this feature with another geometry
     */
    public Feature withGeometry(Geometry newGeometry) {
        return new Feature(index, newGeometry, attributes);
    }
}
