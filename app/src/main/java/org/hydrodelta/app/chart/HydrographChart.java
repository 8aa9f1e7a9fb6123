package org.hydrodelta.app.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYBarDataset;

/**
 * Builds the hydrologist's hydrograph: observed against simulated flow with the precipitation hyetograph
 * hanging inverted from the top, and below it, on the same time axis, one panel per group of internal states
 * and fluxes (snowpack, soil moisture, groundwater, ET, baseflow). Gaps (NaN) are drawn as gaps. Observations in a
 * panel (an auxiliary observation over the state or flux it observes) are drawn as observed flow is, the model's
 * series in colours of their own.
 */
public final class HydrographChart {
    /** Observed flow colour (black, as in most hydrology papers), also of every observation in a panel. */
    static final Color OBSERVED = new Color(0x222222);
    /** Line width of observed flow and of every observation in a panel. */
    private static final float OBSERVED_WIDTH = 1.2f;
    /** Simulated flow colour. */
    static final Color SIMULATED = new Color(0xD55E00);
    /** Okabe–Ito colours (distinguishable with colour-vision deficiency), one per state or flux series. */
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x8C6D1F), new Color(0x6A3D9A), new Color(0x999999)};
    private static final Font PANEL_LABEL = new Font("SansSerif", Font.PLAIN, 10);

    private String title = "";
    private DailySeries precipitation;
    private final List<DailySeries> flows = new ArrayList<>();
    private final Map<String, List<PanelSeries>> panels = new LinkedHashMap<>();
    private final List<DailyBand> flowBands = new ArrayList<>();
    private final Map<String, List<DailyBand>> panelBands = new LinkedHashMap<>();
    private boolean logFlow;

    /** A series of a panel: an output of the model, or an observation drawn as observed flow is. */
    private record PanelSeries(DailySeries series, boolean observed) {
    }

    /**
     * Adds a band behind the flow series (e.g. the 5-95 % spread of ensemble members), in the simulated flow's colour.
     *
     * @param band the band
     * @return this builder
     */
    public HydrographChart flowBand(DailyBand band) {
        flowBands.add(band);
        return this;
    }

    /**
     * Adds a band to a panel below the hydrograph, behind its series, in the colour of the series it names.
     *
     * @param panel panel label, as given to {@link #panel}
     * @param band  the band
     * @return this builder
     */
    public HydrographChart panelBand(String panel, DailyBand band) {
        panelBands.computeIfAbsent(panel, k -> new ArrayList<>()).add(band);
        return this;
    }

    /**
     * @param text chart title, e.g. "01022500 Narraguagus River at Cherryfield, Maine"
     * @return this builder
     */
    public HydrographChart title(String text) {
        this.title = text;
        return this;
    }

    /**
     * @param p daily precipitation (mm/d), drawn as inverted bars along the top
     * @return this builder
     */
    public HydrographChart precipitation(DailySeries p) {
        this.precipitation = p;
        return this;
    }

    /**
     * @param series a flow series (the first is drawn as observed, the rest as simulations)
     * @return this builder
     */
    public HydrographChart flow(DailySeries series) {
        flows.add(series);
        return this;
    }

    /**
     * Adds a series to a panel below the hydrograph; panels appear in the order first used.
     *
     * @param panel  panel label, e.g. "Snowpack (mm)"
     * @param series the series
     * @return this builder
     */
    public HydrographChart panel(String panel, DailySeries series) {
        panels.computeIfAbsent(panel, k -> new ArrayList<>()).add(new PanelSeries(series, false));
        return this;
    }

    /**
     * Adds an observation to a panel below the hydrograph (e.g. a baseflow filtered from observed flow, over the
     * model's baseflow), drawn as observed flow is: dark and a little heavier than the model's series, which keep
     * their colours.
     *
     * @param panel  panel label, as given to {@link #panel}
     * @param series the observed series
     * @return this builder
     */
    public HydrographChart panelObserved(String panel, DailySeries series) {
        panels.computeIfAbsent(panel, k -> new ArrayList<>()).add(new PanelSeries(series, true));
        return this;
    }

    /**
     * @param log whether the flow axis is logarithmic (recessions and low flows become visible)
     * @return this builder
     */
    public HydrographChart logFlow(boolean log) {
        this.logFlow = log;
        return this;
    }

    /** @return the chart */
    public JFreeChart build() {
        DateAxis time = new DateAxis("Date");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(6);
        combined.add(flowPlot(), 3);
        int colour = 0;
        for (Map.Entry<String, List<PanelSeries>> e : panels.entrySet()) {
            combined.add(panelPlot(e.getKey(), e.getValue(), panelBands.getOrDefault(e.getKey(), List.of()),
                    colour), 1);
            // the model's series take the palette's colours in turn; observations take none
            colour += (int) e.getValue().stream().filter(s -> !s.observed()).count();
        }
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (!title.isEmpty()) {
            chart.setTitle(new TextTitle(title, new Font("SansSerif", Font.BOLD, 14)));
        }
        return chart;
    }

    private XYPlot flowPlot() {
        DefaultXYDataset data = new DefaultXYDataset();
        double max = 0;
        for (DailySeries s : flows) {
            data.addSeries(s.name(), s.xy());
            max = Math.max(max, s.max());
        }
        String unit = flows.isEmpty() ? "mm/d" : flows.get(0).unit();
        ValueAxis flowAxis;
        if (logFlow) {
            LogAxis log = new LogAxis("Streamflow (" + unit + ")");
            log.setSmallestValue(1e-3);
            log.setAutoRange(true);
            flowAxis = log;
        } else {
            NumberAxis lin = new NumberAxis("Streamflow (" + unit + ")");
            // leave the top third free for the hanging hyetograph
            lin.setRange(0, max > 0 ? max * 1.6 : 1);
            flowAxis = lin;
        }
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < flows.size(); i++) {
            lines.setSeriesPaint(i, i == 0 ? OBSERVED : i == 1 ? SIMULATED : PALETTE[(i - 2) % PALETTE.length]);
            lines.setSeriesStroke(i, new BasicStroke(i == 0 ? OBSERVED_WIDTH : 1.0f));
        }
        XYPlot plot = new XYPlot(data, null, flowAxis, lines);
        style(plot);
        if (!flowBands.isEmpty()) {
            // behind the lines (a plot draws its higher-numbered datasets first), on the flow axis
            List<Color> colours = new ArrayList<>();
            flowBands.forEach(b -> colours.add(SIMULATED));
            addBands(plot, 2, flowBands, colours, logFlow ? 1e-3 : Double.NaN);
        }
        if (precipitation != null) {
            DefaultXYDataset p = new DefaultXYDataset();
            p.addSeries(precipitation.name(), precipitation.xy());
            IntervalXYDataset bars = new XYBarDataset(p, 86_400_000.0);
            NumberAxis pAxis = new NumberAxis("Precipitation (" + precipitation.unit() + ")");
            pAxis.setInverted(true);
            double pmax = precipitation.max();
            pAxis.setRange(0, pmax > 0 ? pmax * 3 : 1);
            XYBarRenderer barRenderer = new XYBarRenderer();
            barRenderer.setBarPainter(new StandardXYBarPainter());
            barRenderer.setShadowVisible(false);
            barRenderer.setDrawBarOutline(false);
            barRenderer.setSeriesPaint(0, new Color(0x4A90D9));
            plot.setDataset(1, bars);
            plot.setRangeAxis(1, pAxis);
            plot.mapDatasetToRangeAxis(1, 1);
            plot.setRenderer(1, barRenderer);
        }
        return plot;
    }

    /** Adds bands as dataset {@code index} of a plot, translucent, each in its colour, without outline. */
    private static void addBands(XYPlot plot, int index, List<DailyBand> bands, List<Color> colours, double floor) {
        org.jfree.data.xy.YIntervalSeriesCollection data = new org.jfree.data.xy.YIntervalSeriesCollection();
        org.jfree.chart.renderer.xy.DeviationRenderer r = new org.jfree.chart.renderer.xy.DeviationRenderer(true,
                false);
        r.setAlpha(0.25f);
        for (int i = 0; i < bands.size(); i++) {
            data.addSeries(bands.get(i).toSeries(floor));
            r.setSeriesPaint(i, new Color(0, 0, 0, 0)); // no centre line: the band's own series is drawn over it
            r.setSeriesFillPaint(i, colours.get(i));
        }
        plot.setDataset(index, data);
        plot.setRenderer(index, r);
        plot.mapDatasetToRangeAxis(index, 0);
    }

    private static XYPlot panelPlot(String label, List<PanelSeries> series, List<DailyBand> bands, int firstColour) {
        DefaultXYDataset data = new DefaultXYDataset();
        series.forEach(s -> data.addSeries(s.series().name(), s.series().xy()));
        NumberAxis axis = new NumberAxis(label);
        axis.setLabelFont(PANEL_LABEL);
        axis.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        List<Color> paints = new ArrayList<>();
        int colour = firstColour;
        for (int i = 0; i < series.size(); i++) {
            paints.add(series.get(i).observed() ? OBSERVED : PALETTE[colour++ % PALETTE.length]);
            lines.setSeriesPaint(i, paints.get(i));
            lines.setSeriesStroke(i, new BasicStroke(series.get(i).observed() ? OBSERVED_WIDTH : 1.0f));
        }
        XYPlot plot = new XYPlot(data, null, axis, lines);
        style(plot);
        if (!bands.isEmpty()) {
            List<Color> colours = new ArrayList<>();
            for (DailyBand b : bands) {
                int i = 0;
                while (i < series.size() && !series.get(i).series().name().equals(b.series())) {
                    i++;
                }
                colours.add(i < series.size() ? paints.get(i) : Color.GRAY);
            }
            addBands(plot, 1, bands, colours, Double.NaN);
        }
        return plot;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    }
}
