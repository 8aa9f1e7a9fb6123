package org.hydrodelta.app.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class SignatureChartsTest {
    @Test
    void flowDurationCurveSortsFlowsAndSkipsGaps() {
        float[] obs = {3, Float.NaN, 1, 2};
        JFreeChart c = SignatureCharts.flowDuration("fdc", null, obs);
        XYDataset d = ((XYPlot) c.getPlot()).getDataset();
        assertThat(d.getItemCount(0)).isEqualTo(3);
        assertThat(d.getYValue(0, 0)).isEqualTo(3.0);
        assertThat(d.getXValue(0, 0)).isCloseTo(25.0, within(1e-9));
        assertThat(d.getYValue(0, 2)).isEqualTo(1.0);
    }

    @Test
    void monthlyRegimeAveragesPairedDaysPerCalendarMonth() {
        // 2001-01-30 .. 2001-02-02: two January days, two February days; one February observation missing
        float[] obs = {1, 3, Float.NaN, 10};
        float[] sim = {2, 2, 100, 8};
        XYDataset d = ((XYPlot) SignatureCharts.monthlyRegime("r", LocalDate.of(2001, 1, 30), sim, obs).getPlot())
                .getDataset();
        assertThat(d.getItemCount(0)).isEqualTo(2);
        assertThat(d.getYValue(0, 0)).isEqualTo(2.0);
        assertThat(d.getYValue(0, 1)).isEqualTo(10.0);
        assertThat(d.getYValue(1, 1)).as("the simulated value of the gap day is left out").isEqualTo(8.0);
    }

    @Test
    void metricCdfRisesToOneOverFiniteValues() {
        XYDataset d = ((XYPlot) SignatureCharts.metricCdf("nse", Map.of("run", new double[] {0.5, Double.NaN, 0.1,
            0.9})).getPlot()).getDataset();
        assertThat(d.getItemCount(0)).isEqualTo(3);
        assertThat(d.getXValue(0, 0)).isEqualTo(0.1);
        assertThat(d.getYValue(0, 2)).isEqualTo(1.0);
    }

    @Test
    void scatterHasThePairedPointsAndTheOneToOneLine() {
        JFreeChart c = SignatureCharts.scatter("s", new float[] {1, 2, 3}, new float[] {1, Float.NaN, 4});
        XYDataset d = ((XYPlot) c.getPlot()).getDataset();
        assertThat(d.getItemCount(0)).isEqualTo(2);
        assertThat(d.getYValue(1, 1)).isEqualTo(4.0);
    }
}
