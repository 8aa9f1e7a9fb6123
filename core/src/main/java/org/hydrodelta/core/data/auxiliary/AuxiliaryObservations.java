package org.hydrodelta.core.data.auxiliary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.data.camels.CamelsModelOutputReader;
import org.hydrodelta.core.data.csv.DailyTable;

/**
 * The auxiliary observation series of a loaded dataset, each on the dataset's layout (basin rows, the dataset's
 * days; index {@code offset(basin) + day}), in mm or mm/d, NaN where nothing is observed. A basin without a file
 * for a series (no benchmark output, say) has NaN throughout and is named in {@link Series#missing()}; a malformed
 * file fails the load naming file and line.
 */
public final class AuxiliaryObservations {
    /**
     * One loaded series.
     *
     * @param spec    its declaration
     * @param values  on the dataset's layout
     * @param missing basins without any value, with why
     */
    public record Series(ObservationSpec spec, float[] values, Map<String, String> missing) {
    }

    private final BasinDataset ds;
    private final Map<String, Series> series;

    private AuxiliaryObservations(BasinDataset ds, Map<String, Series> series) {
        this.ds = ds;
        this.series = series;
    }

    /** @return no observations */
    public static AuxiliaryObservations none(BasinDataset ds) {
        return new AuxiliaryObservations(ds, Map.of());
    }

    /**
     * Loads every declared series for the dataset's basins and days.
     *
     * @param specs   the declarations ({@link ObservationSpec#fromOptions})
     * @param type    the dataset type ({@code camels-us}, {@code caravan}, {@code csv})
     * @param root    the dataset's path (CAMELS or Caravan folder, CSV mapping file)
     * @param forcing the CAMELS forcing product, or {@code null}
     * @param ds      the loaded dataset
     * @return the series
     * @throws IllegalArgumentException when a source does not fit the dataset type
     * @throws DataFormatException on a malformed file
     */
    public static AuxiliaryObservations load(List<ObservationSpec> specs, String type, Path root, String forcing,
            BasinDataset ds) {
        Map<String, Series> out = new LinkedHashMap<>();
        for (ObservationSpec s : specs) {
            out.put(s.name(), switch (s.source()) {
                case "baseflow-filter" -> baseflow(s, ds);
                case "camels-benchmark" -> benchmark(s, type, root, forcing, ds);
                default -> column(s, type, root, ds);
            });
        }
        return new AuxiliaryObservations(ds, out);
    }

    /** @return the series by name, in declaration order */
    public Map<String, Series> series() {
        return series;
    }

    /**
     * @param name an observation name
     * @return its values on the dataset's layout
     * @throws IllegalArgumentException naming the observations there are
     */
    public float[] values(String name) {
        Series s = series.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no observation '" + name + "'; the dataset declares "
                    + series.keySet());
        }
        return s.values();
    }

    /**
     * @param name  an observation name
     * @param basin a basin row
     * @param from  first day index
     * @param to    one past the last
     * @return how many days of [from, to) are observed
     */
    public int observedDays(String name, int basin, int from, int to) {
        float[] v = values(name);
        int off = ds.offset(basin);
        int n = 0;
        for (int d = Math.max(0, from); d < Math.min(to, ds.nDays()); d++) {
            n += Float.isNaN(v[off + d]) ? 0 : 1;
        }
        return n;
    }

    /**
     * Per-basin standard deviation of a series over [from, to) (NaN when fewer than two days are observed).
     *
     * @param name an observation name
     * @param from first day index
     * @param to   one past the last
     * @return σ by basin row
     */
    public float[] standardDeviation(String name, int from, int to) {
        float[] v = values(name);
        float[] sd = new float[ds.nBasins()];
        for (int b = 0; b < ds.nBasins(); b++) {
            int off = ds.offset(b);
            double s = 0;
            double sq = 0;
            int n = 0;
            for (int d = Math.max(0, from); d < Math.min(to, ds.nDays()); d++) {
                float x = v[off + d];
                if (!Float.isNaN(x)) {
                    s += x;
                    sq += (double) x * x;
                    n++;
                }
            }
            sd[b] = n < 2 ? Float.NaN : (float) Math.sqrt(Math.max(0, (sq - s * s / n) / (n - 1)));
        }
        return sd;
    }

    private static Series baseflow(ObservationSpec s, BasinDataset ds) {
        float[] out = new float[ds.nBasins() * ds.nDays()];
        java.util.Arrays.fill(out, Float.NaN);
        Map<String, String> missing = new LinkedHashMap<>();
        for (int b = 0; b < ds.nBasins(); b++) {
            if (!ds.has(Variable.QOBS)) {
                missing.put(ds.basinIds().get(b), "no observed streamflow");
                continue;
            }
            float[] bf = BaseflowFilter.baseflow(ds.series(Variable.QOBS, b), s.alpha());
            System.arraycopy(bf, 0, out, ds.offset(b), ds.nDays());
            if (allNaN(bf)) {
                missing.put(ds.basinIds().get(b), "no stretch of " + BaseflowFilter.MIN_STRETCH
                        + " consecutive days of observed streamflow");
            }
        }
        return new Series(s, out, missing);
    }

    private static Series benchmark(ObservationSpec s, String type, Path root, String forcing, BasinDataset ds) {
        if (!"camels-us".equals(type)) {
            throw new IllegalArgumentException("observation." + s.name() + ": source camels-benchmark needs a "
                    + "camels-us dataset, this one is '" + type + "'");
        }
        Path bench = root.resolve("benchmark_model_output/flow_timeseries");
        Path dir = forcing != null && Files.isDirectory(bench.resolve(forcing)) ? bench.resolve(forcing) : bench;
        Map<String, Path> files = new java.util.HashMap<>();
        if (Files.isDirectory(dir)) {
            String suffix = "_" + s.seed() + "_model_output.txt";
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().forEach(p -> {
                    String n = p.getFileName().toString();
                    files.putIfAbsent(n.substring(0, n.length() - suffix.length()), p);
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        float[] out = nanLayout(ds);
        Map<String, String> missing = new LinkedHashMap<>();
        CamelsModelOutputReader reader = new CamelsModelOutputReader();
        for (int b = 0; b < ds.nBasins(); b++) {
            String id = ds.basinIds().get(b);
            Path f = files.get(id);
            if (f == null) {
                missing.put(id, "no " + id + "_" + s.seed() + "_model_output.txt under " + dir);
                continue;
            }
            DailyTable t = reader.read(f);
            float[] col = t.columns().get(s.column());
            if (col == null) {
                throw new DataFormatException(f, 1, s.column(), "no column " + s.column() + " in the header");
            }
            place(out, ds, b, t.start(), col, s.factor());
        }
        return new Series(s, out, missing);
    }

    private static Series column(ObservationSpec s, String type, Path root, BasinDataset ds) {
        float[] out = nanLayout(ds);
        Map<String, String> missing = new LinkedHashMap<>();
        for (int b = 0; b < ds.nBasins(); b++) {
            String id = ds.basinIds().get(b);
            Path f;
            org.hydrodelta.core.data.csv.DailyCsvReader reader;
            switch (type) {
                case "caravan" -> {
                    // timeseries/csv/<prefix>/<id>.csv (the layout the caravan type reads; its classes are reached
                    // through the dataset-type registry only, so the file is looked up here by that convention)
                    f = null;
                    Path csvDir = root.resolve("timeseries/csv");
                    if (Files.isDirectory(csvDir)) {
                        try (Stream<Path> prefixes = Files.list(csvDir)) {
                            for (Path prefix : prefixes.sorted().toList()) {
                                Path candidate = prefix.resolve(id + ".csv");
                                if (f == null && Files.isRegularFile(candidate)) {
                                    f = candidate;
                                }
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException("cannot list " + csvDir + ": " + e.getMessage(), e);
                        }
                    }
                    reader = new org.hydrodelta.core.data.csv.DailyCsvReader(',', "date", null);
                }
                case "csv" -> {
                    org.hydrodelta.core.data.csv.CsvMapping m = org.hydrodelta.core.data.csv.CsvMapping.read(root);
                    f = m.resolve(m.files.replace("{id}", id));
                    reader = m.reader();
                }
                default -> throw new IllegalArgumentException("observation." + s.name() + ": source column needs a "
                        + "caravan or csv dataset, this one is '" + type + "' (use camels-benchmark)");
            }
            if (f == null || !Files.isRegularFile(f)) {
                missing.put(id, "no time-series file" + (f == null ? "" : " " + f));
                continue;
            }
            DailyTable t = reader.read(f, Set.of(s.column()), Set.of());
            float[] col = t.columns().get(s.column());
            if (col == null) {
                missing.put(id, f.getFileName() + " has no column '" + s.column() + "'");
                continue;
            }
            place(out, ds, b, t.start(), col, s.factor());
        }
        return new Series(s, out, missing);
    }

    private static float[] nanLayout(BasinDataset ds) {
        float[] out = new float[ds.nBasins() * ds.nDays()];
        java.util.Arrays.fill(out, Float.NaN);
        return out;
    }

    private static void place(float[] out, BasinDataset ds, int b, LocalDate start, float[] col, double factor) {
        int shift = (int) java.time.temporal.ChronoUnit.DAYS.between(ds.start(), start);
        int off = ds.offset(b);
        for (int k = 0; k < col.length; k++) {
            int d = shift + k;
            if (d >= 0 && d < ds.nDays()) {
                float v = col[k];
                // the benchmark files write -999 for a missing day like the CAMELS streamflow does
                out[off + d] = v <= -999f || Float.isNaN(v) ? Float.NaN : (float) (v * factor);
            }
        }
    }

    private static boolean allNaN(float[] v) {
        for (float x : v) {
            if (!Float.isNaN(x)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return per series, its unit and how many of the dataset's basins have at least one value
     */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        series.forEach((n, s) -> out.add(n + " (" + s.spec().source() + ", " + s.spec().standardUnit() + "): "
                + (ds.nBasins() - s.missing().size()) + "/" + ds.nBasins() + " basins"));
        return out;
    }
}
