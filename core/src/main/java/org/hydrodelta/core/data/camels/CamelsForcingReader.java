package org.hydrodelta.core.data.camels;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hydrodelta.core.data.DailyDates;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.SourceFile;
import org.hydrodelta.core.data.text.ByteScanner;

/**
 * Reads a CAMELS-US basin-mean forcing file of any product. Layout: line 1 gauge latitude, line 2 elevation (m),
 * line 3 area (m²), line 4 column names, then one line per day. The products differ in the header (Daymet
 * separates names with spaces, NLDAS/Maurer mix spaces and tabs, Maurer-extended uses tabs only), in the case of
 * the names ({@code PRCP(mm/day)} vs {@code prcp(mm/day)}), and in date padding ({@code 01} vs {@code 1}); the
 * reader splits on any run of spaces and tabs and matches columns by lower-case name without unit, so all variants
 * read the same way. Every problem throws a {@link DataFormatException} naming file, line and column.
 */
public final class CamelsForcingReader {
    private static final List<String> REQUIRED = List.of("year", "mnth", "day", "prcp", "tmax", "tmin");

    /**
     * Reads one file; the product is taken from the folder layout ({@code basin_mean_forcing/<product>/<huc>/}).
     *
     * @param file the forcing file
     * @return its contents
     * @throws DataFormatException on any malformed content
     * @throws UncheckedIOException when the file cannot be read
     */
    public CamelsForcing read(Path file) {
        byte[] buf = SourceFile.readBytes(file);
        return parse(file, buf);
    }

    /**
     * Parses file contents already in memory (the benchmark uses this to separate parsing from disk reads).
     *
     * @param file the file name used in messages and for the basin id
     * @param buf  the bytes
     * @return the contents
     */
    public CamelsForcing parse(Path file, byte[] buf) {
        long checksum = SourceFile.checksum(buf);
        ByteScanner s = new ByteScanner(buf, SourceFile.bomLength(buf), buf.length);
        double lat = headerNumber(file, s, "the gauge latitude");
        double elev = headerNumber(file, s, "the mean elevation (m)");
        double area = headerNumber(file, s, "the basin area (m²)");

        String headerText = s.restOfLine();
        List<String> names = new ArrayList<>();
        List<String> canon = new ArrayList<>();
        while (s.nextToken()) {
            String n = s.token();
            names.add(n);
            int paren = n.indexOf('(');
            canon.add((paren > 0 ? n.substring(0, paren) : n).toLowerCase(Locale.ROOT));
        }
        if (headerText.indexOf(',') >= 0 || headerText.indexOf(';') >= 0) {
            throw new DataFormatException(file, 4, null, "wrong delimiter: column names must be separated by spaces"
                    + " or tabs, found '" + (headerText.indexOf(',') >= 0 ? ',' : ';') + "'");
        }
        if (canon.isEmpty() || !canon.get(0).equals("year")) {
            throw new DataFormatException(file, 4, null, "missing header: line 4 must hold the column names starting"
                    + " with 'Year', found '" + abbreviate(headerText) + "'");
        }
        for (String r : REQUIRED) {
            if (!canon.contains(r)) {
                throw new DataFormatException(file, 4, null, "missing column '" + r + "' in the header (found "
                        + String.join(", ", names) + ")");
            }
        }
        s.nextLine();
        int width = names.size();
        int iy = canon.indexOf("year");
        int im = canon.indexOf("mnth");
        int id = canon.indexOf("day");
        int ip = canon.indexOf("prcp");

        int capacity = Math.max(1, countLines(buf, s.position()));
        // date and hour columns are only checked, never stored
        float[][] cols = new float[width][];
        for (int k = 0; k < width; k++) {
            String c = canon.get(k);
            boolean dateCol = c.equals("year") || c.equals("mnth") || c.equals("day") || c.equals("hr");
            cols[k] = dateCol ? null : new float[capacity];
        }
        double[] row = new double[width];
        DailyDates dates = new DailyDates();
        int n = 0;
        int sentinels = 0;
        while (!s.atEnd()) {
            if (s.lineIsBlank()) {
                s.nextLine();
                continue;
            }
            long line = s.line();
            for (int k = 0; k < width; k++) {
                int r = s.nextNumber();
                if (r != ByteScanner.OK) {
                    throw fieldError(file, line, names, k, width, r, s);
                }
                row[k] = s.value();
            }
            if (s.nextToken()) {
                throw new DataFormatException(file, line, "field " + (width + 1), "extra fields: expected " + width
                        + " fields (" + String.join(" ", names) + "), found more starting with '" + s.token() + "'");
            }
            String bad = dates.accept(toInt(file, line, names.get(iy), row[iy]),
                    toInt(file, line, names.get(im), row[im]), toInt(file, line, names.get(id), row[id]));
            if (bad != null) {
                throw new DataFormatException(file, line, null, bad);
            }
            for (int k = 0; k < width; k++) {
                double v = row[k];
                if (v == -999.0 || v == -9999.0) {
                    v = Double.NaN;
                    sentinels++;
                }
                if (k == ip && v < 0) {
                    throw new DataFormatException(file, line, names.get(k), "negative precipitation " + v + " mm/d");
                }
                if (cols[k] != null) {
                    org.hydrodelta.core.data.PhysicalBounds.check(file, line, names.get(k), canon.get(k), v);
                }
                if (cols[k] != null) {
                    cols[k][n] = (float) v;
                }
            }
            n++;
            s.nextLine();
        }
        if (n == 0) {
            throw new DataFormatException(file, s.line(), null, "no data lines after the header");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int k = 0; k < width; k++) {
            String c = canon.get(k);
            if (cols[k] == null) {
                continue;
            }
            out.put(c, n == capacity ? cols[k] : Arrays.copyOf(cols[k], n));
        }
        Path parent = file.getParent() == null ? null : file.getParent().getParent();
        String product = parent == null || parent.getFileName() == null ? "unknown" : parent.getFileName().toString();
        return new CamelsForcing(CamelsLayout.basinIdOf(file), product, file, lat, elev, area, dates.first(), n,
                Map.copyOf(out), sentinels, checksum, buf.length);
    }

    private static double headerNumber(Path file, ByteScanner s, String what) {
        long line = s.line();
        String text = s.restOfLine();
        int r = s.nextNumber();
        if (r != ByteScanner.OK || s.nextToken()) {
            throw new DataFormatException(file, line, null, "missing header: line " + line + " must hold " + what
                    + " as a single number, found '" + abbreviate(text) + "'");
        }
        double v = s.value();
        s.nextLine();
        return v;
    }

    static DataFormatException fieldError(Path file, long line, List<String> names, int k, int width, int r,
            ByteScanner s) {
        String col = names.get(k);
        switch (r) {
            case ByteScanner.END_OF_LINE:
                return new DataFormatException(file, line, col, "truncated line: expected " + width + " fields, found "
                        + k);
            case ByteScanner.WRONG_DELIMITER:
                return new DataFormatException(file, line, col, "wrong delimiter: fields must be separated by spaces"
                        + " or tabs, found '" + s.token() + "'");
            default:
                return new DataFormatException(file, line, col, "non-numeric value '" + s.token() + "'");
        }
    }

    static int toInt(Path file, long line, String col, double v) {
        int i = (int) v;
        if (i != v) {
            throw new DataFormatException(file, line, col, "expected a whole number, found " + v);
        }
        return i;
    }

    /** Number of lines from a position: newlines, plus one for a last line without a terminator. */
    static int countLines(byte[] buf, int from) {
        int n = 0;
        for (int i = from; i < buf.length; i++) {
            if (buf[i] == '\n') {
                n++;
            }
        }
        return buf.length > from && buf[buf.length - 1] != '\n' ? n + 1 : n;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
