package org.hydrodelta.app.chart;

import java.awt.Color;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The data doctor's gap heat map: basins (rows) by months (columns), coloured by the fraction of days in the
 * month on which training cannot use the basin (observed flow or any forcing missing). White is complete; months
 * outside a basin's own record (before its first or after its last day of data) are grey, not gaps.
 */
public final class GapHeatMap {
    private GapHeatMap() {
    }

    /**
     * @param basinIds basins, one row each
     * @param start    first day of the series
     * @param missing  per basin, per day: true where the day is unusable
     * @param recordFrom per basin, first day index of its record
     * @param recordTo   per basin, one past the last day index of its record
     * @return the chart
     */
    public static JFreeChart chart(List<String> basinIds, LocalDate start, boolean[][] missing, int[] recordFrom,
            int[] recordTo) {
        DefaultXYZDataset data = new DefaultXYZDataset();
        int nDays = missing.length == 0 ? 0 : missing[0].length;
        LocalDate first = start.withDayOfMonth(1);
        LocalDate end = start.plusDays(nDays);
        int months = (int) java.time.temporal.ChronoUnit.MONTHS.between(first, end.withDayOfMonth(1)) + 1;
        // only months inside a basin's record get a block; the grey plot background shows through elsewhere
        double[] x = new double[basinIds.size() * months];
        double[] y = new double[x.length];
        double[] z = new double[x.length];
        int n = 0;
        for (int b = 0; b < basinIds.size(); b++) {
            int[] bad = new int[months];
            int[] all = new int[months];
            for (int d = recordFrom[b]; d < recordTo[b]; d++) {
                LocalDate date = start.plusDays(d);
                int m = (int) java.time.temporal.ChronoUnit.MONTHS.between(first, date.withDayOfMonth(1));
                all[m]++;
                if (missing[b][d]) {
                    bad[m]++;
                }
            }
            for (int m = 0; m < months; m++) {
                if (all[m] > 0) {
                    x[n] = first.plusMonths(m).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                    y[n] = b;
                    z[n++] = (double) bad[m] / all[m];
                }
            }
        }
        data.addSeries("missing", new double[][] {java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n),
            java.util.Arrays.copyOf(z, n)});
        XYBlockRenderer r = new XYBlockRenderer();
        r.setBlockWidth(31L * 86_400_000L);
        r.setBlockHeight(1.0);
        LookupPaintScale scale = new LookupPaintScale(0, 1.0001, new Color(0xD9D9D9));
        scale.add(0.0, Color.WHITE);
        scale.add(1e-9, new Color(0xFDD49E));
        scale.add(0.1, new Color(0xFC8D59));
        scale.add(0.5, new Color(0xD7301F));
        scale.add(0.999, new Color(0x7F0000));
        r.setPaintScale(scale);
        DateAxis time = new DateAxis("Month");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        SymbolAxis basins = new SymbolAxis("Basin", basinIds.toArray(new String[0]));
        basins.setInverted(true);
        XYPlot plot = new XYPlot(data, time, basins, r);
        plot.setBackgroundPaint(new Color(0xD9D9D9));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart("Days training cannot use (missing flow or forcing), per basin and month",
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis("fraction of the month");
        legendAxis.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
