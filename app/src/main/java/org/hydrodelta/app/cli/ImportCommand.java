package org.hydrodelta.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.BasinOutcome;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.DatasetType;
import org.hydrodelta.core.data.DatasetTypes;
import org.hydrodelta.core.data.csv.CsvMapping;
import org.hydrodelta.core.data.csv.CsvMappingGuesser;
import org.hydrodelta.core.data.csv.MappedBasinReader;
import org.hydrodelta.core.data.csv.UnitConversion;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hydrodelta import PROJECT camels|caravan|csv PATH}: adds a dataset and its basins to a project without the
 * window. For CSV files the column mapping is guessed exactly as the import dialog guesses it
 * ({@link CsvMappingGuesser}), changed by the options, checked on the first basin's whole file as the dialog checks
 * it, written into the project's {@code mappings/} folder and printed for review.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Add a dataset to a project: a CAMELS-US folder, a Caravan folder, or plain CSV files (one per"
                + " basin; PATH is one file or their folder). For CSV the mapping is guessed as the import dialog"
                + " guesses it, written to mappings/<name>.json beside the project and printed; the format is"
                + " documented in docs/csv-mapping.md.")
public final class ImportCommand implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        java.io.PrintWriter out() {
            return spec.commandLine().getOut();
        }

        java.io.PrintWriter err() {
            return spec.commandLine().getErr();
        }

    @Parameters(index = "0", paramLabel = "PROJECT", description = "the *.hdproj project file")
    Path project;

    @Parameters(index = "1", paramLabel = "KIND", description = "camels, caravan or csv")
    String kind;

    @Parameters(index = "2", paramLabel = "PATH", description = "the data folder (csv: one basin's file or the folder)")
    Path path;

    @Option(names = "--name", description = "dataset name (default: from the folder)")
    String name;

    @Option(names = "--forcing", paramLabel = "PRODUCT", description = "camels: forcing product (daymet, maurer,"
            + " maurer_extended, nldas; default: daymet if present, else the first)")
    String forcing;

    @Option(names = "--column", paramLabel = "ROLE=NAME", description = "csv: the column of a role (prcp, tmean, tmax,"
            + " tmin, pet, flow); ROLE= unmaps it. Repeatable")
    List<String> columns = new ArrayList<>();

    @Option(names = "--unit", paramLabel = "ROLE=UNIT", description = "csv: the unit of a role (mm/d, in/d; degC,"
            + " degF, K; flow mm/d, m3/s, ft3/s, l/s). Repeatable")
    List<String> units = new ArrayList<>();

    @Option(names = "--delimiter", description = "csv: field separator (default: sniffed from the first line)")
    String delimiter;

    @Option(names = "--date-column", paramLabel = "NAME", description = "csv: the date column (default: guessed)")
    String dateColumn;

    @Option(names = "--date-format", paramLabel = "PATTERN", description = "csv: java.time date pattern, e.g."
            + " dd.MM.yyyy (default: guessed; yyyy-MM-dd is ISO)")
    String dateFormat;

    @Option(names = "--pattern", description = "csv: file pattern relative to the folder, with {id} (default: from"
            + " the file name)")
    String pattern;

    @Option(names = "--no-header", description = "csv: the files have no header row (name the columns with --columns)")
    boolean noHeader;

    @Option(names = "--columns", paramLabel = "a,b,c", split = ",", description = "csv with --no-header: the column"
            + " names in file order")
    List<String> columnNames;

    @Option(names = "--attributes", paramLabel = "FILE", split = ",", description = "csv: attribute table(s) keyed by gauge_id"
            + " (default: *attribute*.csv beside the files); several (comma-separated or repeated) are joined on"
            + " gauge_id, e.g. CAMELS' own tables")
    List<Path> attributes = new ArrayList<>();

    @Option(names = "--attribute-delimiter", paramLabel = "C", description = "csv: separator of the attribute tables"
            + " (default ','; ';' for CAMELS' tables)")
    String attributeDelimiter;

    @Option(names = "--area-column", paramLabel = "NAME", description = "csv: attribute column with the basin area in"
            + " km² (default area; CAMELS: area_gages2)")
    String areaColumn;

    /** What an import found. */
    record Found(String type, Path root, String forcing, List<String> basins, String defaultName) {
    }

    /**
     * @param kind KIND as typed: a dataset type's name, or its first word ({@code camels} for {@code camels-us})
     * @return the type
     */
    static java.util.Optional<DatasetType> typeOf(String kind) {
        String k = kind.toLowerCase(Locale.ROOT);
        return DatasetTypes.all().stream().filter(t -> t.name().equals(k) || shortName(t).equals(k)).findFirst();
    }

    private static String shortName(DatasetType t) {
        return t.name().split("-")[0];
    }

    /** @return the KIND words, e.g. {@code camels, caravan or csv} */
    static String kinds() {
        List<String> k = DatasetTypes.all().stream().map(ImportCommand::shortName).toList();
        return k.size() == 1 ? k.get(0) : String.join(", ", k.subList(0, k.size() - 1)) + " or " + k.get(k.size() - 1);
    }

    @Override
    public Integer call() throws Exception {
        DatasetType type = typeOf(kind).orElseThrow(() -> new IllegalArgumentException("KIND must be " + kinds()
                + ", not '" + kind + "'"));
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": no such file or folder");
        }
        Project p = ProjectArgs.load(project);
        if (name != null && p.dataset(name).isPresent()) {
            throw new IllegalArgumentException("the project already has a dataset '" + name + "'; choose another"
                    + " --name");
        }
        // a type described by a file (a CSV mapping) is imported by writing that file from the data; a folder type
        // is taken as it is
        Found f = type.describedByFile() ? csv(this, type) : folder(type);
        String n = name != null ? name : unique(p, f.defaultName());
        p.datasets().add(new DatasetRef(n, f.type(), f.root(), f.forcing(), null));
        int added = 0;
        for (String b : f.basins()) {
            if (!p.basins().contains(b)) {
                p.basins().add(b);
                added++;
            }
        }
        ProjectStore.save(p, project);
        out().printf("dataset '%s' (%s, %s) added to %s; %d basins, %d new in the project's selection%n", n,
                f.type(), f.root(), project, f.basins().size(), added);
        return 0;
    }

    private static String unique(Project p, String base) {
        String n = base.replaceAll("[^A-Za-z0-9._-]+", "-");
        for (int i = 2; p.dataset(n).isPresent(); i++) {
            n = base + "-" + i;
        }
        return n;
    }

    private void onlyCsvOptions() {
        if (!columns.isEmpty() || !units.isEmpty() || delimiter != null || dateColumn != null || dateFormat != null
                || pattern != null || noHeader || columnNames != null || !attributes.isEmpty()
                || attributeDelimiter != null || areaColumn != null) {
            throw new IllegalArgumentException("--column, --unit, --delimiter, --date-column, --date-format, --pattern,"
                    + " --no-header, --columns and --attribute* are for csv only");
        }
    }

    private Found folder(DatasetType type) {
        onlyCsvOptions();
        Path root = type.locate(path).orElseThrow(() -> new IllegalArgumentException(path + ": no " + type.label()
                + " data (" + type.expectedLayout() + ") here or below"));
        String product;
        try {
            product = type.chooseProduct(root, forcing);
        } catch (org.hydrodelta.core.data.DataFormatException e) {
            throw new IllegalArgumentException((forcing == null ? "" : "--forcing " + forcing + ": ")
                    + e.getMessage(), e);
        }
        return new Found(type.name(), root, product, type.basinIds(root, product), type.defaultDatasetName(product));
    }

    private static Found csv(ImportCommand c, DatasetType type) throws IOException {
        if (c.forcing != null) {
            throw new IllegalArgumentException("--forcing is for data with forcing products (camels) only");
        }
        return c.importCsv(type);
    }

    private Found importCsv(DatasetType type) throws IOException {
        if (noHeader != (columnNames != null)) {
            throw new IllegalArgumentException(noHeader ? "--no-header needs --columns a,b,c (the columns in file order)"
                    : "--columns is for files without a header row: add --no-header");
        }
        if (delimiter != null && delimiter.length() != 1 && !delimiter.equals("\\t")) {
            throw new IllegalArgumentException("--delimiter must be one character (or \\t), not '" + delimiter + "'");
        }
        Character delim = delimiter == null ? null : delimiter.equals("\\t") ? '\t' : delimiter.charAt(0);
        CsvMappingGuesser.Guess g = CsvMappingGuesser.guess(path, delim, columnNames);
        if (g.sample() == null) {
            throw new IllegalArgumentException(path + ": no CSV or text file to read the columns from");
        }
        Path folder = g.folder();
        String pat = pattern != null ? pattern : g.pattern();
        List<Path> attrFiles = new ArrayList<>(attributes);
        if (attrFiles.isEmpty() && g.attributes() != null && attributeDelimiter == null) {
            attrFiles.add(g.attributes());
        }
        Path exclude = attrFiles.isEmpty() ? null : attrFiles.get(0).toAbsolutePath().normalize();
        List<String> basins = pattern != null ? CsvMappingGuesser.listBasins(folder, pat, exclude)
                : g.basins().stream().filter(b -> exclude == null || !folder.resolve(pat.replace("{id}", b))
                        .equals(exclude)).toList();
        if (basins.isEmpty()) {
            throw new IllegalArgumentException("no file in " + folder + " matches the pattern " + pat);
        }
        String datasetName = name != null ? name : defaultCsvName(folder);
        Path projectDir = ProjectArgs.dir(project);
        Path mappingsDir = projectDir.resolve("mappings");
        Path target = mappingsDir.resolve(datasetName + ".json");
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " already exists: choose another --name");
        }
        Map<String, CsvMapping.Column> roles = new LinkedHashMap<>(g.columns());
        List<String> header = g.head().header();
        for (String s : columns) {
            String[] kv = keyValue(s, "--column");
            if (!CsvMapping.ROLES.contains(kv[0])) {
                throw new IllegalArgumentException("--column " + s + ": unknown role '" + kv[0] + "'; roles are "
                        + CsvMapping.ROLES);
            }
            if (kv[1].isEmpty()) {
                roles.remove(kv[0]);
            } else {
                if (!header.contains(kv[1])) {
                    throw new IllegalArgumentException("--column " + s + ": " + g.sample() + ":1 has no column '"
                            + kv[1] + "' (found " + String.join(", ", header) + ")");
                }
                CsvMapping.Column old = roles.get(kv[0]);
                roles.put(kv[0], new CsvMapping.Column(kv[1], old != null ? old.unit
                        : CsvMappingGuesser.guessUnit(kv[0], kv[1])));
            }
        }
        for (String s : units) {
            String[] kv = keyValue(s, "--unit");
            CsvMapping.Column col = roles.get(kv[0]);
            if (col == null) {
                throw new IllegalArgumentException("--unit " + s + ": role '" + kv[0] + "' is not mapped (mapped: "
                        + roles.keySet() + ")");
            }
            if (!UnitConversion.units(kv[0]).contains(kv[1])) {
                throw new IllegalArgumentException("--unit " + s + ": unknown unit '" + kv[1] + "' for " + kv[0]
                        + "; use one of " + UnitConversion.units(kv[0]));
            }
            roles.put(kv[0], new CsvMapping.Column(col.column, kv[1]));
        }
        CsvMapping m = new CsvMapping();
        m.basinList = datasetName + "-basins.txt";
        m.files = relative(mappingsDir, folder.resolve(pat));
        m.delimiter = String.valueOf(g.head().delimiter());
        m.dateColumn = dateColumn != null ? dateColumn : g.dateColumn();
        if (m.dateColumn == null) {
            throw new IllegalArgumentException(g.sample() + ": no column parses as dates; name it with --date-column"
                    + " (and --date-format)");
        }
        if (!header.contains(m.dateColumn)) {
            throw new IllegalArgumentException("--date-column " + m.dateColumn + ": " + g.sample() + ":1 has no such"
                    + " column (found " + String.join(", ", header) + ")");
        }
        String fmt = dateFormat != null ? dateFormat : dateColumn != null ? CsvMappingGuesser.ISO_DATE : g.dateFormat();
        m.dateFormat = CsvMappingGuesser.ISO_DATE.equals(fmt) ? null : fmt;
        m.columns = roles;
        if (noHeader) {
            m.header = false;
            m.columnNames = List.copyOf(columnNames);
        }
        if (!attrFiles.isEmpty()) {
            m.attributes = relative(mappingsDir, attrFiles.get(0));
            if (attrFiles.size() > 1) {
                m.extraAttributes = attrFiles.subList(1, attrFiles.size()).stream()
                        .map(a -> relative(mappingsDir, a)).toList();
            }
        }
        m.attributeDelimiter = attributeDelimiter == null ? null : attributeDelimiter.equals("\\t") ? "\t"
                : attributeDelimiter;
        m.areaColumn = areaColumn;
        if (!roles.containsKey("tmean") && !(roles.containsKey("tmax") && roles.containsKey("tmin"))) {
            throw new IllegalArgumentException("no temperature mapped: map 'tmean', or both 'tmax' and 'tmin', with"
                    + " --column (columns: " + String.join(", ", header) + ")");
        }
        // the checks of the mapping file, then the first basin's whole file read as the import will read it
        Files.createDirectories(mappingsDir);
        List<String> lines = new ArrayList<>();
        lines.add("# basins of " + folder.resolve(pat) + " (written by hydrodelta import)");
        lines.addAll(basins);
        Path listFile = mappingsDir.resolve(m.basinList);
        Files.write(listFile, lines);
        m.baseDir(mappingsDir);
        m.write(target);
        try {
            CsvMapping back = CsvMapping.read(target);
            BasinAttributes attrs = back.readAttributes();
            List<String> problems = new ArrayList<>();
            if (attrs != null) {
                attrs.issues().stream().filter(i -> i.severity() == DataIssue.Severity.ERROR).limit(5)
                        .forEach(i -> err().println(i.format()));
            }
            String first = basins.get(0);
            CsvMapping.Column flow = roles.get("flow");
            if (flow != null && UnitConversion.needsArea(flow.unit) && (attrs == null || !(attrs.contains(first)
                    && attrs.areaKm2(first) > 0))) {
                problems.add("flow in " + flow.unit + " needs each basin's area: give --attributes with gauge_id and"
                        + " the area in km² (--area-column if it is not 'area'); basin " + first + " has none");
            }
            if (problems.isEmpty()) {
                BasinOutcome out = new MappedBasinReader(back.reader(), back.columns, null).load(first,
                        back.resolve(back.files.replace("{id}", first)), attrs);
                for (DataIssue i : out.issues()) {
                    if (i.severity() == DataIssue.Severity.ERROR) {
                        problems.add(i.format());
                    } else {
                        err().println(i.format());
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        } catch (RuntimeException e) {
            Files.deleteIfExists(target);
            Files.deleteIfExists(listFile);
            throw e;
        }
        out().println("CSV mapping written to " + target + " (review it; docs/csv-mapping.md explains the keys):");
        out().println(Files.readString(target).strip());
        return new Found(type.name(), target, null, type.basinIds(target, null), datasetName);
    }

    private static String[] keyValue(String s, String option) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " " + s + ": expected ROLE=VALUE");
        }
        return new String[] {s.substring(0, eq).strip().toLowerCase(Locale.ROOT), s.substring(eq + 1).strip()};
    }

    private static String defaultCsvName(Path dir) {
        Path d = dir;
        while (d.getParent() != null && d.getFileName() != null && List.of("csv", "data", "timeseries",
                "time_series", "daily", "files", "series", "basins", "input").contains(d.getFileName().toString()
                .toLowerCase(Locale.ROOT))) {
            d = d.getParent();
        }
        return d.getFileName() == null ? "csv" : d.getFileName().toString().replaceAll("[^A-Za-z0-9._-]+", "-");
    }

    /** Paths inside or beside the folder are written relative (with '/'), others absolute (as the dialog does). */
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

}
