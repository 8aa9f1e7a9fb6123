package org.hydrodelta.app.gui.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.Test;

/**
 * PUR regions from a polygon layer, on the camels-regions sample's real layers: the Caravan polygons of 01022500
 * and 01031500 (Maine) and the 671 CAMELS gauges.
 */
class LayerRegionsTest {
    @Test
    void placesEachGaugeInThePolygonThatHoldsItAndNamesWhatIsWrong() throws Exception {
        Project p = ProjectStore.load(RunFixtures.SAMPLE.resolve("camels-regions.hdproj"));
        LayerRegions lookup = new LayerRegions();
        // 01013500's gauge (Fish River, northern Maine) lies in neither polygon: left out for the plan to name
        assertThat(lookup.regions(p, "Basin polygons (Caravan)", "gauge_id", List.of("01022500", "01031500",
                "01013500"))).containsExactly(java.util.Map.entry("01022500", "camels_01022500"),
                        java.util.Map.entry("01031500", "camels_01031500"));
        assertThatThrownBy(() -> lookup.regions(p, "Basin polygons (Caravan)", "huc_02", List.of("01022500")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holdout.regionField 'huc_02'")
                .hasMessageContaining("[gauge_id]");
        assertThatThrownBy(() -> lookup.regions(p, "no such layer", "gauge_id", List.of("01022500")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'no such layer'");
    }
}
