package org.hydrodelta.core.data.csv;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hydrodelta.core.data.AttributeSchema;
import org.hydrodelta.core.data.AttributeTablesReader;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.DataFormatException;

/**
 * How to read plain per-basin CSV files: where the basin list and the files are, the date column and its format,
 * and which column holds each variable in which unit. Saved in the project as JSON ({@link #write}); relative paths
 * are resolved against the folder of the mapping file.
 *
 * <p>Roles: {@code prcp}, {@code tmean}, {@code tmax}, {@code tmin}, {@code pet}, {@code flow}. Units:
 * precipitation and PET {@code mm/d}, {@code in/d}; temperature {@code degC}, {@code degF}, {@code K}; flow
 * {@code mm/d}, {@code m3/s}, {@code ft3/s}, {@code l/s} (the last three need the basin area from the attributes
 * file, column {@code area} in km², or the column named by {@code areaColumn}).
 *
 * <p>Optional keys (absent from older mappings): {@code header} ({@code false} for files without a header row, whose
 * columns are then named by {@code columnNames}), {@code attributeDelimiter} (the attribute tables' separator,
 * {@code ;} for CAMELS' own tables), {@code areaColumn} (e.g. {@code area_gages2}) and {@code extraAttributes}
 * (further attribute tables joined on {@code gauge_id}). The format is documented in {@code docs/csv-mapping.md}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class CsvMapping {
    /** Format tag written into the JSON. */
    public static final String FORMAT = "hydrodelta-csv-mapping/1";
    /** The variable roles a mapping can assign. */
    public static final List<String> ROLES = List.of("prcp", "tmean", "tmax", "tmin", "pet", "flow");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One mapped column. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Column {
        /** Header name in the CSV files. */
        public String column;
        /** Unit of the values. */
        public String unit;

        /** For Jackson. */
        public Column() {
        }

        /**
         * @param column header name
         * @param unit   unit
         */
        public Column(String column, String unit) {
            this.column = column;
            this.unit = unit;
        }
    }

    /** Format tag, {@link #FORMAT}. */
    public String format = FORMAT;
    /** Basin-list text file, one id per line ('#' starts a comment). */
    public String basinList;
    /** File pattern with {@code {id}}, e.g. {@code csv/{id}.csv}. */
    public String files;
    /** Field separator, one character. */
    public String delimiter = ",";
    /** Name of the date column. */
    public String dateColumn = "date";
    /** java.time pattern of the dates, null for ISO yyyy-MM-dd. */
    public String dateFormat;
    /** Role → column. */
    public Map<String, Column> columns = new LinkedHashMap<>();
    /** Optional attributes CSV keyed by gauge_id (area in km², gauge_lat, gauge_lon, elevation). */
    public String attributes;
    /** Whether the first line of each file names the columns; null means true. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean header;
    /** Column names of files without a header row, in file order; null when the files have a header. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public List<String> columnNames;
    /** Field separator of the attribute tables, one character; null means ','. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String attributeDelimiter;
    /** Attribute column holding the basin area in km²; null means {@code area}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String areaColumn;
    /** Further attribute tables keyed by gauge_id, joined to {@link #attributes}; null for none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public List<String> extraAttributes;

    @JsonIgnore
    private Path baseDir = Path.of(".");
    @JsonIgnore
    private Path source;

    /**
     * Reads a mapping file.
     *
     * @param file the JSON file
     * @return the mapping, paths relative to the file's folder
     * @throws DataFormatException when the file is not a valid mapping
     */
    public static CsvMapping read(Path file) {
        CsvMapping m;
        try {
            m = JSON.readValue(file.toFile(), CsvMapping.class);
        } catch (IOException e) {
            throw new DataFormatException(file, "not a CSV mapping file (" + e.getMessage().split("\n")[0] + ")");
        }
        m.baseDir = file.toAbsolutePath().getParent();
        m.source = file;
        m.validate();
        return m;
    }

    /** Checks required fields and units. */
    void validate() {
        Path f = source == null ? Path.of("(mapping)") : source;
        if (!FORMAT.equals(format)) {
            throw new DataFormatException(f, "not a CSV mapping file: \"format\" must be \"" + FORMAT + "\"");
        }
        if (basinList == null || files == null || !files.contains("{id}")) {
            throw new DataFormatException(f, "the mapping needs \"basinList\" and \"files\" (a pattern containing {id})");
        }
        if (delimiter == null || delimiter.length() != 1) {
            throw new DataFormatException(f, "\"delimiter\" must be a single character");
        }
        for (Map.Entry<String, Column> e : columns.entrySet()) {
            if (!ROLES.contains(e.getKey())) {
                throw new DataFormatException(f, "unknown role '" + e.getKey() + "'; roles are " + ROLES);
            }
            UnitConversion.check(f, e.getKey(), e.getValue().unit);
        }
        if (!columns.containsKey("prcp")) {
            throw new DataFormatException(f, "the mapping must name the precipitation column (role \"prcp\")");
        }
        if (Boolean.FALSE.equals(header)) {
            if (columnNames == null || columnNames.isEmpty()) {
                throw new DataFormatException(f, "\"header\": false needs \"columnNames\", the files' columns in order");
            }
            if (!columnNames.contains(dateColumn)) {
                throw new DataFormatException(f, "\"columnNames\" " + columnNames + " lacks the date column '"
                        + dateColumn + "'");
            }
            for (Map.Entry<String, Column> e : columns.entrySet()) {
                if (!columnNames.contains(e.getValue().column)) {
                    throw new DataFormatException(f, "role '" + e.getKey() + "': no column '" + e.getValue().column
                            + "' in \"columnNames\" " + columnNames);
                }
            }
        } else if (columnNames != null) {
            throw new DataFormatException(f, "\"columnNames\" is only for files without a header row (\"header\": false)");
        }
        if (attributeDelimiter != null && attributeDelimiter.length() != 1) {
            throw new DataFormatException(f, "\"attributeDelimiter\" must be a single character");
        }
        if ((extraAttributes != null && !extraAttributes.isEmpty() || areaColumn != null) && attributes == null) {
            throw new DataFormatException(f, "\"extraAttributes\" and \"areaColumn\" need \"attributes\"");
        }
    }

    /** @return the reader for this mapping's files (delimiter, date column and format, header or column names) */
    public DailyCsvReader reader() {
        DateTimeFormatter fmt = dateFormat == null ? null : DateTimeFormatter.ofPattern(dateFormat);
        return new DailyCsvReader(delimiter.charAt(0), dateColumn, fmt, Boolean.FALSE.equals(header) ? columnNames
                : null);
    }

    /** @return the attribute tables, resolved, {@link #attributes} first; empty when the mapping names none */
    @JsonIgnore
    public List<Path> attributeFiles() {
        List<Path> files = new ArrayList<>();
        if (attributes != null) {
            files.add(resolve(attributes));
            if (extraAttributes != null) {
                extraAttributes.forEach(a -> files.add(resolve(a)));
            }
        }
        return files;
    }

    /**
     * @return the column roles of the attribute tables: gauge_id, the area column ({@link #areaColumn}), CAMELS'
     *         and Caravan's text and categorical columns
     */
    public AttributeSchema attributeSchema() {
        Set<String> text = new HashSet<>(AttributeSchema.CARAVAN.textColumns());
        text.addAll(AttributeSchema.CAMELS_US.textColumns());
        return new AttributeSchema("gauge_id", "gauge_name", areaColumn == null ? "area" : areaColumn, "gauge_lat",
                "gauge_lon", "frac_snow", text, AttributeSchema.CAMELS_US.categoricalColumns());
    }

    /** @return the attribute tables read and joined, or null when the mapping names none */
    public BasinAttributes readAttributes() {
        List<Path> files = attributeFiles();
        if (files.isEmpty()) {
            return null;
        }
        char d = attributeDelimiter == null ? ',' : attributeDelimiter.charAt(0);
        return new AttributeTablesReader(attributeSchema(), d).read(files);
    }

    /**
     * Writes the mapping as JSON (into the project).
     *
     * @param file destination
     */
    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks that what the mapping names is where it says: the basin list and attribute tables as files, the folder
     * of the data files (the fixed part of {@code files} before {@code {id}}) as a folder. A project copied or moved
     * without its data, or with data the mapping reaches by a relative path, fails here once, naming the key, instead
     * of failing each basin's file as an unknown basin.
     *
     * @throws DataFormatException naming the mapping file, the key's line and the key, and the path looked for
     */
    public void checkLocations() {
        checkFile("basinList", basinList);
        int id = files.indexOf("{id}");
        int slash = Math.max(files.lastIndexOf('/', id), files.lastIndexOf('\\', id));
        Path folder = slash < 0 ? baseDir : resolve(files.substring(0, slash));
        if (!Files.isDirectory(folder)) {
            throw missing("files", files, "the folder of its files, " + folder.toAbsolutePath().normalize() + ",");
        }
        checkFile("attributes", attributes);
        if (attributes != null && extraAttributes != null) {
            extraAttributes.forEach(a -> checkFile("extraAttributes", a));
        }
    }

    private void checkFile(String key, String relative) {
        if (relative != null && !Files.isRegularFile(resolve(relative))) {
            throw missing(key, relative, resolve(relative).toAbsolutePath().normalize().toString());
        }
    }

    private DataFormatException missing(String key, String value, String what) {
        Path f = source == null ? Path.of("(mapping)") : source;
        boolean relative = !Path.of(value.replace("{id}", "x")).isAbsolute();
        return new DataFormatException(f, lineOf(key), null, "\"" + key + "\": " + value + ": " + what
                + " does not exist" + (relative ? " (the mapping's relative paths are read from its own folder, "
                + baseDir.toAbsolutePath().normalize() + "; if the project or the data moved, point the dataset at"
                + " the data's folder: Locate data… on the dataset in the window, or hydrodelta project locate)"
                : " (if the data moved, point the dataset at their folder: Locate data… on the dataset in the"
                + " window, or hydrodelta project locate)"));
    }

    /** @return the line of the mapping file where {@code "key":} stands, 0 when unknown */
    private long lineOf(String key) {
        if (source == null) {
            return 0;
        }
        try {
            List<String> lines = Files.readAllLines(source, java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("\"" + java.util.regex.Pattern.quote(key)
                    + "\"\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the message still names the file and the key
        }
        return 0;
    }

    /**
     * @param relative a path from the mapping
     * @return it resolved against the mapping file's folder
     */
    public Path resolve(String relative) {
        return baseDir.resolve(relative);
    }

    /** @return the mapping file, or null when built in memory */
    @JsonIgnore
    public Path source() {
        return source;
    }

    /**
     * Sets the folder relative paths are resolved against (for mappings built in memory).
     *
     * @param dir the folder
     */
    public void baseDir(Path dir) {
        this.baseDir = dir;
    }
}
