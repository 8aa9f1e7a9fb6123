package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.eval.ResultsMerger;
import org.hydrodelta.core.eval.ResultsReader;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run groups on the real 19-basin camels-regions sample with tiny trainings (1 epoch of 2 iterations, hidden size
 * 8, training water years 2004-2005, test 2009): a 3-fold PUB gives every basin exactly one held-out result.
 */
class GroupRunnerTest {
    @TempDir
    Path tmp;

    /** Every basin of the sample (none listed: the project's 19), tiny training. */
    static ExperimentConfig tiny() {
        return new ExperimentConfig("delta-hbv", "camels-nldas", null,
                Period.inclusive(LocalDate.of(2003, 10, 1), LocalDate.of(2005, 9, 30)), null,
                Period.inclusive(LocalDate.of(2008, 10, 1), LocalDate.of(2009, 9, 30)), 60, 120, null, null,
                new ExperimentConfig.Hbv(1, List.of(), false, true), new ExperimentConfig.Network("lstm", 8, 0.5),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 1, 4, 2, 7L, 2, null));
    }

    /** A copy of the sample project file in a folder of its own (runs go beside it). */
    Path project(ExperimentConfig config) throws Exception {
        return project(tmp, config);
    }

    /**
     * @param tmp    a folder
     * @param config the experiment {@code g}
     * @return a copy of the sample project file with experiment {@code g}, in that folder
     */
    static Path project(Path tmp, ExperimentConfig config) throws Exception {
        Project p = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
        p.experiments().add(new Experiment("g", config));
        Path file = tmp.resolve("p.hdproj");
        ProjectStore.save(p, file);
        return file;
    }

    @Test
    void threeFoldPubGivesEveryBasinExactlyOneHeldOutResult() throws Exception {
        ExperimentConfig config = tiny().withHoldout(new ExperimentConfig.Holdout("pub", 3, null, null, null, null,
                null));
        Path file = project(config);
        GroupRunner.GroupResult r = GroupRunner.run(ProjectStore.load(file), file, "g", config,
                GroupRunner.Options.DEFAULTS, ProgressListener.NONE, CancellationToken.NONE,
                new GroupRunner.Listener() { });
        Project p = ProjectStore.load(file);
        RunResults merged = RunResults.of(r.state().dir());
        Map<String, Map<String, Double>> m = merged.metrics();
        assertThat(m).hasSize(19).containsOnlyKeys(p.basins());
        Map<Double, Integer> sizes = new HashMap<>();
        m.values().forEach(row -> sizes.merge(row.get(ResultsMerger.FOLD_COLUMN), 1, Integer::sum));
        assertThat(sizes).containsOnlyKeys(1.0, 2.0, 3.0);
        assertThat(sizes.values()).containsExactlyInAnyOrder(7, 6, 6);
        assertThat(merged.config()).isPresent();
        assertThat(merged.medians()).containsKey("nse");
        for (String b : p.basins()) {
            ResultsReader.BasinSeries s = merged.outputs(b).orElseThrow();
            assertThat(s.nDays()).isEqualTo(365);
        }
        List<String> folds = Files.readAllLines(r.state().dir().resolve(HoldoutPlan.FOLDS_FILE),
                StandardCharsets.UTF_8);
        assertThat(folds).hasSize(1 + 3 * 19);
        assertThat(p.runs()).filteredOn(x -> r.state().name().equals(x.group())).extracting(RunRef::member)
                .containsExactlyInAnyOrder("fold 1/3", "fold 2/3", "fold 3/3", GroupRunner.HELD_OUT_MEMBER);
        assertThat(p.runs()).allMatch(x -> RunRef.FINISHED.equals(x.status()));
        // group.json as read back; the group folder describes itself like a run folder
        GroupRunner.GroupState g = GroupRunner.read(r.state().dir());
        assertThat(g.kind()).isEqualTo("holdout");
        assertThat(g.status()).isEqualTo(RunRef.FINISHED);
        assertThat(g.plan()).isEqualTo(r.state().plan());
        assertThat(g.parts()).extracting(GroupRunner.Part::status).containsOnly(GroupRunner.FINISHED);
        assertThat(g.parts()).allSatisfy(x -> assertThat(x.heldOutMedianNse()).isFinite());
        assertThat(RunFolder.open(r.state().dir()).readJson("run.json").path("heldOutBasins").asInt())
                .isEqualTo(19);
        assertThat(merged.info()).containsEntry("kind", "held-out").containsEntry("basins", "19")
                .containsEntry("scored", "2008-10-01..2009-09-30");
        // the merged medians are the medians over the 19 basins of the folds' own tables
        double[] nse = m.values().stream().mapToDouble(x -> x.get("nse")).toArray();
        assertThat(Double.parseDouble(merged.medians().get("nse"))).isCloseTo(
                org.hydrodelta.core.eval.BasinMetrics.median(nse), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(r.mergedMedianNse()).isCloseTo(org.hydrodelta.core.eval.BasinMetrics.median(nse),
                org.assertj.core.data.Offset.offset(1e-9));
        // a held-out basin's merged series is its fold's prediction
        String b = g.plan().fold(2).test().get(0);
        Path fold2 = tmp.resolve("runs").resolve(g.parts().get(1).run());
        ResultsReader.BasinSeries own = RunResults.of(fold2, GroupRunner.HELD_OUT_EVALUATION).outputs(b)
                .orElseThrow();
        ResultsReader.BasinSeries inMerged = merged.outputs(b).orElseThrow();
        assertThat(inMerged.series().keySet()).isEqualTo(own.series().keySet());
        own.series().forEach((k, v) -> assertThat(inMerged.series().get(k)).as(k).containsExactly(v));
    }

    /**
     * Runs experiment {@code g} of a project file as a group.
     */
    static GroupRunner.GroupResult run(Path file, ExperimentConfig config, CancellationToken cancel,
            GroupRunner.Listener listener) throws Exception {
        return GroupRunner.run(ProjectStore.load(file), file, "g", config, GroupRunner.Options.DEFAULTS,
                ProgressListener.NONE, cancel, listener);
    }

    @Test
    void purByHuc02RunsOneFoldPerRegion() throws Exception {
        // six of the sample's basins in five HUC-02 regions (the 18 folds of all 19: HoldoutPlanTest)
        List<String> six = List.of("01013500", "01022500", "03439000", "05057200", "09386900", "12010000");
        ExperimentConfig t = tiny();
        ExperimentConfig config = new ExperimentConfig(t.model(), t.dataset(), six, t.trainPeriod(), null,
                t.testPeriod(), t.warmupDays(), t.windowDays(), null, null, t.hbv(), t.network(), t.training())
                .withHoldout(new ExperimentConfig.Holdout("pur", null, null, "huc_02", null, null, null));
        Path file = project(config);
        GroupRunner.GroupResult r = run(file, config, CancellationToken.NONE, new GroupRunner.Listener() { });
        assertThat(r.state().plan().folds()).extracting(HoldoutPlan.Fold::label).containsExactly("region 01",
                "region 06", "region 09", "region 15", "region 17");
        Map<String, Map<String, Double>> m = RunResults.of(r.state().dir()).metrics();
        assertThat(m).containsOnlyKeys(six);
        // region 01 (fold 1) holds out both Maine basins
        assertThat(m.get("01013500").get(ResultsMerger.FOLD_COLUMN)).isEqualTo(1.0);
        assertThat(m.get("01022500").get(ResultsMerger.FOLD_COLUMN)).isEqualTo(1.0);
        assertThat(m.get("12010000").get(ResultsMerger.FOLD_COLUMN)).isEqualTo(5.0);
        assertThat(r.foldMedianNse()).hasSize(5);
        assertThat(r.mergedMedianNse()).isFinite();
    }

    @Test
    void customHoldoutOfTwoBasinsTrainsOnTheOthersAndPredictsThem() throws Exception {
        ExperimentConfig config = tiny().withHoldout(new ExperimentConfig.Holdout("custom", null, null, null, null,
                null, List.of("01022500", "12010000")));
        Path file = project(config);
        GroupRunner.GroupResult r = run(file, config, CancellationToken.NONE, new GroupRunner.Listener() { });
        assertThat(RunResults.of(r.state().dir()).metrics()).containsOnlyKeys("01022500", "12010000");
        GroupRunner.Part part = r.state().parts().get(0);
        assertThat(part.label()).isEqualTo("fold 1/1");
        Path runDir = tmp.resolve("runs").resolve(part.run());
        assertThat(RunFolder.open(runDir).config().basins()).hasSize(17).doesNotContain("01022500", "12010000");
        // the fold's own basins are evaluated temporally as in any run, the held-out ones predicted
        assertThat(RunResults.of(runDir).metrics()).hasSize(17);
        assertThat(RunResults.of(runDir, GroupRunner.HELD_OUT_EVALUATION).metrics())
                .containsOnlyKeys("01022500", "12010000");
        assertThat(RunResults.of(runDir, GroupRunner.HELD_OUT_EVALUATION).info()).containsEntry("kind",
                "prediction");
    }

    @Test
    void aCalibratedModelIsRefusedBeforeAnythingIsWritten() throws Exception {
        ExperimentConfig config = new ExperimentConfig("calibrated-hbv", "camels-nldas", null,
                tiny().trainPeriod(), null, tiny().testPeriod(), 60, 120, null, null, tiny().hbv(), null,
                tiny().training()).withHoldout(new ExperimentConfig.Holdout("pub", 3, null, null, null, null, null));
        Path file = project(config);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(file, config, CancellationToken.NONE,
                new GroupRunner.Listener() { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calibrated-hbv");
        assertThat(tmp.resolve("runs")).doesNotExist();
    }
}
