package org.hydrodelta.core.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hydrodelta.core.io.NpyWriter;

/**
 * Writes evaluation results as plain files: {@code metrics.csv} (one row per basin, a column per metric),
 * {@code metrics_summary.csv} (median and mean across basins), {@code outputs_mean.csv} (per basin the mean over the
 * period of every output: states, fluxes and learned parameters, as {@code mean_<output>}; what the map colours
 * by besides the metrics), {@code outputs/<OUTPUT>.npy} ({@code [basin][day]}) with the inputs and observed flow
 * beside them, and on demand {@code outputs/<basin>.csv} (date, forcing, observed and simulated flow, every state
 * and flux). An output constant in time for every basin (a static learned parameter) is written as
 * {@code [basin][1]} and listed under {@code constantInTime} in {@value #OUTPUTS_INDEX}.
 *
 * <p>For δ models also {@value AttributeSensitivity#FILE_NAME} ({@link #writeSensitivity}), in long format: header
 * {@code basin_id,parameter,attribute,value}, one row per basin × parameter × attribute (basins in simulation
 * order, then parameters in network order, then attributes in network order); {@code value} is
 * d(parameter / (hi − lo)) per one standard deviation of the attribute (see {@link AttributeSensitivity}), written
 * as the shortest decimal that reads back to the same float.
 */
public final class ResultsWriter {
    /** Per-basin means of every output over the evaluated period, keyed {@code mean_<output>}. */
    public static final String OUTPUTS_MEAN = "outputs_mean.csv";

    private ResultsWriter() {
    }

    /**
     * @param dir     target folder (created)
     * @param sim     the simulation
     * @param metrics per basin (same order as the simulation), from {@link BasinMetrics#compute}
     * @throws IOException if writing fails
     */
    public static void write(Path dir, Simulation sim, List<Map<String, Double>> metrics) throws IOException {
        write(dir, sim, metrics, true);
    }

    /** Index of the compact outputs: basins in row order, first date, days, output and input names. */
    public static final String OUTPUTS_INDEX = "index.json";
    /** Prefix of the compact input and observation arrays ({@code outputs/input_PRCP.npy}, ..., {@code input_QOBS}). */
    public static final String INPUT_PREFIX = "input_";

    /**
     * Writes the results; the per-basin CSV tables only on demand (they are the bulk at scale: every state and flux
     * of every basin and day as text). Without them {@code outputs/} holds one {@code .npy} per output, the inputs
     * and observed flow as {@code input_<NAME>.npy} ([basin][day] each) and {@value #OUTPUTS_INDEX}, which
     * {@link ResultsReader#readBasin} reads back into the same series as the CSV table.
     *
     * @param dir         target folder (created)
     * @param sim         the simulation
     * @param metrics     per basin (same order as the simulation)
     * @param perBasinCsv whether to write {@code outputs/<basin>.csv} too
     * @throws IOException if writing fails
     */
    public static void write(Path dir, Simulation sim, List<Map<String, Double>> metrics, boolean perBasinCsv)
            throws IOException {
        Files.createDirectories(dir.resolve(RunResults.OUTPUTS));
        try (java.util.stream.Stream<Path> old = Files.list(dir.resolve(RunResults.OUTPUTS))) {
            // a previous evaluation's tables would be read as this one's
            for (Path f : old.toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".csv") || n.endsWith(".npy") || n.equals(OUTPUTS_INDEX)) {
                    Files.delete(f);
                }
            }
        }
        // the streamflow metrics, then those of auxiliary observations (swe_nse, ...) where an evaluation has them
        List<String> columns = new ArrayList<>(List.of(BasinMetrics.COLUMNS));
        for (Map<String, Double> m : metrics) {
            for (String c : m.keySet()) {
                if (!columns.contains(c)) {
                    columns.add(c);
                }
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(RunResults.METRICS), StandardCharsets.UTF_8)) {
            w.write("basin_id," + String.join(",", columns) + "\n");
            for (int k = 0; k < sim.basinIds().size(); k++) {
                StringBuilder row = new StringBuilder(sim.basinIds().get(k));
                for (String c : columns) {
                    row.append(',').append(format(metrics.get(k).getOrDefault(c, Double.NaN)));
                }
                w.write(row.append('\n').toString());
            }
        }
        writeSummary(dir, metrics);
        List<String> names = new ArrayList<>(sim.outputs().keySet());
        try (Writer w = Files.newBufferedWriter(dir.resolve(OUTPUTS_MEAN), StandardCharsets.UTF_8)) {
            StringBuilder h = new StringBuilder("basin_id");
            names.forEach(n -> h.append(",mean_").append(n.toLowerCase(Locale.ROOT)));
            w.write(h.append('\n').toString());
            for (int k = 0; k < sim.basinIds().size(); k++) {
                StringBuilder row = new StringBuilder(sim.basinIds().get(k));
                for (String n : names) {
                    double sum = 0;
                    int count = 0;
                    for (float v : sim.outputs().get(n)[k]) {
                        if (Float.isFinite(v)) {
                            sum += v;
                            count++;
                        }
                    }
                    row.append(',').append(format(count == 0 ? Double.NaN : sum / count));
                }
                w.write(row.append('\n').toString());
            }
        }
        for (int k = 0; perBasinCsv && k < sim.basinIds().size(); k++) {
            try (Writer w = Files.newBufferedWriter(dir.resolve(RunResults.OUTPUTS).resolve(sim.basinIds().get(k) + ".csv"),
                    StandardCharsets.UTF_8)) {
                StringBuilder h = new StringBuilder("date");
                sim.forcing().keySet().forEach(f -> h.append(',').append(f.toLowerCase(Locale.ROOT)));
                h.append(",qobs");
                names.forEach(n -> h.append(',').append(n.toLowerCase(Locale.ROOT)));
                w.write(h.append('\n').toString());
                for (int d = 0; d < sim.nDays(); d++) {
                    StringBuilder row = new StringBuilder(sim.start().plusDays(d).toString());
                    for (float[][] f : sim.forcing().values()) {
                        row.append(',').append(format(f[k][d]));
                    }
                    row.append(',').append(format(sim.observed()[k][d]));
                    for (String n : names) {
                        row.append(',').append(format(sim.outputs().get(n)[k][d]));
                    }
                    w.write(row.append('\n').toString());
                }
            }
        }
        List<String> constant = new ArrayList<>();
        for (String n : names) {
            float[][] a = sim.outputs().get(n);
            if (constantInTime(a)) {
                // a static learned parameter: one value per basin ([basin][1]) instead of the same one every day
                constant.add(n);
                float[] flat = new float[a.length];
                for (int k = 0; k < a.length; k++) {
                    flat[k] = a[k].length == 0 ? Float.NaN : a[k][0];
                }
                NpyWriter.write(dir.resolve(RunResults.OUTPUTS).resolve(n + ".npy"), flat, a.length, 1);
                continue;
            }
            float[] flat = new float[a.length * sim.nDays()];
            for (int k = 0; k < a.length; k++) {
                System.arraycopy(a[k], 0, flat, k * sim.nDays(), sim.nDays());
            }
            NpyWriter.write(dir.resolve(RunResults.OUTPUTS).resolve(n + ".npy"), flat, a.length, sim.nDays());
        }
        Map<String, float[][]> inputs = new java.util.LinkedHashMap<>(sim.forcing());
        inputs.put("QOBS", sim.observed());
        for (Map.Entry<String, float[][]> e : inputs.entrySet()) {
            float[][] a = e.getValue();
            float[] flat = new float[a.length * sim.nDays()];
            for (int k = 0; k < a.length; k++) {
                System.arraycopy(a[k], 0, flat, k * sim.nDays(), sim.nDays());
            }
            NpyWriter.write(dir.resolve(RunResults.OUTPUTS).resolve(INPUT_PREFIX + e.getKey() + ".npy"), flat, a.length,
                    sim.nDays());
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode index = json.createObjectNode();
        index.put("start", sim.start().toString());
        index.put("nDays", sim.nDays());
        sim.basinIds().forEach(index.putArray("basins")::add);
        names.forEach(index.putArray("outputs")::add);
        constant.forEach(index.putArray("constantInTime")::add);
        inputs.keySet().forEach(index.putArray("inputs")::add);
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(RunResults.OUTPUTS).resolve(OUTPUTS_INDEX).toFile(),
                index);
    }

    /**
     * Writes {@code metrics_summary.csv}: per metric of {@link BasinMetrics#COLUMNS} the median and mean over the
     * basins with a finite value, and how many those are.
     *
     * @param dir     the evaluation folder
     * @param metrics per basin
     * @throws IOException if writing fails
     */
    static void writeSummary(Path dir, List<Map<String, Double>> metrics) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve(RunResults.SUMMARY), StandardCharsets.UTF_8)) {
            w.write("metric,median,mean,basins\n");
            // the streamflow metrics, then those of auxiliary observations (swe_nse, ...) where there are any;
            // a merged group's fold number is a label, not a metric
            List<String> columns = new ArrayList<>(List.of(BasinMetrics.COLUMNS));
            for (Map<String, Double> m : metrics) {
                for (String c : m.keySet()) {
                    if (!columns.contains(c) && !"fold".equals(c)) {
                        columns.add(c);
                    }
                }
            }
            for (String c : columns) {
                double[] v = metrics.stream().mapToDouble(m -> m.getOrDefault(c, Double.NaN)).toArray();
                double[] finite = java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
                double mean = java.util.Arrays.stream(finite).average().orElse(Double.NaN);
                w.write(c + "," + format(BasinMetrics.median(v)) + "," + format(mean) + "," + finite.length + "\n");
            }
        }
    }

    private static boolean constantInTime(float[][] a) {
        for (float[] row : a) {
            for (int d = 1; d < row.length; d++) {
                if (Float.floatToIntBits(row[d]) != Float.floatToIntBits(row[0])) {
                    return false;
                }
            }
        }
        return a.length > 0 && a[0].length > 1;
    }

    /**
     * Writes what an evaluation was ({@link RunResults#info}): one level of text fields.
     *
     * @param dir  the evaluation folder
     * @param info field → value, in order
     * @throws IOException if writing fails
     */
    public static void writeInfo(Path dir, Map<String, String> info) throws IOException {
        Files.createDirectories(dir);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode n = json.createObjectNode();
        info.forEach(n::put);
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(RunResults.INFO).toFile(), n);
    }

    /**
     * @param dir a folder
     * @return the bytes of every file below it
     * @throws IOException if it cannot be walked
     */
    public static long size(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            long total = 0;
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    /**
     * Writes {@value AttributeSensitivity#FILE_NAME} (format in the class comment) into an evaluation folder.
     *
     * @param dir   target folder (created)
     * @param table the sensitivities
     * @return the file written
     * @throws IOException if writing fails
     */
    public static Path writeSensitivity(Path dir, AttributeSensitivity.Table table) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(AttributeSensitivity.FILE_NAME);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("basin_id,parameter,attribute,value\n");
            for (int k = 0; k < table.basinIds().size(); k++) {
                for (int p = 0; p < table.parameters().size(); p++) {
                    for (int a = 0; a < table.attributes().size(); a++) {
                        float v = table.values()[k][p][a];
                        w.write(table.basinIds().get(k) + "," + table.parameters().get(p) + ","
                                + table.attributes().get(a) + "," + (Float.isNaN(v) ? "" : Float.toString(v)) + "\n");
                    }
                }
            }
        }
        return file;
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
