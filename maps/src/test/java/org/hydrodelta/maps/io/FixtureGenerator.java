package org.hydrodelta.maps.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hydrodelta.maps.TestData;
import org.hydrodelta.maps.crs.CoordinateSystems;
import org.hydrodelta.maps.crs.GeometryReprojector;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;

/**
 * Regenerates the committed fixtures under maps/src/test/resources/fixtures (run by hand, not a test). Every
 * coordinate comes from the real sample data: gauge locations and attributes from camels_gauges_671.geojson, state
 * outlines from conus_states.geojson, basin boundaries from the Caravan shapefile. Z is the gauge's mean basin
 * elevation (elev_mean), M the distance along the line or ring in degrees; dates are the first day of the
 * committed streamflow records of 01013500 and 01022500 (1980-01-01). The bad/ files are deliberately corrupted
 * copies of the real two-basin shapefile.
 */
public final class FixtureGenerator {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final String WGS84_PRJ = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
            + "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    private FixtureGenerator() {
    }

    /**
     * @param args ignored
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path shapes = TestData.fixtures().resolve("shapes");
        Path bad = TestData.fixtures().resolve("bad");
        Files.createDirectories(shapes);
        Files.createDirectories(bad);
        FeatureSet gauges = GeoJsonReader.read(TestData.gauges());
        FeatureSet states = GeoJsonReader.read(TestData.conusStates());
        FeatureSet basins = ShapefileReader.read(TestData.twoBasins());
        writeShapes(shapes, gauges, states, basins);
        writeBad(bad);
        writeGeoJson(TestData.fixtures().resolve("all_geometry_types.geojson"), gauges, states, basins);
    }

    private static void writeShapes(Path dir, FeatureSet gauges, FeatureSet states, FeatureSet basins)
            throws IOException {
        List<Feature> five = gauges.features().subList(0, 5);
        List<FieldDefinition> fields = List.of(
                new FieldDefinition("gauge_id", FieldType.CHARACTER, 8, 0),
                new FieldDefinition("name", FieldType.CHARACTER, 60, 0),
                new FieldDefinition("huc_02", FieldType.NUMERIC, 2, 0),
                new FieldDefinition("area", FieldType.NUMERIC, 12, 2),
                new FieldDefinition("aridity", FieldType.FLOAT, 19, 11),
                new FieldDefinition("snowy", FieldType.LOGICAL, 1, 0),
                new FieldDefinition("q_start", FieldType.DATE, 8, 0));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Feature f : five) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("gauge_id", f.text("gauge_id"));
            r.put("name", f.text("gauge_name"));
            r.put("huc_02", Long.parseLong(f.text("huc_02")));
            r.put("area", f.number("area_gages2"));
            r.put("aridity", f.number("aridity"));
            r.put("snowy", f.number("frac_snow") > 0.3);
            String id = f.text("gauge_id");
            r.put("q_start", id.equals("01013500") || id.equals("01022500") ? LocalDate.of(1980, 1, 1) : null);
            rows.add(r);
        }
        // points: 5 gauges plus a null shape as record 6
        List<Geometry> pts = new ArrayList<>();
        for (Feature f : five) {
            pts.add(f.geometry());
        }
        List<Map<String, Object>> rowsWithNull = new ArrayList<>(rows);
        pts.add(null);
        Map<String, Object> nullRow = new LinkedHashMap<>(rows.get(0));
        nullRow.put("gauge_id", "");
        nullRow.put("name", "null shape");
        nullRow.put("area", null);
        nullRow.put("aridity", null);
        nullRow.put("snowy", null);
        nullRow.put("q_start", null);
        rowsWithNull.add(nullRow);
        write(dir, "points", ShapeType.POINT, pts, fields, rowsWithNull, WGS84_PRJ);
        List<Geometry> ptsZ = new ArrayList<>();
        for (Feature f : five) {
            ptsZ.add(withZm(f.geometry(), f.number("elev_mean"), true, true));
        }
        write(dir, "points_z", ShapeType.POINT_Z, ptsZ, fields, rows, WGS84_PRJ);
        List<Geometry> ptsM = new ArrayList<>();
        for (Feature f : five) {
            ptsM.add(withZm(f.geometry(), f.number("elev_mean"), false, true));
        }
        write(dir, "points_m", ShapeType.POINT_M, ptsM, fields, rows, WGS84_PRJ);

        // multipoints: gauges grouped by region (first 3 of regions 01, 02, 03)
        List<Geometry> mps = new ArrayList<>();
        List<Map<String, Object>> mpRows = new ArrayList<>();
        List<FieldDefinition> hucField = List.of(new FieldDefinition("huc_02", FieldType.CHARACTER, 2, 0));
        for (String huc : List.of("01", "02", "03")) {
            List<Point> ps = gauges.features().stream().filter(f -> f.text("huc_02").equals(huc)).limit(3)
                    .map(f -> (Point) f.geometry()).toList();
            mps.add(GF.createMultiPoint(ps.toArray(new Point[0])));
            mpRows.add(Map.of("huc_02", huc));
        }
        write(dir, "multipoints", ShapeType.MULTIPOINT, mps, hucField, mpRows, WGS84_PRJ);
        write(dir, "multipoints_z", ShapeType.MULTIPOINT_Z, zm(mps, 100, true), hucField, mpRows, WGS84_PRJ);
        write(dir, "multipoints_m", ShapeType.MULTIPOINT_M, zm(mps, 100, false), hucField, mpRows, WGS84_PRJ);

        // polylines: state outlines of Rhode Island (one part) and Michigan (two parts: both peninsulas)
        List<FieldDefinition> nameField = List.of(new FieldDefinition("name", FieldType.CHARACTER, 20, 0));
        List<Geometry> lines = new ArrayList<>();
        List<Map<String, Object>> lineRows = new ArrayList<>();
        for (String st : List.of("Rhode Island", "Michigan")) {
            Geometry g = state(states, st);
            List<Polygon> polys = new ArrayList<>();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                polys.add((Polygon) g.getGeometryN(i));
            }
            polys.sort((a, b) -> Double.compare(b.getArea(), a.getArea()));
            int parts = st.equals("Michigan") ? 2 : 1;
            LineString[] ls = new LineString[parts];
            for (int i = 0; i < parts; i++) {
                ls[i] = GF.createLineString(polys.get(i).getExteriorRing().getCoordinates());
            }
            lines.add(parts == 1 ? ls[0] : GF.createMultiLineString(ls));
            lineRows.add(Map.of("name", st));
        }
        write(dir, "polylines", ShapeType.POLYLINE, lines, nameField, lineRows, WGS84_PRJ);
        write(dir, "polylines_z", ShapeType.POLYLINE_Z, zm(lines, 50, true), nameField, lineRows, WGS84_PRJ);
        write(dir, "polylines_m", ShapeType.POLYLINE_M, zm(lines, 50, false), nameField, lineRows, WGS84_PRJ);

        // polygons: Maine with basin 01022500 cut out as a hole, and basin 01031500 (two parts)
        Polygon maine = largest(state(states, "Maine"));
        Polygon b1 = (Polygon) basins.features().get(0).geometry();
        Polygon withHole = GF.createPolygon(GF.createLinearRing(maine.getExteriorRing().getCoordinates()),
                new LinearRing[] {GF.createLinearRing(b1.getExteriorRing().getCoordinates())});
        Geometry b2 = basins.features().get(1).geometry();
        List<Geometry> polys = List.of(withHole, b2);
        List<Map<String, Object>> polyRows = List.of(Map.of("name", "Maine minus 01022500"),
                Map.of("name", "01031500"));
        write(dir, "polygons", ShapeType.POLYGON, polys, nameField, polyRows, WGS84_PRJ);
        write(dir, "polygons_z", ShapeType.POLYGON_Z, zm(polys, 250, true), nameField, polyRows, WGS84_PRJ);
        write(dir, "polygons_m", ShapeType.POLYGON_M, zm(polys, 250, false), nameField, polyRows, WGS84_PRJ);

        // no .prj, lon/lat coordinates: WGS84 is assumed with a warning
        write(dir, "noprj_lonlat", ShapeType.POINT, pts.subList(0, 5), fields, rows, null);
        // no .prj, projected (CONUS Albers metres) coordinates: must be refused
        GeometryReprojector toAlbers = new GeometryReprojector(CoordinateSystems.wgs84(),
                CoordinateSystems.conusAlbers());
        List<Geometry> projected = new ArrayList<>();
        for (Geometry g : pts.subList(0, 5)) {
            projected.add(toAlbers.reproject(g));
        }
        write(dir, "noprj_projected", ShapeType.POINT, projected, fields, rows, null);
    }

    private static void write(Path dir, String name, ShapeType t, List<Geometry> g, List<FieldDefinition> f,
            List<Map<String, Object>> rows, String prj) throws IOException {
        ShapefileWriter.write(dir.resolve(name + ".shp"), t, g, f, rows, prj, StandardCharsets.UTF_8);
    }

    private static Geometry state(FeatureSet states, String name) {
        return states.features().stream().filter(f -> f.text("name").equals(name)).findFirst().orElseThrow()
                .geometry();
    }

    private static Polygon largest(Geometry g) {
        Polygon best = null;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            if (best == null || p.getArea() > best.getArea()) {
                best = p;
            }
        }
        return best;
    }

    /** Copies geometries adding z = the constant given and/or m = distance along each sequence. */
    private static List<Geometry> zm(List<Geometry> in, double z, boolean withZ) {
        List<Geometry> out = new ArrayList<>();
        for (Geometry g : in) {
            out.add(withZm(g, z, withZ, true));
        }
        return out;
    }

    private static Geometry withZm(Geometry g, double z, boolean withZ, boolean withM) {
        GeometryFactory f = new GeometryFactory();
        Geometry copy = g.copy();
        // rebuild through the packed factory so that z and m survive
        org.locationtech.jts.geom.util.GeometryEditor ed = new org.locationtech.jts.geom.util.GeometryEditor(
                new GeometryFactory(org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory.DOUBLE_FACTORY));
        return ed.edit(copy, new org.locationtech.jts.geom.util.GeometryEditor.CoordinateSequenceOperation() {
            @Override
            public CoordinateSequence edit(CoordinateSequence seq, Geometry geometry) {
                int n = seq.size();
                int dim = 2 + (withZ ? 1 : 0) + (withM ? 1 : 0);
                double[] c = new double[n * dim];
                double along = 0;
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        along += Math.hypot(seq.getX(i) - seq.getX(i - 1), seq.getY(i) - seq.getY(i - 1));
                    }
                    c[i * dim] = seq.getX(i);
                    c[i * dim + 1] = seq.getY(i);
                    if (withZ) {
                        c[i * dim + 2] = z;
                    }
                    if (withM) {
                        c[i * dim + dim - 1] = along;
                    }
                }
                return new PackedCoordinateSequence.Double(c, dim, withM ? 1 : 0);
            }
        });
    }

    private static void writeBad(Path dir) throws IOException {
        Path src = TestData.twoBasins();
        String base = "camels_01022500_01031500";
        for (String bad : List.of("truncated", "wrong_code", "record_length", "bad_dbf_header", "count_mismatch")) {
            for (String ext : List.of("shp", "shx", "dbf", "prj", "cpg")) {
                Files.copy(src.resolveSibling(base + "." + ext), dir.resolve(bad + "." + ext),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // truncated: the last 1000 bytes of the .shp are missing (header still declares the full length)
        byte[] shp = Files.readAllBytes(dir.resolve("truncated.shp"));
        Files.write(dir.resolve("truncated.shp"), Arrays.copyOf(shp, shp.length - 1000));
        // wrong file code
        patchInt(dir.resolve("wrong_code.shp"), 0, 9995, ByteOrder.BIG_ENDIAN);
        // record 2 declares one point fewer than its content holds
        byte[] rl = Files.readAllBytes(dir.resolve("record_length.shp"));
        ByteBuffer b = ByteBuffer.wrap(rl);
        int rec2 = 100 + 8 + 2 * b.getInt(104);
        int numPointsAt = rec2 + 8 + 4 + 32 + 4;
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(numPointsAt, b.getInt(numPointsAt) - 1);
        Files.write(dir.resolve("record_length.shp"), rl);
        // .dbf record length 1 byte short of its fields
        byte[] dbf = Files.readAllBytes(dir.resolve("bad_dbf_header.dbf"));
        ByteBuffer d = ByteBuffer.wrap(dbf).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort(10, (short) (d.getShort(10) - 1));
        Files.write(dir.resolve("bad_dbf_header.dbf"), dbf);
        // .dbf with only the first row
        byte[] one = Files.readAllBytes(dir.resolve("count_mismatch.dbf"));
        ByteBuffer o = ByteBuffer.wrap(one).order(ByteOrder.LITTLE_ENDIAN);
        int header = o.getShort(8);
        int recLen = o.getShort(10);
        o.putInt(4, 1);
        byte[] cut = Arrays.copyOf(one, header + recLen + 1);
        cut[cut.length - 1] = 0x1A;
        Files.write(dir.resolve("count_mismatch.dbf"), cut);
    }

    private static void patchInt(Path file, int at, int value, ByteOrder order) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(order).putInt(at, value);
        Files.write(file, bytes);
    }

    private static void writeGeoJson(Path out, FeatureSet gauges, FeatureSet states, FeatureSet basins)
            throws IOException {
        Feature g0 = gauges.features().get(0);
        Feature g1 = gauges.features().get(1);
        Feature g2 = gauges.features().get(2);
        Polygon maine = largest(state(states, "Maine"));
        Polygon b1 = (Polygon) basins.features().get(0).geometry();
        Coordinate[] ring = maine.getExteriorRing().getCoordinates();
        Coordinate[] head = Arrays.copyOf(ring, 6);
        Coordinate[] tail = Arrays.copyOfRange(ring, 10, 16);
        MultiPolygon b2 = (MultiPolygon) basins.features().get(1).geometry();
        List<String> features = new ArrayList<>();
        features.add(feature("Point", json(g0.geometry().getCoordinate()), g0, 1));
        features.add(feature("MultiPoint", "[" + json(g0.geometry().getCoordinate()) + ","
                + json(g1.geometry().getCoordinate()) + "]", g1, 2));
        features.add(feature("LineString", json(head), g2, 3));
        features.add(feature("MultiLineString", "[" + json(head) + "," + json(tail) + "]", null, 4));
        features.add(feature("Polygon", "[" + json(ring) + "," + json(b1.getExteriorRing().getCoordinates())
                + "]", null, 5));
        StringBuilder mp = new StringBuilder("[");
        for (int i = 0; i < b2.getNumGeometries(); i++) {
            mp.append(i > 0 ? "," : "").append("[")
                    .append(json(((Polygon) b2.getGeometryN(i)).getExteriorRing().getCoordinates())).append("]");
        }
        features.add(feature("MultiPolygon", mp.append("]").toString(), null, 6));
        features.add("{\"type\":\"Feature\",\"properties\":{\"kind\":\"GeometryCollection\",\"rank\":7},"
                + "\"geometry\":{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\","
                + "\"coordinates\":" + json(g2.geometry().getCoordinate()) + "},{\"type\":\"LineString\","
                + "\"coordinates\":" + json(tail) + "}]}}");
        features.add("{\"type\":\"Feature\",\"properties\":{\"kind\":\"null geometry\",\"rank\":8,"
                + "\"ok\":true},\"geometry\":null}");
        String text = "{\"type\":\"FeatureCollection\",\"features\":[\n" + String.join(",\n", features) + "\n]}\n";
        Files.writeString(out, text);
    }

    private static String feature(String type, String coords, Feature from, int rank) {
        String props = "\"kind\":\"" + type + "\",\"rank\":" + rank
                + (from == null ? "" : ",\"gauge_id\":\"" + from.text("gauge_id") + "\"");
        return "{\"type\":\"Feature\",\"properties\":{" + props + "},\"geometry\":{\"type\":\"" + type
                + "\",\"coordinates\":" + coords + "}}";
    }

    private static String json(Coordinate c) {
        return String.format(Locale.ROOT, "[%s,%s]", c.x, c.y);
    }

    private static String json(Coordinate[] cs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < cs.length; i++) {
            sb.append(i > 0 ? "," : "").append(json(cs[i]));
        }
        return sb.append("]").toString();
    }
}
