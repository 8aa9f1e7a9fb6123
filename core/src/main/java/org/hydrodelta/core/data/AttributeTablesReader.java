package org.hydrodelta.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads several delimiter-separated attribute tables keyed by a gauge id and joins them on that id into one
 * {@link BasinAttributes}. Ids are kept as strings (CAMELS ids have leading zeros). Whole-file problems (missing
 * header, wrong delimiter, a column repeated across tables) throw {@link DataFormatException}; row problems
 * (truncated or extra fields, non-numeric text in a numeric column, a duplicated id) make that basin unusable:
 * it is dropped from the result and reported as an ERROR issue. A basin absent from one table keeps NaN for that
 * table's columns and gets a WARN issue.
 */
public final class AttributeTablesReader {
    private static final Set<String> MISSING_TOKENS = Set.of("", "NA", "NaN", "nan", "N/A", "-999", "-9999");

    private final AttributeSchema schema;
    private final char delimiter;

    /**
     * @param schema    column roles for this layout
     * @param delimiter field separator (';' for CAMELS, ',' for Caravan)
     */
    public AttributeTablesReader(AttributeSchema schema, char delimiter) {
        this.schema = schema;
        this.delimiter = delimiter;
    }

    /**
     * Reads and joins the tables.
     *
     * @param files the tables, in the order their columns should appear
     * @return the joined attributes with the issues found
     * @throws DataFormatException when a file is structurally unreadable
     * @throws UncheckedIOException when a file cannot be read
     */
    public BasinAttributes read(List<Path> files) {
        List<String> ids = new ArrayList<>();
        Set<String> idSet = new HashSet<>();
        List<String> columns = new ArrayList<>();
        List<Path> columnFiles = new ArrayList<>();
        List<Map<String, String[]>> rowsPerFile = new ArrayList<>();
        List<Map<String, Integer>> linePerFile = new ArrayList<>();
        List<DataIssue> issues = new ArrayList<>();
        Set<String> bad = new HashSet<>();
        Map<String, Path> columnOwner = new HashMap<>();

        for (Path file : files) {
            Map<String, String[]> rows = new LinkedHashMap<>();
            Map<String, Integer> lines = new HashMap<>();
            List<String> header = readTable(file, rows, lines, issues, bad);
            for (int c = 1; c < header.size(); c++) {
                String name = header.get(c);
                Path prev = columnOwner.putIfAbsent(name, file);
                if (prev != null) {
                    throw new DataFormatException(file, 1, name,
                            "column also present in " + prev.getFileName() + "; column names must be unique");
                }
                columns.add(name);
                columnFiles.add(file);
            }
            rowsPerFile.add(rows);
            linePerFile.add(lines);
            for (String id : rows.keySet()) {
                if (idSet.add(id)) {
                    ids.add(id);
                }
            }
        }
        ids.removeIf(bad::contains);

        int nb = ids.size();
        String[][] raw = new String[nb][columns.size()];
        int col0 = 0;
        for (int f = 0; f < files.size(); f++) {
            Map<String, String[]> rows = rowsPerFile.get(f);
            int width = rows.isEmpty() ? countColumns(columnFiles, files.get(f)) : rows.values().iterator().next().length;
            for (int b = 0; b < nb; b++) {
                String[] row = rows.get(ids.get(b));
                if (row == null) {
                    issues.add(DataIssue.warn(files.get(f), ids.get(b),
                            "basin " + ids.get(b) + " has no row in " + files.get(f).getFileName()
                                    + "; its " + width + " attributes from this table are missing (NaN)"));
                    continue;
                }
                System.arraycopy(row, 0, raw[b], col0, width);
            }
            col0 += width;
        }
        return BasinAttributes.build(schema, ids, columns, columnFiles, raw, issues, this::isMissing);
    }

    private static int countColumns(List<Path> columnFiles, Path file) {
        int n = 0;
        for (Path p : columnFiles) {
            if (p.equals(file)) {
                n++;
            }
        }
        return n;
    }

    boolean isMissing(String token) {
        return token == null || MISSING_TOKENS.contains(token);
    }

    /** Reads one table; returns its header. Rows are stored trimmed, without the id field. */
    private List<String> readTable(Path file, Map<String, String[]> rows, Map<String, Integer> lines,
            List<DataIssue> issues, Set<String> bad) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null || headerLine.isBlank()) {
                throw new DataFormatException(file, 1, null, "file is empty; expected a header line starting with '"
                        + schema.idColumn() + "'");
            }
            headerLine = stripBom(headerLine);
            if (headerLine.indexOf(delimiter) < 0) {
                for (char other : new char[] {';', ',', '\t'}) {
                    if (other != delimiter && headerLine.indexOf(other) >= 0) {
                        throw new DataFormatException(file, 1, null, "wrong delimiter: expected '"
                                + printable(delimiter) + "' between fields but the header uses '" + printable(other)
                                + "'");
                    }
                }
            }
            List<String> header = new ArrayList<>();
            for (String h : DelimitedLine.split(headerLine, delimiter)) {
                header.add(h.trim());
            }
            if (!header.get(0).equals(schema.idColumn())) {
                throw new DataFormatException(file, 1, header.get(0), "missing header: the first line must start with '"
                        + schema.idColumn() + "' but starts with '" + abbreviate(headerLine) + "'");
            }
            int width = header.size();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = DelimitedLine.split(line, delimiter);
                String id = f.get(0).trim();
                if (id.isEmpty()) {
                    issues.add(new DataIssue(DataIssue.Severity.ERROR, file, lineNo, null,
                            "column '" + schema.idColumn() + "': empty gauge id; row skipped"));
                    continue;
                }
                if (f.size() != width) {
                    String column = f.size() < width ? header.get(f.size()) : "field " + (width + 1);
                    String what = f.size() < width ? "truncated row" : "extra fields";
                    issues.add(new DataIssue(DataIssue.Severity.ERROR, file, lineNo, id, "column '" + column + "': "
                            + what + ": expected " + width + " fields separated by '" + printable(delimiter)
                            + "', found " + f.size() + "; basin " + id + " skipped"));
                    bad.add(id);
                    continue;
                }
                if (rows.containsKey(id)) {
                    issues.add(new DataIssue(DataIssue.Severity.ERROR, file, lineNo, id, "column '"
                            + schema.idColumn() + "': duplicated gauge id " + id + " (first on line " + lines.get(id)
                            + "); basin " + id + " skipped"));
                    bad.add(id);
                    continue;
                }
                String[] row = new String[width - 1];
                for (int c = 1; c < width; c++) {
                    row[c - 1] = f.get(c).trim();
                }
                rows.put(id, row);
                lines.put(id, lineNo);
            }
            // Numeric validation needs column kinds, which need all values: keep line numbers for messages.
            BasinAttributes.validateNumeric(file, header, rows, lines, issues, bad, schema, this::isMissing);
            return header;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + org.hydrodelta.core.io.IoErrors.reason(e), e);
        }
    }

    private static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    private static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
