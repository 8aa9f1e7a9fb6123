package org.hydrodelta.core.data.caravan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.data.AttributeSchema;
import org.hydrodelta.core.data.AttributeTablesReader;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.BasinOutcome;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.ParallelBasinLoader;
import org.hydrodelta.core.data.csv.CsvDatasetLoader;
import org.hydrodelta.core.data.csv.CsvMapping;
import org.hydrodelta.core.data.csv.DailyCsvReader;
import org.hydrodelta.core.data.csv.MappedBasinReader;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * Loads a Caravan folder. Time series use the ERA5-Land names; PET is taken from
 * {@code potential_evaporation_sum} when present and computed otherwise; flow {@code streamflow} is already mm/d.
 * Attribute tables of one prefix are joined on {@code gauge_id}; ids are kept as written ({@code camels_01022500}).
 */
public final class CaravanDatasetLoader {
    /** Caravan time-series column names by role; all already in mm/d and °C. */
    public static final Map<String, String> COLUMNS = Map.of(
            "prcp", "total_precipitation_sum",
            "tmean", "temperature_2m_mean",
            "tmax", "temperature_2m_max",
            "tmin", "temperature_2m_min",
            "pet", "potential_evaporation_sum",
            "flow", "streamflow");

    /**
     * @param folder   the Caravan root or a folder above it
     * @param options  basins (ids as in Caravan), period, attribute names, PET method, threads
     * @param progress per-basin progress
     * @param cancel   cancellation
     * @return dataset, issues, reports
     */
    public LoadResult load(Path folder, LoadOptions options, ProgressListener progress, CancellationToken cancel) {
        CaravanLayout layout = CaravanLayout.locate(folder).orElseThrow(() -> new DataFormatException(folder,
                "no Caravan data here: expected attributes/ and timeseries/csv/"));
        List<DataIssue> issues = new ArrayList<>();
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, BasinAttributes> attrsByBasin = new LinkedHashMap<>();
        List<String> attrNames = options.attributeNames();
        for (String prefix : layout.prefixes()) {
            List<Path> tables = layout.attributeFiles(prefix);
            BasinAttributes attrs = tables.isEmpty() ? null
                    : new AttributeTablesReader(AttributeSchema.CARAVAN, ',').read(tables);
            if (attrs != null) {
                issues.addAll(attrs.issues());
                if (attrNames == null) {
                    attrNames = CsvDatasetLoader.defaultAttributes(attrs);
                }
            } else {
                issues.add(DataIssue.warn(layout.root().resolve("attributes").resolve(prefix), null,
                        "no attribute tables for prefix " + prefix));
            }
            for (Path f : layout.timeseriesFiles(prefix)) {
                String n = f.getFileName().toString();
                String id = n.substring(0, n.length() - 4);
                files.putIfAbsent(id, f);
                if (attrs != null) {
                    attrsByBasin.put(id, attrs);
                }
            }
        }
        List<String> names = attrNames == null ? List.of() : attrNames;
        List<String> ids = options.basinIds() != null ? options.basinIds() : new ArrayList<>(files.keySet());
        DailyCsvReader reader = new DailyCsvReader(',', "date", null);
        return ParallelBasinLoader.load(ids, options.effectiveThreads(), id -> {
            Path f = files.get(id);
            if (f == null) {
                return BasinOutcome.skipped(id, List.of(), new ArrayList<>(), new DataFormatException(
                        layout.root().resolve("timeseries/csv"), "unknown basin id '" + id + "': no file " + id
                                + ".csv under any prefix"));
            }
            return mappedReader(reader, f, options).load(id, f, attrsByBasin.get(id));
        }, options.period(), id -> {
            BasinAttributes a = attrsByBasin.get(id);
            return a != null && a.contains(id) ? a.matrix(List.of(id), names)[0] : ParallelBasinLoader.nanRow(names.size());
        }, names, issues, progress, cancel);
    }

    /** Maps the roles whose Caravan column the file actually has (older exports lack min/max temperature). */
    private static MappedBasinReader mappedReader(DailyCsvReader reader, Path file, LoadOptions options) {
        String header;
        try (java.io.BufferedReader in = java.nio.file.Files.newBufferedReader(file)) {
            header = in.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> cols = header == null ? List.of() : List.of(header.replace("\uFEFF", "").split(","));
        Map<String, CsvMapping.Column> roles = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : COLUMNS.entrySet()) {
            if (cols.contains(e.getValue())) {
                roles.put(e.getKey(), new CsvMapping.Column(e.getValue(), e.getKey().startsWith("t") ? "degC" : "mm/d"));
            }
        }
        return new MappedBasinReader(reader, roles, options.pet(), options.petOverride());
    }
}
