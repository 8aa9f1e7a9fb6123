package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short real trainings on the camels-regions sample project (4 basins, small network, short windows). */
class ExperimentRunnerTest {
    @TempDir
    static Path tmp;
    static Project project;

    @BeforeAll
    static void openSample() throws Exception {
        project = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
    }

    static ExperimentConfig tiny(String model, List<String> dynamic, int epochs, int iterations) {
        return new ExperimentConfig(model, "camels-nldas", List.of("01013500", "01022500", "03439000", "12010000"),
                Period.inclusive(LocalDate.of(1993, 10, 1), LocalDate.of(1997, 9, 30)),
                Period.inclusive(LocalDate.of(1997, 10, 1), LocalDate.of(1998, 9, 30)),
                Period.inclusive(LocalDate.of(1998, 10, 1), LocalDate.of(1999, 9, 30)), 120, 180, null, null,
                new ExperimentConfig.Hbv(2, dynamic, true, true), new ExperimentConfig.Network("lstm", 16, 0.5),
                new ExperimentConfig.Training(null, null, "adam", 0.01, epochs, 4, iterations, 7L, 2, null));
    }

    private static float[] weights(RunFolder run, int epoch) throws Exception {
        Map<String, float[]> w = TensorFile.read(run.checkpointDir(epoch).resolve("weights.bin"));
        List<Float> all = new ArrayList<>();
        w.values().forEach(a -> {
            for (float v : a) {
                all.add(v);
            }
        });
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void lossFallsAndTheMetricsFileIsComplete() throws Exception {
        List<Double> epochLoss = new ArrayList<>();
        RunFolder run = ExperimentRunner.train(project, tmp.resolve("a"), "tiny", tiny("delta-hbv",
                List.of("BETA", "BETAET"), 4, 12), ProgressListener.NONE, CancellationToken.NONE,
                new TrainingListener() {
                    @Override
                    public void epoch(int epoch, double meanLoss, Map<String, Double> nse) {
                        epochLoss.add(meanLoss);
                        assertThat(nse).hasSize(4);
                    }
                });
        assertThat(epochLoss).hasSize(4);
        assertThat(epochLoss.get(3)).isLessThan(epochLoss.get(0));
        assertThat(run.readJson("run.json").get("status").asText()).isEqualTo("finished");
        // the engines decide the last bits of every product: the run says which it trained with
        assertThat(run.readJson("run.json").path("matrixProducts").asText())
                .isEqualTo(org.hydrodelta.core.nn.gemm.GemmEngine.choice().engines()).startsWith("native OpenBLAS for");
        assertThat(Files.readAllLines(run.dir().resolve("log.csv"))).hasSize(1 + 4 * 12);
        assertThat(run.dir().resolve("normalization.json")).isRegularFile();

        ExperimentRunner.EvaluationResult r = ExperimentRunner.evaluate(project, run.dir(), ProgressListener.NONE,
                CancellationToken.NONE);
        List<String> metrics = Files.readAllLines(r.dir().resolve("metrics.csv"));
        assertThat(metrics).hasSize(5);
        assertThat(metrics.get(0)).startsWith("basin_id,n_obs,nse,kge,kge_prime,r,rmse,pbias,fhv,flv_mhpi");
        // the sample declares the filtered baseflow (issue 18): scored against Q2 in five more columns
        assertThat(metrics.get(0)).endsWith(",baseflow_n_obs,baseflow_nse,baseflow_kge,baseflow_r,baseflow_bias");
        for (String row : metrics.subList(1, 5)) {
            String[] f = row.split(",", -1);
            assertThat(f).hasSize(17 + 5);
            assertThat(Double.parseDouble(f[18])).as("baseflow NSE is finite").isFinite();
            assertThat(Double.parseDouble(f[1])).as("observed days in the test year").isGreaterThan(300);
            assertThat(Double.parseDouble(f[2])).as("NSE is finite").isFinite();
        }
        // test year 1998-10-01 .. 1999-09-30: 365 rows of outputs per basin, every state present
        List<String> out = Files.readAllLines(r.dir().resolve("outputs/01013500.csv"));
        assertThat(out).hasSize(366);
        assertThat(out.get(0)).contains("qobs", "q_routed", "snowpack", "sm", "suz", "slz", "et", "q2", "param_beta",
                "param_fc", "param_betaet");
        // learned parameters stay inside the physical ranges of spec §2; dynamic β varies, static FC does not
        List<String> header = List.of(out.get(0).split(","));
        int beta = header.indexOf("param_beta");
        int fc = header.indexOf("param_fc");
        java.util.Set<String> betas = new java.util.HashSet<>();
        java.util.Set<String> fcs = new java.util.HashSet<>();
        for (String line : out.subList(1, out.size())) {
            String[] f = line.split(",", -1);
            assertThat(Double.parseDouble(f[beta])).isBetween(1.0, 6.0);
            assertThat(Double.parseDouble(f[fc])).isBetween(50.0, 1000.0);
            betas.add(f[beta]);
            fcs.add(f[fc]);
        }
        assertThat(betas).hasSizeGreaterThan(10);
        assertThat(fcs).hasSize(1);
        assertThat(out.get(1)).startsWith("1998-10-01,");
        assertThat(r.dir().resolve("outputs/SNOWPACK.npy")).isRegularFile();
        // the per-basin means the map colours by: the mean of the daily column, and the static FC itself
        Map<String, Map<String, Double>> means = org.hydrodelta.core.eval.ResultsReader.readMetrics(
                r.dir().resolve(org.hydrodelta.core.eval.ResultsWriter.OUTPUTS_MEAN));
        assertThat(means).containsOnlyKeys("01013500", "01022500", "03439000", "12010000");
        int sm = header.indexOf("sm");
        double sum = 0;
        for (String line : out.subList(1, out.size())) {
            sum += Double.parseDouble(line.split(",", -1)[sm]);
        }
        assertThat(means.get("01013500").get("mean_sm")).isCloseTo(sum / 365, org.assertj.core.data.Offset.offset(
                1e-3));
        assertThat(means.get("01013500").get("mean_param_fc")).isCloseTo(Double.parseDouble(fcs.iterator().next()),
                org.assertj.core.data.Offset.offset(1e-3));
        assertThat(means.get("01013500")).containsKeys("mean_snowpack", "mean_et", "mean_slz", "mean_q2",
                "mean_param_beta");
    }

    @Test
    void aResumedRunIsBitIdenticalToAnUninterruptedOne() throws Exception {
        ExperimentConfig c = tiny("delta-hbv", List.of("BETA", "BETAET"), 2, 5);
        RunFolder straight = ExperimentRunner.train(project, tmp.resolve("b"), "tiny", c, ProgressListener.NONE,
                CancellationToken.NONE, TrainingListener.NONE);

        CancellationToken token = new CancellationToken();
        Path dir = tmp.resolve("c");
        assertThatThrownBy(() -> ExperimentRunner.train(project, dir, "tiny", c, ProgressListener.NONE, token,
                new TrainingListener() {
                    @Override
                    public void epoch(int epoch, double meanLoss, Map<String, Double> nse) {
                        token.cancel();
                    }
                })).isInstanceOf(CancelledException.class);
        Path interrupted;
        try (var s = Files.list(dir.resolve("runs"))) {
            interrupted = s.findFirst().orElseThrow();
        }
        RunFolder cut = RunFolder.open(interrupted);
        assertThat(cut.readJson("run.json").get("status").asText()).isEqualTo("cancelled");
        assertThat(cut.latestCheckpoint()).hasValueSatisfying(p -> assertThat(p.getFileName().toString())
                .isEqualTo("epoch_001"));

        ExperimentRunner.resume(project, interrupted, ProgressListener.NONE, CancellationToken.NONE,
                TrainingListener.NONE);
        assertThat(weights(cut, 1)).isEqualTo(weights(straight, 1));
        assertThat(weights(cut, 2)).isEqualTo(weights(straight, 2));
        assertThat(Files.readAllLines(cut.dir().resolve("log.csv")).stream().skip(6).map(l -> l.split(",")[2]))
                .containsExactlyElementsOf(Files.readAllLines(straight.dir().resolve("log.csv")).stream().skip(6)
                        .map(l -> l.split(",")[2]).toList());
        // finished now: a second resumption is refused, it would only mark the run finished again
        byte[] runJson = Files.readAllBytes(interrupted.resolve("run.json"));
        assertThatThrownBy(() -> ExperimentRunner.resume(project, interrupted, ProgressListener.NONE,
                CancellationToken.NONE, TrainingListener.NONE)).isInstanceOf(IllegalStateException.class)
                .hasMessage("run " + interrupted.getFileName() + " is finished after 2 epochs and is kept as it is,"
                        + " with its checkpoints and evaluation; to train longer, start a new run of its experiment"
                        + " tiny with more epochs");
        assertThat(Files.readAllBytes(interrupted.resolve("run.json"))).isEqualTo(runJson);
    }

    @Test
    void aRunThatStoppedEarlyIsFinishedAndIsNotTrainedOnByAResumption() throws Exception {
        ExperimentConfig t = tiny("delta-hbv", List.of("BETA"), 3, 2);
        // a learning rate of 1e-30 (0 is not a valid configuration): the steps vanish against the weights in float,
        // so the median validation NSE never improves on epoch 1's and early stopping (patience 1) ends the run
        // after epoch 2 of 3, every time
        ExperimentConfig c = t.withTraining(new ExperimentConfig.Training(null, null, "adam", 1e-30, 3, 4, 2, 7L, 2,
                null, 1));
        RunFolder run = ExperimentRunner.train(project, tmp.resolve("early"), "early", c, ProgressListener.NONE,
                CancellationToken.NONE, TrainingListener.NONE);
        assertThat(run.readJson("run.json").get("stoppedEarlyAfterEpoch").asInt()).isEqualTo(2);
        assertThat(run.status()).isEqualTo("finished");
        ExperimentRunner.evaluate(project, run.dir(), org.hydrodelta.core.eval.AttributeSensitivity.Mode.NEVER,
                false, ProgressListener.NONE, CancellationToken.NONE);
        Map<String, byte[]> before = files(run.dir());
        String refusal = "run " + run.dir().getFileName() + " is finished after 2 epochs (early stopping ended it"
                + " before its 3) and is kept as it is, with its checkpoints and evaluation; to train longer, start a"
                + " new run of its experiment early with more epochs";
        // the resumption used to train epoch 3 past the stop, leaving eval/ describing an older model
        assertThatThrownBy(() -> ExperimentRunner.resume(project, run.dir(), ProgressListener.NONE,
                CancellationToken.NONE, TrainingListener.NONE)).isInstanceOf(IllegalStateException.class)
                .hasMessage(refusal);
        assertThatThrownBy(() -> ExperimentRunner.resume(project, run.dir(), new ExperimentRunner.ResumeOptions(
                null, 1), ProgressListener.NONE, CancellationToken.NONE, TrainingListener.NONE, null))
                .isInstanceOf(IllegalStateException.class).hasMessage(refusal);
        assertThat(ExperimentRunner.epochsProblem(run, 5)).isEqualTo(refusal);
        Map<String, byte[]> after = files(run.dir());
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    /** @return every file under {@code dir} (relative path) with its bytes */
    private static Map<String, byte[]> files(Path dir) throws Exception {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        try (var s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    @Test
    void theLstmAndCalibratedHbvTrainOnTheSameData() throws Exception {
        for (String model : List.of("lstm", "calibrated-hbv")) {
            List<Double> losses = new ArrayList<>();
            RunFolder run = ExperimentRunner.train(project, tmp.resolve(model), model, tiny(model, List.of(), 2, 6),
                    ProgressListener.NONE, CancellationToken.NONE, new TrainingListener() {
                        @Override
                        public void epoch(int epoch, double meanLoss, Map<String, Double> nse) {
                            losses.add(meanLoss);
                        }
                    });
            assertThat(losses).as(model).hasSize(2).allSatisfy(l -> assertThat(l).isFinite().isPositive());
            ExperimentRunner.EvaluationResult r = ExperimentRunner.evaluate(project, run.dir(), ProgressListener.NONE,
                    CancellationToken.NONE);
            assertThat(r.median("nse")).as(model).isFinite();
            assertThat(r.dir().resolve(org.hydrodelta.core.eval.AttributeSensitivity.FILE_NAME)).as(model)
                    .doesNotExist();
        }
    }
}
