package org.hydrodelta.app.gui.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.hydrodelta.core.project.LayerRef;
import org.hydrodelta.core.project.Project;
import org.junit.jupiter.api.Test;

class ImportViewModelTest {
    private static final Path ROOT = Path.of(System.getProperty("hydrodelta.repo.root"));

    @Test
    void importsTheSampleCamelsFolderWithItsBasinsAndLayers() {
        Project p = new Project("empty");
        ImportViewModel vm = new ImportViewModel(p);
        vm.inspect(ROOT.resolve("sample-projects/camels-regions/data"));
        assertThat(vm.layoutProperty().get()).isEqualTo("CAMELS-US");
        assertThat(vm.products()).containsExactly("nldas");
        assertThat(vm.basins()).hasSize(19).contains("01013500", "12010000");
        assertThat(vm.nameProperty().get()).isEqualTo("camels-nldas");
        assertThat(vm.layers()).extracting(l -> l.getFileName().toString()).contains("conus_states.geojson",
                "camels_gauges_671.geojson", "camels_01022500_01031500.shp");
        assertThat(vm.problemProperty().get()).isEmpty();
        vm.apply();
        assertThat(p.datasets()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo("camels-us");
            assertThat(d.forcing()).isEqualTo("nldas");
            assertThat(d.path()).endsWith(Path.of("data/camels-us"));
        });
        assertThat(p.basins()).hasSize(19);
        assertThat(p.layers()).filteredOn(l -> l.path().getFileName().toString().equals("conus_states.geojson"))
                .extracting(LayerRef::role).containsOnly("backdrop");
        assertThat(p.layers()).filteredOn(l -> l.path().getFileName().toString().startsWith("camels_gauges"))
                .extracting(LayerRef::role).containsOnly("gauges");

        // importing the same folder again needs another name; the layers already there are not offered again
        vm.inspect(ROOT.resolve("sample-projects/camels-regions/data"));
        assertThat(vm.nameProperty().get()).isEqualTo("camels-nldas-2");
        assertThat(vm.layers()).isEmpty();
        vm.nameProperty().set("camels-nldas");
        assertThat(vm.problemProperty().get()).contains("already has a dataset called 'camels-nldas'");
        assertThatThrownBy(vm::apply).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void explainsAFolderWithoutData() {
        ImportViewModel vm = new ImportViewModel(new Project("p"));
        vm.inspect(ROOT.resolve("docs"));
        assertThat(vm.layoutProperty().get()).isEmpty();
        assertThat(vm.problemProperty().get()).contains("no CAMELS-US").contains("docs");
        assertThatThrownBy(vm::apply).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void recognisesTheCaravanFixture() {
        ImportViewModel vm = new ImportViewModel(new Project("p"));
        vm.inspect(ROOT.resolve("core/src/test/resources/caravan-fixture"));
        assertThat(vm.layoutProperty().get()).isEqualTo("Caravan");
        assertThat(vm.basins()).hasSize(2).allMatch(b -> b.startsWith("camels_"));
    }

    @Test
    void importsCsvFilesThroughTheirColumnMapping() {
        Project p = new Project("csv");
        ImportViewModel vm = new ImportViewModel(p);
        vm.inspect(ROOT.resolve("core/src/test/resources/csv-fixture/mapping.json"));
        assertThat(vm.layoutProperty().get()).startsWith("CSV mapping");
        assertThat(vm.basins()).containsExactly("01022500", "01031500");
        vm.apply();
        assertThat(p.datasets()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo("csv");
            assertThat(d.path().getFileName().toString()).isEqualTo("mapping.json");
        });
    }
}
