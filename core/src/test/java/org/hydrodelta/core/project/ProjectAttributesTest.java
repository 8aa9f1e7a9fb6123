package org.hydrodelta.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One attribute lookup over a project's CAMELS, Caravan and CSV-mapping datasets. */
class ProjectAttributesTest {
    private static final Path ROOT = Path.of(System.getProperty("hydrodelta.repo.root"));
    private static final Path RES = ROOT.resolve("core/src/test/resources");

    @TempDir
    Path tmp;

    private static Project project(DatasetRef... datasets) {
        Project p = new Project("attributes");
        p.datasets().addAll(List.of(datasets));
        return p;
    }

    @Test
    void findsEachBasinInTheDatasetThatHasIt() {
        Project p = project(
                new DatasetRef("camels", "camels-us", ROOT.resolve("sample-projects/camels-regions/data/camels-us"),
                        "nldas", Map.of()),
                new DatasetRef("caravan", "caravan", RES.resolve("caravan-fixture"), null, Map.of()),
                new DatasetRef("csv", "csv", RES.resolve("csv-fixture/mapping.json"), null, Map.of()));
        ProjectAttributes a = ProjectAttributes.of(p);
        assertThat(a.tables()).hasSize(3);
        // CAMELS: camels_hydro.txt and camels_name.txt rows of 01013500
        assertThat(a.value("01013500", "baseflow_index")).isEqualTo(0.585225955779508);
        assertThat(a.tableFor("01013500").orElseThrow().name("01013500")).isEqualTo("Fish River near Fort Kent, Maine");
        // Caravan ids carry their prefix; the CSV mapping's attributes file has the plain gauge id
        assertThat(a.tableFor("camels_01031500").orElseThrow().areaKm2("camels_01031500")).isEqualTo(769.05);
        assertThat(a.tableFor("01022500")).as("CAMELS comes first in the project, and has 01022500 too")
                .containsSame(a.tables().get(0));
        assertThat(a.value("01022500", "area_gages2")).isEqualTo(573.6);
        assertThat(a.value("unknown", "area")).isNaN();
        assertThat(a.value("01013500", "no_such_column")).isNaN();
    }

    @Test
    void datasetsWithoutTablesGiveNothingAndBrokenTablesNameTheirFile() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("camels-us"));
        assertThat(ProjectAttributes.of(project(new DatasetRef("e", "camels-us", empty, "nldas", Map.of()))).tables())
                .isEmpty();

        Path csv = tmp.resolve("csv");
        Files.createDirectories(csv);
        Files.copy(RES.resolve("csv-fixture/mapping.json"), csv.resolve("mapping.json"));
        // what the mapping names besides the attributes (the dataset's check looks for them first)
        Files.copy(RES.resolve("csv-fixture/basins.txt"), csv.resolve("basins.txt"));
        Files.createDirectories(csv.resolve("csv"));
        Files.writeString(csv.resolve("attributes.csv"), "basin;name;area\n01022500;Narraguagus;573.6\n");
        assertThatThrownBy(() -> ProjectAttributes.of(project(new DatasetRef("c", "csv", csv.resolve("mapping.json"),
                null, Map.of())))).isInstanceOf(DataFormatException.class).hasMessageContaining("attributes.csv:1: wrong delimiter");
    }
}
