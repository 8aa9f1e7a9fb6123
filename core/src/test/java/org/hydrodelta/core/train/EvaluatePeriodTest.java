package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluation of any period with any checkpoint, on a tiny real training of the camels-regions sample (4 basins,
 * 2 epochs; training 1993-10-01 .. 1997-09-30, validation water year 1998, test water year 1999, 120 warm-up days;
 * the sample's NLDAS forcing runs from 1993-09-29 to 2013-09-30).
 */
class EvaluatePeriodTest {
    @TempDir
    static Path tmp;
    static Project project;
    static RunFolder run;

    @BeforeAll
    static void trainTiny() throws Exception {
        project = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
        run = ExperimentRunner.train(project, tmp, "tiny", ExperimentRunnerTest.tiny("delta-hbv", List.of(), 2, 6),
                ProgressListener.NONE, CancellationToken.NONE, TrainingListener.NONE);
    }

    private static ExperimentRunner.EvaluationResult evaluate(String period, Integer epoch) throws Exception {
        return ExperimentRunner.evaluate(project, run.dir(), period, epoch, AttributeSensitivity.Mode.NEVER, false,
                ProgressListener.NONE, CancellationToken.NONE);
    }

    @Test
    void theValidationPeriodGivesTheMedianNseTrainingRecordedForThatEpoch() throws Exception {
        List<String> rows = Files.readAllLines(run.dir().resolve(RunFolder.VALIDATION_FILE));
        for (int epoch = 1; epoch <= 2; epoch++) {
            double recorded = Double.parseDouble(rows.get(epoch).split(",")[1]);
            ExperimentRunner.EvaluationResult r = evaluate("validation", epoch);
            assertThat(r.median("nse")).as("epoch %d", epoch).isEqualTo(recorded);
            assertThat(r.dir()).isEqualTo(run.dir().resolve("eval").resolve(String.format("validation_epoch_%03d",
                    epoch)));
            // the validation water year 1998, warmed up over the training period (the test protocol)
            assertThat(r.sim().start()).isEqualTo("1997-10-01");
            assertThat(r.sim().nDays()).isEqualTo(365);
            Map<String, String> info = RunResults.of(run.dir(), r.dir().getFileName().toString()).info();
            assertThat(info).containsEntry("kind", "evaluation").containsEntry("period", "validation")
                    .containsEntry("scored", "1997-10-01..1998-09-30").containsEntry("runUp", "1993-10-01..1997-09-30")
                    .containsEntry("checkpoint", String.format("epoch_%03d", epoch));
        }
    }

    @Test
    void periodsAndWindowsAreFiniteDeterministicAndDifferFromTheTest() throws Exception {
        ExperimentRunner.EvaluationResult test = evaluate("test", null);
        assertThat(test.dir()).isEqualTo(RunResults.evaluationDir(run.dir()));
        ExperimentRunner.EvaluationResult validation = evaluate("validation", null);
        String first = Files.readString(validation.dir().resolve("metrics.csv"));
        ExperimentRunner.EvaluationResult again = evaluate("validation", null);
        assertThat(Files.readString(again.dir().resolve("metrics.csv"))).isEqualTo(first);
        // a window inside the training period warms up over the 120 days of data before it
        ExperimentRunner.EvaluationResult window = evaluate("1995-01-01:1995-12-31", null);
        assertThat(window.dir().getFileName().toString()).isEqualTo("1995-01-01_1995-12-31");
        assertThat(window.sim().start()).isEqualTo("1995-01-01");
        assertThat(window.sim().nDays()).isEqualTo(365);
        assertThat(RunResults.of(run.dir(), "1995-01-01_1995-12-31").info()).containsEntry("runUp",
                "1994-09-03..1994-12-31");
        for (ExperimentRunner.EvaluationResult r : List.of(test, validation, window)) {
            for (Map<String, Double> m : r.metrics()) {
                assertThat(m.get("nse")).isFinite();
                assertThat(m.get("kge")).isFinite();
            }
        }
        assertThat(validation.median("nse")).isNotEqualTo(test.median("nse"));
        assertThat(window.median("nse")).isNotEqualTo(test.median("nse")).isNotEqualTo(validation.median("nse"));
        // the app reads them through RunResults: every evaluation listed, the test first, metrics as written
        assertThat(RunResults.evaluations(run.dir())).startsWith("test").contains("validation",
                "1995-01-01_1995-12-31");
        assertThat(RunResults.of(run.dir(), "validation").metrics().get("01022500").get("nse"))
                .isCloseTo(validation.metrics().get(1).get("nse"), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(RunResults.of(run.dir()).metrics().get("01022500").get("nse"))
                .isCloseTo(test.metrics().get(1).get("nse"), org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void anEpochPicksItsCheckpointAndTheDefaultIsTheChosenOne() throws Exception {
        ExperimentRunner.EvaluationResult one = evaluate("test", 1);
        ExperimentRunner.EvaluationResult two = evaluate("test", 2);
        assertThat(one.checkpoint()).isEqualTo(run.checkpointDir(1));
        assertThat(two.checkpoint()).isEqualTo(run.checkpointDir(2));
        assertThat(one.dir().getFileName().toString()).isEqualTo("test_epoch_001");
        assertThat(one.median("nse")).isNotEqualTo(two.median("nse"));
        assertThat(one.sim().flow()[0]).isNotEqualTo(two.sim().flow()[0]);
        int best = run.readJson("run.json").get("bestEpoch").asInt();
        ExperimentRunner.EvaluationResult chosen = evaluate("test", null);
        assertThat(chosen.checkpoint()).isEqualTo(run.checkpointDir(best));
        assertThat(chosen.sim().flow()[0]).isEqualTo((best == 1 ? one : two).sim().flow()[0]);
    }

    @Test
    void refusalsNameTheUsableDaysAndTheEpochsThereAre() {
        assertThatThrownBy(() -> evaluate("test", 7)).hasMessageContaining("no checkpoint of epoch 7")
                .hasMessageContaining("checkpoints exist for epochs 1, 2");
        // the training period's 120 warm-up days would start on 1993-06-03, before the forcing
        assertThatThrownBy(() -> evaluate("train", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--period train needs 1993-06-03 .. 1997-09-30 (warm-up included)")
                .hasMessageContaining("starts on 1993-09-29 (the first usable day)");
        // 01022500's forcing runs to 2014-12-31, the other three basins' to 2013-10-03: each basin is checked
        assertThatThrownBy(() -> evaluate("2012-10-01:2014-09-30", null))
                .hasMessageContaining("the forcing of 3 basins (01013500, 03439000, 12010000) ends on 2013-10-03"
                        + " (the last usable day)").message().doesNotContain("01022500");
        assertThatThrownBy(() -> evaluate("2009-13-01:2010-01-01", null)).hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> evaluate("spring", null)).hasMessageContaining("train, validation, test or START:END");
        assertThat(RunResults.evaluations(run.dir())).doesNotContain("train", "2012-10-01_2014-09-30");
    }
}
