package org.hydrodelta.app.gui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
}
