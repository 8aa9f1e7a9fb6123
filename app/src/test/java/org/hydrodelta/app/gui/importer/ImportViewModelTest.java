package org.hydrodelta.app.gui.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hydrodelta.core.project.LayerRef;
import org.hydrodelta.core.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(vm.layers()).extracting(l -> l.path().getFileName().toString()).contains("conus_states.geojson",
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
    void storesThePetChoiceWithTheDatasetOnlyWhenItIsNotTheColumn() {
        Project p = new Project("era5");
        ImportViewModel vm = new ImportViewModel(p);
        vm.inspect(ROOT.resolve("core/src/test/resources/caravan-camels-subset/mapping.json"));
        assertThat(vm.petProperty().get()).isEqualTo("column");
        vm.petProperty().set("hamon");
        vm.apply();
        assertThat(p.datasets()).singleElement().satisfies(d -> assertThat(d.options()).containsEntry("pet", "hamon"));
        ImportViewModel again = new ImportViewModel(p);
        again.inspect(ROOT.resolve("core/src/test/resources/caravan-camels-subset/mapping.json"));
        again.nameProperty().set("era5-column");
        again.apply();
        assertThat(p.datasets().get(1).options()).doesNotContainKey("pet");
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

    private static final Path POLYGONS = ROOT.resolve("sample-projects/camels-regions/data/geo/basin_polygons");

    @TempDir
    Path tmp;

    @Test
    void addsAMapLayerWithoutADatasetAndItsRoleCanBeChanged() {
        Project p = new Project("layers");
        ImportViewModel vm = new ImportViewModel(p);
        assertThat(vm.problemProperty().get()).isNotEmpty();
        Path shp = POLYGONS.resolve("camels_01022500_01031500.shp");
        assertThat(vm.addLayer(shp)).isTrue();
        assertThat(vm.layerMessageProperty().get()).isEqualTo("Added camels_01022500_01031500.shp (2 features)");
        assertThat(vm.layers()).singleElement().satisfies(l -> {
            assertThat(l.path()).isEqualTo(shp.toAbsolutePath().normalize());
            assertThat(l.roleProperty().get()).isEqualTo("basins");
            assertThat(l.chosen()).isTrue();
            assertThat(l.warnings()).isEmpty();
        });
        // a point layer is taken for gauges
        assertThat(vm.addLayer(ROOT.resolve("sample-projects/camels-regions/data/geo/camels_gauges_671.geojson")))
                .isTrue();
        assertThat(vm.layers().get(1).roleProperty().get()).isEqualTo("gauges");
        vm.layers().get(1).roleProperty().set("backdrop");
        assertThat(vm.layoutProperty().get()).isEqualTo("Map layers only (no dataset)");
        assertThat(vm.problemProperty().get()).isEmpty();
        vm.apply();
        assertThat(p.datasets()).isEmpty();
        assertThat(p.layers()).extracting(LayerRef::name, LayerRef::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("camels_01022500_01031500.shp", "basins"),
                org.assertj.core.groups.Tuple.tuple("camels_gauges_671.geojson", "backdrop"));
        // a layer already in the project is refused
        assertThat(new ImportViewModel(p).addLayer(shp)).isFalse();
    }

    @Test
    void addedLayersStayWhenAFolderIsInspected() {
        Project p = new Project("both");
        ImportViewModel vm = new ImportViewModel(p);
        vm.addLayer(POLYGONS.resolve("camels_01022500.shp"));
        vm.inspect(ROOT.resolve("sample-projects/camels-regions/data"));
        assertThat(vm.layers()).filteredOn(LayerChoice::chosen).singleElement()
                .satisfies(l -> assertThat(l.path().getFileName().toString()).isEqualTo("camels_01022500.shp"));
        vm.addLayersProperty().set(false);
        vm.apply();
        assertThat(p.datasets()).hasSize(1);
        assertThat(p.layers()).extracting(LayerRef::name).containsExactly("camels_01022500.shp");
    }

    @Test
    void refusesAShapefileWithoutItsDbfNamingTheFile() throws IOException {
        Path shp = tmp.resolve("camels_01022500.shp");
        Files.copy(POLYGONS.resolve("camels_01022500.shp"), shp);
        Files.copy(POLYGONS.resolve("camels_01022500.shx"), tmp.resolve("camels_01022500.shx"));
        ImportViewModel vm = new ImportViewModel(new Project("p"));
        assertThat(vm.addLayer(shp)).isFalse();
        assertThat(vm.layerMessageProperty().get()).isEqualTo("Cannot add the map layer: " + shp
                + ": file set: the .dbf file camels_01022500.dbf is missing beside the .shp");
        assertThat(vm.layers()).isEmpty();
        assertThat(vm.problemProperty().get()).isNotEmpty();
    }

    @Test
    void warnsAboutAMissingPrjButAddsTheLayer() throws IOException {
        for (String ext : new String[] {"shp", "shx", "dbf"}) {
            Files.copy(POLYGONS.resolve("camels_01022500." + ext), tmp.resolve("camels_01022500." + ext));
        }
        ImportViewModel vm = new ImportViewModel(new Project("p"));
        assertThat(vm.addLayer(tmp.resolve("camels_01022500.shp"))).isTrue();
        assertThat(vm.layers()).singleElement().satisfies(l -> assertThat(l.warnings()).singleElement().asString()
                .contains("no .prj file"));
        assertThat(vm.layerMessageProperty().get()).contains("warning: camels_01022500.shp: no .prj file");
    }
}
