package org.hydrodelta.core.data.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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

/**
 * Guesses a {@link CsvMapping} from the files themselves, the same way for the import dialog and the command line:
 * the file pattern from one file's name, the basins from the files matching it, the delimiter from the header, the
 * date column and format from the first rows, each role's column and unit from the header names, and an
 * attributes table ({@code *attribute*.csv}) in the folder or the one above.
 */
public final class CsvMappingGuesser {
    /** Data rows read to guess the date column and format. */
    public static final int SAMPLE_ROWS = 15;
    /** ISO dates (the reader's default, also accepting a time of day); saved as no date format. */
    public static final String ISO_DATE = "yyyy-MM-dd";
    /** The date formats tried, in order of preference. */
    public static final List<String> DATE_FORMATS = List.of(ISO_DATE, "dd.MM.yyyy", "MM/dd/yyyy", "dd/MM/yyyy",
            "yyyy/MM/dd", "yyyyMMdd", "d.M.yyyy", "M/d/yyyy", "dd-MM-yyyy");

    private CsvMappingGuesser() {
    }

    /**
     * Everything guessed from a file or folder.
     *
     * @param folder     the folder of the CSV files
     * @param pattern    the file pattern relative to it, with {@code {id}}
     * @param basins     the basin ids whose files match the pattern, sorted
     * @param sample     the file the columns were guessed from, or null when there is none
     * @param head       that file's head, or null
     * @param dateColumn the date column, or null when none parses
     * @param dateFormat its format, {@link #ISO_DATE} for ISO dates
     * @param columns    role → guessed column and unit, in {@link CsvMapping#ROLES} order
     * @param attributes an attributes table found beside the files, or null
     */
    public record Guess(Path folder, String pattern, List<String> basins, Path sample, CsvHead head,
            String dateColumn, String dateFormat, Map<String, CsvMapping.Column> columns, Path attributes) {
    }

    /**
     * Guesses from one basin's file (its base name is taken as a basin id) or a folder of CSV files.
     *
     * @param fileOrFolder a file or folder
     * @param delimiter    the separator, or null to sniff it
     * @param columnNames  column names of files without a header row, or null when the first line names them
     * @return the guess
     */
    public static Guess guess(Path fileOrFolder, Character delimiter, List<String> columnNames) {
        Path start = fileOrFolder.toAbsolutePath().normalize();
        Path folder = Files.isDirectory(start) ? start : start.getParent();
        Path sample = Files.isDirectory(start) ? firstDataFile(start) : start;
        Path attributes = findAttributes(folder);
        String pattern = "{id}.csv";
        if (sample != null) {
            String name = sample.getFileName().toString();
            int dot = name.lastIndexOf('.');
            pattern = "{id}" + (dot > 0 ? name.substring(dot) : "");
        }
        List<String> basins = listBasins(folder, pattern, attributes);
        if (sample == null || !Files.isRegularFile(sample)) {
            return new Guess(folder, pattern, basins, null, null, null, ISO_DATE, new LinkedHashMap<>(), attributes);
        }
        CsvHead head = CsvHead.read(sample, delimiter, SAMPLE_ROWS);
        if (columnNames != null) {
            head = headless(head, columnNames);
        }
        String[] date = guessDate(head);
        Map<String, CsvMapping.Column> roles = guessRoles(head.header(), date[0]);
        return new Guess(folder, pattern, basins, sample, head, date[0], date[1], roles, attributes);
    }

    /** The head of a file without a header row: its first line is data, the names come from the user. */
    private static CsvHead headless(CsvHead head, List<String> names) {
        List<CsvHead.Row> rows = new ArrayList<>();
        rows.add(new CsvHead.Row(1, head.header()));
        rows.addAll(head.rows());
        return new CsvHead(head.file(), head.delimiter(), names, rows);
    }

    /**
     * @param header  header names
     * @param dateCol the date column (never given a role), or null
     * @return role → column and unit for the first header name of each role
     */
    public static Map<String, CsvMapping.Column> guessRoles(List<String> header, String dateCol) {
        Set<String> used = new LinkedHashSet<>();
        if (dateCol != null) {
            used.add(dateCol);
        }
        Map<String, CsvMapping.Column> byRole = new LinkedHashMap<>();
        for (String h : header) {
            String role = guessRole(h);
            if (role != null && !used.contains(h) && !byRole.containsKey(role)) {
                byRole.put(role, new CsvMapping.Column(h, guessUnit(role, h)));
                used.add(h);
            }
        }
        Map<String, CsvMapping.Column> ordered = new LinkedHashMap<>();
        for (String role : CsvMapping.ROLES) {
            if (byRole.containsKey(role)) {
                ordered.put(role, byRole.get(role));
            }
        }
        return ordered;
    }

    /**
     * The column and format under which most of the first rows parse as dates (more than half of them, so that a
     * few bad rows do not hide the date column; they are then reported as problems).
     *
     * @param head a file's head
     * @return {column or null (then "date" when the header has it), format}
     */
    public static String[] guessDate(CsvHead head) {
        int best = head.rows().size() / 2;
        String col = null;
        String format = ISO_DATE;
        for (int k = 0; k < head.header().size(); k++) {
            for (String fmt : DATE_FORMATS) {
                int n = parsed(head, k, fmt);
                if (n > best) {
                    best = n;
                    col = head.header().get(k);
                    format = fmt;
                }
            }
        }
        return new String[] {col != null ? col : head.header().contains("date") ? "date" : null, format};
    }

    private static int parsed(CsvHead head, int k, String fmt) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(fmt);
        int n = 0;
        for (CsvHead.Row r : head.rows()) {
            if (r.fields().size() <= k) {
                continue;
            }
            String tok = r.fields().get(k).trim();
            try {
                if (ISO_DATE.equals(fmt)) {
                    LocalDate.parse(tok.length() > 10 ? tok.substring(0, 10) : tok);
                } else {
                    LocalDate.parse(tok, f);
                }
                n++;
            } catch (DateTimeParseException e) {
                // not this format
            }
        }
        return n;
    }

    /**
     * Guesses a column's role from its header name: P/prcp/precip/rain → prcp, Tmax, Tmin, Tmean/Tavg/T/temp →
     * tmean, PET/ET0/evap → pet, Q/flow/discharge/streamflow/runoff → flow.
     *
     * @param header a header name
     * @return the role, or null
     */
    public static String guessRole(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        String[] tok = h.split("[^a-z0-9]+");
        String first = tok.length == 0 || tok[0].isEmpty() ? (tok.length > 1 ? tok[1] : "") : tok[0];
        boolean temp = h.contains("temp") || first.equals("t") || first.equals("tas");
        if (first.equals("tmax") || first.equals("tx") || h.contains("tmax") || temp && h.contains("max")) {
            return "tmax";
        }
        if (first.equals("tmin") || first.equals("tn") || h.contains("tmin") || temp && h.contains("min")) {
            return "tmin";
        }
        if (Set.of("tmean", "tavg", "tm", "tg", "tmp").contains(first) || h.contains("tmean") || h.contains("tavg")
                || temp) {
            return "tmean";
        }
        if (Set.of("pet", "etp", "pe", "et0", "eto", "evap", "evaporation", "potential").contains(first)
                || h.contains("potential_evap")) {
            return "pet";
        }
        if (Set.of("p", "pr", "prcp", "prec", "precip", "precipitation", "ppt", "rain", "rainfall", "n")
                .contains(first) || h.contains("precip")) {
            return "prcp";
        }
        if (Set.of("q", "qobs", "qo", "flow", "discharge", "streamflow", "runoff").contains(first)
                || h.contains("flow") || h.contains("discharge")) {
            return "flow";
        }
        return null;
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
        String h = header.toLowerCase(Locale.ROOT);
        List<String> tok = List.of(h.split("[^a-z0-9]+"));
        switch (role) {
            case "flow":
                if (h.contains("cfs") || h.contains("ft3") || h.contains("ft^3") || h.contains("cusec")) {
                    return "ft3/s";
                }
                if (h.contains("m3") || h.contains("m^3") || h.contains("cms") || h.contains("cumec")) {
                    return "m3/s";
                }
                if (h.contains("l/s") || tok.contains("ls") || tok.contains("lps")) {
                    return "l/s";
                }
                return "mm/d";
            case "prcp":
            case "pet":
                return tok.contains("in") || tok.contains("inch") || tok.contains("inches") ? "in/d" : "mm/d";
            default:
                if (tok.contains("f") || tok.contains("degf") || h.contains("fahrenheit")) {
                    return "degF";
                }
                if (tok.contains("k") || h.contains("kelvin")) {
                    return "K";
                }
                return "degC";
        }
    }

    /**
     * @param dir a folder
     * @return its first CSV or text file by name that is not an attributes table or a basin list, or null
     */
    public static Path firstDataFile(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return (n.endsWith(".csv") || n.endsWith(".txt")) && !n.contains("attribute") && !n.contains("basins");
            }).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * @param dir the data folder
     * @return an attributes table ({@code *attribute*.csv}) in it or the folder above, or null
     */
    public static Path findAttributes(Path dir) {
        for (Path d = dir, stop = dir.getParent(); d != null; d = d == stop ? null : stop) {
            try (Stream<Path> s = Files.list(d)) {
                Path f = s.filter(Files::isRegularFile).filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".csv") && n.contains("attribute");
                }).sorted().findFirst().orElse(null);
                if (f != null) {
                    return f;
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * The basins: files under the folder matching the pattern (the attributes table excluded).
     *
     * @param folder  the folder the pattern is relative to
     * @param pattern the pattern, with {@code {id}} in the file name
     * @param exclude a file never taken as a basin (the attributes table), or null
     * @return the ids, sorted
     * @throws java.io.UncheckedIOException when the folder cannot be listed
     */
    public static List<String> listBasins(Path folder, String pattern, Path exclude) {
        List<String> ids = new ArrayList<>();
        String p = pattern == null ? "" : pattern;
        if (folder == null || !p.contains("{id}")) {
            return ids;
        }
        int slash = p.lastIndexOf('/');
        Path dir = slash < 0 ? folder : folder.resolve(p.substring(0, slash));
        String namePart = slash < 0 ? p : p.substring(slash + 1);
        int i = namePart.indexOf("{id}");
        if (i < 0 || !Files.isDirectory(dir)) {
            return ids;
        }
        Pattern re = Pattern.compile(Pattern.quote(namePart.substring(0, i)) + "(.+)"
                + Pattern.quote(namePart.substring(i + 4)));
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).filter(f -> !f.equals(exclude)).map(f -> re.matcher(
                    f.getFileName().toString())).filter(Matcher::matches).map(m -> m.group(1)).sorted()
                    .forEach(ids::add);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return ids;
    }
}
