package org.hydrodelta.core.data.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hydrodelta.core.data.AttributeSchema;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.ParallelBasinLoader;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * Loads plain per-basin CSV files described by a {@link CsvMapping}: the basin-list file names the basins, each
 * basin's file is found through the mapping's pattern, columns are converted to mm/d and °C. A bad file skips its
 * basin with the reason; the others load.
 */
public final class CsvDatasetLoader {
    /** Attribute roles in a user attributes file: same names as Caravan's attributes_other. */
    public static final AttributeSchema SCHEMA = new AttributeSchema("gauge_id", "gauge_name", "area", "gauge_lat",
            "gauge_lon", "frac_snow", Set.of("gauge_name", "country"), Set.of());

    /**
     * @param mapping  the mapping
     * @param options  basins (overrides the list file), period, PET method, threads
     * @param progress per-basin progress
     * @param cancel   cancellation
     * @return dataset, issues, reports
     */
    public LoadResult load(CsvMapping mapping, LoadOptions options, ProgressListener progress, CancellationToken cancel) {
        List<String> ids = options.basinIds() != null ? options.basinIds() : readBasinList(mapping.resolve(mapping.basinList));
        List<DataIssue> issues = new ArrayList<>();
        BasinAttributes attrs = null;
        if (mapping.attributes != null) {
            attrs = mapping.readAttributes();
            issues.addAll(attrs.issues());
        }
        List<String> attrNames = options.attributeNames() != null ? options.attributeNames() : defaultAttributes(attrs);
        DailyCsvReader reader = mapping.reader();
        Map<String, CsvMapping.Column> roles = new HashMap<>(mapping.columns);
        MappedBasinReader basinReader = new MappedBasinReader(reader, roles, options.pet(), options.petOverride());
        final BasinAttributes a = attrs;
        return ParallelBasinLoader.load(ids, options.effectiveThreads(),
                id -> basinReader.load(id, mapping.resolve(mapping.files.replace("{id}", id)), a), options.period(),
                id -> a != null && a.contains(id) ? a.matrix(List.of(id), attrNames)[0]
                        : ParallelBasinLoader.nanRow(attrNames.size()),
                attrNames, issues, progress, cancel);
    }

    /**
     * Model attributes by default: every numeric or categorical column except the gauge coordinates.
     *
     * @param attrs the attributes or null
     * @return the names
     */
    public static List<String> defaultAttributes(BasinAttributes attrs) {
        List<String> out = new ArrayList<>();
        if (attrs != null) {
            for (String c : attrs.columns()) {
                if (attrs.kind(c) != BasinAttributes.Kind.TEXT && !c.equals("gauge_lat") && !c.equals("gauge_lon")) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /**
     * Reads a basin-list file: one id per line, blank lines and '#' comments ignored, ids kept as strings.
     *
     * @param file the list
     * @return the ids in file order
     * @throws DataFormatException on a duplicated id or an id with spaces
     */
    public static List<String> readBasinList(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read basin list " + file + ": " + e.getMessage(), e);
        }
        List<String> ids = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i);
            int hash = s.indexOf('#');
            s = (hash >= 0 ? s.substring(0, hash) : s).trim();
            if (s.isEmpty()) {
                continue;
            }
            if (s.contains(" ") || s.contains("\t") || s.contains(",") || s.contains(";")) {
                throw new DataFormatException(file, i + 1, null, "one basin id per line expected, found '" + s + "'");
            }
            Integer prev = seen.put(s, i + 1);
            if (prev != null) {
                throw new DataFormatException(file, i + 1, null, "duplicated basin id " + s + " (first on line " + prev + ")");
            }
            ids.add(s);
        }
        if (ids.isEmpty()) {
            throw new DataFormatException(file, "the basin list is empty");
        }
        return ids;
    }
}
