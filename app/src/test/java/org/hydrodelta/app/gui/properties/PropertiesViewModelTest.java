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
                "Narraguagus River at Cherryfield, Maine"), new PropertiesViewModel.Item("topo", "area_gages2", "573.6 km²"));
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
}
