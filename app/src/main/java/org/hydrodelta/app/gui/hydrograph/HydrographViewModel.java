package org.hydrodelta.app.gui.hydrograph;

import java.time.LocalDate;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.hydrodelta.app.chart.DailySeries;
import org.hydrodelta.app.chart.HydrographChart;
import org.hydrodelta.core.conceptual.OutputSpec.Role;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.eval.ResultsReader;
import org.jfree.chart.JFreeChart;

/**
 * State of one basin's hydrograph: its observations from the project's data and, when a run has been
 * evaluated, the simulated flow with the model's states and fluxes (outputs the model was never trained on).
 */
public final class HydrographViewModel {
    private final String basinId;
    private final String title;
    private final BasinDataset dataset;
    private final ResultsReader.BasinSeries simulation;
    private final String runName;
    private final BooleanProperty logFlow = new SimpleBooleanProperty(false);
    private org.hydrodelta.core.data.csv.DailyTable referenceSwe;
    private final javafx.beans.property.ObjectProperty<SensitivityView> sensitivityView =
            new javafx.beans.property.SimpleObjectProperty<>(SensitivityView.BASIN);
    private org.hydrodelta.core.eval.AttributeSensitivity.Table sensitivity;

    /** What the attribute-driver heat map shows. */
    public enum SensitivityView {
        /** The basin's own sensitivities. */
        BASIN("This basin"),
        /** The signed mean over the run's basins (drivers that agree in sign across basins). */
        MEAN("Mean over basins"),
        /** The mean absolute value over the run's basins (how strongly, either way). */
        MEAN_ABS("Mean |value| over basins");

        private final String label;

        SensitivityView(String label) {
            this.label = label;
        }

        /** @return the label of the toggle */
        public String label() {
            return label;
        }
    }

    /**
     * @param basinId    the basin
     * @param name       its name, for the title
     * @param dataset    the project's data (must hold the basin)
     * @param simulation an evaluated run's outputs for the basin, or {@code null}
     * @param runName    the run's name, or {@code null}
     */
    public HydrographViewModel(String basinId, String name, BasinDataset dataset, ResultsReader.BasinSeries simulation,
            String runName) {
        this.basinId = basinId;
        this.title = basinId + (name == null || name.isEmpty() ? "" : " " + name);
        this.dataset = dataset;
        this.simulation = simulation;
        this.runName = runName;
    }

    /**
     * Tells the panels what the run's outputs and parameters are (units, stores or fluxes, ranges), from the
     * run's model instead of names known here.
     *
     * @param outputs    the run's output specs
     * @param parameters the run's parameter specs
     * @return this view model
     */
    public HydrographViewModel withSpecs(java.util.List<org.hydrodelta.core.conceptual.OutputSpec> outputs,
            java.util.List<org.hydrodelta.core.conceptual.ParameterSpec> parameters) {
        this.outputSpecs = java.util.List.copyOf(outputs);
        this.parameterSpecs = java.util.List.copyOf(parameters);
        return this;
    }

    private java.util.List<org.hydrodelta.core.conceptual.OutputSpec> outputSpecs = java.util.List.of();
    private Map<String, float[][]> spread = Map.of();
    private int members;

    /**
     * Shows an ensemble's member spread: a band behind the ensemble-mean flow, behind every state and flux panel and
     * behind every learned parameter.
     *
     * @param bands   per output (lower-case name as in the simulation's series), {@code {p05, p95}} per day
     *                ({@link org.hydrodelta.core.eval.RunResults#spread}); empty for a single run
     * @param nMembers how many members the band spans
     * @return this view model
     */
    public HydrographViewModel withSpread(Map<String, float[][]> bands, int nMembers) {
        this.spread = Map.copyOf(bands);
        this.members = nMembers;
        return this;
    }

    /** @return whether the shown run is an ensemble with its member spread */
    public boolean hasSpread() {
        return !spread.isEmpty();
    }

    /** @return the legend name of the bands, e.g. "5-95 % of 3 members" */
    public String bandLabel() {
        return "5-95 % of " + members + " members";
    }

    /**
     * @param role an output role
     * @return the band of the run's output with that role, {@code {p05, p95}}, or null without one
     */
    float[][] bandOf(Role role) {
        for (org.hydrodelta.core.conceptual.OutputSpec o : specs()) {
            if (o.role() == role) {
                return spread.get(o.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return null;
    }
    private java.util.List<org.hydrodelta.core.conceptual.ParameterSpec> parameterSpecs = java.util.List.of();

    /**
     * @param km2 the basin's area, for the mm/d ↔ m³/s switch; unknown when not positive
     * @return this view model
     */
    public HydrographViewModel withAreaKm2(double km2) {
        this.areaKm2 = km2 > 0 ? km2 : Double.NaN;
        return this;
    }

    private double areaKm2 = Double.NaN;
    private final BooleanProperty cubicMetres = new javafx.beans.property.SimpleBooleanProperty(false);

    /** @return whether flow is shown in m³/s (from mm/d through the basin's area) instead of mm/d */
    public BooleanProperty cubicMetresProperty() {
        return cubicMetres;
    }

    /** @return whether the basin's area is known, so flow can be shown in m³/s */
    public boolean hasArea() {
        return Double.isFinite(areaKm2);
    }

    /** @return the unit flow is shown in */
    public String flowUnit() {
        return cubicMetres.get() && hasArea() ? "m³/s" : "mm/d";
    }

    /**
     * @param mmPerDay flow depth over the basin
     * @return the same flow in the shown unit: 1 mm/d over A km² is A / 86.4 m³/s
     */
    private float[] inFlowUnit(float[] mmPerDay) {
        if (mmPerDay == null || !(cubicMetres.get() && hasArea())) {
            return mmPerDay;
        }
        float[] out = new float[mmPerDay.length];
        double f = areaKm2 / 86.4;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (mmPerDay[i] * f);
        }
        return out;
    }

    /**
     * Adds a reference snowpack (e.g. the CAMELS Snow-17 benchmark run) to the snowpack panel.
     *
     * @param table a daily table with an {@code SWE} column, or {@code null}
     * @return this view model
     */
    public HydrographViewModel withReferenceSwe(org.hydrodelta.core.data.csv.DailyTable table) {
        this.referenceSwe = table != null && table.columns().containsKey("SWE") ? table : null;
        return this;
    }

    /**
     * An auxiliary observation of the basin (issue 18) drawn over the state or flux it observes.
     *
     * @param name   the observation's name
     * @param kind   {@code swe}, {@code et}, {@code soil-moisture}, {@code baseflow} or {@code other}
     * @param start  its first day
     * @param values daily values in mm or mm/d, NaN for gaps
     */
    public record Observation(String name, String kind, LocalDate start, float[] values) {
    }

    private java.util.List<Observation> observations = java.util.List.of();

    /**
     * Overlays auxiliary observations on their panels: snow water equivalent on the snowpack, ET on actual ET,
     * baseflow on the simulated baseflow, soil moisture on the soil store.
     *
     * @param list the basin's observations (may be empty)
     * @return this view model
     */
    public HydrographViewModel withObservations(java.util.List<Observation> list) {
        this.observations = java.util.List.copyOf(list);
        return this;
    }

    /** @return the overlaid observations */
    public java.util.List<Observation> observations() {
        return observations;
    }

    private static float[] aligned(LocalDate srcStart, float[] src, LocalDate start, int n) {
        float[] out = new float[n];
        int offset = (int) java.time.temporal.ChronoUnit.DAYS.between(srcStart, start);
        for (int d = 0; d < n; d++) {
            int i = offset + d;
            out[d] = i >= 0 && i < src.length ? src[i] : Float.NaN;
        }
        return out;
    }

    /**
     * Adds the run's attribute sensitivities (which attributes drive each learned parameter), when the run has them
     * for this basin (δ runs); otherwise nothing changes.
     *
     * @param table the run's table ({@link org.hydrodelta.core.eval.RunResults#sensitivities()}), or {@code null}
     * @return this view model
     */
    public HydrographViewModel withAttributeSensitivity(org.hydrodelta.core.eval.AttributeSensitivity.Table table) {
        sensitivity = table != null && table.basin(basinId).isPresent() ? table : null;
        return this;
    }

    /** @return whether the attribute-driver heat map can be shown (a δ run's sensitivities include the basin) */
    public boolean hasSensitivity() {
        return sensitivity != null;
    }

    /** @return the heat map's choice: this basin, mean or mean absolute value over basins */
    public javafx.beans.property.ObjectProperty<SensitivityView> sensitivityViewProperty() {
        return sensitivityView;
    }

    /** @return the run's sensitivity table, or {@code null} */
    public org.hydrodelta.core.eval.AttributeSensitivity.Table sensitivityTable() {
        return sensitivity;
    }

    /**
     * @param view which matrix
     * @return {@code [parameter][attribute]} for that choice, or {@code null} without sensitivities
     */
    public float[][] sensitivityMatrix(SensitivityView view) {
        if (sensitivity == null) {
            return null;
        }
        return switch (view) {
            case BASIN -> sensitivity.basin(basinId).orElseThrow();
            case MEAN -> sensitivity.meanOverBasins(false);
            case MEAN_ABS -> sensitivity.meanOverBasins(true);
        };
    }

    /**
     * @return the attribute-driver heat map for the current choice, or {@code null} without sensitivities
     */
    public JFreeChart sensitivityChart() {
        if (sensitivity == null) {
            return null;
        }
        SensitivityView v = sensitivityView.get();
        String whose = v == SensitivityView.BASIN ? title : (v == SensitivityView.MEAN ? "mean over "
                : "mean |value| over ") + sensitivity.basinIds().size() + " basins";
        return org.hydrodelta.app.chart.SensitivityChart.build("Attribute drivers of the learned parameters, " + whose
                + " (" + runName + ")", sensitivity.parameters(), sensitivity.attributes(), sensitivityMatrix(v),
                "change of parameter (fraction of its range) per σ of attribute");
    }

    /**
     * The value under the mouse.
     *
     * @param parameter row index
     * @param attribute column index
     * @return e.g. "FC ← p_mean: +0.1234 of FC's range per σ (this basin)", empty outside the matrix
     */
    public String describeSensitivity(int parameter, int attribute) {
        if (sensitivity == null || parameter < 0 || attribute < 0 || parameter >= sensitivity.parameters().size()
                || attribute >= sensitivity.attributes().size()) {
            return "";
        }
        SensitivityView v = sensitivityView.get();
        String p = sensitivity.parameters().get(parameter);
        return p + " ← " + sensitivity.attributes().get(attribute) + ": " + org.hydrodelta.app.chart.SensitivityChart
                .format(sensitivityMatrix(v)[parameter][attribute]) + " of " + p + "'s range per σ of the attribute ("
                + v.label().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /**
     * Writes the heat map's data as CSV: one row per parameter and attribute, with the basin's value, the mean and
     * the mean absolute value over basins.
     *
     * @param out target file
     * @throws java.io.IOException if writing fails
     */
    public void writeSensitivityCsv(java.nio.file.Path out) throws java.io.IOException {
        if (sensitivity == null) {
            throw new java.io.IOException("the run has no attribute sensitivities");
        }
        float[][] own = sensitivityMatrix(SensitivityView.BASIN);
        float[][] mean = sensitivityMatrix(SensitivityView.MEAN);
        float[][] abs = sensitivityMatrix(SensitivityView.MEAN_ABS);
        try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(out)) {
            w.write("parameter,attribute,basin_" + basinId + ",mean_over_basins,mean_abs_over_basins\n");
            for (int p = 0; p < own.length; p++) {
                for (int a = 0; a < own[p].length; a++) {
                    w.write(sensitivity.parameters().get(p) + "," + sensitivity.attributes().get(a) + ","
                            + cell(own[p][a]) + "," + cell(mean[p][a]) + "," + cell(abs[p][a]) + "\n");
                }
            }
        }
    }

    private static String cell(float v) {
        return Float.isNaN(v) ? "" : Float.toString(v);
    }

    /** @return whether a reference snowpack is shown */
    public boolean hasReferenceSwe() {
        return referenceSwe != null;
    }

    /** @return the basin id */
    public String basinId() {
        return basinId;
    }

    /** @return whether the flow axis is logarithmic */
    public BooleanProperty logFlowProperty() {
        return logFlow;
    }

    /** @return whether simulated series are shown */
    public boolean hasSimulation() {
        return simulation != null;
    }

    /** @return the chart for the current settings */
    public JFreeChart chart() {
        HydrographChart c = new HydrographChart().title(title).logFlow(logFlow.get());
        if (simulation == null) {
            LocalDate start = firstDay();
            c.precipitation(new DailySeries("Precipitation", "mm/d", start, recorded(Variable.PRCP)));
            c.flow(new DailySeries("Observed", flowUnit(), start, inFlowUnit(recorded(Variable.QOBS))));
            return c.build();
        }
        // with a simulation, show its period (the test period of the run) and how well the run fits it
        c.title(title + "  —  " + skill());
        Map<String, float[]> s = simulation.series();
        LocalDate sStart = simulation.start();
        c.precipitation(new DailySeries("Precipitation", "mm/d", sStart, s.get("prcp")));
        c.flow(new DailySeries("Observed", flowUnit(), sStart, inFlowUnit(s.get("qobs"))));
        c.flow(new DailySeries((hasSpread() ? "Ensemble mean (" : "Simulated (") + runName + ")", flowUnit(), sStart,
                inFlowUnit(byRole(Role.DISCHARGE))));
        float[][] flowBand = bandOf(Role.DISCHARGE);
        if (flowBand != null) {
            c.flowBand(new org.hydrodelta.app.chart.DailyBand(bandLabel(), "Simulated", sStart,
                    inFlowUnit(flowBand[0]), inFlowUnit(flowBand[1])));
        }
        float[] snow = byRole(Role.SNOW);
        panel(c, "SWE (mm)", "Snowpack (SWE)", snow, sStart, bandOf(Role.SNOW));
        if (referenceSwe != null && snow != null && observations.stream().noneMatch(o -> o.kind().equals("swe"))) {
            // the reference over the simulated days only, aligned by date
            float[] ref = new float[snow.length];
            float[] src = referenceSwe.columns().get("SWE");
            int offset = (int) java.time.temporal.ChronoUnit.DAYS.between(referenceSwe.start(), sStart);
            for (int d = 0; d < ref.length; d++) {
                int i = offset + d;
                ref[d] = i >= 0 && i < src.length ? src[i] : Float.NaN;
            }
            panel(c, "SWE (mm)", "SWE Snow-17 (CAMELS benchmark)", ref, sStart);
        }
        panel(c, "Soil (mm)", "Soil moisture", byRole(Role.SOIL_MOISTURE), sStart, bandOf(Role.SOIL_MOISTURE));
        panel(c, "GW (mm)", "Upper zone", byRole(Role.UPPER_STORE), sStart, bandOf(Role.UPPER_STORE));
        panel(c, "GW (mm)", "Lower zone", byRole(Role.LOWER_STORE), sStart, bandOf(Role.LOWER_STORE));
        panel(c, "ET (mm/d)", "Actual ET", byRole(Role.EVAPOTRANSPIRATION), sStart, bandOf(Role.EVAPOTRANSPIRATION));
        panel(c, "ET (mm/d)", "Potential ET", s.get("pet"), sStart);
        panel(c, "Q (mm/d)", "Total flow (unrouted)", byRole(Role.UNROUTED_DISCHARGE), sStart,
                bandOf(Role.UNROUTED_DISCHARGE));
        panel(c, "Q (mm/d)", "Baseflow", byRole(Role.BASEFLOW), sStart, bandOf(Role.BASEFLOW));
        // auxiliary observations over the state or flux they observe (issue 18), where the model has it, drawn as
        // observed flow is (dark), not in the model colours
        float[] any = byRole(Role.DISCHARGE);
        for (Observation o : observations) {
            String[] where = switch (o.kind()) {
                case "swe" -> new String[] {"SWE (mm)", Role.SNOW.name()};
                case "et" -> new String[] {"ET (mm/d)", Role.EVAPOTRANSPIRATION.name()};
                case "baseflow" -> new String[] {"Q (mm/d)", Role.BASEFLOW.name()};
                case "soil-moisture" -> new String[] {"Soil (mm)", Role.SOIL_MOISTURE.name()};
                default -> null;
            };
            if (where != null && any != null && byRole(Role.valueOf(where[1])) != null) {
                c.panelObserved(where[0], new DailySeries(o.name() + " (observed)", "", sStart, aligned(o.start(),
                        o.values(), sStart, any.length)));
            }
        }
        return c.build();
    }

    /**
     * Writes the series shown (observations, and with a run its simulation, states and fluxes; with an ensemble the
     * 5 % and 95 % member quantiles of each output as {@code <output>_p05}, {@code <output>_p95}) as CSV.
     *
     * @param out target file
     * @throws java.io.IOException if writing fails
     */
    public void writeCsv(java.nio.file.Path out) throws java.io.IOException {
        java.util.LinkedHashMap<String, float[]> cols = new java.util.LinkedHashMap<>();
        LocalDate start;
        if (simulation == null) {
            start = firstDay();
            cols.put("prcp_mm_d", recorded(Variable.PRCP));
            cols.put("qobs_mm_d", recorded(Variable.QOBS));
        } else {
            start = simulation.start();
            cols.putAll(simulation.series());
            // an ensemble's member band beside each output
            spread.forEach((k, band) -> {
                cols.put(k + "_p05", band[0]);
                cols.put(k + "_p95", band[1]);
            });
        }
        int n = cols.values().iterator().next().length;
        try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(out)) {
            w.write("date," + String.join(",", cols.keySet()) + "\n");
            for (int d = 0; d < n; d++) {
                StringBuilder line = new StringBuilder(start.plusDays(d).toString());
                for (float[] v : cols.values()) {
                    line.append(',');
                    if (!Float.isNaN(v[d])) {
                        line.append(v[d]);
                    }
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    private float[] observed() {
        return simulation != null ? simulation.series().get("qobs") : recorded(Variable.QOBS);
    }

    private float[] simulated() {
        return simulation == null ? null : byRole(Role.DISCHARGE);
    }

    /**
     * @return the learned parameters of the basin over the simulated period against their bounds, or {@code null}
     *         when the run has none (a plain LSTM)
     */
    public JFreeChart parameterChart() {
        if (simulation == null) {
            return null;
        }
        Map<String, float[]> params = new java.util.LinkedHashMap<>();
        Map<String, float[][]> bands = new java.util.LinkedHashMap<>();
        simulation.series().forEach((k, v) -> {
            if (k.startsWith("param_")) {
                String p = k.substring(6).toUpperCase(java.util.Locale.ROOT);
                params.put(p, v);
                if (spread.containsKey(k)) {
                    bands.put(p, spread.get(k));
                }
            }
        });
        return params.isEmpty() ? null : org.hydrodelta.app.chart.ParameterChart.build("Learned parameters, " + title
                + " (" + runName + (hasSpread() ? ", ensemble mean" : "") + ")", simulation.start(), params,
                parameterSpecs, bands, bandLabel());
    }

    /** @return first day shown by the hydrograph */
    public LocalDate firstDay() {
        return simulation != null ? simulation.start() : dataset.start().plusDays(record()[0]);
    }

    /**
     * The basin's own record within the dataset's date axis: the first and last day with precipitation or flow, so
     * that a basin whose data start in 1993 is not drawn on an axis from 1980 (the dataset's first day).
     */
    private int[] record() {
        if (record == null) {
            int row = dataset.basinIndex(basinId);
            float[] p = dataset.series(Variable.PRCP, row);
            float[] q = dataset.series(Variable.QOBS, row);
            int first = 0;
            int last = dataset.nDays() - 1;
            while (first < last && isMissing(p, first) && isMissing(q, first)) {
                first++;
            }
            while (last > first && isMissing(p, last) && isMissing(q, last)) {
                last--;
            }
            record = new int[] {first, last};
        }
        return record;
    }

    private int[] record;

    private static boolean isMissing(float[] v, int d) {
        return v == null || Float.isNaN(v[d]);
    }

    /** @return a variable of this basin over its own record ({@link #record()}) */
    private float[] recorded(Variable v) {
        float[] all = dataset.series(v, dataset.basinIndex(basinId));
        return all == null ? null : java.util.Arrays.copyOfRange(all, record()[0], record()[1] + 1);
    }

    /**
     * @return the shown run's skill on this basin over the shown (test) period, e.g. "run delta_…: NSE 0.62,
     *         KGE 0.56"; empty without a simulation
     */
    public String skill() {
        if (simulation == null) {
            return "";
        }
        float[] sim = simulated();
        float[] obs = observed();
        return String.format(java.util.Locale.ROOT, "%s: NSE %.2f, KGE %.2f", runName,
                org.hydrodelta.core.eval.Metrics.nse(sim, obs), org.hydrodelta.core.eval.Metrics.kge(sim, obs));
    }

    /** @return number of days shown by the hydrograph */
    public int nDays() {
        return simulation != null ? simulation.nDays() : record()[1] - record()[0] + 1;
    }

    /**
     * The values under the crosshair.
     *
     * @param date a day
     * @return e.g. "2010-04-01  observed 3.21  simulated 2.87  SWE 45.0 mm", empty outside the series
     */
    public String describe(LocalDate date) {
        int d = (int) java.time.temporal.ChronoUnit.DAYS.between(firstDay(), date);
        if (d < 0 || d >= nDays()) {
            return "";
        }
        StringBuilder b = new StringBuilder(date.toString());
        float[] obs = inFlowUnit(observed());
        b.append(String.format("   observed %s", num(obs[d], flowUnit())));
        float[] sim = inFlowUnit(simulated());
        if (sim != null) {
            b.append(String.format("   %s %s", hasSpread() ? "ensemble mean" : "simulated", num(sim[d], flowUnit())));
            float[][] band = bandOf(Role.DISCHARGE);
            if (band != null) {
                b.append(String.format(java.util.Locale.ROOT, " (5-95 %%: %.2f to %.2f)", inFlowUnit(band[0])[d],
                        inFlowUnit(band[1])[d]));
            }
            Map<String, float[]> s = simulation.series();
            for (org.hydrodelta.core.conceptual.OutputSpec.Role role : DESCRIBED) {
                for (org.hydrodelta.core.conceptual.OutputSpec o : outputSpecs) {
                    float[] v = o.role() == role ? s.get(o.name().toLowerCase(java.util.Locale.ROOT)) : null;
                    if (v != null) {
                        b.append("   ").append(o.description()).append(' ').append(num(v[d], o.unit()));
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * @param role an output role
     * @return the simulation's series of the run's output with that role, or null when the model has none
     */
    private float[] byRole(Role role) {
        for (org.hydrodelta.core.conceptual.OutputSpec o : specs()) {
            if (o.role() == role) {
                return simulation.series().get(o.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return null;
    }

    /** @return the run's output specs, or the default model's when unknown */
    private java.util.List<org.hydrodelta.core.conceptual.OutputSpec> specs() {
        return outputSpecs.isEmpty()
                ? org.hydrodelta.core.model.ModelRegistry.outputs(org.hydrodelta.core.project.ExperimentConfig.defaults())
                : outputSpecs;
    }

    /** Outputs the crosshair readout names beside the flows, in this order. */
    private static final java.util.List<org.hydrodelta.core.conceptual.OutputSpec.Role> DESCRIBED = java.util.List.of(
            org.hydrodelta.core.conceptual.OutputSpec.Role.SNOW,
            org.hydrodelta.core.conceptual.OutputSpec.Role.SOIL_MOISTURE,
            org.hydrodelta.core.conceptual.OutputSpec.Role.EVAPOTRANSPIRATION,
            org.hydrodelta.core.conceptual.OutputSpec.Role.BASEFLOW);

    private static String num(float v, String unit) {
        return Float.isNaN(v) ? "–" : String.format(java.util.Locale.ROOT, "%.2f %s", v, unit);
    }

    /** @return the flow duration curve (observed, and simulated over the same days when a run exists) */
    public JFreeChart flowDurationChart() {
        return org.hydrodelta.app.chart.SignatureCharts.flowDuration("Flow duration curve, " + title, simulated(),
                observed());
    }

    /** @return simulated against observed flow with the 1:1 line, or {@code null} without a run */
    public JFreeChart scatterChart() {
        return simulation == null ? null : org.hydrodelta.app.chart.SignatureCharts.scatter("Simulated vs observed, "
                + title, simulated(), observed());
    }

    /** @return cumulative observed and simulated volume, or {@code null} without a run */
    public JFreeChart cumulativeChart() {
        return simulation == null ? null : org.hydrodelta.app.chart.SignatureCharts.cumulativeVolume(
                "Cumulative volume, " + title, simulation.start(), simulated(), observed());
    }

    /** @return the mean monthly regime */
    public JFreeChart regimeChart() {
        LocalDate start = firstDay();
        return org.hydrodelta.app.chart.SignatureCharts.monthlyRegime("Mean monthly regime, " + title, start,
                simulated(), observed());
    }

    private void panel(HydrographChart c, String panel, String name, float[] v, LocalDate start) {
        panel(c, panel, name, v, start, null);
    }

    private void panel(HydrographChart c, String panel, String name, float[] v, LocalDate start, float[][] band) {
        if (v != null) {
            c.panel(panel, new DailySeries(name, "", start, v));
            if (band != null) {
                c.panelBand(panel, new org.hydrodelta.app.chart.DailyBand(bandLabel() + " (" + name + ")", name, start,
                        band[0], band[1]));
            }
        }
    }
}
