package org.hydrodelta.maps.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hydrodelta.maps.crs.CoordinateSystems;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * Strict ESRI shapefile reader: the .shp geometries, the .shx index, the .dbf attributes, the .cpg encoding and
 * the .prj coordinate system. Every header, record length and count is cross-checked between the files; the
 * first inconsistency raises a {@link MapDataException} naming the file and record, and nothing is returned.
 */
public final class ShapefileReader {
    private static final int FILE_CODE = 9994;
    private static final int VERSION = 1000;
    private static final int HEADER = 100;

    private ShapefileReader() {
    }

    /**
     * Reads a shapefile.
     *
     * @param shp the .shp file; the .shx, .dbf (required) and .cpg, .prj (optional) are found beside it
     * @return all features with their attributes, in the CRS of the .prj (axes normalised to x = east)
     * @throws MapDataException for a malformed or inconsistent file set
     * @throws IOException      when a file cannot be read
     */
    public static FeatureSet read(Path shp) throws IOException {
        if (!Files.isRegularFile(shp)) {
            throw new MapDataException(shp, "file", "no such file");
        }
        Path shx = sibling(shp, "shx", true);
        Path dbf = sibling(shp, "dbf", true);
        Path cpg = sibling(shp, "cpg", false);
        Path prj = sibling(shp, "prj", false);

        byte[] bytes = Files.readAllBytes(shp);
        ShapeType type = readHeader(shp, bytes);
        int[][] index = readIndex(shx, Files.readAllBytes(shx), type);
        List<Geometry> geometries = readRecords(shp, bytes, type, index);

        DbfReader.Table table = DbfReader.read(dbf, charset(cpg));
        if (table.rows().size() != geometries.size()) {
            throw new MapDataException(dbf, "header", "record count " + table.rows().size()
                    + " disagrees with " + geometries.size() + " shapes in " + shp.getFileName());
        }
        List<Feature> features = new ArrayList<>(geometries.size());
        Envelope bounds = new Envelope();
        for (int i = 0; i < geometries.size(); i++) {
            Geometry g = geometries.get(i);
            if (g != null) {
                bounds.expandToInclude(g.getEnvelopeInternal());
            }
            Map<String, Object> row = table.rows().get(i);
            features.add(new Feature(i, g, row));
        }
        List<String> warnings = new ArrayList<>();
        String wkt = prj == null ? null : Files.readString(prj, StandardCharsets.ISO_8859_1);
        CoordinateReferenceSystem crs = resolveCrs(prj != null ? prj : shp, wkt, bounds, warnings);
        return new FeatureSet(baseName(shp), shp, table.fields(), features, crs, warnings);
    }

    /**
     * Decides the CRS of a file: the WKT when there is one, otherwise WGS84 if every coordinate is a plausible
     * longitude/latitude (with a warning), otherwise a refusal.
     *
     * @param file     file named in messages (.prj, or the data file when there is no .prj)
     * @param wkt      the WKT text, null when there is none
     * @param bounds   bounds of the data
     * @param warnings receives the "WGS84 assumed" warning
     * @return the CRS
     * @throws MapDataException when the WKT cannot be parsed or no CRS can be assumed
     */
    static CoordinateReferenceSystem resolveCrs(Path file, String wkt, Envelope bounds, List<String> warnings)
            throws MapDataException {
        if (wkt != null) {
            if (wkt.isBlank()) {
                throw new MapDataException(file, "WKT", "the .prj file is empty");
            }
            CoordinateReferenceSystem crs;
            try {
                crs = CoordinateSystems.fromWkt(wkt);
            } catch (IllegalArgumentException e) {
                throw new MapDataException(file, "WKT", e.getMessage(), e);
            }
            // a projected system (metres) on coordinates that all look like degrees: most likely the wrong .prj
            if (!CoordinateSystems.isGeographic(crs) && !bounds.isNull() && CoordinateSystems.withinLonLatRange(bounds)
                    && bounds.getWidth() < 360 && bounds.getHeight() < 180) {
                warnings.add(String.format(Locale.ROOT, "%s: the .prj declares a projected coordinate system but"
                        + " every coordinate (x %.6g..%.6g, y %.6g..%.6g) looks like longitude/latitude in degrees;"
                        + " the layer will be drawn a few metres wide: check the .prj", file.getFileName(),
                        bounds.getMinX(), bounds.getMaxX(), bounds.getMinY(), bounds.getMaxY()));
            }
            return crs;
        }
        if (!CoordinateSystems.withinLonLatRange(bounds)) {
            throw new MapDataException(file, "coordinate system", String.format(Locale.ROOT,
                    "no .prj file and coordinates (x %.6g..%.6g, y %.6g..%.6g) are not longitude/latitude; "
                            + "add the .prj that came with the data",
                    bounds.getMinX(), bounds.getMaxX(), bounds.getMinY(), bounds.getMaxY()));
        }
        warnings.add(file.getFileName() + ": no .prj file; coordinates are within longitude/latitude range, "
                + "assuming WGS84");
        return CoordinateSystems.wgs84();
    }

    private static ShapeType readHeader(Path file, byte[] bytes) throws MapDataException {
        if (bytes.length < HEADER) {
            throw new MapDataException(file, "header", "truncated: file has " + bytes.length
                    + " bytes, the header alone needs 100");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int code = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (code != FILE_CODE) {
            throw new MapDataException(file, "header", "wrong file code " + code + " (expected 9994): "
                    + "not a shapefile");
        }
        long declared = 2L * (b.getInt(24) & 0xFFFFFFFFL);
        if (declared != bytes.length) {
            throw new MapDataException(file, "header", "header declares " + declared + " bytes but the file has "
                    + bytes.length + (declared > bytes.length ? " (truncated)" : ""));
        }
        b.order(ByteOrder.LITTLE_ENDIAN);
        int version = b.getInt(28);
        if (version != VERSION) {
            throw new MapDataException(file, "header", "version " + version + " (expected 1000)");
        }
        int typeCode = b.getInt(32);
        ShapeType type = ShapeType.fromCode(typeCode);
        if (type == null) {
            throw new MapDataException(file, "header", "unsupported shape type " + typeCode
                    + (typeCode == 31 ? " (MultiPatch)" : ""));
        }
        return type;
    }

    /** @return {offset, contentLength} in bytes for each record of the .shx */
    private static int[][] readIndex(Path shx, byte[] bytes, ShapeType shpType) throws MapDataException {
        ShapeType type = readHeader(shx, bytes);
        if (type != shpType) {
            throw new MapDataException(shx, "header", "shape type " + type + " differs from the .shp's "
                    + shpType);
        }
        if ((bytes.length - HEADER) % 8 != 0) {
            throw new MapDataException(shx, "header", "index length " + (bytes.length - HEADER)
                    + " is not a multiple of 8 bytes");
        }
        int n = (bytes.length - HEADER) / 8;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int[][] index = new int[n][2];
        for (int i = 0; i < n; i++) {
            index[i][0] = 2 * b.getInt(HEADER + 8 * i);
            index[i][1] = 2 * b.getInt(HEADER + 8 * i + 4);
        }
        return index;
    }

    private static List<Geometry> readRecords(Path file, byte[] bytes, ShapeType type, int[][] index)
            throws MapDataException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        List<Geometry> out = new ArrayList<>(index.length);
        int pos = HEADER;
        int record = 0;
        while (pos < bytes.length) {
            record++;
            String where = "record " + record;
            if (pos + 8 > bytes.length) {
                throw new MapDataException(file, where, "truncated: record header runs past the end of the file");
            }
            int number = b.getInt(pos);
            long contentLength = 2L * b.getInt(pos + 4);
            if (number != record) {
                throw new MapDataException(file, where, "record number " + number + " out of sequence");
            }
            if (contentLength < 4 || pos + 8 + contentLength > bytes.length) {
                throw new MapDataException(file, where, "record-length mismatch: content length "
                        + contentLength + " bytes runs past the end of the file at byte " + bytes.length);
            }
            if (record > index.length) {
                throw new MapDataException(file, where, "the .shx indexes only " + index.length + " records");
            }
            if (index[record - 1][0] != pos || index[record - 1][1] != contentLength) {
                throw new MapDataException(file, where, "record-length mismatch with the .shx: record at byte "
                        + pos + " with " + contentLength + " content bytes, .shx says byte "
                        + index[record - 1][0] + " with " + index[record - 1][1]);
            }
            ByteBuffer content = ByteBuffer.wrap(bytes, pos + 8, (int) contentLength).slice();
            try {
                out.add(ShpGeometryDecoder.decode(content, type));
            } catch (ShpGeometryDecoder.BadRecordException e) {
                throw new MapDataException(file, where, e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new MapDataException(file, where, "invalid geometry: " + e.getMessage(), e);
            }
            pos += 8 + (int) contentLength;
        }
        if (record != index.length) {
            throw new MapDataException(file, "record " + record, "the .shp has " + record
                    + " records but the .shx indexes " + index.length);
        }
        return out;
    }

    /** Resolves the encoding named in the .cpg; ESRI writes code-page numbers as well as charset names. */
    static Charset charset(Path cpg) throws IOException {
        if (cpg == null) {
            return StandardCharsets.ISO_8859_1;
        }
        String name = Files.readString(cpg, StandardCharsets.ISO_8859_1).trim();
        String key = name.toUpperCase(Locale.ROOT).replace("ANSI ", "");
        String alias = switch (key) {
            case "UTF8", "65001" -> "UTF-8";
            case "88591", "8859_1", "28591" -> "ISO-8859-1";
            case "1252" -> "windows-1252";
            case "1250" -> "windows-1250";
            case "1251" -> "windows-1251";
            case "437" -> "IBM437";
            default -> name;
        };
        try {
            return Charset.forName(alias);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new MapDataException(cpg, "encoding", "unknown character encoding '" + name + "'");
        }
    }

    private static Path sibling(Path shp, String ext, boolean required) throws MapDataException {
        String base = baseName(shp);
        Path dir = shp.toAbsolutePath().getParent();
        for (String e : new String[] {ext, ext.toUpperCase(Locale.ROOT)}) {
            Path p = dir.resolve(base + "." + e);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        if (required) {
            throw new MapDataException(shp, "file set", "the ." + ext + " file " + base + "." + ext
                    + " is missing beside the .shp");
        }
        return null;
    }

    static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
