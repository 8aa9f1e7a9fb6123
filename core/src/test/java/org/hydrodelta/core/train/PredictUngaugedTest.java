package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.eval.AttributeRangeCheck;
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prediction for basins a run has no flow for, on a tiny real training of the camels-regions sample (4 basins:
 * 01013500, 01022500, 03439000, 12010000). The "ungauged" basin is a copy of 01022500's real NLDAS forcing file and
 * the real attribute tables in a CAMELS folder of its own, with its streamflow file left out (no flow at all).
 */
class PredictUngaugedTest {
    private static final String FORCING = "basin_mean_forcing/nldas/01/01022500_lump_nldas_forcing_leap.txt";

    @TempDir
    static Path tmp;
    static Project project;
    static RunFolder run;

    @BeforeAll
    static void trainTinyAndCopyABasinWithoutFlow() throws Exception {
        project = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
        run = ExperimentRunner.train(project, tmp.resolve("p"), "tiny", ExperimentRunnerTest.tiny("delta-hbv",
                List.of(), 2, 6), ProgressListener.NONE, CancellationToken.NONE, TrainingListener.NONE);
        DatasetRef own = project.dataset("camels-nldas").orElseThrow();
        Path root = tmp.resolve("ungauged/camels-us");
        Files.createDirectories(root.resolve(FORCING).getParent());
        Files.copy(own.path().resolve(FORCING), root.resolve(FORCING));
        Files.createDirectories(root.resolve("camels_attributes_v2.0"));
        try (var s = Files.list(own.path().resolve("camels_attributes_v2.0"))) {
            for (Path f : s.toList()) {
                Files.copy(f, root.resolve("camels_attributes_v2.0").resolve(f.getFileName()));
            }
        }
        // no usgs_streamflow/ at all: the basin has forcing and attributes only
        project.datasets().add(new DatasetRef("ungauged", own.type(), root, own.forcing(), own.options()));
    }

    private static ExperimentRunner.PredictionResult predict(Path runDir, String dataset, List<String> basins)
            throws Exception {
        return predict(runDir, dataset, basins, null);
    }

    private static ExperimentRunner.PredictionResult predict(Path runDir, String dataset, List<String> basins,
            Period period) throws Exception {
        return predict(runDir, dataset, basins, period, true);
    }

    private static ExperimentRunner.PredictionResult predict(Path runDir, String dataset, List<String> basins,
            Period period, boolean fillMissing) throws Exception {
        return ExperimentRunner.predict(project, runDir, new ExperimentRunner.PredictionRequest(dataset, basins,
                period, null, null, false, AttributeSensitivity.Mode.NEVER, false, fillMissing),
                ProgressListener.NONE, CancellationToken.NONE);
    }

    /** A copy of the run folder without its evaluations. */
    private static Path copyOfRun(String name) throws Exception {
        Path copy = tmp.resolve(name);
        try (var s = Files.walk(run.dir())) {
            for (Path f : s.toList()) {
                Path t = copy.resolve(run.dir().relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else if (!f.startsWith(run.dir().resolve("eval"))) {
                    Files.copy(f, t);
                }
            }
        }
        return copy;
    }

    @Test
    void aBasinWithoutFlowGetsTheSameSimulationAsTheEvaluationOfItWithFlow() throws Exception {
        // prediction loads it without any flow series; training cannot use it
        assertThat(ExperimentData.loadForPrediction(project, "ungauged", null, run.config(),
                run.config().trainPeriod(), false, ProgressListener.NONE, CancellationToken.NONE).dataset()
                .has(Variable.QOBS)).isFalse();
        assertThatThrownBy(() -> ExperimentData.load(project, new org.hydrodelta.core.project.ExperimentConfig(
                run.config().model(), "ungauged", List.of("01022500"), run.config().trainPeriod(),
                run.config().validationPeriod(), run.config().testPeriod(), run.config().warmupDays(),
                run.config().windowDays(), run.config().forcings(), run.config().attributes(), run.config().hbv(),
                run.config().network(), run.config().training()), ProgressListener.NONE, CancellationToken.NONE))
                .hasMessageContaining("no observed streamflow");

        ExperimentRunner.EvaluationResult eval = ExperimentRunner.evaluate(project, run.dir(),
                AttributeSensitivity.Mode.NEVER, false, ProgressListener.NONE, CancellationToken.NONE);
        ExperimentRunner.PredictionResult p = predict(run.dir(), "ungauged", null);
        ExperimentRunner.EvaluationResult r = p.result();
        assertThat(r.sim().basinIds()).containsExactly("01022500");
        int k = eval.sim().basinIds().indexOf("01022500");
        assertThat(r.sim().start()).isEqualTo(eval.sim().start());
        assertThat(r.sim().flow()[0]).containsExactly(eval.sim().flow()[k]);
        // and every output the model was not trained on
        assertThat(r.sim().outputs().keySet()).isEqualTo(eval.sim().outputs().keySet()).contains("SNOWPACK", "ET");
        for (String out : eval.sim().outputs().keySet()) {
            assertThat(r.sim().outputs().get(out)[0]).as(out).containsExactly(eval.sim().outputs().get(out)[k]);
        }
        // metrics only where flow exists: no skill scores, the outputs' own figures stay
        Map<String, Double> m = r.metrics().get(0);
        assertThat(m.get("n_obs")).isZero();
        assertThat(m.get("nse")).isNaN();
        assertThat(m.get("kge")).isNaN();
        assertThat(m.get("bfi_sim")).isFinite().isEqualTo(eval.metrics().get(k).get("bfi_sim"));
        assertThat(m.get("et_sim_mm_per_yr")).isFinite();
        for (float q : r.sim().observed()[0]) {
            assertThat(q).isNaN();
        }
        assertThat(p.flags()).isEmpty();
        String name = "predict_ungauged_1998-10-01_1999-09-30";
        assertThat(r.dir()).isEqualTo(run.dir().resolve("eval").resolve(name));
        assertThat(Files.readAllLines(r.dir().resolve(AttributeRangeCheck.FILE_NAME))).hasSize(1);
        assertThat(RunResults.evaluations(run.dir())).contains("test", name);
        assertThat(RunResults.of(run.dir(), name).info()).containsEntry("kind", "prediction")
                .containsEntry("dataset", "ungauged").containsEntry("attributesOutOfRange", "0");
        assertThat(RunResults.of(run.dir(), name).outputs("01022500")).isPresent();
    }

    @Test
    void aBasinLackingAnAttributeTheNetworkNeedsIsRefusedNamingBasinAndAttribute() throws Exception {
        // Dinwoody Creek's real CAMELS geology table has "NA" for geol_porostiy
        Period wy2010 = Period.inclusive(LocalDate.of(2009, 10, 1), LocalDate.of(2010, 9, 30));
        assertThatThrownBy(() -> predict(run.dir(), null, List.of("06221400"), wy2010, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("06221400: geol_porostiy").hasMessageContaining("--fill-missing-attributes");
    }

    @Test
    void attributesOutsideTheTrainingRangeAreFlaggedWithHowFar() throws Exception {
        // Dinwoody Creek (06221400, Wind River Range) lies 3336.8 m high on average; the highest training basin,
        // 03439000, 863.18 m (the lowest, 01022500, 92.68 m): (3336.8 - 863.18) / 863.18 = 287 %
        // water year 2010: its flow record starts in 2002
        Period wy2010 = Period.inclusive(LocalDate.of(2009, 10, 1), LocalDate.of(2010, 9, 30));
        ExperimentRunner.PredictionResult p = predict(run.dir(), null, List.of("06221400"), wy2010);
        assertThat(p.result().dir().getFileName().toString()).isEqualTo("predict_camels-nldas_2009-10-01_2010-09-30");
        assertThat(p.flags()).extracting(AttributeRangeCheck.Flag::format)
                .contains("elev_mean 3337 m is 287 % above the training maximum 863.2 m");
        assertThat(p.flags()).allMatch(f -> f.basinId().equals("06221400")).allMatch(f -> f.value() > f.max()
                || f.value() < f.min());
        String file = Files.readString(p.result().dir().resolve(AttributeRangeCheck.FILE_NAME));
        assertThat(file).contains("06221400,elev_mean,3337,m,92.68,863.2,above,286.6,");
        // a range of one value (no training basin has carbonate rocks): no percentage, said in words
        assertThat(file).contains("06221400,carbonate_rocks_frac,0.09415,,0,0,above,,\"carbonate_rocks_frac 0.09415 is"
                + " above the training value 0 (the same in every training basin)\"");
        assertThat(RunResults.of(run.dir(), p.result().dir().getFileName().toString()).attributeRangeFlags())
                .contains("06221400: elev_mean 3337 m is 287 % above the training maximum 863.2 m");
        // this basin has flow: its metrics are there
        assertThat(p.result().metrics().get(0).get("n_obs")).isGreaterThan(300);
        assertThat(p.result().metrics().get(0).get("nse")).isFinite();

        // a run trained before the ranges were kept: the same flags, from its training basins' data
        Path old = copyOfRun("old-run");
        ObjectNode n = (ObjectNode) ProjectStore.mapper().readTree(old.resolve("normalization.json").toFile());
        assertThat(n.remove("attributeRanges")).isNotNull();
        Files.writeString(old.resolve("normalization.json"), n.toString());
        assertThat(predict(old, null, List.of("06221400"), wy2010).flags()).isEqualTo(p.flags());
    }

    @Test
    void theRunsOwnStatisticsAreUsedNotRecomputed() throws Exception {
        // statistics recomputed on the predicted basin would change its inputs; a changed file changes the result
        Path copy = copyOfRun("changed-stats");
        ExperimentRunner.PredictionResult a = predict(run.dir(), "ungauged", List.of("01022500"));
        String json = Files.readString(copy.resolve("normalization.json"));
        ObjectNode n = (ObjectNode) ProjectStore.mapper().readTree(json);
        ObjectNode tmean = (ObjectNode) n.get("stats").get(Variable.TMEAN.name().toLowerCase(java.util.Locale.ROOT));
        tmean.put("mean", tmean.get("mean").asDouble() + 5);
        Files.writeString(copy.resolve("normalization.json"), n.toString());
        ExperimentRunner.PredictionResult b = predict(copy, "ungauged", List.of("01022500"));
        assertThat(b.result().sim().flow()[0]).isNotEqualTo(a.result().sim().flow()[0]);
    }
}
