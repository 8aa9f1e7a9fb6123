package org.hydrodelta.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hydrodelta.core.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder dataset (CAMELS-US) of a project file copied without its data, pointed at its data's folder. */
class DataRelocationTest {
    @TempDir
    Path tmp;

    @Test
    void aCamelsDatasetIsPointedAtTheFolderThatHoldsIt() throws Exception {
        Path sample = TestPaths.sampleProject("camels-regions");
        Path file = tmp.resolve("copied.hdproj");
        Files.copy(sample.resolve("camels-regions.hdproj"), file);
        DatasetRef before = ProjectStore.load(file).datasets().get(0);
        assertThatThrownBy(before::checkAvailable).hasMessageContaining("no such file or folder");
        // a folder without CAMELS data: refused, the project file untouched
        byte[] unchanged = Files.readAllBytes(file);
        assertThatThrownBy(() -> DataRelocation.relocate(file, "camels-nldas", tmp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no CAMELS-US data");
        assertThat(Files.readAllBytes(file)).isEqualTo(unchanged);

        String said = DataRelocation.relocate(file, "camels-nldas", sample.resolve("data"));
        Path root = sample.resolve("data/camels-us").toAbsolutePath().normalize();
        assertThat(said).isEqualTo("dataset 'camels-nldas' now reads its CAMELS-US data from " + root + " (was "
                + tmp.resolve("data/camels-us") + "); map layers 'US states' (geo/us_states/conus_states.geojson),"
                + " 'CAMELS gauges (671)' (geo/camels_gauges_671.geojson), 'Basin polygons (Caravan)'"
                + " (geo/basin_polygons/camels_01022500_01031500.shp) found there too");
        assertThat(ProjectStore.load(file).layers()).allSatisfy(l -> assertThat(l.path()).isRegularFile());
        Project p = ProjectStore.load(file);
        assertThat(p.datasets().get(0).path()).isEqualTo(root);
        assertThat(p.datasets().get(0).forcing()).isEqualTo(before.forcing());
        p.datasets().get(0).checkAvailable();
        assertThat(ProjectAttributes.of(p).value("01022500", "area_gages2")).isEqualTo(573.6);
        assertThat(p.experiments()).hasSameSizeAs(ProjectStore.load(sample.resolve("camels-regions.hdproj"))
                .experiments());
    }
}
