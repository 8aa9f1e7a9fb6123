package org.hydrodelta.app.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The hydrologic signature plots of a basin (flow duration curve, simulated against observed with the 1:1 line,
 * mean monthly regime) and, across basins, the cumulative distribution of a metric. Only days where both series
 * are finite enter the paired plots, so a gap never counts as zero.
 */
public final class SignatureCharts {
    private static final Color OBS = HydrographChart.OBSERVED;
    private static final Color SIM = HydrographChart.SIMULATED;

    private SignatureCharts() {
    }

    private static XYSeries sortedDescending(String name, float[] v, float[] mask) {
        double[] x = new double[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (Float.isFinite(v[i]) && (mask == null || Float.isFinite(mask[i])) && v[i] > 0) {
                x[n++] = v[i];
            }
        }
        double[] s = Arrays.copyOf(x, n);
        Arrays.sort(s);
        XYSeries series = new XYSeries(name, false, true);
        for (int i = 0; i < n; i++) {
            // Weibull plotting position of the i-th largest flow
            series.add(100.0 * (i + 1) / (n + 1), s[n - 1 - i]);
        }
        return series;
    }

    /**
     * Flow duration curve: flow (log axis) against the percentage of time it is exceeded.
     *
     * @param title chart title
     * @param sim   simulated flow (mm/d), or {@code null}
     * @param obs   observed flow (mm/d), NaN for gaps
     * @return the chart
     */
    public static JFreeChart flowDuration(String title, float[] sim, float[] obs) {
        XYSeriesCollection data = new XYSeriesCollection(sortedDescending("Observed", obs, sim));
        if (sim != null) {
            data.addSeries(sortedDescending("Simulated", sim, obs));
        }
        LogAxis flow = new LogAxis("Streamflow (mm/d)");
        flow.setSmallestValue(1e-3);
        return chart(title, new XYPlot(data, new NumberAxis("Exceedance probability (%)"), flow, lines(OBS, SIM)));
    }

    /**
     * Simulated against observed daily flow, with the 1:1 line.
     *
     * @param title chart title
     * @param sim   simulated flow
     * @param obs   observed flow, NaN for gaps
     * @return the chart
     */
    public static JFreeChart scatter(String title, float[] sim, float[] obs) {
        XYSeries points = new XYSeries("Daily flow", false, true);
        double max = 0;
        for (int i = 0; i < obs.length; i++) {
            if (Float.isFinite(obs[i]) && Float.isFinite(sim[i])) {
                points.add(obs[i], sim[i], false);
                max = Math.max(max, Math.max(obs[i], sim[i]));
            }
        }
        XYSeries oneToOne = new XYSeries("1:1", false, true);
        oneToOne.add(0, 0);
        oneToOne.add(max, max);
        XYSeriesCollection data = new XYSeriesCollection(points);
        data.addSeries(oneToOne);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-1.5, -1.5, 3, 3));
        r.setSeriesPaint(0, new Color(0, 114, 178, 90));
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, Color.DARK_GRAY);
        r.setSeriesStroke(1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 4, new float[] {4, 4},
                0));
        NumberAxis x = new NumberAxis("Observed (mm/d)");
        NumberAxis y = new NumberAxis("Simulated (mm/d)");
        x.setRange(0, Math.max(max, 1e-3) * 1.02);
        y.setRange(0, Math.max(max, 1e-3) * 1.02);
        return chart(title, new XYPlot(data, x, y, r));
    }

    /**
     * Mean flow per calendar month over the days where both series are present.
     *
     * @param title chart title
     * @param start date of the first value
     * @param sim   simulated flow, or {@code null}
     * @param obs   observed flow, NaN for gaps
     * @return the chart
     */
    public static JFreeChart monthlyRegime(String title, LocalDate start, float[] sim, float[] obs) {
        double[] so = new double[13];
        double[] ss = new double[13];
        int[] n = new int[13];
        for (int i = 0; i < obs.length; i++) {
            if (Float.isFinite(obs[i]) && (sim == null || Float.isFinite(sim[i]))) {
                int m = start.plusDays(i).getMonthValue();
                so[m] += obs[i];
                ss[m] += sim == null ? 0 : sim[i];
                n[m]++;
            }
        }
        XYSeries o = new XYSeries("Observed");
        XYSeries s = new XYSeries("Simulated");
        for (int m = 1; m <= 12; m++) {
            if (n[m] > 0) {
                o.add(m, so[m] / n[m]);
                s.add(m, ss[m] / n[m]);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection(o);
        if (sim != null) {
            data.addSeries(s);
        }
        NumberAxis month = new NumberAxis("Month");
        month.setRange(0.5, 12.5);
        month.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer r = lines(OBS, SIM);
        r.setDefaultShapesVisible(true);
        return chart(title, new XYPlot(data, month, new NumberAxis("Mean streamflow (mm/d)"), r));
    }

    /**
     * Cumulative volume: running sums of observed and simulated flow over the days where both are present, which
     * shows where a volume bias builds up.
     *
     * @param title chart title
     * @param start date of the first value
     * @param sim   simulated flow (mm/d)
     * @param obs   observed flow (mm/d), NaN for gaps
     * @return the chart
     */
    public static JFreeChart cumulativeVolume(String title, LocalDate start, float[] sim, float[] obs) {
        double so = 0;
        double ss = 0;
        double[][] o = new double[2][obs.length];
        double[][] s = new double[2][obs.length];
        for (int i = 0; i < obs.length; i++) {
            if (Float.isFinite(obs[i]) && Float.isFinite(sim[i])) {
                so += obs[i];
                ss += sim[i];
            }
            double x = start.plusDays(i).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
            o[0][i] = x;
            o[1][i] = so;
            s[0][i] = x;
            s[1][i] = ss;
        }
        org.jfree.data.xy.DefaultXYDataset data = new org.jfree.data.xy.DefaultXYDataset();
        data.addSeries("Observed", o);
        data.addSeries("Simulated", s);
        org.jfree.chart.axis.DateAxis time = new org.jfree.chart.axis.DateAxis("Date");
        time.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
        return chart(title, new XYPlot(data, time, new NumberAxis("Cumulative flow (mm)"), lines(OBS, SIM)));
    }

    /**
     * Paired per-basin differences of a metric between two runs, sorted, with the median difference.
     *
     * @param metric metric name
     * @param a      first run's name
     * @param b      second run's name
     * @param diff   basin id → metric(a) − metric(b)
     * @return the chart
     */
    public static JFreeChart pairedDifferences(String metric, String a, String b, Map<String, Double> diff) {
        org.jfree.data.category.DefaultCategoryDataset data = new org.jfree.data.category.DefaultCategoryDataset();
        diff.entrySet().stream().filter(e -> Double.isFinite(e.getValue()))
                .sorted(Map.Entry.comparingByValue()).forEach(e -> data.addValue(e.getValue(), "difference", e.getKey()));
        double median = org.hydrodelta.core.eval.BasinMetrics.median(diff.values().stream().mapToDouble(Double::doubleValue)
                .toArray());
        org.jfree.chart.plot.CategoryPlot plot = new org.jfree.chart.plot.CategoryPlot(data,
                new org.jfree.chart.axis.CategoryAxis("Basin"), new NumberAxis(metric + " difference"),
                new org.jfree.chart.renderer.category.BarRenderer());
        plot.getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_90);
        ((org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer()).setBarPainter(
                new org.jfree.chart.renderer.category.StandardBarPainter());
        plot.getRenderer().setSeriesPaint(0, new Color(0x0072B2));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        JFreeChart c = new JFreeChart(String.format("%s: %s minus %s (median %+.3f)", metric, a, b, median),
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }

    /**
     * Empirical cumulative distribution of a metric across basins, one curve per run.
     *
     * @param metric metric name, for the axis
     * @param byRun  run name → metric value per basin (NaN ignored)
     * @return the chart
     */
    public static JFreeChart metricCdf(String metric, Map<String, double[]> byRun) {
        return metricCdf(metric, byRun, Map.of());
    }

    /**
     * The CDF of a metric across basins per run, with thin curves beside them (e.g. the members of an ensemble whose
     * mean is one of the runs).
     *
     * @param metric metric name
     * @param byRun  run name → per-basin values (NaN ignored), drawn as normal lines
     * @param thin   curve name → per-basin values, drawn as thin grey lines after the runs
     * @return the chart
     */
    public static JFreeChart metricCdf(String metric, Map<String, double[]> byRun, Map<String, double[]> thin) {
        XYSeriesCollection data = new XYSeriesCollection();
        Map<String, double[]> all = new java.util.LinkedHashMap<>(byRun);
        thin.forEach(all::putIfAbsent);
        for (Map.Entry<String, double[]> e : all.entrySet()) {
            double[] v = Arrays.stream(e.getValue()).filter(Double::isFinite).sorted().toArray();
            XYSeries s = new XYSeries(e.getKey(), false, true);
            for (int i = 0; i < v.length; i++) {
                s.add(v[i], (double) (i + 1) / v.length);
            }
            data.addSeries(s);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = byRun.size(); i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new java.awt.BasicStroke(0.6f));
            r.setSeriesPaint(i, new Color(0x999999));
        }
        return chart("Distribution of " + metric + " across basins", new XYPlot(data, new NumberAxis(metric),
                new NumberAxis("Fraction of basins"), r));
    }

    private static XYLineAndShapeRenderer lines(Color first, Color second) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, first);
        r.setSeriesPaint(1, second);
        return r;
    }

    /** White background, light grid, legend: the style every signature and plausibility chart shares. */
    static JFreeChart chart(String title, XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        JFreeChart c = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }
}
