package org.hydrodelta.app.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Checks of the outputs a δ model was never trained on, across basins: simulated against independently
 * estimated values (ET against the long-term water balance P − Q, baseflow index against the observed one), and
 * the Budyko plot (ET/P against PET/P with the energy and water limits and Fu's curve, ω = 2.6).
 */
public final class PlausibilityCharts {
    private PlausibilityCharts() {
    }

    /**
     * One basin's point.
     *
     * @param basinId the basin
     * @param x       horizontal value
     * @param y       vertical value
     */
    public record Point(String basinId, double x, double y) {
    }

    /**
     * Simulated against a reference, one point per basin, with the 1:1 line and the Pearson r in the title.
     *
     * @param title  what is compared
     * @param xLabel reference axis label
     * @param yLabel simulated axis label
     * @param points per basin (non-finite points are left out)
     * @return the chart
     */
    public static JFreeChart versus(String title, String xLabel, String yLabel, List<Point> points) {
        XYSeries s = new XYSeries("Basins", false, true);
        double max = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        int n = 0;
        for (Point p : points) {
            if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                s.add(p.x(), p.y());
                max = Math.max(max, Math.max(p.x(), p.y()));
                sx += p.x();
                sy += p.y();
                sxx += p.x() * p.x();
                syy += p.y() * p.y();
                sxy += p.x() * p.y();
                n++;
            }
        }
        double r = n < 2 ? Double.NaN : (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
        XYSeries one = new XYSeries("1:1", false, true);
        one.add(0, 0);
        one.add(max * 1.05, max * 1.05);
        XYSeriesCollection data = new XYSeriesCollection(s);
        data.addSeries(one);
        XYPlot plot = new XYPlot(data, new NumberAxis(xLabel), new NumberAxis(yLabel), pointsAndLine(points));
        return SignatureCharts.chart(String.format("%s (r = %.2f, %d basins)", title, r, n), plot);
    }

    /**
     * Budyko plot: evaporative index ET/P against aridity index PET/P, with the energy limit (ET = PET), the water
     * limit (ET = P) and Fu's curve (ω = 2.6).
     *
     * @param points per basin, x = PET/P, y = ET/P (simulated)
     * @return the chart
     */
    public static JFreeChart budyko(List<Point> points) {
        XYSeries s = new XYSeries("Basins (simulated ET)", false, true);
        double max = 1.5;
        for (Point p : points) {
            if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                s.add(p.x(), p.y());
                max = Math.max(max, p.x());
            }
        }
        XYSeries limits = new XYSeries("Energy and water limits", false, true);
        limits.add(0, 0);
        limits.add(1, 1);
        limits.add(max * 1.05, 1);
        XYSeries fu = new XYSeries("Fu (ω = 2.6)", false, true);
        for (double x = 0; x <= max * 1.05; x += 0.02) {
            fu.add(x, 1 + x - Math.pow(1 + Math.pow(x, 2.6), 1 / 2.6));
        }
        XYSeriesCollection data = new XYSeriesCollection(s);
        data.addSeries(limits);
        data.addSeries(fu);
        XYLineAndShapeRenderer r = pointsAndLine(points);
        r.setSeriesLinesVisible(2, true);
        r.setSeriesShapesVisible(2, false);
        r.setSeriesPaint(2, new Color(0x009E73));
        NumberAxis x = new NumberAxis("Aridity index PET / P");
        x.setRange(0, max * 1.05);
        NumberAxis y = new NumberAxis("Evaporative index ET / P");
        y.setRange(0, 1.1);
        XYPlot plot = new XYPlot(data, x, y, r);
        return SignatureCharts.chart("Budyko plot", plot);
    }

    private static XYLineAndShapeRenderer pointsAndLine(List<Point> points) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        r.setSeriesPaint(0, new Color(0x0072B2));
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, Color.DARK_GRAY);
        r.setSeriesStroke(1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 4, new float[] {4, 4},
                0));
        List<Point> finite = points.stream().filter(p -> Double.isFinite(p.x()) && Double.isFinite(p.y())).toList();
        XYToolTipGenerator tips = (dataset, series, item) -> series == 0 && item < finite.size()
                ? finite.get(item).basinId() : null;
        r.setSeriesToolTipGenerator(0, tips);
        return r;
    }
}
