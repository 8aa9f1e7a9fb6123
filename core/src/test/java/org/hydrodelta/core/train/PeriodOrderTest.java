package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Periods in any order on the camels-regions sample (NLDAS 1993-09-29 .. 2013-10-03): validation and test before
 * training, each checked against the data at load, early stopping on the validation period and evaluation of the
 * chosen epoch.
 */
class PeriodOrderTest {
    @TempDir
    static Path tmp;
    static Project project;
    static final List<String> BASINS = List.of("01013500", "03439000", "12010000");

    @BeforeAll
    static void openSample() throws Exception {
        project = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
    }

    static ExperimentConfig config(Period train, Period validation, Period test, int epochs, int patience) {
        return new ExperimentConfig("delta-hbv", "camels-nldas", BASINS, train, validation, test, 120, 180, null, null,
                new ExperimentConfig.Hbv(2, List.of("BETA"), true, true), new ExperimentConfig.Network("lstm", 8, 0.5),
                new ExperimentConfig.Training(null, null, "adam", 0.05, epochs, 3, 6, 7L, 2, null, patience));
    }

    static Period p(String first, String last) {
        return Period.inclusive(LocalDate.parse(first), LocalDate.parse(last));
    }

    @Test
    void validationAndTestBeforeTrainingTrainValidateAndEvaluateTheBestEpoch() throws Exception {
        // the test year ends the day before training starts: once "empty period: end 2003-10-01 is not after start"
        ExperimentConfig c = config(p("2003-10-01", "2007-09-30"), p("1995-10-01", "1996-09-30")
                .withWarmupStart(LocalDate.of(1994, 10, 1)), p("2002-10-01", "2003-09-30"), 4, 1);
        assertThat(c.validate()).isEmpty();
        List<Double> medians = new ArrayList<>();
        RunFolder run = ExperimentRunner.train(project, tmp.resolve("a"), "before", c, ProgressListener.NONE,
                CancellationToken.NONE, new TrainingListener() {
                    @Override
                    public void epoch(int epoch, double meanLoss, Map<String, Double> nse) {
                        assertThat(nse).hasSize(3);
                        medians.add(org.hydrodelta.core.eval.BasinMetrics.median(nse.values().stream()
                                .mapToDouble(Double::doubleValue).toArray()));
                    }
                });
        JsonNode info = run.readJson("run.json");
        assertThat(info.get("status").asText()).isEqualTo("finished");
        List<String> validation = Files.readAllLines(run.dir().resolve(RunFolder.VALIDATION_FILE));
        assertThat(validation.get(0)).isEqualTo("epoch,median_nse,basins,best_epoch");
        assertThat(validation).hasSize(1 + medians.size());
        int best = 1;
        for (int e = 1; e <= medians.size(); e++) {
            if (medians.get(e - 1) > medians.get(best - 1)) {
                best = e;
            }
            assertThat(Double.parseDouble(validation.get(e).split(",")[1])).isEqualTo(medians.get(e - 1));
        }
        assertThat(info.get("bestEpoch").asInt()).isEqualTo(best);
        if (medians.size() < 4) {
            assertThat(info.get("stoppedEarlyAfterEpoch").asInt()).isEqualTo(medians.size()).isEqualTo(best + 1);
        } else {
            assertThat(info.has("stoppedEarlyAfterEpoch")).isFalse();
        }
        // log.csv: each epoch's last row carries the median validation NSE, the others none
        List<String> log = Files.readAllLines(run.dir().resolve("log.csv"));
        assertThat(log).hasSize(1 + 6 * medians.size());
        assertThat(log.get(6).split(",", -1)[3]).isEqualTo(String.valueOf(medians.get(0)));
        assertThat(log.get(5).split(",", -1)[3]).isEmpty();

        ExperimentRunner.EvaluationResult r = ExperimentRunner.evaluate(project, run.dir(),
                org.hydrodelta.core.eval.AttributeSensitivity.Mode.NEVER, false, ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(r.checkpoint()).isEqualTo(run.checkpointDir(best));
        assertThat(r.sim().start()).isEqualTo(LocalDate.of(2002, 10, 1));
        assertThat(r.sim().nDays()).isEqualTo(365);
        for (Map<String, Double> m : r.metrics()) {
            assertThat(m.get("nse")).isFinite();
        }
        // compact outputs: no per-basin tables, and the reader rebuilds the same series from the .npy files
        assertThat(r.dir().resolve("outputs/01013500.csv")).doesNotExist();
        org.hydrodelta.core.eval.ResultsReader.BasinSeries s = org.hydrodelta.core.eval.ResultsReader.readBasin(
                r.dir(), "03439000");
        assertThat(s.start()).isEqualTo(LocalDate.of(2002, 10, 1));
        assertThat(s.series().get("q_routed")).containsExactly(r.sim().flow()[1]);
        assertThat(s.series().get("qobs")).containsExactly(r.sim().observed()[1]);
        assertThat(s.series().get("param_fc")).containsOnly(r.sim().outputs().get("PARAM_FC")[1][0]);
    }

    @Test
    void aPeriodRunningOffTheDataIsRefusedBeforeTrainingNamingTheFirstUsableDay() {
        // warmupDays = 120 before a test year from 1994-10-01: loaded from 1994-06-03 (data from 1993-09-29)
        ExperimentConfig ok = config(p("2003-10-01", "2007-09-30"), null, p("1994-10-01", "1995-09-30"), 1, 0);
        ExperimentData data = ExperimentData.load(project, ok, ProgressListener.NONE, CancellationToken.NONE);
        assertThat(data.dataset().start()).isEqualTo(LocalDate.of(1994, 6, 3));
        // a test year before the data
        ExperimentConfig before = config(p("2003-10-01", "2007-09-30"), null, p("1993-10-01", "1994-09-30"), 1, 0);
        assertThatThrownBy(() -> ExperimentData.load(project, before, ProgressListener.NONE, CancellationToken.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("testPeriod needs 1993-06-03 .. 1994-09-30 (warm-up included)")
                .hasMessageContaining("starts on 1993-09-29 (the first usable day)");
        // a training period past the end of the data
        ExperimentConfig after = config(p("2010-10-01", "2014-09-30"), null, p("1995-10-01", "1996-09-30"), 1, 0);
        assertThatThrownBy(() -> ExperimentData.load(project, after, ProgressListener.NONE, CancellationToken.NONE))
                .hasMessageContaining("trainPeriod needs 2010-10-01 .. 2014-09-30")
                .hasMessageContaining("ends on 2013-10-03 (the last usable day)");
    }

    @Test
    void runUpKeepsThePaperProtocolAfterTrainingAndWarmsUpBeforeIt() {
        ExperimentConfig c = config(p("2003-10-01", "2007-09-30"), p("1995-10-01", "1996-09-30")
                .withWarmupStart(LocalDate.of(1995, 1, 1)), p("2008-10-01", "2009-09-30"), 1, 0);
        assertThat(ExperimentData.runUp(c, c.testPeriod())).isEqualTo(p("2003-10-01", "2007-09-30"));
        assertThat(ExperimentData.runUp(c, c.validationPeriod())).isEqualTo(p("1995-01-01", "1995-09-30"));
        assertThat(ExperimentData.spans(c).get("validationPeriod")).isEqualTo(p("1995-01-01", "1996-09-30"));
        ExperimentConfig noWarmupStart = config(p("2003-10-01", "2007-09-30"), null, p("1998-10-01", "1999-09-30"),
                1, 0);
        assertThat(ExperimentData.runUp(noWarmupStart, noWarmupStart.testPeriod()))
                .isEqualTo(p("1998-06-03", "1998-09-30"));
    }
}
