package org.hydrodelta.maps.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.maps.crs.CoordinateSystems;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Gauge points from attribute rows (e.g. CAMELS {@code camels_topo.txt} with {@code gauge_lon}, {@code gauge_lat})
 * instead of a GeoJSON file. Coordinates are WGS84 longitude/latitude.
 */
public final class PointFeatures {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private PointFeatures() {
    }

    /**
     * @param name     layer name
     * @param source   file the rows came from (named in errors), may be null
     * @param rows     attribute rows; numeric text is kept as text, {@link Feature#number} parses it
     * @param lonField field holding the longitude in degrees
     * @param latField field holding the latitude in degrees
     * @return one point feature per row, WGS84
     * @throws MapDataException when a row lacks a coordinate or has one out of range, naming the row (1-based)
     */
    public static FeatureSet fromRows(String name, Path source, List<Map<String, Object>> rows, String lonField,
            String latField) throws MapDataException {
        Path where = source != null ? source : Path.of(name);
        List<Feature> features = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Feature row = new Feature(i, null, rows.get(i));
            double lon = row.number(lonField);
            double lat = row.number(latField);
            if (Double.isNaN(lon) || Double.isNaN(lat)) {
                throw new MapDataException(where, "row " + (i + 1), "no numeric " + lonField + "/" + latField);
            }
            if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                throw new MapDataException(where, "row " + (i + 1), "(" + lon + ", " + lat
                        + ") is not a longitude/latitude");
            }
            Geometry p = FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat));
            features.add(new Feature(i, p, rows.get(i)));
        }
        Map<String, FieldDefinition> fields = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            for (Map.Entry<String, Object> e : r.entrySet()) {
                FieldType t = e.getValue() instanceof Number ? FieldType.NUMERIC : FieldType.CHARACTER;
                fields.merge(e.getKey(), new FieldDefinition(e.getKey(), t, 0, 0),
                        (a, b) -> a.type() == b.type() ? a : new FieldDefinition(a.name(), FieldType.CHARACTER, 0, 0));
            }
        }
        return new FeatureSet(name, source, new ArrayList<>(fields.values()), features, CoordinateSystems.wgs84(),
                List.of());
    }
}
