package org.hydrodelta.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Static attributes of many basins, joined from one or more tables on the gauge id. Immutable.
 *
 * <p>Every column has a {@link Kind}: numeric values are parsed as doubles; categorical columns (e.g. CAMELS
 * {@code dom_land_cover}) are encoded by <em>sorted factorisation</em> (spec §4.1): the distinct trimmed strings
 * are sorted (String natural order, as numpy sorts them) and a value's code is its index, so codes do not depend
 * on row order or on which basins are later selected; text columns (names, HUC codes) are kept as strings only.
 * Missing values ("NA", empty, or a table without the basin) are NaN and listed by {@link #missingAttributes}.
 */
public final class BasinAttributes {

    /** How a column's values are interpreted. */
    public enum Kind {
        /** Parsed as a number. */
        NUMERIC,
        /** Strings encoded as the index in the sorted list of distinct values. */
        CATEGORICAL,
        /** Strings only (names, codes); {@link #value} gives NaN. */
        TEXT
    }

    private final AttributeSchema schema;
    private final List<String> ids;
    private final Map<String, Integer> idIndex;
    private final List<String> columns;
    private final Map<String, Integer> columnIndex;
    private final List<Path> columnFiles;
    private final Kind[] kinds;
    private final String[][] raw;
    private final double[][] values;
    private final Map<String, List<String>> categories;
    private final List<DataIssue> issues;

    private BasinAttributes(AttributeSchema schema, List<String> ids, List<String> columns, List<Path> columnFiles,
            Kind[] kinds, String[][] raw, double[][] values, Map<String, List<String>> categories,
            List<DataIssue> issues) {
        this.schema = schema;
        this.ids = List.copyOf(ids);
        this.idIndex = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            idIndex.put(ids.get(i), i);
        }
        this.columns = List.copyOf(columns);
        this.columnIndex = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            columnIndex.put(columns.get(i), i);
        }
        this.columnFiles = List.copyOf(columnFiles);
        this.kinds = kinds;
        this.raw = raw;
        this.values = values;
        this.categories = categories;
        this.issues = List.copyOf(issues);
    }

    static Kind kindOf(AttributeSchema schema, String column, Iterable<String> values, Predicate<String> missing) {
        if (schema.textColumns().contains(column)) {
            return Kind.TEXT;
        }
        if (schema.categoricalColumns().contains(column)) {
            return Kind.CATEGORICAL;
        }
        boolean anyValue = false;
        for (String v : values) {
            if (missing.test(v)) {
                continue;
            }
            anyValue = true;
            if (isNumber(v)) {
                return Kind.NUMERIC;
            }
        }
        return anyValue ? Kind.CATEGORICAL : Kind.NUMERIC;
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Reports non-numeric text in numeric columns of one table; the basins concerned are marked bad. */
    static void validateNumeric(Path file, List<String> header, Map<String, String[]> rows,
            Map<String, Integer> lines, List<DataIssue> issues, Set<String> bad, AttributeSchema schema,
            Predicate<String> missing) {
        for (int c = 1; c < header.size(); c++) {
            final int k = c - 1;
            List<String> col = new ArrayList<>(rows.size());
            for (String[] r : rows.values()) {
                col.add(r[k]);
            }
            if (kindOf(schema, header.get(c), col, missing) != Kind.NUMERIC) {
                continue;
            }
            for (Map.Entry<String, String[]> e : rows.entrySet()) {
                String v = e.getValue()[k];
                if (!missing.test(v) && !isNumber(v)) {
                    String id = e.getKey();
                    issues.add(new DataIssue(DataIssue.Severity.ERROR, file, lines.get(id), id, "column '"
                            + header.get(c) + "': non-numeric value '" + v + "' in a numeric column; basin " + id
                            + " skipped"));
                    bad.add(id);
                }
            }
        }
    }

    static BasinAttributes build(AttributeSchema schema, List<String> ids, List<String> columns,
            List<Path> columnFiles, String[][] raw, List<DataIssue> issues, Predicate<String> missing) {
        int nb = ids.size();
        int nc = columns.size();
        Kind[] kinds = new Kind[nc];
        double[][] values = new double[nb][nc];
        Map<String, List<String>> categories = new HashMap<>();
        for (int c = 0; c < nc; c++) {
            List<String> col = new ArrayList<>(nb);
            for (int b = 0; b < nb; b++) {
                if (missing.test(raw[b][c])) {
                    raw[b][c] = null;
                }
                col.add(raw[b][c]);
            }
            kinds[c] = kindOf(schema, columns.get(c), col, missing);
            if (kinds[c] == Kind.CATEGORICAL) {
                TreeSet<String> distinct = new TreeSet<>();
                for (String v : col) {
                    if (v != null) {
                        distinct.add(v);
                    }
                }
                List<String> sorted = List.copyOf(distinct);
                categories.put(columns.get(c), sorted);
                for (int b = 0; b < nb; b++) {
                    values[b][c] = raw[b][c] == null ? Double.NaN : Collections.binarySearch(sorted, raw[b][c]);
                }
            } else {
                for (int b = 0; b < nb; b++) {
                    values[b][c] = kinds[c] == Kind.NUMERIC && raw[b][c] != null
                            ? Double.parseDouble(raw[b][c]) : Double.NaN;
                }
            }
        }
        return new BasinAttributes(schema, ids, columns, columnFiles, kinds, raw, values, categories, issues);
    }

    /** @return usable basin ids in table order (bad basins excluded) */
    public List<String> basinIds() {
        return ids;
    }

    /**
     * @param basinId a gauge id
     * @return whether the basin has attributes
     */
    public boolean contains(String basinId) {
        return idIndex.containsKey(basinId);
    }

    /** @return all attribute column names (the id column excluded), in table order */
    public List<String> columns() {
        return columns;
    }

    /**
     * @param column a column name
     * @return its kind
     * @throws IllegalArgumentException for an unknown column
     */
    public Kind kind(String column) {
        return kinds[col(column)];
    }

    /**
     * @param column a column name
     * @return the file the column was read from
     */
    public Path sourceFile(String column) {
        return columnFiles.get(col(column));
    }

    /**
     * The sorted distinct values of a categorical column; a value's code is its index here.
     *
     * @param column a categorical column
     * @return the categories in code order
     * @throws IllegalArgumentException when the column is not categorical
     */
    public List<String> categories(String column) {
        List<String> c = categories.get(column);
        if (c == null) {
            throw new IllegalArgumentException("attribute '" + column + "' is not categorical (it is "
                    + kind(column) + ")");
        }
        return c;
    }

    /**
     * A numeric attribute value, or the code of a categorical one.
     *
     * @param basinId gauge id
     * @param column  attribute name
     * @return the value, NaN when missing or for text columns
     * @throws IllegalArgumentException for an unknown basin or attribute
     */
    public double value(String basinId, String column) {
        return values[row(basinId)][col(column)];
    }

    /**
     * The value as written in the table (trimmed).
     *
     * @param basinId gauge id
     * @param column  attribute name
     * @return the text, or null when missing
     */
    public String text(String basinId, String column) {
        return raw[row(basinId)][col(column)];
    }

    /**
     * @param basinId gauge id
     * @return the gauge name, or null when the table has none
     */
    public String name(String basinId) {
        return columnIndex.containsKey(schema.nameColumn()) ? text(basinId, schema.nameColumn()) : null;
    }

    /**
     * @param basinId gauge id
     * @return catchment area in km² (CAMELS: area_gages2), NaN when missing
     */
    public double areaKm2(String basinId) {
        return optional(basinId, schema.areaColumn());
    }

    /**
     * @param basinId gauge id
     * @return gauge latitude in degrees north, NaN when missing
     */
    public double latitude(String basinId) {
        return optional(basinId, schema.latColumn());
    }

    /**
     * @param basinId gauge id
     * @return gauge longitude in degrees east, NaN when missing
     */
    public double longitude(String basinId) {
        return optional(basinId, schema.lonColumn());
    }

    /**
     * @param basinId gauge id
     * @return fraction of precipitation falling as snow, NaN when missing
     */
    public double fracSnow(String basinId) {
        return optional(basinId, schema.fracSnowColumn());
    }

    private double optional(String basinId, String column) {
        return columnIndex.containsKey(column) ? value(basinId, column) : Double.NaN;
    }

    /**
     * @param basinId gauge id
     * @return the attribute columns with no value for this basin, in table order
     */
    public List<String> missingAttributes(String basinId) {
        int b = row(basinId);
        List<String> out = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (raw[b][c] == null) {
                out.add(columns.get(c));
            }
        }
        return out;
    }

    /**
     * Builds the attributes matrix the network consumes: row per basin, column per attribute, categorical
     * columns as their codes, NaN where missing.
     *
     * @param basinIds the basins, in the wanted row order
     * @param names    the attributes, in the wanted column order (numeric or categorical)
     * @return a new [basin][attribute] matrix
     * @throws IllegalArgumentException naming the unknown basin or attribute, or a text attribute
     */
    public float[][] matrix(List<String> basinIds, List<String> names) {
        int[] cols = new int[names.size()];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = col(names.get(j));
            if (kinds[cols[j]] == Kind.TEXT) {
                throw new IllegalArgumentException("attribute '" + names.get(j) + "' is text and cannot be a model input");
            }
        }
        float[][] m = new float[basinIds.size()][cols.length];
        for (int i = 0; i < m.length; i++) {
            double[] r = values[row(basinIds.get(i))];
            for (int j = 0; j < cols.length; j++) {
                m[i][j] = (float) r[cols[j]];
            }
        }
        return m;
    }

    /** @return problems found while reading: skipped basins (ERROR) and missing rows (WARN) */
    public List<DataIssue> issues() {
        return issues;
    }

    /** @return the column-role schema these attributes were read with */
    public AttributeSchema schema() {
        return schema;
    }

    private int row(String basinId) {
        Integer b = idIndex.get(basinId);
        if (b == null) {
            throw new IllegalArgumentException("unknown basin id '" + basinId + "': not in the attribute tables");
        }
        return b;
    }

    private int col(String column) {
        Integer c = columnIndex.get(column);
        if (c == null) {
            java.util.Set<String> tables = new java.util.LinkedHashSet<>();
            columnFiles.forEach(f -> tables.add(String.valueOf(f.getFileName())));
            Path folder = columnFiles.isEmpty() ? null : columnFiles.get(0).getParent();
            throw new IllegalArgumentException("unknown attribute '" + column + "': no column of that name in the"
                    + " attribute tables " + (tables.isEmpty() ? "(none read)" : String.join(", ", tables))
                    + (folder == null ? "" : " in " + folder));
        }
        return c;
    }
}
