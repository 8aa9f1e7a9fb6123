package org.hydrodelta.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.junit.jupiter.api.Test;

class SensitivityChartTest {
    @Test
    void parametersByAttributesOnADivergingScaleCentredAtZero() {
        float[][] v = {{0.2f, -0.4f, 0f}, {Float.NaN, 0.1f, 0.05f}};
        JFreeChart chart = SensitivityChart.build("t", List.of("BETA", "FC"), List.of("p_mean", "slope_mean",
                "frac_forest"), v, "per σ");
        XYPlot plot = (XYPlot) chart.getPlot();
        SymbolAxis x = (SymbolAxis) plot.getDomainAxis();
        SymbolAxis y = (SymbolAxis) plot.getRangeAxis();
        assertThat(x.getSymbols()).containsExactly("p_mean", "slope_mean", "frac_forest");
        assertThat(x.isVerticalTickLabels()).as("attribute names rotated").isTrue();
        assertThat(y.getSymbols()).containsExactly("BETA", "FC");
        assertThat(y.isInverted()).as("first parameter on top").isTrue();
        assertThat(plot.getDataset().getItemCount(0)).as("the missing cell is left out").isEqualTo(5);

        PaintScale scale = ((XYBlockRenderer) plot.getRenderer()).getPaintScale();
        assertThat(scale.getLowerBound()).isEqualTo(-scale.getUpperBound()).isCloseTo(-0.4, org.assertj.core.data
                .Offset.offset(1e-6));
        assertThat(scale.getPaint(0)).isEqualTo(Color.WHITE);
        assertThat(scale.getPaint(-0.4)).isEqualTo(SensitivityChart.BLUE);
        assertThat(scale.getPaint(0.4)).isEqualTo(SensitivityChart.RED);
        assertThat(scale.getPaint(9)).as("clamped").isEqualTo(SensitivityChart.RED);
        Color half = (Color) scale.getPaint(0.2);
        assertThat(half.getRed()).isGreaterThan(half.getBlue());
        assertThat(half.getGreen()).isBetween(SensitivityChart.RED.getGreen(), 255);

        String tip = plot.getRenderer().getDefaultToolTipGenerator().generateToolTip(plot.getDataset(), 0, 1);
        assertThat(tip).isEqualTo("BETA ← slope_mean: -0.4000");
        assertThat(chart.getSubtitleCount()).as("colour legend").isEqualTo(1);
    }

    @Test
    void anAllZeroMatrixStillHasAValidScale() {
        JFreeChart chart = SensitivityChart.build("t", List.of("BETA"), List.of("a"), new float[][] {{0f}}, "");
        PaintScale scale = ((XYBlockRenderer) ((XYPlot) chart.getPlot()).getRenderer()).getPaintScale();
        assertThat(scale.getUpperBound()).isPositive();
        assertThat(scale.getPaint(0)).isEqualTo(Color.WHITE);
    }

    @Test
    void magnitudesRunFromWhiteAtZeroToRed() {
        JFreeChart chart = SensitivityChart.build("t", List.of("BETA", "FC"), List.of("a", "b"),
                new float[][] {{0.1f, 0.4f}, {0f, 0.2f}}, "");
        PaintScale scale = ((XYBlockRenderer) ((XYPlot) chart.getPlot()).getRenderer()).getPaintScale();
        assertThat(scale.getLowerBound()).isZero();
        assertThat(scale.getUpperBound()).isEqualTo(0.4f, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(scale.getPaint(0)).isEqualTo(Color.WHITE);
        assertThat(scale.getPaint(0.4)).isEqualTo(SensitivityChart.RED);
    }
}
