package org.hydrodelta.app.gui.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.app.chart.SignatureCharts;
import org.hydrodelta.core.eval.BasinMetrics;
import org.hydrodelta.core.eval.ResultsReader;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.RunRef;
import org.jfree.chart.JFreeChart;

/**
 * State of the results tab: every evaluated run of the project with its per-basin test metrics; one run shown as a
 * table, all runs compared as distributions of the chosen metric (δ model vs LSTM vs calibrated HBV, or seeds).
 */
public final class ResultsViewModel {
    /**
     * One basin's metrics in a run.
     *
     * @param basinId the basin
     * @param values  metric name → value
     */
    public record Row(String basinId, Map<String, Double> values) {
    }

    private final Map<String, Map<String, Map<String, Double>>> runs = new LinkedHashMap<>();
    private final Map<String, RunResults> runResults = new LinkedHashMap<>();
    private final ObservableList<String> runNames = FXCollections.observableArrayList();
    private final ObservableList<String> metricNames = FXCollections.observableArrayList();
    private final StringProperty run = new SimpleStringProperty();
    private final StringProperty metric = new SimpleStringProperty("nse");
    private final StringProperty compareWith = new SimpleStringProperty();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    /**
     * @param project the project whose runs are read
     * @throws IOException if a metrics file is malformed (file and line named)
     */
    public ResultsViewModel(Project project) throws IOException {
        for (RunRef r : project.runs()) {
            // the test evaluation under the run's name, then every other evaluation or prediction written by
            // `evaluate --period/--epoch` and `predict` as "run (name)", so they compare like runs
            for (String evaluation : RunResults.evaluations(r.path())) {
                RunResults results = RunResults.of(r.path(), evaluation);
                String name = evaluation.equals(RunResults.TEST) ? r.name() : r.name() + " (" + evaluation + ")";
                runs.put(name, results.metrics());
                runResults.put(name, results);
                runNames.add(name);
            }
        }
        metricNames.addAll(List.of(BasinMetrics.COLUMNS).subList(1, BasinMetrics.COLUMNS.length));
        // metrics of auxiliary observations (swe_snow17_nse, baseflow_kge, ...) of runs trained or scored on them
        for (Map<String, Map<String, Double>> byBasin : runs.values()) {
            for (Map<String, Double> values : byBasin.values()) {
                for (String m : values.keySet()) {
                    if (!metricNames.contains(m) && !"n_obs".equals(m)) {
                        metricNames.add(m);
                    }
                }
            }
        }
        run.addListener((o, a, b) -> refresh());
        if (!runNames.isEmpty()) {
            run.set(runNames.get(runNames.size() - 1));
            compareWith.set(runNames.get(0));
        }
    }

    private void refresh() {
        List<Row> list = new ArrayList<>();
        Map<String, Map<String, Double>> m = runs.get(run.get());
        if (m != null) {
            m.forEach((id, v) -> list.add(new Row(id, v)));
        }
        rows.setAll(list);
    }

    /** @return names of evaluated runs */
    public ObservableList<String> runNames() {
        return runNames;
    }

    /** @return metric columns */
    public ObservableList<String> metricNames() {
        return metricNames;
    }

    /** @return the run shown in the table */
    public StringProperty runProperty() {
        return run;
    }

    /** @return the metric compared across runs */
    public StringProperty metricProperty() {
        return metric;
    }

    /** @return the run the shown one is compared with, basin by basin */
    public StringProperty compareWithProperty() {
        return compareWith;
    }

    /** @return per-basin differences of the metric between the shown run and the compared one */
    public JFreeChart pairedChart() {
        Map<String, Map<String, Double>> a = runs.getOrDefault(run.get(), Map.of());
        Map<String, Map<String, Double>> b = runs.getOrDefault(compareWith.get(), Map.of());
        Map<String, Double> diff = new LinkedHashMap<>();
        a.forEach((id, v) -> {
            if (b.containsKey(id)) {
                diff.put(id, v.getOrDefault(metric.get(), Double.NaN) - b.get(id).getOrDefault(metric.get(),
                        Double.NaN));
            }
        });
        return SignatureCharts.pairedDifferences(metric.get(), String.valueOf(run.get()),
                String.valueOf(compareWith.get()), diff);
    }

    /** @return the shown run's per-basin rows */
    public ObservableList<Row> rows() {
        return rows;
    }

    /**
     * @param metricName a metric
     * @return the median across basins of that metric in the shown run
     */
    public double median(String metricName) {
        return BasinMetrics.median(rows.stream().mapToDouble(r -> r.values().getOrDefault(metricName, Double.NaN))
                .toArray());
    }

    /** @return the CDF of the chosen metric, one curve per evaluated run */
    public JFreeChart cdfChart() {
        Map<String, double[]> byRun = new LinkedHashMap<>();
        runs.forEach((name, m) -> byRun.put(name, m.values().stream().mapToDouble(v -> v.getOrDefault(metric.get(),
                Double.NaN)).toArray()));
        return SignatureCharts.metricCdf(metric.get(), byRun);
    }

    private List<org.hydrodelta.app.chart.PlausibilityCharts.Point> points(String x, String y) {
        return rows.stream().map(r -> new org.hydrodelta.app.chart.PlausibilityCharts.Point(r.basinId(),
                r.values().getOrDefault(x, Double.NaN), r.values().getOrDefault(y, Double.NaN))).toList();
    }

    /** @return simulated ET against the long-term water balance P − Q of each basin (mm/yr) */
    public JFreeChart etChart() {
        return org.hydrodelta.app.chart.PlausibilityCharts.versus("Simulated ET vs long-term P - Q",
                "P - Q observed (mm/yr)", "Simulated ET (mm/yr)", points("p_minus_q_obs_mm_per_yr", "et_sim_mm_per_yr"));
    }

    /** @return simulated against observed baseflow index per basin */
    public JFreeChart baseflowChart() {
        return org.hydrodelta.app.chart.PlausibilityCharts.versus("Baseflow index", "Observed (CAMELS baseflow_index)",
                "Simulated (sum Q2 / sum Q)", points("bfi_obs", "bfi_sim"));
    }

    /**
     * @return the Budyko plot of the shown run: ET/P against PET/P from each basin's test-period outputs
     * @throws IOException if an output table is malformed
     */
    public JFreeChart budykoChart() throws IOException {
        List<org.hydrodelta.app.chart.PlausibilityCharts.Point> pts = new ArrayList<>();
        RunResults shown = runResults.get(run.get());
        for (Row r : rows) {
            java.util.Optional<ResultsReader.BasinSeries> series = shown == null ? java.util.Optional.empty()
                    : shown.outputs(r.basinId());
            if (series.isEmpty()) {
                continue;
            }
            Map<String, float[]> s = series.get().series();
            float[] et = shown.outputSpecs().stream()
                    .filter(o -> o.role() == org.hydrodelta.core.conceptual.OutputSpec.Role.EVAPOTRANSPIRATION)
                    .map(o -> s.get(o.name().toLowerCase(java.util.Locale.ROOT))).findFirst().orElse(null);
            if (et == null) {
                continue;
            }
            double p = mean(s.get("prcp"));
            pts.add(new org.hydrodelta.app.chart.PlausibilityCharts.Point(r.basinId(), mean(s.get("pet")) / p,
                    mean(et) / p));
        }
        return org.hydrodelta.app.chart.PlausibilityCharts.budyko(pts);
    }

    private static double mean(float[] v) {
        double sum = 0;
        int n = 0;
        for (float x : v) {
            if (Float.isFinite(x)) {
                sum += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Writes the shown run's table as CSV.
     *
     * @param out target file
     * @throws IOException if writing fails
     */
    public void writeCsv(Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("basin_id," + String.join(",", metricNames));
        for (Row r : rows) {
            StringBuilder b = new StringBuilder(r.basinId());
            for (String m : metricNames) {
                double v = r.values().getOrDefault(m, Double.NaN);
                b.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
            }
            lines.add(b.toString());
        }
        Files.write(out, lines);
    }
}
