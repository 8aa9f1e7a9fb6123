package org.hydrodelta.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.hydrodelta.core.data.camels.CamelsAttributes;
import org.junit.jupiter.api.Test;

/**
 * The dataset-type registry: lookup by the name a project stores, refusal of an unknown name, layout detection of
 * each type on the committed real data, and what each type lists and loads there.
 */
class DatasetTypesTest {
    private static final Path RESOURCES = TestData.repoRoot().resolve("core/src/test/resources");

    @Test
    void findsEachTypeByItsProjectFileName() {
        assertThat(DatasetTypes.names()).containsExactly("camels-us", "caravan", "csv");
        assertThat(DatasetTypes.get("camels-us").label()).isEqualTo("CAMELS-US");
        assertThat(DatasetTypes.get("caravan").label()).isEqualTo("Caravan");
        assertThat(DatasetTypes.get("csv").label()).isEqualTo("CSV mapping");
        assertThat(DatasetTypes.all()).extracting(DatasetType::name).isEqualTo(DatasetTypes.names());
    }

    @Test
    void refusesAnUnknownTypeNamingTheKnownOnes() {
        assertThat(DatasetTypes.find("camels")).isEmpty();
        assertThat(DatasetTypes.find("CSV")).isEmpty();
        assertThatThrownBy(() -> DatasetTypes.get("camels")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown dataset type 'camels' (camels-us, caravan, csv)");
    }

    @Test
    void detectsCamelsUsBelowASampleProjectFolder() {
        DatasetTypes.Detection d = DatasetTypes.detect(TestData.repoRoot().resolve("sample-projects/camels-regions"))
                .orElseThrow();
        assertThat(d.type().name()).isEqualTo("camels-us");
        assertThat(d.root()).isEqualTo(TestData.camelsRegions());
        assertThat(d.type().forcingProducts(d.root())).containsExactly("nldas");
        assertThat(d.type().basinIds(d.root(), "nldas")).hasSize(19).contains("01013500", "12010000").isSorted();
        assertThat(d.type().defaultDatasetName("nldas")).isEqualTo("camels-nldas");
    }

    @Test
    void detectsTheCaravanLayout() {
        Path fixture = RESOURCES.resolve("caravan-fixture");
        DatasetTypes.Detection d = DatasetTypes.detect(fixture).orElseThrow();
        assertThat(d.type().name()).isEqualTo("caravan");
        assertThat(d.root()).isEqualTo(fixture);
        assertThat(d.type().forcingProducts(d.root())).isEmpty();
        assertThat(d.type().basinIds(d.root(), null)).containsExactly("camels_01022500", "camels_01031500");
        assertThat(d.type().attributeTables(d.root())).singleElement()
                .satisfies(t -> assertThat(t.columns()).contains("aridity", "area"));
    }

    @Test
    void detectsACsvMappingFile() {
        Path mapping = RESOURCES.resolve("csv-fixture/mapping.json");
        DatasetTypes.Detection d = DatasetTypes.detect(mapping).orElseThrow();
        assertThat(d.type().name()).isEqualTo("csv");
        assertThat(d.root()).isEqualTo(mapping.toAbsolutePath().normalize());
        assertThat(d.type().describe(d.root())).startsWith("CSV mapping (").contains("prcp", "flow");
        assertThat(d.type().basinIds(d.root(), null)).containsExactly("01022500", "01031500");
        assertThat(d.type().dataFolder(d.root())).isEqualTo(RESOURCES.resolve("csv-fixture/csv"));
        assertThat(d.type().sources(d.root())).contains(mapping.toAbsolutePath().normalize(),
                RESOURCES.resolve("csv-fixture/basins.txt"), RESOURCES.resolve("csv-fixture/attributes.csv"));
    }

    @Test
    void findsNothingInAFolderOfPlainCsvFilesWithoutAMapping() {
        // plain per-basin CSV files need a column mapping first; the folder itself is no dataset
        assertThat(DatasetTypes.detect(RESOURCES.resolve("caravan-camels-subset"))).isEmpty();
        assertThat(DatasetTypes.detect(TestData.repoRoot().resolve("docs"))).isEmpty();
        assertThat(DatasetTypes.layouts(false)).isEqualTo("CAMELS-US (basin_mean_forcing/, usgs_streamflow/,"
                + " camels_attributes_v2.0/) or Caravan (attributes/, timeseries/)");
    }

    @Test
    void theExperimentDefaultMeansTheDatasetsOwnAttributesWhereItsTablesUseOtherNames() {
        List<String> explicit = List.of("aridity", "p_mean");
        List<String> paper = CamelsAttributes.DELTA_MODEL_ATTRIBUTES;
        assertThat(DatasetTypes.get("camels-us").attributeNames(paper)).isEqualTo(paper);
        assertThat(DatasetTypes.get("caravan").attributeNames(paper)).isNull();
        assertThat(DatasetTypes.get("csv").attributeNames(paper)).isNull();
        for (DatasetType t : DatasetTypes.all()) {
            assertThat(t.attributeNames(explicit)).as(t.name()).isEqualTo(explicit);
        }
    }
}
