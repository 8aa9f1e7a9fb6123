package org.hydrodelta.maps.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes a small shapefile (.shp, .shx, .dbf, .cpg and optionally .prj) of one shape type, including the Z and M
 * variants. Used by the benchmark to generate large inputs and by tests to build fixtures; it writes polygon
 * shells clockwise and holes counter-clockwise as the format requires.
 */
public final class ShapefileWriter {
    private ShapefileWriter() {
    }

    /**
     * @param shp        path of the .shp to write; siblings get the same base name
     * @param type       shape type of every record
     * @param geometries one geometry per record (null writes a null shape)
     * @param fields     attribute schema (C, N, F, L, D)
     * @param rows       one attribute row per record
     * @param prjWkt     WKT for the .prj, or null to write none
     * @param charset    encoding of text fields, written to the .cpg
     * @throws IOException when a file cannot be written
     */
    public static void write(Path shp, ShapeType type, List<Geometry> geometries, List<FieldDefinition> fields,
            List<Map<String, Object>> rows, String prjWkt, Charset charset) throws IOException {
        if (rows.size() != geometries.size()) {
            throw new IllegalArgumentException(rows.size() + " rows for " + geometries.size() + " geometries");
        }
        List<byte[]> contents = new ArrayList<>();
        Envelope all = new Envelope();
        for (Geometry g : geometries) {
            contents.add(content(type, g));
            if (g != null) {
                all.expandToInclude(g.getEnvelopeInternal());
            }
        }
        int shpLength = 100;
        for (byte[] c : contents) {
            shpLength += 8 + c.length;
        }
        ByteBuffer shpBuf = header(shpLength, type, all);
        ByteBuffer shxBuf = header(100 + 8 * contents.size(), type, all);
        int offset = 100;
        for (int i = 0; i < contents.size(); i++) {
            byte[] c = contents.get(i);
            shpBuf.order(ByteOrder.BIG_ENDIAN).putInt(i + 1).putInt(c.length / 2);
            shpBuf.put(c);
            shxBuf.order(ByteOrder.BIG_ENDIAN).putInt(offset / 2).putInt(c.length / 2);
            offset += 8 + c.length;
        }
        String base = ShapefileReader.baseName(shp);
        Path dir = shp.toAbsolutePath().getParent();
        Files.write(shp, shpBuf.array());
        Files.write(dir.resolve(base + ".shx"), shxBuf.array());
        Files.write(dir.resolve(base + ".dbf"), dbf(fields, rows, charset));
        Files.writeString(dir.resolve(base + ".cpg"), charset.name(), charset);
        if (prjWkt != null) {
            Files.writeString(dir.resolve(base + ".prj"), prjWkt, charset);
        }
    }

    private static ByteBuffer header(int length, ShapeType type, Envelope env) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.order(ByteOrder.BIG_ENDIAN).putInt(9994).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0)
                .putInt(length / 2);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(1000).putInt(type.code());
        boolean empty = env.isNull();
        b.putDouble(empty ? 0 : env.getMinX()).putDouble(empty ? 0 : env.getMinY())
                .putDouble(empty ? 0 : env.getMaxX()).putDouble(empty ? 0 : env.getMaxY());
        b.putDouble(0).putDouble(0).putDouble(0).putDouble(0);
        return b;
    }

    private static byte[] content(ShapeType type, Geometry g) {
        if (g == null) {
            return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0).array();
        }
        List<CoordinateSequence> parts = new ArrayList<>();
        switch (type.kind()) {
            case POINT, MULTIPOINT -> {
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    parts.add(((Point) g.getGeometryN(i)).getCoordinateSequence());
                }
            }
            case POLYLINE -> {
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    parts.add(((LineString) g.getGeometryN(i)).getCoordinateSequence());
                }
            }
            case POLYGON -> {
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    Polygon p = (Polygon) g.getGeometryN(i);
                    parts.add(oriented(p.getExteriorRing().getCoordinateSequence(), false));
                    for (int h = 0; h < p.getNumInteriorRing(); h++) {
                        parts.add(oriented(p.getInteriorRingN(h).getCoordinateSequence(), true));
                    }
                }
            }
            default -> throw new IllegalArgumentException("cannot write " + type);
        }
        int n = 0;
        for (CoordinateSequence s : parts) {
            n += s.size();
        }
        boolean point = type.kind() == ShapeType.Kind.POINT;
        boolean multi = type.kind() == ShapeType.Kind.MULTIPOINT;
        int size = 4 + (point ? 16 : 32 + 4 + (multi ? 0 : 4 + 4 * parts.size()) + 16 * n);
        int extra = point ? 8 : 16 + 8 * n;
        size += (type.hasZ() ? extra : 0) + (type.hasM() ? extra : 0);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type.code());
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] zs = new double[n];
        double[] ms = new double[n];
        int k = 0;
        for (CoordinateSequence s : parts) {
            for (int i = 0; i < s.size(); i++, k++) {
                xs[k] = s.getX(i);
                ys[k] = s.getY(i);
                zs[k] = s.hasZ() ? s.getZ(i) : 0;
                ms[k] = s.hasM() ? s.getM(i) : -1e39;
            }
        }
        if (!point) {
            Envelope e = g.getEnvelopeInternal();
            b.putDouble(e.getMinX()).putDouble(e.getMinY()).putDouble(e.getMaxX()).putDouble(e.getMaxY());
            if (!multi) {
                b.putInt(parts.size());
            }
            b.putInt(n);
            if (!multi) {
                int start = 0;
                for (CoordinateSequence s : parts) {
                    b.putInt(start);
                    start += s.size();
                }
            }
        }
        for (int i = 0; i < n; i++) {
            b.putDouble(xs[i]).putDouble(ys[i]);
        }
        if (type.hasZ()) {
            block(b, zs, point);
        }
        if (type.hasM()) {
            block(b, ms, point);
        }
        return b.array();
    }

    private static void block(ByteBuffer b, double[] v, boolean point) {
        if (!point) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double d : v) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            b.putDouble(min).putDouble(max);
        }
        for (double d : v) {
            b.putDouble(d);
        }
    }

    private static CoordinateSequence oriented(CoordinateSequence ring, boolean ccw) {
        if (Orientation.isCCW(ring) == ccw) {
            return ring;
        }
        CoordinateSequence r = ring.copy();
        org.locationtech.jts.geom.CoordinateSequences.reverse(r);
        return r;
    }

    private static byte[] dbf(List<FieldDefinition> fields, List<Map<String, Object>> rows, Charset cs) {
        int headerLength = 32 + 32 * fields.size() + 1;
        int recordLength = 1;
        for (FieldDefinition f : fields) {
            recordLength += f.length();
        }
        ByteBuffer b = ByteBuffer.allocate(headerLength + recordLength * rows.size() + 1)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 3).put((byte) 126).put((byte) 1).put((byte) 1).putInt(rows.size())
                .putShort((short) headerLength).putShort((short) recordLength);
        b.position(32);
        for (FieldDefinition f : fields) {
            byte[] name = f.name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] desc = new byte[32];
            System.arraycopy(name, 0, desc, 0, Math.min(10, name.length));
            desc[11] = (byte) f.type().code();
            desc[16] = (byte) f.length();
            desc[17] = (byte) f.decimals();
            b.put(desc);
        }
        b.put((byte) 0x0D);
        for (Map<String, Object> row : rows) {
            b.put((byte) ' ');
            for (FieldDefinition f : fields) {
                b.put(cell(f, row.get(f.name()), cs));
            }
        }
        b.put((byte) 0x1A);
        return b.array();
    }

    private static byte[] cell(FieldDefinition f, Object v, Charset cs) {
        String s;
        if (v == null) {
            s = "";
        } else if (f.type() == FieldType.LOGICAL) {
            s = ((Boolean) v) ? "T" : "F";
        } else if (f.type() == FieldType.DATE) {
            s = ((java.time.LocalDate) v).toString().replace("-", "");
        } else if (f.type().isNumeric() && v instanceof Number n) {
            s = f.decimals() == 0 ? Long.toString(n.longValue())
                    : String.format(Locale.ROOT, "%." + f.decimals() + "f", n.doubleValue());
        } else {
            s = v.toString();
        }
        byte[] text = s.getBytes(cs);
        byte[] out = new byte[f.length()];
        java.util.Arrays.fill(out, (byte) ' ');
        if (f.type().isNumeric()) {
            int len = Math.min(text.length, out.length);
            System.arraycopy(text, 0, out, out.length - len, len); // numbers are right-aligned
        } else {
            System.arraycopy(text, 0, out, 0, Math.min(text.length, out.length));
        }
        return out;
    }
}
