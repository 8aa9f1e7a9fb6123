package org.hydrodelta.app.gui.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.Test;

class PropertiesViewModelTest {
    @Test
    void showsEveryAttributeOfABasinAndTheConfigurationOfAnExperiment() throws Exception {
        Project p = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        PropertiesViewModel vm = new PropertiesViewModel();
        vm.showBasin(org.hydrodelta.core.project.ProjectAttributes.of(p), "01022500");
        assertThat(vm.titleProperty().get()).isEqualTo("Basin 01022500");
        assertThat(vm.items()).contains(new PropertiesViewModel.Item("name", "gauge_name",
                "Narraguagus River at Cherryfield, Maine"), new PropertiesViewModel.Item("topo", "area_gages2",
                "573.6 km²", "area_gages2 — catchment area (km²)\ncatchment area (GAGESII estimate)"));
        assertThat(vm.items()).anySatisfy(i -> assertThat(i.value()).as("p_mean").matches("\\d+\\.\\d+ mm/d"))
                .noneSatisfy(i -> assertThat(i.value()).endsWith("NaN mm/d"));
        assertThat(vm.items()).anySatisfy(i -> assertThat(i.name()).isEqualTo("baseflow_index"))
                .anySatisfy(i -> assertThat(i.name()).isEqualTo("geol_porostiy"));

        vm.showExperiment(p.experiment("delta-paper").orElseThrow());
        assertThat(vm.items()).contains(new PropertiesViewModel.Item("configuration", "hbv.components", "16"),
                new PropertiesViewModel.Item("configuration", "trainPeriod.end", "2003-09-30"));
        // the plain LSTM reads no HBV options and the calibrated HBV no network: neither is shown
        vm.showExperiment(p.experiment("lstm-desktop").orElseThrow());
        assertThat(vm.items()).noneSatisfy(i -> assertThat(i.name()).startsWith("hbv."))
                .anySatisfy(i -> assertThat(i.name()).startsWith("network."));
        vm.showExperiment(p.experiment("calibrated-hbv").orElseThrow());
        assertThat(vm.items()).noneSatisfy(i -> assertThat(i.name()).startsWith("network."))
                .anySatisfy(i -> assertThat(i.name()).startsWith("hbv."));
    }

    @Test
    void aBasinsAttributesShowTheirCamelsDescriptionAndUnit() throws Exception {
        Project p = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        PropertiesViewModel vm = new PropertiesViewModel();
        vm.showBasin(org.hydrodelta.core.project.ProjectAttributes.of(p), "01022500");
        // values from the sample's camels_topo/clim/soil/hydro.txt rows of 01022500
        assertThat(item(vm, "elev_mean")).isEqualTo(new PropertiesViewModel.Item("topo", "elev_mean", "92.68 m",
                "elev_mean — catchment mean elevation above sea level (m)"));
        assertThat(item(vm, "p_mean").value()).isEqualTo("3.608 mm/d");
        assertThat(item(vm, "p_mean").description()).isEqualTo("p_mean — mean daily precipitation (mm/d)");
        assertThat(item(vm, "slope_mean").description()).isEqualTo("slope_mean — catchment mean slope (m/km)");
        assertThat(item(vm, "frac_snow").value()).isEqualTo("0.2453");
        assertThat(item(vm, "frac_snow").description()).isEqualTo(
                "frac_snow — fraction of precipitation falling as snow\n"
                        + "fraction of precipitation falling as snow (i.e., on days colder than 0 °C)");
        assertThat(item(vm, "soil_conductivity").value()).isEqualTo("2.375 cm/h");
        assertThat(item(vm, "soil_conductivity").description()).startsWith(
                "soil_conductivity — saturated hydraulic conductivity (cm/h)\nsaturated hydraulic conductivity"
                        + " (estimated using a multiple linear regression");
        assertThat(item(vm, "baseflow_index").description()).startsWith("baseflow_index — baseflow index\n");
        assertThat(item(vm, "q95").description()).startsWith("q95 — 95 % flow quantile (mm/d)");
        // the gauge name is not an attribute with a meaning to explain
        assertThat(item(vm, "gauge_name").description()).isEmpty();
    }

    private static PropertiesViewModel.Item item(PropertiesViewModel vm, String name) {
        return vm.items().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }
}
