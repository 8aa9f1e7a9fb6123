package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fold planning on the real 19-basin camels-regions sample (its CAMELS attribute tables: {@code huc_02} in
 * {@code camels_name.txt}; {@code geol_2nd_class} in {@code camels_geol.txt}, which is NA for 03010655, 05291000,
 * 07291000 and 08023080). No training: plans only.
 */
class HoldoutPlanTest {
    static Project project;
    static List<String> basins;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        project = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
        basins = project.basins();
        assertThat(basins).hasSize(19);
    }

    static ExperimentConfig with(ExperimentConfig.Holdout h) {
        return GroupRunnerTest.tiny().withHoldout(h);
    }

    static ExperimentConfig.Holdout pub(int k, Long seed) {
        return new ExperimentConfig.Holdout("pub", k, seed, null, null, null, null);
    }

    static HoldoutPlan plan(ExperimentConfig c) throws Exception {
        return HoldoutPlan.plan(project, c, basins, null);
    }

    @Test
    void temporalIsOneFoldTrainingEveryBasinAndHoldingOutNone() throws Exception {
        HoldoutPlan p = plan(GroupRunnerTest.tiny());
        assertThat(p.spatial()).isFalse();
        assertThat(p.folds()).singleElement().satisfies(f -> {
            assertThat(f.train()).isEqualTo(basins);
            assertThat(f.test()).isEmpty();
        });
    }

    @Test
    void pubDealsShuffledBasinsRoundRobinDeterministically() throws Exception {
        HoldoutPlan a = plan(with(pub(3, null)));
        HoldoutPlan b = plan(with(pub(3, null)));
        assertThat(a).isEqualTo(b);
        assertThat(a.folds()).extracting(f -> f.test().size()).containsExactly(7, 6, 6);
        List<String> all = new ArrayList<>();
        a.folds().forEach(f -> {
            all.addAll(f.test());
            assertThat(f.train()).doesNotContainAnyElementsOf(f.test()).hasSize(19 - f.test().size());
        });
        assertThat(all).containsExactlyInAnyOrderElementsOf(basins);
        assertThat(a.heldOutFold()).hasSize(19);
        // the default seed is the training seed (7); another seed deals other folds
        assertThat(plan(with(pub(3, 7L)))).isEqualTo(a);
        assertThat(plan(with(pub(3, 8L))).folds()).isNotEqualTo(a.folds());
        // not simply the basins in order
        assertThat(a.fold(1).test()).isNotEqualTo(basins.subList(0, 7));
    }

    @Test
    void pubWithMoreFoldsThanBasinsIsRefusedNamingBoth() {
        assertThatThrownBy(() -> plan(with(pub(20, null)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holdout.folds 20").hasMessageContaining("19 usable basins");
    }

    @Test
    void purByHuc02MakesOneFoldPerRegion() throws Exception {
        HoldoutPlan p = plan(with(new ExperimentConfig.Holdout("pur", null, null, "huc_02", null, null, null)));
        // one basin per HUC-02 region, two in region 01
        assertThat(p.size()).isEqualTo(18);
        assertThat(p.fold(1).label()).isEqualTo("region 01");
        assertThat(p.fold(1).test()).containsExactly("01013500", "01022500");
        assertThat(p.folds().subList(1, 18)).allSatisfy(f -> assertThat(f.test()).hasSize(1));
        assertThat(p.fold(18).label()).isEqualTo("region 18");
        assertThat(p.heldOutFold()).hasSize(19);
    }

    @Test
    void purByAColumnMissingForSomeBasinsNamesThemAll() {
        assertThatThrownBy(() -> plan(with(new ExperimentConfig.Holdout("pur", null, null, "geol_2nd_class", null,
                null, null)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 basins have no region")
                .hasMessageContaining("geol_2nd_class")
                .hasMessageContaining("[03010655, 05291000, 07291000, 08023080]");
    }

    @Test
    void purByAnUnknownColumnIsRefusedNamingIt() {
        assertThatThrownBy(() -> plan(with(new ExperimentConfig.Holdout("pur", null, null, "huc_99", null, null,
                null)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holdout.regionAttribute 'huc_99'").hasMessageContaining("huc_02");
    }

    @Test
    void purByLayerWithoutALayerReaderIsRefused() {
        assertThatThrownBy(() -> plan(with(new ExperimentConfig.Holdout("pur", null, null, null, "US states",
                "name", null)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holdout.regionLayer 'US states'");
    }

    @Test
    void customHoldsOutItsTestBasins() throws Exception {
        HoldoutPlan p = plan(with(new ExperimentConfig.Holdout("custom", null, null, null, null, null,
                List.of("12010000", "01022500"))));
        assertThat(p.folds()).singleElement().satisfies(f -> {
            assertThat(f.test()).containsExactly("01022500", "12010000"); // in the experiment's order
            assertThat(f.train()).hasSize(17).doesNotContain("01022500", "12010000");
        });
    }

    @Test
    void customTestBasinNotInTheExperimentIsRefusedByName() {
        assertThatThrownBy(() -> plan(with(new ExperimentConfig.Holdout("custom", null, null, null, null, null,
                List.of("01022500", "01031500"))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holdout.testBasins").hasMessageContaining("[01031500]")
                .hasMessageNotContaining("01022500");
    }

    @Test
    void aFoldWithoutTrainingBasinIsRefused() {
        assertThatThrownBy(() -> plan(with(new ExperimentConfig.Holdout("custom", null, null, null, null, null,
                basins)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("custom holds out every basin (19)").hasMessageContaining("no training basin");
        // PUR over basins of one region only
        assertThatThrownBy(() -> HoldoutPlan.plan(project, with(new ExperimentConfig.Holdout("pur", null, null,
                "huc_02", null, null, null)), List.of("01013500", "01022500"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region '01'")
                .hasMessageContaining("no training basin");
    }

    @Test
    void aCalibratedModelUnderASpatialHoldoutIsRefused() {
        ExperimentConfig c = new ExperimentConfig("calibrated-hbv", null, null, null, null, null, null, null, null,
                null, null, null, null).withHoldout(pub(3, null));
        assertThatThrownBy(() -> plan(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model 'calibrated-hbv'").hasMessageContaining("cannot predict the held-out");
    }

    @Test
    void foldsCsvListsEveryBasinOfEveryFoldWithItsRole() throws Exception {
        HoldoutPlan p = plan(with(pub(3, null)));
        List<String> lines = Files.readAllLines(p.write(tmp), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("basin_id,fold,role");
        assertThat(lines).hasSize(1 + 3 * 19);
        Map<String, Integer> held = p.heldOutFold();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            assertThat(f[2]).isEqualTo(held.get(f[0]) == Integer.parseInt(f[1]) ? "test" : "train");
        }
        assertThat(lines).filteredOn(l -> l.endsWith(",test")).hasSize(19);
    }
}
