package org.hydrodelta.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.AbstractRenderer;
import org.junit.jupiter.api.Test;

class HydrographChartTest {
    private static final LocalDate START = LocalDate.of(2000, 10, 1);

    private static float[] ramp(int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (1 + (float) Math.sin(i / 10.0));
        }
        return v;
    }

    @Test
    void stacksFlowOverOnePanelPerStateGroup() {
        JFreeChart chart = new HydrographChart().title("test")
                .precipitation(new DailySeries("P", "mm/d", START, ramp(100, 5)))
                .flow(new DailySeries("Observed", "mm/d", START, ramp(100, 2)))
                .flow(new DailySeries("Simulated", "mm/d", START, ramp(100, 2.1f)))
                .panel("Snowpack (mm)", new DailySeries("SWE", "mm", START, ramp(100, 30)))
                .panel("Groundwater (mm)", new DailySeries("Upper zone", "mm", START, ramp(100, 10)))
                .panel("Groundwater (mm)", new DailySeries("Lower zone", "mm", START, ramp(100, 50)))
                .build();
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.getPlot();
        assertThat(plot.getSubplots()).hasSize(3);
        XYPlot flow = plot.getSubplots().get(0);
        assertThat(flow.getRangeAxis(1).isInverted()).as("hyetograph hangs from the top").isTrue();
        assertThat(flow.getDataset(0).getSeriesCount()).isEqualTo(2);
        assertThat(plot.getSubplots().get(2).getDataset().getSeriesCount()).isEqualTo(2);
        // the flow axis leaves room above the highest flow for the precipitation bars
        assertThat(flow.getRangeAxis(0).getUpperBound()).isGreaterThan(2 * 2 * 1.5);
    }

    /**
     * An auxiliary observation (issue 18) on the panel of the output it observes is drawn as observed flow is,
     * dark and a little heavier, never in the model colours: the model's series keep theirs, and the panels after it
     * keep the colours they have without the observation.
     */
    @Test
    void observationsInAPanelAreDrawnAsObservedFlowIsAndModelsKeepTheirColours() {
        HydrographChart with = new HydrographChart()
                .flow(new DailySeries("Observed", "mm/d", START, ramp(100, 2)))
                .flow(new DailySeries("Simulated", "mm/d", START, ramp(100, 2.1f)))
                .panel("Q (mm/d)", new DailySeries("Total flow (unrouted)", "", START, ramp(100, 2)))
                .panel("Q (mm/d)", new DailySeries("Baseflow", "", START, ramp(100, 1)))
                .panelObserved("Q (mm/d)", new DailySeries("baseflow (observed)", "", START, ramp(100, 0.9f)))
                .panel("ET (mm/d)", new DailySeries("Actual ET", "", START, ramp(100, 1)));
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) with.build().getPlot();
        XYPlot flow = plot.getSubplots().get(0);
        XYPlot q = plot.getSubplots().get(1);
        assertThat(q.getDataset().getSeriesKey(2)).isEqualTo("baseflow (observed)");
        AbstractRenderer r = renderer(q);
        assertThat(r.lookupSeriesPaint(2)).as("observed baseflow as observed flow").isEqualTo(HydrographChart.OBSERVED)
                .isEqualTo(renderer(flow).lookupSeriesPaint(0));
        assertThat(r.lookupSeriesStroke(2)).isEqualTo(renderer(flow).lookupSeriesStroke(0));
        for (int i = 0; i < 2; i++) {
            assertThat(r.lookupSeriesPaint(i)).as("model series %d", i).isNotEqualTo(r.lookupSeriesPaint(2))
                    .isNotEqualTo(HydrographChart.OBSERVED);
            assertThat(r.lookupSeriesStroke(i)).isNotEqualTo(r.lookupSeriesStroke(2));
        }
        // the legend names the observation as before, in its own colour
        java.util.List<org.jfree.chart.LegendItem> legend = new java.util.ArrayList<>();
        for (int i = 0; i < plot.getLegendItems().getItemCount(); i++) {
            legend.add(plot.getLegendItems().get(i));
        }
        assertThat(legend).filteredOn(l -> l.getLabel().equals("baseflow (observed)")).singleElement()
                .extracting(org.jfree.chart.LegendItem::getLinePaint).isEqualTo(HydrographChart.OBSERVED);
        // the model colours are those of the same chart without the observation
        XYPlot plain = ((CombinedDomainXYPlot) new HydrographChart()
                .flow(new DailySeries("Observed", "mm/d", START, ramp(100, 2)))
                .panel("Q (mm/d)", new DailySeries("Total flow (unrouted)", "", START, ramp(100, 2)))
                .panel("Q (mm/d)", new DailySeries("Baseflow", "", START, ramp(100, 1)))
                .panel("ET (mm/d)", new DailySeries("Actual ET", "", START, ramp(100, 1))).build().getPlot())
                .getSubplots().get(2);
        assertThat(renderer(plot.getSubplots().get(2)).lookupSeriesPaint(0)).isEqualTo(renderer(plain)
                .lookupSeriesPaint(0));
    }

    private static AbstractRenderer renderer(XYPlot plot) {
        return (AbstractRenderer) plot.getRenderer();
    }

    @Test
    void logToggleUsesALogarithmicFlowAxis() {
        JFreeChart chart = new HydrographChart().logFlow(true)
                .flow(new DailySeries("Observed", "mm/d", START, ramp(50, 1))).build();
        XYPlot flow = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().get(0);
        assertThat(flow.getRangeAxis()).isInstanceOf(LogAxis.class);
    }

    @Test
    void gapsAreLeftUndrawn() {
        // one observed series with a 40-day gap in the middle: the middle columns of the plot stay white
        float[] obs = new float[120];
        java.util.Arrays.fill(obs, 1f);
        for (int i = 40; i < 80; i++) {
            obs[i] = Float.NaN;
        }
        JFreeChart chart = new HydrographChart().flow(new DailySeries("Observed", "mm/d", START, obs)).build();
        chart.removeLegend();
        chart.setAntiAlias(false);
        BufferedImage img = new BufferedImage(600, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
        chart.draw(g, new java.awt.Rectangle(0, 0, 600, 300), info);
        g.dispose();
        java.awt.geom.Rectangle2D area = info.getPlotInfo().getSubplotInfo(0).getDataArea();
        // day d sits at x = left + width * d / 119
        assertThat(observedPixelsInColumn(img, area, 20)).as("line drawn before the gap").isPositive();
        assertThat(observedPixelsInColumn(img, area, 60)).as("no line across the gap").isZero();
        assertThat(observedPixelsInColumn(img, area, 100)).as("line drawn after the gap").isPositive();
    }

    private static int observedPixelsInColumn(BufferedImage img, java.awt.geom.Rectangle2D area, int day) {
        int x = (int) Math.round(area.getX() + area.getWidth() * day / 119.0);
        int count = 0;
        for (int y = (int) area.getY(); y < area.getMaxY(); y++) {
            if (new Color(img.getRGB(x, y)).equals(HydrographChart.OBSERVED)) {
                count++;
            }
        }
        return count;
    }
}
