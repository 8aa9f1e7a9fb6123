package org.hydrodelta.maps.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hydrodelta.maps.crs.CoordinateSystems;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads GeoJSON (RFC 7946): a FeatureCollection, a single Feature or a bare geometry, with all seven geometry
 * types. Coordinates are WGS84 longitude/latitude; a legacy {@code crs} member naming anything else is refused.
 */
public final class GeoJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private GeoJsonReader() {
    }

    /**
     * @param file a .geojson or .json file
     * @return its features; property types are inferred per field (N numeric, L logical, C otherwise)
     * @throws MapDataException for malformed JSON or GeoJSON, naming the feature
     * @throws IOException      when the file cannot be read
     */
    public static FeatureSet read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new MapDataException(file, e.getLocation() == null ? "JSON" : "line " + e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MapDataException(file, "root", "not a GeoJSON object");
        }
        checkCrs(file, root);
        String type = root.path("type").asText("");
        List<Feature> features = new ArrayList<>();
        switch (type) {
            case "FeatureCollection" -> {
                JsonNode arr = root.get("features");
                if (arr == null || !arr.isArray()) {
                    throw new MapDataException(file, "root", "FeatureCollection without a features array");
                }
                for (int i = 0; i < arr.size(); i++) {
                    features.add(feature(file, "features[" + i + "]", arr.get(i), i));
                }
            }
            case "Feature" -> features.add(feature(file, "feature", root, 0));
            default -> features.add(new Feature(0, geometry(file, "geometry", root), Map.of()));
        }
        Envelope bounds = new Envelope();
        for (Feature f : features) {
            if (f.geometry() != null) {
                bounds.expandToInclude(f.geometry().getEnvelopeInternal());
            }
        }
        if (bounds.isNull()) {
            throw new MapDataException(file, "features", features.isEmpty() ? "the layer has no features"
                    : "no feature has a geometry; nothing to draw");
        }
        if (!CoordinateSystems.withinLonLatRange(bounds)) {
            throw new MapDataException(file, "coordinates", String.format(Locale.ROOT,
                    "coordinates (x %.6g..%.6g, y %.6g..%.6g) are outside longitude/latitude range; "
                            + "GeoJSON must be WGS84", bounds.getMinX(), bounds.getMaxX(), bounds.getMinY(),
                    bounds.getMaxY()));
        }
        return new FeatureSet(ShapefileReader.baseName(file), file, inferFields(features), features,
                CoordinateSystems.wgs84(), List.of());
    }

    private static void checkCrs(Path file, JsonNode root) throws MapDataException {
        JsonNode crs = root.get("crs");
        if (crs == null || crs.isNull()) {
            return;
        }
        String name = crs.path("properties").path("name").asText("");
        String n = name.toUpperCase(Locale.ROOT);
        if (!(n.endsWith("CRS84") || n.endsWith("EPSG::4326") || n.equals("EPSG:4326"))) {
            throw new MapDataException(file, "crs", "coordinate system '" + name
                    + "' is not supported; GeoJSON must be WGS84 longitude/latitude (CRS84)");
        }
    }

    private static Feature feature(Path file, String where, JsonNode node, int index) throws MapDataException {
        if (node == null || !"Feature".equals(node.path("type").asText())) {
            throw new MapDataException(file, where, "expected an object with \"type\": \"Feature\"");
        }
        JsonNode g = node.get("geometry");
        Geometry geometry = g == null || g.isNull() ? null : geometry(file, where + ".geometry", g);
        Map<String, Object> attributes = new LinkedHashMap<>();
        JsonNode props = node.get("properties");
        if (props != null && props.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = props.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                attributes.put(e.getKey(), value(e.getValue()));
            }
        }
        if (node.has("id") && !attributes.containsKey("id")) {
            attributes.put("id", value(node.get("id")));
        }
        return new Feature(index, geometry, attributes);
    }

    private static Object value(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        return v.toString();
    }

    private static Geometry geometry(Path file, String where, JsonNode g) throws MapDataException {
        String type = g.path("type").asText("");
        if (type.equals("GeometryCollection")) {
            JsonNode arr = g.get("geometries");
            if (arr == null || !arr.isArray()) {
                throw new MapDataException(file, where, "GeometryCollection without a geometries array");
            }
            Geometry[] parts = new Geometry[arr.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = geometry(file, where + ".geometries[" + i + "]", arr.get(i));
            }
            return FACTORY.createGeometryCollection(parts);
        }
        JsonNode c = g.get("coordinates");
        if (c == null || !c.isArray()) {
            throw new MapDataException(file, where, "geometry of type '" + type + "' without coordinates");
        }
        String at = where + ".coordinates";
        try {
            return switch (type) {
                case "Point" -> FACTORY.createPoint(position(file, at, c));
                case "MultiPoint" -> FACTORY.createMultiPointFromCoords(positions(file, at, c));
                case "LineString" -> FACTORY.createLineString(positions(file, at, c));
                case "MultiLineString" -> {
                    LineString[] lines = new LineString[c.size()];
                    for (int i = 0; i < lines.length; i++) {
                        lines[i] = FACTORY.createLineString(positions(file, at + "[" + i + "]", c.get(i)));
                    }
                    yield FACTORY.createMultiLineString(lines);
                }
                case "Polygon" -> polygon(file, at, c);
                case "MultiPolygon" -> {
                    Polygon[] polys = new Polygon[c.size()];
                    for (int i = 0; i < polys.length; i++) {
                        polys[i] = polygon(file, at + "[" + i + "]", c.get(i));
                    }
                    yield FACTORY.createMultiPolygon(polys);
                }
                default -> throw new MapDataException(file, where, "unknown geometry type '" + type + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new MapDataException(file, where, "invalid " + type + ": " + e.getMessage(), e);
        }
    }

    private static Polygon polygon(Path file, String at, JsonNode rings) throws MapDataException {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new MapDataException(file, at, "a polygon needs at least one ring");
        }
        LinearRing shell = FACTORY.createLinearRing(positions(file, at + "[0]", rings.get(0)));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = FACTORY.createLinearRing(positions(file, at + "[" + i + "]", rings.get(i)));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static Coordinate[] positions(Path file, String at, JsonNode arr) throws MapDataException {
        if (!arr.isArray()) {
            throw new MapDataException(file, at, "expected an array of positions");
        }
        Coordinate[] out = new Coordinate[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = position(file, at + "[" + i + "]", arr.get(i));
        }
        return out;
    }

    private static Coordinate position(Path file, String at, JsonNode p) throws MapDataException {
        if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new MapDataException(file, at, "expected a position [longitude, latitude]");
        }
        Coordinate c = new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
        if (p.size() > 2 && p.get(2).isNumber()) {
            c.setZ(p.get(2).asDouble());
        }
        return c;
    }

    private static List<FieldDefinition> inferFields(List<Feature> features) {
        Map<String, FieldType> types = new LinkedHashMap<>();
        for (Feature f : features) {
            for (Map.Entry<String, Object> e : f.attributes().entrySet()) {
                FieldType t = e.getValue() instanceof Number ? FieldType.NUMERIC
                        : e.getValue() instanceof Boolean ? FieldType.LOGICAL
                        : e.getValue() == null ? null : FieldType.CHARACTER;
                FieldType prev = types.get(e.getKey());
                if (prev == null) {
                    types.put(e.getKey(), t);
                } else if (t != null && t != prev) {
                    types.put(e.getKey(), FieldType.CHARACTER);
                }
            }
        }
        List<FieldDefinition> out = new ArrayList<>();
        types.forEach((k, t) -> out.add(new FieldDefinition(k, t == null ? FieldType.CHARACTER : t, 0, 0)));
        return out;
    }
}
