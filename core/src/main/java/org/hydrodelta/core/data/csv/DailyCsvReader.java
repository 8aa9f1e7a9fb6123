package org.hydrodelta.core.data.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.hydrodelta.core.data.DailyDates;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DelimitedLine;

/**
 * Reads a daily table with a header row, a date column and numeric columns (Caravan time series, user CSV files).
 * Empty cells, "NaN", "NA", -999 and -9999 are missing (NaN). Every malformed line throws a
 * {@link DataFormatException} naming file, line and column.
 */
public final class DailyCsvReader {
    private static final Set<String> MISSING = Set.of("", "NaN", "nan", "NA", "N/A", "null");

    private final char delimiter;
    private final String dateColumn;
    private final DateTimeFormatter dateFormat;
    private final List<String> columnNames;

    /**
     * @param delimiter  field separator
     * @param dateColumn name of the date column
     * @param dateFormat date pattern, or null for ISO yyyy-MM-dd
     */
    public DailyCsvReader(char delimiter, String dateColumn, DateTimeFormatter dateFormat) {
        this(delimiter, dateColumn, dateFormat, null);
    }

    /**
     * A reader for files with or without a header row.
     *
     * @param delimiter   field separator
     * @param dateColumn  name of the date column
     * @param dateFormat  date pattern, or null for ISO yyyy-MM-dd
     * @param columnNames the column names of files without a header row (their first line is data), or null when
     *                    the first line names the columns
     */
    public DailyCsvReader(char delimiter, String dateColumn, DateTimeFormatter dateFormat, List<String> columnNames) {
        this.delimiter = delimiter;
        this.dateColumn = dateColumn;
        this.dateFormat = dateFormat;
        this.columnNames = columnNames == null ? null : List.copyOf(columnNames);
    }

    /**
     * Reads a file.
     *
     * @param file        the file
     * @param wanted      columns to keep (null keeps all but the date); absent ones throw
     * @param nonNegative columns whose values must not be negative (precipitation)
     * @return the table
     */
    public DailyTable read(Path file, Set<String> wanted, Set<String> nonNegative) {
        byte[] buf;
        try {
            buf = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + org.hydrodelta.core.io.IoErrors.reason(e), e);
        }
        CRC32C crc = new CRC32C();
        crc.update(buf, 0, buf.length);
        String text = new String(buf, StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n", -1);
        if (columnNames != null) {
            // no header row: the names come from the mapping and line 1 is data
            String[] shifted = new String[lines.length + 1];
            shifted[0] = String.join(String.valueOf(delimiter), columnNames);
            System.arraycopy(lines, 0, shifted, 1, lines.length);
            if (lines.length > 0 && lines[0].startsWith("\uFEFF")) {
                shifted[1] = lines[0].substring(1);
            }
            lines = shifted;
        }
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new DataFormatException(file, 1, null, "missing header: the first line must name the columns,"
                    + " including '" + dateColumn + "'");
        }
        String head = lines[0].startsWith("\uFEFF") ? lines[0].substring(1) : lines[0];
        if (head.indexOf(delimiter) < 0) {
            for (char other : new char[] {',', ';', '\t'}) {
                if (other != delimiter && head.indexOf(other) >= 0) {
                    throw new DataFormatException(file, 1, null, "wrong delimiter: expected '" + show(delimiter)
                            + "' between fields but the header uses '" + show(other) + "'");
                }
            }
        }
        List<String> header = new ArrayList<>();
        for (String h : DelimitedLine.split(head, delimiter)) {
            header.add(h.trim());
        }
        int di = header.indexOf(dateColumn);
        if (di < 0) {
            throw new DataFormatException(file, 1, null, (looksLikeData(header) ? "missing header: " : "")
                    + "no column '" + dateColumn + "' in the header (found " + String.join(", ", header) + ")");
        }
        List<Integer> keep = new ArrayList<>();
        for (int k = 0; k < header.size(); k++) {
            if (k != di && (wanted == null || wanted.contains(header.get(k)))) {
                keep.add(k);
            }
        }
        if (wanted != null) {
            for (String w : wanted) {
                if (!header.contains(w)) {
                    throw new DataFormatException(file, 1, null, "missing column '" + w + "' in the header (found "
                            + String.join(", ", header) + ")");
                }
            }
        }
        int width = header.size();
        float[][] cols = new float[keep.size()][lines.length];
        boolean[] nonNeg = new boolean[keep.size()];
        for (int j = 0; j < keep.size(); j++) {
            nonNeg[j] = nonNegative != null && nonNegative.contains(header.get(keep.get(j)));
        }
        DailyDates dates = new DailyDates();
        int n = 0;
        int sentinels = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            long lineNo = columnNames != null ? i : i + 1;
            List<String> f = DelimitedLine.split(line, delimiter);
            if (f.size() != width) {
                if (f.size() == 1 && width > 1) {
                    for (char other : new char[] {',', ';', '\t'}) {
                        if (other != delimiter && line.indexOf(other) >= 0) {
                            throw new DataFormatException(file, lineNo, null, "wrong delimiter: expected '"
                                    + show(delimiter) + "' between fields, found '" + show(other) + "'");
                        }
                    }
                }
                String col = f.size() < width ? header.get(f.size()) : "field " + (width + 1);
                throw new DataFormatException(file, lineNo, col, (f.size() < width ? "truncated line" : "extra fields")
                        + ": expected " + width + " fields, found " + f.size());
            }
            LocalDate d = parseDate(file, lineNo, f.get(di).trim());
            String bad = dates.accept(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            if (bad != null) {
                throw new DataFormatException(file, lineNo, null, bad);
            }
            for (int j = 0; j < keep.size(); j++) {
                String tok = f.get(keep.get(j)).trim();
                float v;
                if (MISSING.contains(tok)) {
                    v = Float.NaN;
                } else {
                    double x = parseValue(file, lineNo, header.get(keep.get(j)), tok);
                    if (isSentinel(x)) {
                        sentinels++;
                        x = Double.NaN;
                    } else if (x < 0 && nonNeg[j]) {
                        throw new DataFormatException(file, lineNo, header.get(keep.get(j)),
                                "negative precipitation " + x);
                    }
                    v = (float) x;
                }
                cols[j][n] = v;
            }
            n++;
        }
        if (n == 0) {
            throw new DataFormatException(file, 2, null, "no data lines after the header");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int j = 0; j < keep.size(); j++) {
            out.put(header.get(keep.get(j)), Arrays.copyOf(cols[j], n));
        }
        return new DailyTable(file, dates.first(), n, out, sentinels, crc.getValue(), buf.length);
    }

    /**
     * Parses one numeric cell the way {@link #read} does.
     *
     * @param file   file named in the error
     * @param line   1-based line named in the error
     * @param column column named in the error
     * @param tok    the cell, trimmed
     * @return the value; NaN for an empty cell, "NaN", "NA", "N/A" or "null" (sentinels are returned as they are,
     *         see {@link #isSentinel})
     * @throws DataFormatException for a non-numeric value
     */
    public static double parseValue(Path file, long line, String column, String tok) {
        if (MISSING.contains(tok)) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(tok);
            if (Double.isInfinite(v)) {
                throw new DataFormatException(file, line, column, "value '" + tok + "' is not finite; a missing day"
                        + " must be empty, NaN or -999");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, column, "non-numeric value '" + tok + "'");
        }
    }

    /**
     * @param x a parsed value
     * @return whether it is a missing-value sentinel (-999, -9999) that {@link #read} turns into NaN
     */
    public static boolean isSentinel(double x) {
        return x == -999 || x == -9999;
    }

    /**
     * Parses one date cell with this reader's format, the way {@link #read} does.
     *
     * @param file file named in the error
     * @param line 1-based line named in the error
     * @param tok  the cell, trimmed
     * @return the date
     * @throws DataFormatException naming file, line and the date column for an invalid date
     */
    public LocalDate parseDate(Path file, long line, String tok) {
        try {
            if (dateFormat == null) {
                // Caravan writes "1981-01-01"; some exports append a time of day
                return LocalDate.parse(tok.length() > 10 ? tok.substring(0, 10) : tok);
            }
            return LocalDate.parse(tok, dateFormat);
        } catch (DateTimeParseException e) {
            throw new DataFormatException(file, line, dateColumn, "invalid date '" + tok + "'"
                    + (dateFormat == null ? " (expected yyyy-MM-dd)" : ""));
        }
    }

    private static boolean looksLikeData(List<String> header) {
        return !header.isEmpty() && !header.get(0).isEmpty() && Character.isDigit(header.get(0).charAt(0));
    }

    private static String show(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }
}
