package org.hydrodelta.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class ParameterChartTest {
    @Test
    void eachParameterGetsAPanelSpanningItsPhysicalRangeWithTheBoundsDrawn() {
        Map<String, float[]> p = new LinkedHashMap<>();
        p.put("BETA", new float[] {1.5f, 2.5f, 5.9f});
        p.put("FC", new float[] {300, 300, 300});
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) ParameterChart.build("t", LocalDate.of(2000, 1, 1), p,
                org.hydrodelta.core.model.ModelRegistry.parameters(
                        org.hydrodelta.core.project.ExperimentConfig.defaults())).getPlot();
        assertThat(plot.getSubplots()).hasSize(2);
        XYPlot beta = plot.getSubplots().get(0);
        assertThat(beta.getRangeAxis().getLabel()).isEqualTo("BETA");
        assertThat(beta.getRangeAxis().getLowerBound()).isLessThan(1.0).isGreaterThan(0.7);
        assertThat(beta.getRangeAxis().getUpperBound()).isGreaterThan(6.0).isLessThan(6.3);
        assertThat(beta.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).hasSize(2);
        assertThat(plot.getSubplots().get(1).getRangeAxis().getUpperBound()).isGreaterThan(1000);
        assertThat(plot.getSubplots().get(1).getRangeAxis().getLabel()).as("axes carry units").isEqualTo("FC (mm)");
    }
}
