package org.hydrodelta.core.combine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a combination's run folder says about it, read back for the window: the weights per basin
 * ({@value ModelCombiner#WEIGHTS}) and the test NSE of every input run, of their plain mean and of the combination
 * ({@value ModelCombiner#COMPARISON}).
 *
 * @param runs       the input runs, in column order
 * @param weights    basin → weight of each input run
 * @param comparison column ({@code nse_<run>}, {@code nse_mean}, {@code nse_combination}) → basin → test NSE
 */
public record CombinationResults(List<String> runs, Map<String, double[]> weights,
        Map<String, Map<String, Double>> comparison) {
    /** Column of the plain mean in {@link #comparison}. */
    public static final String MEAN = "nse_mean";
    /** Column of the combination in {@link #comparison}. */
    public static final String COMBINATION = "nse_combination";

    /**
     * @param runDir a run folder
     * @return its combination results, empty when it is not a combination (no {@value ModelCombiner#WEIGHTS})
     * @throws IOException if a table is malformed (file and line named)
     */
    public static Optional<CombinationResults> read(Path runDir) throws IOException {
        Path w = runDir.resolve(ModelCombiner.WEIGHTS);
        if (!Files.isRegularFile(w)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(w, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("basin_id,")) {
            throw new IOException(w + ":1: not a weights table (expected 'basin_id' first)");
        }
        String[] head = lines.get(0).split(",", -1);
        List<String> runs = List.of(head).subList(1, head.length);
        Map<String, double[]> weights = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split(",", -1);
            if (f.length != head.length) {
                throw new IOException(w + ":" + (i + 1) + ": " + f.length + " fields, the header has " + head.length);
            }
            double[] v = new double[runs.size()];
            for (int k = 0; k < v.length; k++) {
                try {
                    v[k] = Double.parseDouble(f[k + 1]);
                } catch (NumberFormatException e) {
                    throw new IOException(w + ":" + (i + 1) + ": weight of " + runs.get(k) + " '" + f[k + 1]
                            + "' is not a number", e);
                }
            }
            weights.put(f[0], v);
        }
        Map<String, Map<String, Double>> comparison = new LinkedHashMap<>();
        Path c = runDir.resolve(ModelCombiner.COMPARISON);
        if (Files.isRegularFile(c)) {
            List<String> rows = Files.readAllLines(c, StandardCharsets.UTF_8);
            String[] cols = rows.isEmpty() ? new String[0] : rows.get(0).split(",", -1);
            for (int k = 1; k < cols.length; k++) {
                comparison.put(cols[k], new LinkedHashMap<>());
            }
            for (int i = 1; i < rows.size(); i++) {
                String[] f = rows.get(i).split(",", -1);
                for (int k = 1; k < cols.length && k < f.length; k++) {
                    try {
                        comparison.get(cols[k]).put(f[0], f[k].isEmpty() ? Double.NaN : Double.parseDouble(f[k]));
                    } catch (NumberFormatException e) {
                        throw new IOException(c + ":" + (i + 1) + ": " + cols[k] + " '" + f[k] + "' is not a number",
                                e);
                    }
                }
            }
        }
        return Optional.of(new CombinationResults(List.copyOf(runs), weights, comparison));
    }

    /** @return basin → index of the input run with the largest weight ("which model wins where") */
    public Map<String, Integer> winners() {
        Map<String, Integer> out = new LinkedHashMap<>();
        weights.forEach((id, w) -> {
            int best = 0;
            for (int k = 1; k < w.length; k++) {
                if (w[k] > w[best]) {
                    best = k;
                }
            }
            out.put(id, best);
        });
        return out;
    }

    /**
     * @param run an input run
     * @return basin → its weight
     */
    public Map<String, Double> weightOf(String run) {
        int k = runs.indexOf(run);
        Map<String, Double> out = new LinkedHashMap<>();
        weights.forEach((id, w) -> out.put(id, k < 0 ? Double.NaN : w[k]));
        return out;
    }

    /**
     * @param column a column of {@link #comparison} ({@code nse_<run>}, {@link #MEAN}, {@link #COMBINATION})
     * @return its test NSE per basin, in basin order
     */
    public double[] nse(String column) {
        return comparison.getOrDefault(column, Map.of()).values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** @return the input run with the highest median test NSE, or null when unknown */
    public String bestInput() {
        String best = null;
        double bestMedian = Double.NEGATIVE_INFINITY;
        for (String r : runs) {
            double m = org.hydrodelta.core.eval.BasinMetrics.median(nse("nse_" + r));
            if (m > bestMedian) {
                bestMedian = m;
                best = r;
            }
        }
        return best;
    }

    /** @return the input runs' names, for messages */
    @Override
    public String toString() {
        return "combination of " + new ArrayList<>(runs);
    }
}
