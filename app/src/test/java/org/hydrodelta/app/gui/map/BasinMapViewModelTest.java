package org.hydrodelta.app.gui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.Test;

class BasinMapViewModelTest {
    @Test
    void theLiveColouringSaysWhatItShowsOnOneFixedRange() throws Exception {
        Project p = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        BasinMapViewModel vm = new BasinMapViewModel(p);
        assertThat(vm.metricProperty().get()).isEqualTo(BasinMapViewModel.NONE);
        vm.showLive("validation NSE, epoch 1", Map.of("01022500", -3.0, "01013500", 0.4));
        assertThat(vm.metricProperty().get()).as("Colour by names the live colouring").isEqualTo(
                BasinMapViewModel.LIVE);
        assertThat(vm.captionProperty().get()).isEqualTo("validation NSE, epoch 1");
        var legend = vm.sceneProperty().get().legendLayer().orElseThrow().style().choropleth();
        assertThat(legend.scale()).isSameAs(BasinMapViewModel.LIVE_SCALE);
        vm.showLive("validation NSE, epoch 2", Map.of("01022500", 0.1, "01013500", 0.9));
        assertThat(vm.sceneProperty().get().legendLayer().orElseThrow().style().choropleth().scale())
                .as("the same colours mean the same NSE in every epoch").isSameAs(BasinMapViewModel.LIVE_SCALE);
        assertThat(vm.captionProperty().get()).isEqualTo("validation NSE, epoch 2");
        // a colouring the user picks stays while the training goes on
        vm.metricProperty().set(BasinMapViewModel.NONE);
        vm.showLive("validation NSE, epoch 3", Map.of("01022500", 0.2));
        assertThat(vm.metricProperty().get()).isEqualTo(BasinMapViewModel.NONE);
        assertThat(vm.sceneProperty().get().legendLayer()).isEmpty();
    }

    /**
     * The 241-basin sample without its gauge layer (a CSV import without a gauge file): the gauges are placed at the
     * coordinates of its attribute table, one per basin, where the CAMELS gauge layer has them, and coloured like a
     * gauge layer; before, the map had no gauges.
     */
    @Test
    void withoutAGaugeLayerTheGaugesArePlacedAtTheirAttributesCoordinates() throws Exception {
        Path file = Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/caravan-camels-241/caravan-camels-241.hdproj");
        Project p = ProjectStore.load(file);
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(p.datasets().get(0).path()
                .getParent()), "the shared caravan-camels-241 data beside the repository");
        var withLayer = new BasinMapViewModel(p).sceneProperty().get().layers();
        var gaugeFile = withLayer.get(withLayer.size() - 1);
        assertThat(gaugeFile.name()).doesNotContain("attribute");
        p.layers().removeIf(l -> l.role().equals("gauges"));
        BasinMapViewModel vm = new BasinMapViewModel(p);
        var layers = vm.sceneProperty().get().layers();
        assertThat(layers).hasSize(withLayer.size());
        var gauges = layers.get(layers.size() - 1);
        assertThat(gauges.name()).isEqualTo(BasinMapViewModel.ATTRIBUTE_GAUGES);
        assertThat(gauges.data().features()).hasSize(241);
        assertThat(gauges.data().features().stream().map(gauges::featureId).toList())
                .containsExactlyElementsOf(p.basins());
        for (String id : List.of(p.basins().get(0), p.basins().get(120), p.basins().get(240))) {
            var a = gauges.data().features().get(indexOf(gauges, id)).geometry().getCoordinate();
            var b = gaugeFile.data().features().get(indexOf(gaugeFile, id)).geometry().getCoordinate();
            assertThat(a.distance(b)).as(id + ", in the map's projected metres").isLessThan(1000);
        }
        assertThat(gauges.featureName(gauges.data().features().get(indexOf(gauges, "01031500"))))
                .contains("Piscataquis");
        assertThat(vm.gaugeNote()).startsWith("the gauges are placed at their attributes' coordinates");
        vm.showLive("validation NSE, epoch 1", Map.of("01031500", 0.5));
        assertThat(vm.sceneProperty().get().legendLayer().orElseThrow().name())
                .isEqualTo(BasinMapViewModel.ATTRIBUTE_GAUGES);
    }

    @Test
    void aBasinPolygonIsFilledInTheColourOfItsGauge() throws Exception {
        Project p = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        BasinMapViewModel vm = new BasinMapViewModel(p);
        var plain = vm.sceneProperty().get().layers();
        assertThat(plain.get(1).name()).startsWith("camels_01022500_01031500");
        assertThat(plain.get(1).style().choropleth()).isNull();
        vm.showLive("validation NSE, epoch 1", Map.of("01022500", 0.3, "01013500", 0.9));
        var layers = vm.sceneProperty().get().layers();
        var polygons = layers.get(1);
        var gauges = layers.get(2);
        var scale = gauges.style().choropleth().scale();
        assertThat(polygons.style().choropleth().scale()).isSameAs(scale);
        int polygon = indexOf(polygons, "01022500");
        int gauge = indexOf(gauges, "01022500");
        assertThat(scale.colorFor(polygons.value(polygon))).isEqualTo(scale.colorFor(gauges.value(gauge)))
                .isEqualTo(scale.colorFor(0.3)).isNotEqualTo(scale.colorFor(0.9));
        // 01031500 has a polygon but is not one of the project's basins: no value, drawn as "no data"
        assertThat(polygons.value(indexOf(polygons, "01031500"))).isNaN();
        vm.metricProperty().set(BasinMapViewModel.NONE);
        assertThat(vm.sceneProperty().get().layers().get(1).style().choropleth()).isNull();
    }

    @Test
    void skillScoresOfARunUseTheFixedRangeSoAFewFailedBasinsDoNotFlattenTheRest(
            @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Project p = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        Path run = tmp.resolve("runs/r");
        java.nio.file.Files.createDirectories(run.resolve("eval/test"));
        StringBuilder csv = new StringBuilder("basin_id," + String.join(",",
                org.hydrodelta.core.eval.BasinMetrics.COLUMNS) + "\n");
        String[][] rows = {{"01022500", "-2.5"}, {"01013500", "0.4"}, {"03439000", "0.8"}};
        for (String[] r : rows) {
            // n_obs, nse, then the other columns: pbias 10 % for all
            csv.append(r[0]).append(",365,").append(r[1]);
            for (int i = 2; i < org.hydrodelta.core.eval.BasinMetrics.COLUMNS.length; i++) {
                csv.append(',').append(org.hydrodelta.core.eval.BasinMetrics.COLUMNS[i].equals("pbias") ? "10" : "");
            }
            csv.append('\n');
        }
        java.nio.file.Files.writeString(run.resolve("eval/test/metrics.csv"), csv);
        p.runs().add(new org.hydrodelta.core.project.RunRef("r", "e", run, java.time.Instant.now()));
        BasinMapViewModel vm = new BasinMapViewModel(p);
        assertThat(vm.metricProperty().get()).isEqualTo("nse");
        var layer = vm.sceneProperty().get().legendLayer().orElseThrow();
        var scale = layer.style().choropleth().scale();
        assertThat(scale).isSameAs(BasinMapViewModel.LIVE_SCALE);
        assertThat(scale.colorFor(layer.value(indexOf(layer, "01013500")))).isEqualTo(scale.colorFor(0.4))
                .isNotEqualTo(scale.colorFor(0.8));
        assertThat(scale.colorFor(layer.value(indexOf(layer, "01022500")))).isEqualTo(scale.colorFor(0.0));
        vm.metricProperty().set("pbias");
        assertThat(vm.sceneProperty().get().legendLayer().orElseThrow().style().choropleth().scale())
                .as("a bias keeps its diverging ramp").isNotSameAs(BasinMapViewModel.LIVE_SCALE);
    }

    @Test
    void countsOfObservationsAreNoColouring(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Project p = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        Path run = tmp.resolve("runs/r");
        java.nio.file.Files.createDirectories(run.resolve("eval/test"));
        // what an evaluation writes for a dataset declaring observation.baseflow (issue 18)
        StringBuilder csv = new StringBuilder("basin_id," + String.join(",",
                org.hydrodelta.core.eval.BasinMetrics.COLUMNS) + ",baseflow_n_obs,baseflow_nse,baseflow_kge\n");
        for (String id : new String[] {"01022500", "01013500"}) {
            csv.append(id).append(",365,0.5").append(",".repeat(org.hydrodelta.core.eval.BasinMetrics.COLUMNS.length
                    - 2)).append(",365,0.4,0.3\n");
        }
        java.nio.file.Files.writeString(run.resolve("eval/test/metrics.csv"), csv);
        p.runs().add(new org.hydrodelta.core.project.RunRef("r", "e", run, java.time.Instant.now()));
        BasinMapViewModel vm = new BasinMapViewModel(p);
        assertThat(vm.metrics()).contains("nse", "baseflow_nse", "baseflow_kge").doesNotContain("n_obs",
                "baseflow_n_obs");
    }

    private static int indexOf(org.hydrodelta.maps.render.MapLayer layer, String id) {
        for (int i = 0; i < layer.data().size(); i++) {
            if (layer.featureId(layer.data().features().get(i)).equals(id)) {
                return i;
            }
        }
        throw new AssertionError(id + " not in " + layer.name());
    }
}
