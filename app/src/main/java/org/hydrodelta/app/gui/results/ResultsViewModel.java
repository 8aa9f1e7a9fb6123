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
    /** Per ensemble run: per member label, per basin, the member's metrics. */
    private final Map<String, Map<String, Map<String, Map<String, Double>>>> members = new LinkedHashMap<>();
    private final ObservableList<String> runNames = FXCollections.observableArrayList();
    private final ObservableList<String> metricNames = FXCollections.observableArrayList();
    private final ObservableList<String> columnNames = FXCollections.observableArrayList();
    private final Map<String, org.hydrodelta.core.combine.CombinationResults> combinations = new LinkedHashMap<>();
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
                experimentOf.put(name, r.experiment());
                if (org.hydrodelta.app.gui.runs.EvaluationChoice.isHeldOut(r)
                        && evaluation.equals(RunResults.TEST)) {
                    spatialNames.add(name);
                } else if (r.group() == null || r.member() == null || !r.member().startsWith("fold ")) {
                    // a single run, a seed-ensemble member or the ensemble's mean: tested on its training basins
                    // (a spatial fold's own test is on its training basins too, but it is one part of a group)
                    temporalNames.add(name);
                }
                if (results.isEnsemble()) {
                    members.put(name, results.memberMetrics());
                }
            }
            org.hydrodelta.core.combine.CombinationResults.read(r.path()).ifPresent(c -> combinations.put(r.name(), c));
        }
        // the comparison every regionalisation paper makes: the latest holdout group's merged result against the
        // same experiment's latest temporal run (else the latest temporal run)
        if (!spatialNames.isEmpty()) {
            spatial.set(spatialNames.get(spatialNames.size() - 1));
            String exp = experimentOf.get(spatial.get());
            temporal.set(temporalNames.stream().filter(n -> java.util.Objects.equals(experimentOf.get(n), exp))
                    .reduce((a, b) -> b).orElse(temporalNames.isEmpty() ? null
                            : temporalNames.get(temporalNames.size() - 1)));
        } else if (!temporalNames.isEmpty()) {
            temporal.set(temporalNames.get(temporalNames.size() - 1));
        }
        columnNames.addAll(BasinMetrics.COLUMNS);
        // metrics of auxiliary observations (swe_snow17_nse, baseflow_kge, ...) of runs trained or scored on them
        for (Map<String, Map<String, Double>> byBasin : runs.values()) {
            for (Map<String, Double> values : byBasin.values()) {
                for (String m : values.keySet()) {
                    if (!columnNames.contains(m)) {
                        columnNames.add(m);
                    }
                }
            }
        }
        // the days scored (n_obs, baseflow_n_obs, ...) are columns of the table, not skill to plot or compare
        columnNames.stream().filter(c -> !BasinMetrics.isCount(c)).forEach(metricNames::add);
        run.addListener((o, a, b) -> refresh());
        if (!runNames.isEmpty()) {
            run.set(runNames.get(runNames.size() - 1));
            compareWith.set(runNames.get(0));
        }
    }

    private final Map<String, String> experimentOf = new LinkedHashMap<>();
    private final ObservableList<String> temporalNames = FXCollections.observableArrayList();
    private final ObservableList<String> spatialNames = FXCollections.observableArrayList();
    private final StringProperty temporal = new SimpleStringProperty();
    private final StringProperty spatial = new SimpleStringProperty();

    /** @return evaluated runs tested on their training basins (temporal split), single runs only */
    public ObservableList<String> temporalNames() {
        return temporalNames;
    }

    /** @return the merged held-out results of spatial holdout groups (PUB, PUR, custom) */
    public ObservableList<String> spatialNames() {
        return spatialNames;
    }

    /** @return the temporal run of the temporal-vs-spatial comparison */
    public StringProperty temporalProperty() {
        return temporal;
    }

    /** @return the holdout group's merged result of the temporal-vs-spatial comparison */
    public StringProperty spatialProperty() {
        return spatial;
    }

    /**
     * @param name an entry of {@link #runNames()}
     * @return the median of the chosen metric over its basins, NaN when none
     */
    public double medianOf(String name) {
        Map<String, Map<String, Double>> m = runs.getOrDefault(name, Map.of());
        return BasinMetrics.median(m.values().stream().mapToDouble(v -> v.getOrDefault(metric.get(), Double.NaN))
                .toArray());
    }

    /**
     * @return the series names of the comparison, temporal first: {@code temporal, median 0.612: RUN},
     *         {@code spatial (held-out), median 0.401: GROUP} (the median first: long names are cut in a narrow
     *         legend); empty for a side not chosen
     */
    public List<String> skillComparisonLabels() {
        List<String> out = new ArrayList<>();
        if (temporal.get() != null && runs.containsKey(temporal.get())) {
            out.add(String.format(java.util.Locale.ROOT, "temporal, median %.3f: %s", medianOf(temporal.get()),
                    temporal.get()));
        }
        if (spatial.get() != null && runs.containsKey(spatial.get())) {
            out.add(String.format(java.util.Locale.ROOT, "spatial (held-out), median %.3f: %s",
                    medianOf(spatial.get()), spatial.get()));
        }
        return out;
    }

    /**
     * @return the CDFs of the chosen metric for the temporal run and the holdout group's merged result: how much
     *         skill the model keeps in basins it never saw, medians in the legend
     */
    public JFreeChart skillComparisonChart() {
        Map<String, double[]> byRun = new LinkedHashMap<>();
        List<String> labels = skillComparisonLabels();
        int i = 0;
        for (String name : new String[] {temporal.get(), spatial.get()}) {
            if (name != null && runs.containsKey(name)) {
                byRun.put(labels.get(i++), runs.get(name).values().stream().mapToDouble(v -> v.getOrDefault(
                        metric.get(), Double.NaN)).toArray());
            }
        }
        JFreeChart c = SignatureCharts.metricCdf(metric.get(), byRun);
        c.setTitle("Temporal vs spatial skill: " + metric.get() + " across basins");
        return c;
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

    /**
     * @return the skill metrics the CDFs, the paired chart and the median are drawn for: the table's columns without
     *         the counts of days scored ({@link BasinMetrics#isCount})
     */
    public ObservableList<String> metricNames() {
        return metricNames;
    }

    /**
     * @return the columns of the per-basin table, in the order of {@code metrics.csv}: the metrics and the counts of
     *         days scored ({@code n_obs}, {@code <observation>_n_obs})
     */
    public ObservableList<String> columnNames() {
        return columnNames;
    }

    /**
     * @param column a column of {@link #columnNames()}
     * @param value  its value in a basin
     * @return the text of its cell: a count as an integer, a metric with three decimals, nothing for NaN
     */
    public static String cellText(String column, double value) {
        if (Double.isNaN(value)) {
            return null;
        }
        return BasinMetrics.isCount(column) ? Long.toString(Math.round(value))
                : String.format(java.util.Locale.ROOT, "%.3f", value);
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

    /**
     * @return the CDF of the chosen metric, one curve per evaluated run; when the shown run is an ensemble, each of
     *         its members' curves as thin lines beside the ensemble mean's ({@code <run> · member 1/3})
     */
    public JFreeChart cdfChart() {
        Map<String, double[]> byRun = new LinkedHashMap<>();
        runs.forEach((name, m) -> byRun.put(name, m.values().stream().mapToDouble(v -> v.getOrDefault(metric.get(),
                Double.NaN)).toArray()));
        Map<String, double[]> thin = new LinkedHashMap<>();
        members.getOrDefault(run.get(), Map.of()).forEach((label, m) -> thin.put(run.get() + " · " + label,
                m.values().stream().mapToDouble(v -> v.getOrDefault(metric.get(), Double.NaN)).toArray()));
        return SignatureCharts.metricCdf(metric.get(), byRun, thin);
    }

    /** @return whether the shown run is an ensemble (its members' metrics are known) */
    public boolean shownIsEnsemble() {
        return members.containsKey(run.get());
    }

    /**
     * @param metricName a metric
     * @return per member of the shown ensemble (label), its median across basins; empty for a single run
     */
    public Map<String, Double> memberMedians(String metricName) {
        Map<String, Double> out = new LinkedHashMap<>();
        members.getOrDefault(run.get(), Map.of()).forEach((label, m) -> out.put(label, BasinMetrics.median(
                m.values().stream().mapToDouble(v -> v.getOrDefault(metricName, Double.NaN)).toArray())));
        return out;
    }

    /**
     * @return the combination shown (the shown run when it is one, else the project's latest combination), or
     *         null when the project has none
     */
    private String shownCombination() {
        if (combinations.containsKey(run.get())) {
            return run.get();
        }
        String last = null;
        for (String n : combinations.keySet()) {
            last = n;
        }
        return last;
    }

    /**
     * @return the test NSE medians of a combination against its best single input run and the plain mean of its
     *         inputs, e.g. {@code combo: median test NSE 0.71; best input delta 0.68; plain mean 0.66}; empty when
     *         the project has no combination
     */
    public String combinationSummary() {
        String name = shownCombination();
        if (name == null) {
            return "";
        }
        org.hydrodelta.core.combine.CombinationResults c = combinations.get(name);
        String best = c.bestInput();
        return String.format(java.util.Locale.ROOT, "%s: median test NSE %.3f; best input %s %.3f; plain mean %.3f",
                name, BasinMetrics.median(c.nse(org.hydrodelta.core.combine.CombinationResults.COMBINATION)), best,
                BasinMetrics.median(c.nse("nse_" + best)), BasinMetrics.median(c.nse(
                        org.hydrodelta.core.combine.CombinationResults.MEAN)));
    }

    /**
     * @return the test NSE CDFs of a combination, its best single input and the plain mean of its inputs (the
     *         median of each in its legend); an empty chart when the project has no combination
     */
    public JFreeChart combinationChart() {
        Map<String, double[]> curves = new LinkedHashMap<>();
        String name = shownCombination();
        if (name != null) {
            org.hydrodelta.core.combine.CombinationResults c = combinations.get(name);
            String best = c.bestInput();
            curves.put(label("combination " + name, c.nse(org.hydrodelta.core.combine.CombinationResults
                    .COMBINATION)), c.nse(org.hydrodelta.core.combine.CombinationResults.COMBINATION));
            curves.put(label("best input " + best, c.nse("nse_" + best)), c.nse("nse_" + best));
            curves.put(label("plain mean", c.nse(org.hydrodelta.core.combine.CombinationResults.MEAN)),
                    c.nse(org.hydrodelta.core.combine.CombinationResults.MEAN));
        }
        return SignatureCharts.metricCdf("nse", curves);
    }

    private static String label(String what, double[] nse) {
        return String.format(java.util.Locale.ROOT, "%s (median %.3f)", what, BasinMetrics.median(nse));
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
        return org.hydrodelta.app.chart.PlausibilityCharts.versus("Baseflow index", "Observed (" + observedBfiSource()
                + ")", "Simulated (sum Q2 / sum Q)", points("bfi_obs", "bfi_sim"));
    }

    /**
     * @return where the shown evaluation's observed baseflow index comes from, for the axis: the attribute
     *         {@code baseflow_index} (CAMELS) or the Lyne-Hollick filter of the observed flow (datasets without it)
     */
    String observedBfiSource() {
        RunResults shown = runResults.get(run.get());
        String source = "";
        try {
            source = shown == null ? "" : shown.info().getOrDefault("bfiObs", "");
        } catch (IOException | RuntimeException e) {
            // an evaluation written before the source was recorded: the attribute
        }
        return source.startsWith("the Lyne-Hollick") ? "Lyne-Hollick filter of the observed flow"
                : source.contains("Lyne-Hollick") ? "baseflow_index, else the flow's Lyne-Hollick filter"
                : "attribute baseflow_index";
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
                    .map(o -> s.get(o.name().toLowerCase(java.util.Locale.ROOT))).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(null);
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
     * Writes the shown run's table as CSV: its columns ({@link #columnNames()}), the counts as integers.
     *
     * @param out target file
     * @throws IOException if writing fails
     */
    public void writeCsv(Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("basin_id," + String.join(",", columnNames));
        for (Row r : rows) {
            StringBuilder b = new StringBuilder(r.basinId());
            for (String m : columnNames) {
                double v = r.values().getOrDefault(m, Double.NaN);
                b.append(',').append(Double.isNaN(v) ? "" : BasinMetrics.isCount(m) ? Long.toString(Math.round(v))
                        : Double.toString(v));
            }
            lines.add(b.toString());
        }
        Files.write(out, lines);
    }
}
