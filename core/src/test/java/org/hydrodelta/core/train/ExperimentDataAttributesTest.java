package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.junit.jupiter.api.Test;

/**
 * Caravan and CSV datasets honour an experiment's {@code attributes} as CAMELS-US does: exactly those columns, in
 * that order, with the values of the attribute tables; a name the tables lack is refused naming it and the table
 * files. Real data: the Caravan-layout fixture (two CAMELS basins, 2000) and three basins of the Caravan ERA5-Land
 * set behind a CSV mapping.
 */
class ExperimentDataAttributesTest {
    private static final Path RESOURCES = TestPaths.repoRoot().resolve("core/src/test/resources");

    private static Project project(String type, Path path, List<String> basins) {
        Project p = new Project(type);
        p.datasets().add(new DatasetRef("own", type, path, null, null));
        p.basins().addAll(basins);
        return p;
    }

    private static ExperimentConfig config(LocalDate trainStart, LocalDate trainEnd, LocalDate testEnd,
            List<String> attributes) {
        return new ExperimentConfig("delta-hbv", "own", null, Period.inclusive(trainStart, trainEnd), null,
                Period.inclusive(trainEnd.plusDays(1), testEnd), 30, 60, null, attributes, null, null, null);
    }

    private static ExperimentData caravan(List<String> attributes) {
        return ExperimentData.load(project("caravan", RESOURCES.resolve("caravan-fixture"),
                List.of("camels_01022500", "camels_01031500")), config(LocalDate.of(2000, 1, 1),
                        LocalDate.of(2000, 8, 31), LocalDate.of(2000, 12, 31), attributes), ProgressListener.NONE,
                CancellationToken.NONE);
    }

    private static ExperimentData csv(List<String> attributes) {
        return ExperimentData.load(project("csv", RESOURCES.resolve("caravan-camels-subset/mapping.json"),
                List.of("01022500", "06291500")), config(LocalDate.of(2000, 10, 1), LocalDate.of(2002, 9, 30),
                        LocalDate.of(2004, 9, 30), attributes), ProgressListener.NONE, CancellationToken.NONE);
    }

    @Test
    void aCaravanExperimentGetsExactlyItsAttributesInItsOrder() {
        // from both of Caravan's tables (attributes_other: area; attributes_caravan: aridity, p_mean), reordered
        BasinDataset ds = caravan(List.of("area", "aridity", "p_mean")).dataset();
        assertThat(ds.attributeNames()).containsExactly("area", "aridity", "p_mean");
        assertThat(ds.basinIds()).containsExactly("camels_01022500", "camels_01031500");
        assertThat(ds.attributes()[0]).containsExactly(573.6f, 0.587356423405076f, 3.60812594113621f);
        assertThat(ds.attributes()[1]).containsExactly(769.05f, 0.587950340389816f, 3.5229568788501f);
    }

    @Test
    void aCsvExperimentGetsExactlyItsAttributesInItsOrder() {
        BasinDataset ds = csv(List.of("frac_snow", "elev_mean", "p_mean")).dataset();
        assertThat(ds.attributeNames()).containsExactly("frac_snow", "elev_mean", "p_mean");
        assertThat(ds.basinIds()).containsExactly("01022500", "06291500");
        assertThat(ds.attributes()[0]).containsExactly(0.245259009248271f, 92.68f, 3.60812594113621f);
        assertThat(ds.attributes()[1]).containsExactly(0.404772816694431f, 2238.49f, 1.56217796030116f);
    }

    @Test
    void withoutAnAttributesListCaravanAndCsvKeepTheirOwnAttributes() {
        // the experiment default is the paper's CAMELS-US list, which these tables spell otherwise (area, not
        // area_gages2): it means every numeric or categorical column but the gauge coordinates
        assertThat(caravan(null).dataset().attributeNames()).containsExactly("p_mean", "pet_mean", "aridity",
                "frac_snow", "high_prec_freq", "high_prec_dur", "low_prec_freq", "low_prec_dur", "area");
        assertThat(csv(null).dataset().attributeNames()).hasSize(35).contains("area", "dom_land_cover")
                .doesNotContain("area_gages2", "gauge_lat", "gauge_name");
    }

    @Test
    void aCaravanAttributeTheTablesLackIsRefusedNamingItAndTheTables() {
        assertThatThrownBy(() -> caravan(List.of("aridity", "baseflow_index")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown attribute 'baseflow_index'")
                .hasMessageContaining("attributes_caravan_camels.csv, attributes_other_camels.csv")
                .hasMessageContaining(Path.of("caravan-fixture", "attributes", "camels").toString());
    }

    @Test
    void aCsvAttributeTheTableLacksIsRefusedNamingItAndTheTable() {
        assertThatThrownBy(() -> csv(List.of("area_gages2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown attribute 'area_gages2'")
                .hasMessageContaining("attribute tables attributes.csv in")
                .hasMessageContaining("caravan-camels-subset");
    }
}
