package org.hydrodelta.app.gui.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.core.data.AttributeTablesReader;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.BasinOutcome;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.csv.CsvDatasetLoader;
import org.hydrodelta.core.data.csv.CsvHead;
import org.hydrodelta.core.data.csv.CsvMapping;
import org.hydrodelta.core.data.csv.CsvMappingGuesser;
import org.hydrodelta.core.data.csv.DailyCsvReader;
import org.hydrodelta.core.data.csv.MappedBasinReader;
import org.hydrodelta.core.data.csv.UnitConversion;
import org.hydrodelta.core.project.Project;

/**
 * Builds a {@link CsvMapping} for plain per-basin CSV files, starting from one chosen file (or a folder): guesses
 * the file pattern, the basins, the delimiter, the date column and format, and each role's column and unit from
 * the header; lets the user change all of it; previews the first rows converted to the model's units (mm/d, °C)
 * and lists every problem with file, line and field. {@link #save()} writes the mapping JSON and a basin list into
 * the project's {@code mappings/} folder, with paths relative to it.
 *
 * <p>Everything is re-checked after each change; {@link #problems()} is empty when the mapping can be saved.
 * The preview basin's whole file is read through {@link MappedBasinReader}, exactly as the import will read it.
 */
public final class CsvMappingViewModel {
    /** Number of data rows shown in the preview. */
    public static final int PREVIEW_ROWS = 15;
    /** ISO dates (the reader's default, also accepting a time of day); saved as no date format. */
    public static final String ISO_DATE = CsvMappingGuesser.ISO_DATE;
    /** The date formats offered and tried when guessing, in order of preference. */
    public static final List<String> DATE_FORMATS = CsvMappingGuesser.DATE_FORMATS;
    /** The delimiters offered. */
    public static final List<String> DELIMITERS = List.of(",", ";", "\t");
    /** The column value meaning "role not mapped". */
    public static final String NONE = "";
    /** Folder names too generic to name a dataset after. */
    private static final Set<String> GENERIC = Set.of("csv", "data", "timeseries", "time_series", "daily", "files",
            "series", "basins", "input");

    private final Path mappingsDir;
    private final Project project;
    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>();
    private final StringProperty pattern = new SimpleStringProperty("");
    private final ObservableList<String> basins = FXCollections.observableArrayList();
    private final StringProperty previewBasin = new SimpleStringProperty();
    private final StringProperty delimiter = new SimpleStringProperty(",");
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final StringProperty dateColumn = new SimpleStringProperty(NONE);
    private final StringProperty dateFormat = new SimpleStringProperty(ISO_DATE);
    private final Map<String, StringProperty> roleColumns = new LinkedHashMap<>();
    private final Map<String, StringProperty> roleUnits = new LinkedHashMap<>();
    private final ObjectProperty<Path> attributes = new SimpleObjectProperty<>();
    private final StringProperty datasetName = new SimpleStringProperty("");
    private final ObjectProperty<Path> saveDir = new SimpleObjectProperty<>();
    private final ObservableList<String> previewColumns = FXCollections.observableArrayList();
    private final ObservableList<List<String>> previewRows = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private boolean updating;

    /**
     * @param mappingsDir where mappings are saved ({@code <projectDir>/mappings}), or null while the project has
     *                    no folder (then {@link #saveDirProperty()} must be set before saving)
     * @param project     the project, to keep dataset names unique; may be null
     */
    public CsvMappingViewModel(Path mappingsDir, Project project) {
        this.mappingsDir = mappingsDir;
        this.project = project;
        saveDir.set(mappingsDir);
        for (String role : CsvMapping.ROLES) {
            StringProperty c = new SimpleStringProperty(NONE);
            StringProperty u = new SimpleStringProperty(UnitConversion.units(role).get(0));
            c.addListener((o, a, b) -> refresh());
            u.addListener((o, a, b) -> refresh());
            roleColumns.put(role, c);
            roleUnits.put(role, u);
        }
        pattern.addListener((o, a, b) -> {
            if (!updating) {
                listBasins();
                refresh();
            }
        });
        previewBasin.addListener((o, a, b) -> refresh());
        delimiter.addListener((o, a, b) -> {
            if (!updating) {
                guessColumns();
            }
        });
        dateColumn.addListener((o, a, b) -> refresh());
        dateFormat.addListener((o, a, b) -> refresh());
        attributes.addListener((o, a, b) -> refresh());
        datasetName.addListener((o, a, b) -> refresh());
        saveDir.addListener((o, a, b) -> refresh());
    }

    /**
     * Starts from a chosen CSV file (its base name is taken as a basin id) or a folder of CSV files, and guesses
     * everything.
     *
     * @param fileOrFolder one basin's CSV file, or the folder holding them
     */
    public void open(Path fileOrFolder) {
        Path start = fileOrFolder.toAbsolutePath().normalize();
        Path sample = start;
        updating = true;
        try {
            columns.clear();
            if (Files.isDirectory(start)) {
                sample = firstDataFile(start);
                folder.set(start);
            } else {
                folder.set(start.getParent());
            }
            attributes.set(findAttributes(folder.get()));
            if (sample == null) {
                pattern.set("{id}.csv");
                basins.clear();
            } else {
                String name = sample.getFileName().toString();
                int dot = name.lastIndexOf('.');
                pattern.set("{id}" + (dot > 0 ? name.substring(dot) : ""));
                listBasins();
                previewBasin.set(dot > 0 ? name.substring(0, dot) : name);
            }
            datasetName.set(suggestName(folder.get()));
        } finally {
            updating = false;
        }
        guessColumns();
    }

    /** Re-reads the preview file's header with the current delimiter (sniffed on first use) and guesses roles. */
    private void guessColumns() {
        Path f = previewFile();
        if (f == null || !Files.isRegularFile(f)) {
            refresh();
            return;
        }
        updating = true;
        try {
            CsvHead head = CsvHead.read(f, columns.isEmpty() ? null : delimiter.get().charAt(0), PREVIEW_ROWS);
            delimiter.set(String.valueOf(head.delimiter()));
            columns.setAll(head.header());
            guessDate(head);
            for (String role : CsvMapping.ROLES) {
                roleColumns.get(role).set(NONE);
            }
            CsvMappingGuesser.guessRoles(head.header(), dateColumn.get()).forEach((role, c) -> {
                roleColumns.get(role).set(c.column);
                roleUnits.get(role).set(c.unit);
            });
        } catch (DataFormatException | UncheckedIOException e) {
            columns.clear();
        } finally {
            updating = false;
        }
        refresh();
    }

    /**
     * The column and format under which most of the first rows parse as dates (more than half of them, so that a
     * few bad rows do not hide the date column; they are then reported as problems).
     */
    private void guessDate(CsvHead head) {
        String[] guess = CsvMappingGuesser.guessDate(head);
        dateColumn.set(guess[0] != null ? guess[0] : NONE);
        dateFormat.set(guess[1]);
    }

    /**
     * Guesses a column's role from its header name: P/prcp/precip/rain → prcp, Tmax, Tmin, Tmean/Tavg/T/temp →
     * tmean, PET/ET0/evap → pet, Q/flow/discharge/streamflow/runoff → flow.
     *
     * @param header a header name
     * @return the role, or null
     */
    public static String guessRole(String header) {
        return CsvMappingGuesser.guessRole(header);
    }

    /**
     * Guesses a column's unit from its header name (e.g. {@code Q_cfs} → ft3/s, {@code Q_m3s} → m3/s,
     * {@code Tmax_F} → degF, {@code P_in} → in/d); the model's unit when the name says nothing.
     *
     * @param role   the role
     * @param header the header name
     * @return one of {@link UnitConversion#units(String)}
     */
    public static String guessUnit(String role, String header) {
        return CsvMappingGuesser.guessUnit(role, header);
    }

    private static Path firstDataFile(Path dir) {
        return CsvMappingGuesser.firstDataFile(dir);
    }

    /** An attributes table ({@code *attribute*.csv}) in the data folder or the folder above. */
    private static Path findAttributes(Path dir) {
        return CsvMappingGuesser.findAttributes(dir);
    }

    private String suggestName(Path dir) {
        Path d = dir;
        while (d.getParent() != null && d.getFileName() != null
                && GENERIC.contains(d.getFileName().toString().toLowerCase(Locale.ROOT))) {
            d = d.getParent();
        }
        String base = d.getFileName() == null ? "csv" : d.getFileName().toString().replaceAll("[^A-Za-z0-9._-]+", "-");
        String n = base;
        for (int i = 2; taken(n); i++) {
            n = base + "-" + i;
        }
        return n;
    }

    private boolean taken(String n) {
        return project != null && project.dataset(n).isPresent()
                || saveDir.get() != null && Files.exists(saveDir.get().resolve(n + ".json"));
    }

    /** The basins: files in the folder matching the pattern (the attributes table excluded). */
    private void listBasins() {
        List<String> ids = new ArrayList<>();
        String p = pattern.get() == null ? "" : pattern.get();
        int at = p.indexOf("{id}");
        if (folder.get() != null && at >= 0) {
            int slash = p.lastIndexOf('/');
            Path dir = slash < 0 ? folder.get() : folder.get().resolve(p.substring(0, slash));
            String namePart = slash < 0 ? p : p.substring(slash + 1);
            int i = namePart.indexOf("{id}");
            if (i >= 0 && Files.isDirectory(dir)) {
                Pattern re = Pattern.compile(Pattern.quote(namePart.substring(0, i)) + "(.+)"
                        + Pattern.quote(namePart.substring(i + 4)));
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.equals(attributes.get())).map(f -> re.matcher(
                            f.getFileName().toString())).filter(Matcher::matches).map(m -> m.group(1)).sorted()
                            .forEach(ids::add);
                } catch (IOException e) {
                    problems.add("Cannot list " + dir + ": " + e.getMessage());
                }
            }
        }
        basins.setAll(ids);
        if (!ids.isEmpty() && !ids.contains(previewBasin.get())) {
            previewBasin.set(ids.get(0));
        }
    }

    private Path previewFile() {
        String id = previewBasin.get();
        String p = pattern.get();
        return folder.get() == null || id == null || p == null || !p.contains("{id}") ? null
                : folder.get().resolve(p.replace("{id}", id));
    }

    /** Re-checks everything and rebuilds the preview. */
    private void refresh() {
        if (updating) {
            return;
        }
        Set<String> bad = new LinkedHashSet<>();
        List<String> warn = new ArrayList<>();
        List<String> cols = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        try {
            check(bad, warn, cols, rows);
        } catch (DataFormatException | UncheckedIOException e) {
            bad.add(e.getMessage());
        }
        previewColumns.setAll(cols);
        previewRows.setAll(rows);
        problems.setAll(bad);
        warnings.setAll(warn);
    }

    private void check(Set<String> bad, List<String> warn, List<String> cols, List<List<String>> rows) {
        String name = datasetName.get() == null ? "" : datasetName.get().strip();
        if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]+")) {
            bad.add("The dataset needs a name made of letters, digits, '.', '_' or '-'");
        } else if (project != null && project.dataset(name).isPresent()) {
            bad.add("The project already has a dataset called '" + name + "'");
        } else if (saveDir.get() == null) {
            bad.add("The project has not been saved yet: save it first, or choose a folder for the mapping");
        } else if (Files.exists(saveDir.get().resolve(name + ".json"))) {
            bad.add(saveDir.get().resolve(name + ".json") + " already exists: choose another dataset name");
        }
        String p = pattern.get() == null ? "" : pattern.get();
        if (!p.contains("{id}") || p.substring(0, Math.max(0, p.indexOf("{id}"))).contains("{")) {
            bad.add("The file pattern must contain {id} where the basin id goes, e.g. {id}.csv");
            return;
        }
        if (p.lastIndexOf('/') > p.indexOf("{id}")) {
            bad.add("The file pattern may name a subfolder before {id}, not after it: " + p);
            return;
        }
        if (basins.isEmpty()) {
            bad.add("No file in " + folder.get() + " matches the pattern " + p);
            return;
        }
        Path file = previewFile();
        String id = previewBasin.get();
        if (delimiter.get() == null || delimiter.get().length() != 1) {
            bad.add("The delimiter must be a single character");
            return;
        }
        char delim = delimiter.get().charAt(0);
        CsvHead head = CsvHead.read(file, delim, PREVIEW_ROWS);
        if (head.headerLooksLikeData()) {
            bad.add(file + ":1: missing header: the first line must name the columns");
        }
        if (head.header().size() < 2) {
            bad.add(file + ":1: only one column when split at '" + show(delim) + "': choose the delimiter the file"
                    + " uses");
            return;
        }
        List<String> header = head.header();
        String dc = dateColumn.get() == null ? NONE : dateColumn.get();
        if (dc.isEmpty()) {
            bad.add("Choose the date column");
        } else if (!header.contains(dc)) {
            bad.add(file + ":1: no column '" + dc + "' in the header (found " + String.join(", ", header) + ")");
        }
        DateTimeFormatter fmt = null;
        String df = dateFormat.get() == null ? ISO_DATE : dateFormat.get().strip();
        if (!df.isEmpty() && !df.equals(ISO_DATE)) {
            try {
                fmt = DateTimeFormatter.ofPattern(df);
            } catch (IllegalArgumentException e) {
                bad.add("Date format '" + df + "' is not a valid pattern: " + e.getMessage());
                return;
            }
        }
        Map<String, CsvMapping.Column> roles = mappedRoles();
        Map<String, String> usedBy = new LinkedHashMap<>();
        if (!dc.isEmpty()) {
            usedBy.put(dc, "the date");
        }
        for (Map.Entry<String, CsvMapping.Column> e : roles.entrySet()) {
            String col = e.getValue().column;
            String role = e.getKey();
            if (!header.contains(col)) {
                bad.add(file + ":1: role '" + role + "': no column '" + col + "' in the header");
            }
            String prev = usedBy.putIfAbsent(col, "role '" + role + "'");
            if (prev != null) {
                bad.add("Column '" + col + "' is used for both " + prev + " and role '" + role + "'");
            }
            if (!UnitConversion.units(role).contains(e.getValue().unit)) {
                bad.add("Role '" + role + "': unknown unit '" + e.getValue().unit + "'; use one of "
                        + UnitConversion.units(role));
            }
        }
        if (!roles.containsKey("prcp")) {
            bad.add("Map the precipitation column (role 'prcp')");
        }
        if (!roles.containsKey("tmean") && !(roles.containsKey("tmax") && roles.containsKey("tmin"))) {
            bad.add("Map a temperature: 'tmean', or both 'tmax' and 'tmin'");
        }
        BasinAttributes attrs = null;
        if (attributes.get() != null) {
            try {
                attrs = new AttributeTablesReader(CsvDatasetLoader.SCHEMA, ',').read(List.of(attributes.get()));
                attrs.issues().stream().filter(i -> i.severity() == DataIssue.Severity.ERROR)
                        .forEach(i -> warn.add(withoutSeverity(i)));
            } catch (DataFormatException | UncheckedIOException e) {
                bad.add(e.getMessage());
            }
        }
        double area = attrs != null && attrs.contains(id) ? attrs.areaKm2(id) : Double.NaN;
        CsvMapping.Column flow = roles.get("flow");
        boolean needsArea = flow != null && UnitConversion.needsArea(flow.unit) && UnitConversion.units("flow")
                .contains(flow.unit);
        if (needsArea && attributes.get() == null) {
            bad.add("Flow in " + flow.unit + " needs each basin's area: choose an attributes CSV with gauge_id and"
                    + " area (km²)");
        }
        if (!bad.isEmpty() && (dc.isEmpty() || !header.contains(dc))) {
            return;
        }
        preview(head, dc, fmt, roles, needsArea && !(area > 0), area, bad, cols, rows);
        if (bad.isEmpty()) {
            BasinOutcome out = new MappedBasinReader(new DailyCsvReader(delim, dc, fmt), roles, null).load(id, file,
                    attrs);
            for (DataIssue i : out.issues()) {
                (i.severity() == DataIssue.Severity.ERROR ? bad : warn).add(withoutSeverity(i));
            }
        }
    }

    /** Converts the first rows with the core reader's cell parsers and {@link UnitConversion}. */
    private void preview(CsvHead head, String dc, DateTimeFormatter fmt, Map<String, CsvMapping.Column> roles,
            boolean flowNeedsArea, double area, Set<String> bad, List<String> cols, List<List<String>> rows) {
        List<String> header = head.header();
        Path file = head.file();
        DailyCsvReader reader = new DailyCsvReader(head.delimiter(), dc, fmt);
        cols.add("line");
        cols.add("date");
        List<String> mapped = new ArrayList<>();
        for (Map.Entry<String, CsvMapping.Column> e : roles.entrySet()) {
            if (header.contains(e.getValue().column) && UnitConversion.units(e.getKey()).contains(e.getValue().unit)) {
                mapped.add(e.getKey());
                cols.add(e.getKey() + " (" + (e.getKey().startsWith("t") ? "°C" : "mm/d") + ")");
            }
        }
        int n = head.rows().size();
        String[] dates = new String[n];
        Map<String, float[]> values = new LinkedHashMap<>();
        mapped.forEach(r -> values.put(r, new float[n]));
        for (int i = 0; i < n; i++) {
            CsvHead.Row row = head.rows().get(i);
            List<String> f = row.fields();
            if (f.size() != header.size()) {
                int w = header.size();
                bad.add(new DataFormatException(file, row.line(), f.size() < w ? header.get(f.size()) : "field "
                        + (w + 1), (f.size() < w ? "truncated line" : "extra fields") + ": expected " + w
                        + " fields, found " + f.size()).getMessage());
            }
            int di = header.indexOf(dc);
            try {
                dates[i] = di < f.size() ? reader.parseDate(file, row.line(), f.get(di).trim()).toString() : "?";
            } catch (DataFormatException e) {
                bad.add(e.getMessage());
                dates[i] = "?";
            }
            for (String role : mapped) {
                String col = roles.get(role).column;
                int k = header.indexOf(col);
                float v = Float.NaN;
                if (k < f.size()) {
                    try {
                        double x = DailyCsvReader.parseValue(file, row.line(), col, f.get(k).trim());
                        v = DailyCsvReader.isSentinel(x) ? Float.NaN : (float) x;
                    } catch (DataFormatException e) {
                        bad.add(e.getMessage());
                    }
                }
                values.get(role)[i] = v;
            }
        }
        for (String role : mapped) {
            if (!(role.equals("flow") && flowNeedsArea)) {
                UnitConversion.toStandard(role, roles.get(role).unit, values.get(role), area);
            }
        }
        for (int i = 0; i < n; i++) {
            List<String> r = new ArrayList<>();
            r.add(String.valueOf(head.rows().get(i).line()));
            r.add(dates[i]);
            for (String role : mapped) {
                float v = values.get(role)[i];
                r.add(role.equals("flow") && flowNeedsArea ? "needs area"
                        : Float.isNaN(v) ? "missing" : String.format(Locale.ROOT, "%.3f", v));
            }
            rows.add(List.copyOf(r));
        }
    }

    private Map<String, CsvMapping.Column> mappedRoles() {
        Map<String, CsvMapping.Column> m = new LinkedHashMap<>();
        for (String role : CsvMapping.ROLES) {
            String c = roleColumns.get(role).get();
            if (c != null && !c.isEmpty()) {
                m.put(role, new CsvMapping.Column(c, roleUnits.get(role).get()));
            }
        }
        return m;
    }

    /**
     * Builds the mapping as it would be saved into {@code dir}: paths relative to {@code dir} when the data is
     * inside or near it, absolute otherwise.
     *
     * @param dir the folder the mapping file will be in
     * @return the mapping
     */
    public CsvMapping toMapping(Path dir) {
        CsvMapping m = new CsvMapping();
        m.basinList = datasetName.get().strip() + "-basins.txt";
        m.files = relative(dir, folder.get().resolve(pattern.get()));
        m.delimiter = delimiter.get();
        m.dateColumn = dateColumn.get();
        m.dateFormat = ISO_DATE.equals(dateFormat.get()) ? null : dateFormat.get().strip();
        m.columns = mappedRoles();
        m.attributes = attributes.get() == null ? null : relative(dir, attributes.get());
        m.baseDir(dir);
        return m;
    }

    /** Paths inside or beside the folder are written relative (with '/'), others absolute (as the project does). */
    private static String relative(Path base, Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path b = base.toAbsolutePath().normalize();
        if (abs.getRoot() != null && abs.getRoot().equals(b.getRoot())) {
            String rel = b.relativize(abs).toString().replace('\\', '/');
            if (!rel.startsWith("../../..")) {
                return rel;
            }
        }
        return abs.toString();
    }

    /**
     * Writes {@code <dataset>.json} and {@code <dataset>-basins.txt} into the save folder (created if needed) and
     * reads the mapping back to validate it.
     *
     * @return the mapping file, ready for {@link ImportViewModel#useCsvMapping}
     * @throws IllegalStateException while there are {@link #problems()}
     * @throws UncheckedIOException  when the files cannot be written
     */
    public Path save() {
        refresh();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.get(0));
        }
        Path dir = saveDir.get().toAbsolutePath().normalize();
        String name = datasetName.get().strip();
        Path target = dir.resolve(name + ".json");
        try {
            Files.createDirectories(dir);
            List<String> lines = new ArrayList<>();
            lines.add("# basins of " + folder.get().resolve(pattern.get()) + " (written by the CSV mapping editor)");
            lines.addAll(basins);
            Files.write(dir.resolve(name + "-basins.txt"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the basin list into " + dir + ": " + e.getMessage(), e);
        }
        toMapping(dir).write(target);
        CsvMapping.read(target);
        refresh();
        return target;
    }

    /** {@link DataIssue#format()} without the leading ERROR / WARN: the list says which it is. */
    private static String withoutSeverity(DataIssue i) {
        return i.format().substring(i.severity().name().length() + 1);
    }

    private static String show(char c) {
        return c == '\t' ? "tab" : String.valueOf(c);
    }

    /** @return the folder of the CSV files (the pattern is relative to it) */
    public ObjectProperty<Path> folderProperty() {
        return folder;
    }

    /** @return the file pattern relative to the folder, with {@code {id}} for the basin id */
    public StringProperty patternProperty() {
        return pattern;
    }

    /** @return the basin ids found by the pattern */
    public ObservableList<String> basins() {
        return basins;
    }

    /** @return the basin whose file is previewed and checked */
    public StringProperty previewBasinProperty() {
        return previewBasin;
    }

    /** @return the field separator, one of {@link #DELIMITERS} (or any single character) */
    public StringProperty delimiterProperty() {
        return delimiter;
    }

    /** @return the header of the previewed file */
    public ObservableList<String> columns() {
        return columns;
    }

    /** @return the date column */
    public StringProperty dateColumnProperty() {
        return dateColumn;
    }

    /** @return the date format, a java.time pattern; {@link #ISO_DATE} for ISO dates */
    public StringProperty dateFormatProperty() {
        return dateFormat;
    }

    /**
     * @param role one of {@link CsvMapping#ROLES}
     * @return the column mapped to it, {@link #NONE} when unmapped
     */
    public StringProperty columnProperty(String role) {
        return roleColumns.get(role);
    }

    /**
     * @param role one of {@link CsvMapping#ROLES}
     * @return its unit, one of {@link UnitConversion#units(String)}
     */
    public StringProperty unitProperty(String role) {
        return roleUnits.get(role);
    }

    /** @return the attributes CSV (gauge_id, area in km², ...), or null */
    public ObjectProperty<Path> attributesProperty() {
        return attributes;
    }

    /** @return the dataset name; also names the mapping and basin-list files */
    public StringProperty datasetNameProperty() {
        return datasetName;
    }

    /** @return the folder the mapping is saved into; {@code <projectDir>/mappings} by default */
    public ObjectProperty<Path> saveDirProperty() {
        return saveDir;
    }

    /** @return the default save folder given at construction, or null */
    public Path mappingsDir() {
        return mappingsDir;
    }

    /** @return the preview's column titles: line, date, then each mapped role with the model's unit */
    public ObservableList<String> previewColumns() {
        return previewColumns;
    }

    /** @return the preview rows, one string per {@link #previewColumns()} entry */
    public ObservableList<List<String>> previewRows() {
        return previewRows;
    }

    /** @return what prevents saving, each naming file, line and field where it applies; empty when ready */
    public ObservableList<String> problems() {
        return problems;
    }

    /** @return things worth knowing that do not prevent saving (e.g. PET computed, implausible flow magnitude) */
    public ObservableList<String> warnings() {
        return warnings;
    }
}
