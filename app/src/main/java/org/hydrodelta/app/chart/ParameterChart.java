package org.hydrodelta.app.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.time.LocalDate;
import java.util.Map;
import java.util.TimeZone;
import org.hydrodelta.core.conceptual.ParameterSpec;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The learned-parameter explorer's chart: each parameter of a basin over time (dynamic ones vary day by day,
 * static ones are flat), each in its own panel whose axis spans exactly the parameter's physical range, with the
 * bounds drawn, so a parameter pinned at a bound is visible at once.
 */
public final class ParameterChart {
    /** Units of the HBV parameters that have one (spec §2, Table 2); β, LP, CFR, CWH and γ are dimensionless. */
    static final Map<String, String> UNITS = Map.of("FC", "mm", "K0", "1/d", "K1", "1/d", "K2", "1/d", "PERC",
            "mm/d", "UZL", "mm", "TT", "°C", "CFMAX", "mm/°C/d");

    private ParameterChart() {
    }

    /**
     * @param title  chart title
     * @param start  first day
     * @param params parameter name → component-mean value per day
     * @param specs  the run's parameters (ranges); a parameter without a spec is drawn without bounds
     * @return the chart
     */
    public static JFreeChart build(String title, LocalDate start, Map<String, float[]> params,
            java.util.List<ParameterSpec> specs) {
        return build(title, start, params, specs, Map.of(), "");
    }

    /**
     * @param title     chart title
     * @param start     first day
     * @param params    parameter name → component-mean value per day
     * @param specs     the run's parameters (ranges); a parameter without a spec is drawn without bounds
     * @param bands     parameter name → {@code {lower, upper}} per day (an ensemble's member spread), drawn as a
     *                  translucent band behind the parameter; parameters without one have none
     * @param bandLabel legend name of the bands, e.g. "5-95 % of 3 members"
     * @return the chart
     */
    public static JFreeChart build(String title, LocalDate start, Map<String, float[]> params,
            java.util.List<ParameterSpec> specs, Map<String, float[][]> bands, String bandLabel) {
        DateAxis time = new DateAxis("Date");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(4);
        for (Map.Entry<String, float[]> e : params.entrySet()) {
            ParameterSpec p = specs.stream().filter(s -> s.name().equals(e.getKey())).findFirst()
                    .orElse(new ParameterSpec(e.getKey(), Double.NaN, Double.NaN, "", "", false));
            DefaultXYDataset data = new DefaultXYDataset();
            data.addSeries(p.name(), new DailySeries(p.name(), "", start, e.getValue()).xy());
            String unit = p.unit() != null && !p.unit().isBlank() ? p.unit() : UNITS.get(p.name());
            unit = unit == null || unit.isBlank() || unit.equals("-") ? null : unit; // dimensionless: the name alone
            NumberAxis axis = new NumberAxis(unit == null ? p.name() : p.name() + " (" + unit + ")");
            axis.setLabelFont(new Font("SansSerif", Font.PLAIN, 10));
            // horizontal labels: a name with its unit does not fit the height of one of 13 panels
            axis.setLabelAngle(Math.PI / 2);
            boolean bounded = !Double.isNaN(p.lo());
            double pad = 0.04 * (p.hi() - p.lo());
            if (bounded) {
                axis.setRange(p.lo() - pad, p.hi() + pad);
            } else {
                axis.setAutoRangeIncludesZero(false);
            }
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            r.setSeriesPaint(0, new Color(0x0072B2));
            XYPlot plot = new XYPlot(data, null, axis, r);
            plot.setBackgroundPaint(Color.WHITE);
            float[][] band = bands.get(e.getKey());
            if (band != null) {
                org.jfree.data.xy.YIntervalSeriesCollection bd = new org.jfree.data.xy.YIntervalSeriesCollection();
                bd.addSeries(new DailyBand(bandLabel, p.name(), start, band[0], band[1]).toSeries(Double.NaN));
                org.jfree.chart.renderer.xy.DeviationRenderer dr = new org.jfree.chart.renderer.xy.DeviationRenderer(
                        true, false);
                dr.setAlpha(0.25f);
                dr.setSeriesPaint(0, new Color(0, 0, 0, 0));
                dr.setSeriesFillPaint(0, new Color(0x0072B2));
                plot.setDataset(1, bd);
                plot.setRenderer(1, dr);
            }
            for (double bound : bounded ? new double[] {p.lo(), p.hi()} : new double[0]) {
                ValueMarker m = new ValueMarker(bound, Color.GRAY, new BasicStroke(0.8f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 4, new float[] {3, 3}, 0));
                plot.addRangeMarker(m);
            }
            combined.add(plot, 1);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
