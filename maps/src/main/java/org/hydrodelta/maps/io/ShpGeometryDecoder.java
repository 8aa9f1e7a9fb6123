package org.hydrodelta.maps.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.PointLocation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;

/**
 * Decodes the content of one .shp record into a JTS geometry. Polygon rings are sorted into shells (clockwise in
 * the file) and holes (counter-clockwise), each hole going to the shell that contains it. Z is kept as the third
 * ordinate, M as a measure. Every length is checked against the record's declared content length.
 */
final class ShpGeometryDecoder {
    /** Packed sequences keep 1,000-vertex polygons compact and fast to read. */
    static final GeometryFactory FACTORY = new GeometryFactory(PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    /** Thrown for a malformed record; the reader adds file and record number. */
    static final class BadRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param message the reason, without file and record */
        BadRecordException(String message) {
            super(message);
        }
    }

    private ShpGeometryDecoder() {
    }

    /**
     * @param content  record content (after the 8-byte record header), little-endian, positioned at 0
     * @param fileType the shape type from the file header
     * @return the geometry, null for a null shape
     */
    static Geometry decode(ByteBuffer content, ShapeType fileType) throws BadRecordException {
        content.order(ByteOrder.LITTLE_ENDIAN);
        int length = content.remaining();
        need(content, 4, "shape type");
        int code = content.getInt();
        if (code == 0) {
            if (length != 4) {
                throw new BadRecordException("record-length mismatch: null shape has " + length
                        + " content bytes, expected 4");
            }
            return null;
        }
        if (code != fileType.code()) {
            throw new BadRecordException("shape type " + code + " differs from the file's shape type "
                    + fileType.code() + " (" + fileType + ")");
        }
        Geometry g = switch (fileType.kind()) {
            case POINT -> point(content, fileType);
            case MULTIPOINT -> multiPoint(content, fileType);
            case POLYLINE, POLYGON -> parts(content, fileType);
            case NULL -> null;
        };
        if (content.remaining() != 0) {
            throw new BadRecordException("record-length mismatch: content length is " + length
                    + " bytes but the shape uses " + (length - content.remaining()));
        }
        return g;
    }

    private static Point point(ByteBuffer b, ShapeType t) throws BadRecordException {
        need(b, 16, "point coordinates");
        double x = b.getDouble();
        double y = b.getDouble();
        double z = Double.NaN;
        double m = Double.NaN;
        if (t.hasZ()) {
            need(b, 8, "point z");
            z = b.getDouble();
        }
        boolean withM = t.hasM() && (!t.hasZ() || b.remaining() >= 8);
        if (withM) {
            need(b, 8, "point m");
            m = b.getDouble();
        }
        int dim = 2 + (t.hasZ() ? 1 : 0) + (withM ? 1 : 0);
        double[] c = new double[dim];
        c[0] = x;
        c[1] = y;
        if (t.hasZ()) {
            c[2] = z;
        }
        if (withM) {
            c[dim - 1] = noDataM(m);
        }
        return FACTORY.createPoint(new PackedCoordinateSequence.Double(c, dim, withM ? 1 : 0));
    }

    private static Geometry multiPoint(ByteBuffer b, ShapeType t) throws BadRecordException {
        need(b, 36, "multipoint header");
        b.position(b.position() + 32); // bounding box: recomputed by JTS
        int n = b.getInt();
        if (n < 0) {
            throw new BadRecordException("negative point count " + n);
        }
        checkLength(b, t, 0, n, n + " points");
        CoordinateSequence seq = readCoordinates(b, t, n, new int[] {0, n});
        Point[] pts = new Point[n];
        for (int i = 0; i < n; i++) {
            pts[i] = FACTORY.createPoint(slice(seq, i, i + 1));
        }
        return FACTORY.createMultiPoint(pts);
    }

    private static Geometry parts(ByteBuffer b, ShapeType t) throws BadRecordException {
        need(b, 40, "part header");
        b.position(b.position() + 32);
        int numParts = b.getInt();
        int numPoints = b.getInt();
        if (numParts <= 0 || numPoints < 0) {
            throw new BadRecordException(numParts + " parts and " + numPoints + " points");
        }
        checkLength(b, t, 4L * numParts, numPoints, numParts + " parts and " + numPoints + " points");
        int[] starts = new int[numParts + 1];
        for (int i = 0; i < numParts; i++) {
            starts[i] = b.getInt();
        }
        starts[numParts] = numPoints;
        if (starts[0] != 0) {
            throw new BadRecordException("first part starts at point " + starts[0] + ", expected 0");
        }
        for (int i = 0; i < numParts; i++) {
            if (starts[i + 1] <= starts[i]) {
                throw new BadRecordException("part " + i + " has no points (part index " + starts[i]
                        + " then " + starts[i + 1] + " of " + numPoints + ")");
            }
        }
        CoordinateSequence all = readCoordinates(b, t, numPoints, starts);
        if (t.kind() == ShapeType.Kind.POLYLINE) {
            LineString[] lines = new LineString[numParts];
            for (int i = 0; i < numParts; i++) {
                if (starts[i + 1] - starts[i] < 2) {
                    throw new BadRecordException("line part " + i + " has fewer than 2 points");
                }
                lines[i] = FACTORY.createLineString(slice(all, starts[i], starts[i + 1]));
            }
            return numParts == 1 ? lines[0] : FACTORY.createMultiLineString(lines);
        }
        return polygons(all, starts);
    }

    private static Geometry polygons(CoordinateSequence all, int[] starts) throws BadRecordException {
        int numParts = starts.length - 1;
        List<LinearRing> shells = new ArrayList<>();
        List<List<LinearRing>> holesOf = new ArrayList<>();
        List<LinearRing> holes = new ArrayList<>();
        for (int i = 0; i < numParts; i++) {
            CoordinateSequence ring = slice(all, starts[i], starts[i + 1]);
            int n = ring.size();
            if (n < 4) {
                throw new BadRecordException("ring " + i + " has " + n + " points, a ring needs at least 4");
            }
            if (ring.getX(0) != ring.getX(n - 1) || ring.getY(0) != ring.getY(n - 1)) {
                throw new BadRecordException("ring " + i + " is not closed (first point differs from last)");
            }
            LinearRing r = FACTORY.createLinearRing(ring);
            // Shapefile shells run clockwise; a lone ring is a shell whatever its orientation.
            if (numParts == 1 || !Orientation.isCCW(ring)) {
                shells.add(r);
                holesOf.add(new ArrayList<>());
            } else {
                holes.add(r);
            }
        }
        for (LinearRing hole : holes) {
            int owner = -1;
            for (int s = 0; s < shells.size() && owner < 0; s++) {
                LinearRing shell = shells.get(s);
                if (shell.getEnvelopeInternal().contains(hole.getEnvelopeInternal())
                        && PointLocation.isInRing(hole.getCoordinateN(0), shell.getCoordinates())) {
                    owner = s;
                }
            }
            if (owner < 0) {
                // A counter-clockwise ring outside every shell: writers that ignore orientation produce these.
                shells.add(hole);
                holesOf.add(new ArrayList<>());
            } else {
                holesOf.get(owner).add(hole);
            }
        }
        Polygon[] polys = new Polygon[shells.size()];
        for (int s = 0; s < polys.length; s++) {
            polys[s] = FACTORY.createPolygon(shells.get(s), holesOf.get(s).toArray(new LinearRing[0]));
        }
        return polys.length == 1 ? polys[0] : FACTORY.createMultiPolygon(polys);
    }

    /** Reads x,y then the optional z and m blocks into one packed sequence. */
    private static CoordinateSequence readCoordinates(ByteBuffer b, ShapeType t, int n, int[] starts)
            throws BadRecordException {
        double[] xy = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            xy[i] = b.getDouble();
        }
        double[] z = null;
        double[] m = null;
        if (t.hasZ()) {
            need(b, 16 + 8L * n, "z range and values");
            b.position(b.position() + 16);
            z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = b.getDouble();
            }
        }
        // In Z shapes the M block is optional: present only if the record still has room for it.
        if (t.hasM() && (!t.hasZ() || b.remaining() > 0)) {
            need(b, 16 + 8L * n, "m range and values");
            b.position(b.position() + 16);
            m = new double[n];
            for (int i = 0; i < n; i++) {
                m[i] = noDataM(b.getDouble());
            }
        }
        int dim = 2 + (z != null ? 1 : 0) + (m != null ? 1 : 0);
        if (dim == 2) {
            return new PackedCoordinateSequence.Double(xy, 2, 0);
        }
        double[] packed = new double[dim * n];
        for (int i = 0; i < n; i++) {
            packed[dim * i] = xy[2 * i];
            packed[dim * i + 1] = xy[2 * i + 1];
            if (z != null) {
                packed[dim * i + 2] = z[i];
            }
            if (m != null) {
                packed[dim * i + dim - 1] = m[i];
            }
        }
        return new PackedCoordinateSequence.Double(packed, dim, m != null ? 1 : 0);
    }

    /**
     * Checks that what follows the counts is exactly the parts index, the x/y block and the z and m blocks the
     * type allows (m is optional in Z shapes), before anything is decoded.
     */
    private static void checkLength(ByteBuffer b, ShapeType t, long indexBytes, int n, String what)
            throws BadRecordException {
        long base = indexBytes + 16L * n;
        long block = 16 + 8L * n;
        long remaining = b.remaining();
        boolean ok;
        String expected;
        if (t.hasZ()) {
            ok = remaining == base + block || remaining == base + 2 * block;
            expected = (base + block) + " or " + (base + 2 * block);
        } else if (t.hasM()) {
            ok = remaining == base + block;
            expected = Long.toString(base + block);
        } else {
            ok = remaining == base;
            expected = Long.toString(base);
        }
        if (!ok) {
            throw new BadRecordException("record-length mismatch: " + what + " need " + expected
                    + " bytes after the counts but the record has " + remaining);
        }
    }

    private static CoordinateSequence slice(CoordinateSequence seq, int from, int to) {
        int dim = seq.getDimension();
        double[] out = new double[dim * (to - from)];
        for (int i = from; i < to; i++) {
            for (int d = 0; d < dim; d++) {
                out[(i - from) * dim + d] = seq.getOrdinate(i, d);
            }
        }
        return new PackedCoordinateSequence.Double(out, dim, seq.getMeasures());
    }

    /** The shapefile spec marks "no measure" with any value below -1e38. */
    private static double noDataM(double m) {
        return m < -1e38 ? Double.NaN : m;
    }

    private static void need(ByteBuffer b, long bytes, String what) throws BadRecordException {
        if (b.remaining() < bytes) {
            throw new BadRecordException("record-length mismatch: " + what + " needs " + bytes
                    + " bytes but only " + b.remaining() + " remain in the record");
        }
    }
}
