package org.hydrodelta.app.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * The learned-parameter explorer's "attribute drivers" heat map: learned parameters (rows) by static attributes
 * (columns), coloured by the signed sensitivity on a diverging blue-white-red ramp centred at zero and symmetric
 * about it (blue: the parameter falls as the attribute rises, red: it rises), so the strongest drivers of each
 * parameter stand out. Values are d(parameter / range) per standard deviation of the attribute.
 */
public final class SensitivityChart {
    /** Colour of the most negative value. */
    static final Color BLUE = new Color(0x2166AC);
    /** Colour of zero. */
    static final Color WHITE = Color.WHITE;
    /** Colour of the most positive value. */
    static final Color RED = new Color(0xB2182B);
    /** Colour of a missing value. */
    static final Color MISSING = new Color(0xD9D9D9);

    private SensitivityChart() {
    }

    /**
     * @param title      chart title
     * @param parameters row names (top to bottom)
     * @param attributes column names (left to right)
     * @param values     {@code [parameter][attribute]}, NaN for missing
     * @param scaleLabel label of the colour legend
     * @return the chart
     */
    public static JFreeChart build(String title, List<String> parameters, List<String> attributes, float[][] values,
            String scaleLabel) {
        int n = 0;
        double[][] xyz = new double[3][parameters.size() * attributes.size()];
        for (int p = 0; p < parameters.size(); p++) {
            for (int a = 0; a < attributes.size(); a++) {
                if (!Float.isNaN(values[p][a])) {
                    xyz[0][n] = a;
                    xyz[1][n] = p;
                    xyz[2][n++] = values[p][a];
                }
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("sensitivity", new double[][] {java.util.Arrays.copyOf(xyz[0], n),
            java.util.Arrays.copyOf(xyz[1], n), java.util.Arrays.copyOf(xyz[2], n)});
        double limit = limit(values);
        // a signed matrix gets the diverging scale about zero; a matrix of magnitudes (all ≥ 0) white to red
        Diverging scale = new Diverging(limit, allNonNegative(values));
        XYBlockRenderer r = new XYBlockRenderer();
        r.setBlockWidth(1.0);
        r.setBlockHeight(1.0);
        r.setPaintScale(scale);
        r.setDefaultToolTipGenerator((dataset, series, item) -> {
            XYZDataset d = (XYZDataset) dataset;
            return parameters.get((int) d.getYValue(series, item)) + " ← " + attributes.get((int) d.getXValue(series,
                    item)) + ": " + format(d.getZValue(series, item));
        });
        SymbolAxis x = new SymbolAxis("Attribute", attributes.toArray(new String[0]));
        x.setVerticalTickLabels(true);
        x.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 9));
        x.setGridBandsVisible(false);
        SymbolAxis y = new SymbolAxis("Parameter", parameters.toArray(new String[0]));
        y.setInverted(true);
        y.setGridBandsVisible(false);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(MISSING);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis(scaleLabel);
        legendAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        legend.setSubdivisionCount(64);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * @param values a matrix
     * @return the largest absolute finite value, the colour scale's half-width (a tiny positive number when all are
     *         zero or missing, so the scale stays valid)
     */
    static double limit(float[][] values) {
        double m = 0;
        for (float[] row : values) {
            for (float v : row) {
                if (Float.isFinite(v)) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        return m > 0 ? m : 1e-12;
    }

    private static boolean allNonNegative(float[][] values) {
        for (float[] row : values) {
            for (float v : row) {
                if (v < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * @param v a sensitivity
     * @return it with a sign and four significant digits, "–" when missing
     */
    public static String format(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.4g", v);
    }

    /**
     * Blue-white-red, linear in the value, symmetric about zero (or white-red from zero for magnitudes); values
     * beyond the limit take the end colours.
     */
    static final class Diverging implements PaintScale, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final double limit;
        private final boolean fromZero;

        Diverging(double limit) {
            this(limit, false);
        }

        Diverging(double limit, boolean fromZero) {
            this.limit = limit;
            this.fromZero = fromZero;
        }

        @Override
        public double getLowerBound() {
            return fromZero ? 0 : -limit;
        }

        @Override
        public double getUpperBound() {
            return limit;
        }

        @Override
        public Paint getPaint(double value) {
            if (Double.isNaN(value)) {
                return MISSING;
            }
            double f = Math.max(-1, Math.min(1, value / limit));
            return f < 0 ? mix(WHITE, BLUE, -f) : mix(WHITE, RED, f);
        }

        private static Color mix(Color a, Color b, double f) {
            return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }
}
