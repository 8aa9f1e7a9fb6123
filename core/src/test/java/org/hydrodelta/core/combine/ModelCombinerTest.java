package org.hydrodelta.core.combine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.loss.FlowLoss;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learned combination on the real 19-basin sample: three tiny runs (a δ model, an LSTM, a calibrated HBV) are
 * trained once, then combined; the gradients are checked against central differences on their real series.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelCombinerTest {
    @TempDir
    static Path tmp;

    private Path file;
    private Project project;
    private final List<String> runs = new ArrayList<>();

    static final Period TRAIN = Period.inclusive(LocalDate.of(2003, 10, 1), LocalDate.of(2005, 9, 30));
    static final Period VALIDATION = Period.inclusive(LocalDate.of(2005, 10, 1), LocalDate.of(2007, 9, 30));
    static final Period TEST = Period.inclusive(LocalDate.of(2007, 10, 1), LocalDate.of(2009, 9, 30));

    /** A tiny configuration of a model on every basin of the sample. */
    static ExperimentConfig tiny(String model, String optimizer, double lr, int epochs) {
        return new ExperimentConfig(model, "camels-nldas", null, TRAIN, VALIDATION, TEST, 90, 120, null, null,
                model.equals("calibrated-hbv") ? new ExperimentConfig.Hbv(1, List.of(), false, true)
                        : new ExperimentConfig.Hbv(1, List.of("BETA"), true, true),
                model.equals("calibrated-hbv") ? null : new ExperimentConfig.Network("lstm", 8, 0.0),
                new ExperimentConfig.Training("nse", null, optimizer, lr, epochs, 19, 6, 11L, 2, null));
    }

    @BeforeAll
    void trainTinyRuns() throws Exception {
        Project sample = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
        sample.runs().clear();
        file = tmp.resolve("combine").resolve("combine.hdproj");
        ProjectStore.save(sample, file);
        project = ProjectStore.load(file);
        String[][] specs = {{"delta-hbv", "adam", "0.02", "3"}, {"lstm", "adam", "0.01", "3"},
            {"calibrated-hbv", "adam", "0.05", "6"}};
        for (String[] s : specs) {
            Path dir = ExperimentRunner.train(project, file.getParent(), s[0], tiny(s[0], s[1],
                    Double.parseDouble(s[2]), Integer.parseInt(s[3])), ProgressListener.NONE, CancellationToken.NONE,
                    TrainingListener.NONE).dir();
            RunRef ref = new RunRef(dir.getFileName().toString(), s[0], dir, Instant.now());
            ProjectStore.update(file, p -> p.putRun(ref));
            project.putRun(ref);
            runs.add(ref.name());
        }
    }

    private ModelCombiner.Request request(String name, List<String> which) {
        return new ModelCombiner.Request(which, name, 6, 300, 5, 0.05, null, null);
    }

    @Test
    void combinationBeatsTheMeanAndTheBestRunOnValidationAndIsARun() throws Exception {
        List<String> messages = new ArrayList<>();
        ModelCombiner.Result r = ModelCombiner.combine(project, file, request("combo", runs),
                (d, t, m) -> messages.add(m), CancellationToken.NONE);
        // inputs were evaluated on their validation and test periods where missing
        for (String run : runs) {
            Path dir = project.run(run).orElseThrow().path();
            assertThat(RunResults.of(dir, "validation").evaluated()).isTrue();
            assertThat(RunResults.of(dir).evaluated()).isTrue();
        }
        assertThat(messages).anyMatch(m -> m.startsWith("evaluating ")).anyMatch(m -> m.startsWith("combining: "));
        assertThat(r.basins()).hasSize(19);
        double bestSingle = r.singleValidationLoss().values().stream().mapToDouble(Double::doubleValue).min()
                .orElseThrow();
        assertThat(r.validationLoss()).isLessThanOrEqualTo(r.meanValidationLoss()).isLessThanOrEqualTo(bestSingle);
        assertThat(r.bestEpoch()).isPositive();
        for (double[] w : r.weights()) {
            assertThat(w[0] + w[1] + w[2]).isCloseTo(1.0, within(1e-12));
            assertThat(java.util.Arrays.stream(w).allMatch(v -> v > 0)).isTrue();
        }
        assertThat(r.temperature()).isPositive().isFinite();
        // the run folder, as any other run's
        Path dir = file.getParent().resolve("runs").resolve("combo");
        assertThat(r.dir()).isEqualTo(dir.toAbsolutePath().normalize());
        RunResults res = RunResults.of(dir);
        assertThat(res.evaluated()).isTrue();
        assertThat(res.metrics()).hasSize(19);
        assertThat(res.metrics().values()).allMatch(m -> Double.isFinite(m.get("nse")));
        assertThat(RunResults.of(dir, "validation").evaluated()).isTrue();
        assertThat(org.hydrodelta.core.eval.ResultsReader.readBasin(res.dir(), "01022500").series())
                .containsKeys("q_routed", "qobs", "prcp");
        List<String> weights = Files.readAllLines(dir.resolve(ModelCombiner.WEIGHTS));
        assertThat(weights.get(0)).isEqualTo("basin_id," + String.join(",", runs));
        assertThat(weights).hasSize(20);
        var config = ProjectStore.mapper().readTree(dir.resolve("config.json").toFile());
        assertThat(config.path("kind").asText()).isEqualTo("combination");
        assertThat(config.path("inputs")).hasSize(3);
        assertThat(config.path("temperature").asDouble()).isEqualTo(r.temperature());
        // CAMELS has no root depth for 01013500: it takes the mean, and says so
        assertThat(config.path("missingAttributeValues").toString()).contains("01013500:root_depth_50");
        assertThat(messages).anyMatch(m -> m.contains("missing attribute values take the mean"));
        assertThat(config.path("attributes").size()).isEqualTo(ExperimentConfig.defaults().attributes().size());
        assertThat(config.path("network").path("parameters").size())
                .isEqualTo(CombinationNetwork.size(config.path("attributes").size(), 6, 3));
        // entered in the project file
        RunRef ref = ProjectStore.load(file).run("combo").orElseThrow();
        assertThat(ref.experiment()).isEqualTo(ModelCombiner.EXPERIMENT);
        assertThat(ref.status()).isEqualTo(RunRef.FINISHED);
        // comparison: test NSE medians as reported
        List<String> cmp = Files.readAllLines(dir.resolve(ModelCombiner.COMPARISON));
        assertThat(cmp.get(0)).endsWith(",nse_mean,nse_combination");
        assertThat(r.testNse()).isCloseTo(res.metrics().values().stream().mapToDouble(m -> m.get("nse")).sorted()
                .skip(9).findFirst().orElseThrow(), within(1e-5));
        System.out.printf("combination test NSE median %.3f, mean %.3f, inputs %s; validation loss %.4f (mean %.4f,"
                + " inputs %s); tau %.3f; fit %.2f s%n", r.testNse(), r.meanTestNse(), r.singleTestNse(),
                r.validationLoss(), r.meanValidationLoss(), r.singleValidationLoss(), r.temperature(), r.seconds());
        CombinationResults back = CombinationResults.read(dir).orElseThrow();
        assertThat(back.runs()).isEqualTo(runs);
        assertThat(back.weights()).hasSize(19);
        assertThat(back.winners()).hasSize(19);
        assertThat(org.hydrodelta.core.eval.BasinMetrics.median(back.nse(CombinationResults.COMBINATION)))
                .isCloseTo(r.testNse(), within(1e-5));
        assertThat(org.hydrodelta.core.eval.BasinMetrics.median(back.nse(CombinationResults.MEAN)))
                .isCloseTo(r.meanTestNse(), within(1e-5));
        assertThat(CombinationResults.read(project.run(runs.get(0)).orElseThrow().path())).isEmpty();
        // the open project takes the run from its file, as the window does
        assertThat(project.run("combo")).isEmpty();
        ProjectStore.mergeFromDisk(project, file);
        assertThat(project.run("combo")).isPresent();
        // a second combination of the same name is refused
        assertThatThrownBy(() -> ModelCombiner.combine(project, file, request("combo", runs), ProgressListener.NONE,
                CancellationToken.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has a run 'combo'");
    }

    /** Real validation series of the three runs (evaluating them where needed). */
    private List<ModelCombiner.PeriodSeries> validationSeries() throws Exception {
        List<ModelCombiner.PeriodSeries> out = new ArrayList<>();
        for (String run : runs) {
            Path dir = project.run(run).orElseThrow().path();
            if (!RunResults.of(dir, "validation").evaluated()) {
                ExperimentRunner.evaluate(project, dir, "validation", null,
                        org.hydrodelta.core.eval.AttributeSensitivity.Mode.NEVER, false, ProgressListener.NONE,
                        CancellationToken.NONE);
            }
            out.add(ModelCombiner.read(run, dir, "validation"));
        }
        ModelCombiner.checkSame(out, "validation");
        return out;
    }

    @Test
    void gradientsMatchCentralDifferencesForEveryParameter() throws Exception {
        List<ModelCombiner.PeriodSeries> s = validationSeries();
        // four basins, 60 days, four real attributes: small enough to difference every parameter
        int nb = 4;
        int days = 60;
        double[][][] q = new double[3][nb][days];
        float[][] obs = new float[nb][days];
        for (int i = 0; i < 3; i++) {
            for (int b = 0; b < nb; b++) {
                for (int d = 0; d < days; d++) {
                    q[i][b][d] = s.get(i).flow()[b][100 + d];
                    obs[b][d] = s.get(0).obs()[b][100 + d];
                }
            }
        }
        List<String> attrs = List.of("p_mean", "aridity", "frac_snow", "area_gages2");
        var table = org.hydrodelta.core.project.ProjectAttributes.of(project);
        double[][] raw = new double[nb][attrs.size()];
        for (int b = 0; b < nb; b++) {
            for (int a = 0; a < attrs.size(); a++) {
                raw[b][a] = table.value(s.get(0).basins().get(b), attrs.get(a));
            }
        }
        double[][] x = ModelCombiner.standardise(raw, new double[4], new double[4]);
        for (String lossName : CombinationLoss.NAMES) {
            CombinationLoss loss = new CombinationLoss(lossName, 0.25);
            CombinationNetwork net = new CombinationNetwork(4, 5, 3, 3);
            double[] p = net.parameters();
            // away from the start (where W2 = 0 leaves W1 without gradient): every parameter moved, τ ≠ 1
            java.util.Random rnd = new java.util.Random(7);
            for (int i = 0; i < p.length; i++) {
                p[i] += 0.8 * rnd.nextGaussian();
            }
            p[net.temperatureIndex()] = -0.4;
            double[] g = new double[p.length];
            ModelCombiner.lossAndGradient(net, x, q, obs, loss, g);
            for (int i = 0; i < p.length; i++) {
                double h = 1e-6 * Math.max(1, Math.abs(p[i]));
                double keep = p[i];
                p[i] = keep + h;
                double up = ModelCombiner.lossAndGradient(net, x, q, obs, loss, null);
                p[i] = keep - h;
                double down = ModelCombiner.lossAndGradient(net, x, q, obs, loss, null);
                p[i] = keep;
                double fd = (up - down) / (2 * h);
                assertThat(g[i]).as("%s: parameter %d of %d (last: log temperature)", lossName, i, p.length)
                        .isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
            }
            assertThat(g[net.temperatureIndex()]).isNotZero();
        }
    }

    @Test
    void doubleLossesEqualTheTrainingLossesAndFitsAreDeterministic() throws Exception {
        List<ModelCombiner.PeriodSeries> s = validationSeries();
        int nb = s.get(0).basins().size();
        int days = s.get(0).nDays();
        double[][] sim = new double[nb][days];
        float[] simF = new float[nb * days];
        float[] obsF = new float[nb * days];
        for (int b = 0; b < nb; b++) {
            for (int d = 0; d < days; d++) {
                sim[b][d] = s.get(0).flow()[b][d];
                simF[d * nb + b] = s.get(0).flow()[b][d];
                obsF[d * nb + b] = s.get(0).obs()[b][d];
            }
        }
        for (String name : CombinationLoss.NAMES) {
            double mine = new CombinationLoss(name, 0.25).evaluate(sim, s.get(0).obs(), null);
            double theirs = FlowLoss.byName(name, 0.25).evaluate(simF, obsF, null, nb).value();
            assertThat(mine).as(name).isCloseTo(theirs, within(1e-5 * theirs));
        }
        double[][][] q = new double[3][][];
        for (int i = 0; i < 3; i++) {
            q[i] = new double[nb][days];
            for (int b = 0; b < nb; b++) {
                for (int d = 0; d < days; d++) {
                    q[i][b][d] = s.get(i).flow()[b][d];
                }
            }
        }
        var table = org.hydrodelta.core.project.ProjectAttributes.of(project);
        List<String> attrs = ExperimentConfig.defaults().attributes();
        double[][] raw = new double[nb][attrs.size()];
        for (int b = 0; b < nb; b++) {
            for (int a = 0; a < attrs.size(); a++) {
                raw[b][a] = table.value(s.get(0).basins().get(b), attrs.get(a));
            }
        }
        double[][] x = ModelCombiner.standardise(raw, new double[attrs.size()], new double[attrs.size()]);
        CombinationLoss loss = new CombinationLoss("nse", 0);
        ModelCombiner.Fit a = ModelCombiner.fit(x, q, s.get(0).obs(), loss, 4, 60, 9, 0.05, ProgressListener.NONE,
                CancellationToken.NONE);
        ModelCombiner.Fit b = ModelCombiner.fit(x, q, s.get(0).obs(), loss, 4, 60, 9, 0.05, ProgressListener.NONE,
                CancellationToken.NONE);
        ModelCombiner.Fit c = ModelCombiner.fit(x, q, s.get(0).obs(), loss, 4, 60, 10, 0.05, ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(a.network().parameters()).containsExactly(b.network().parameters());
        assertThat(a.losses()).containsExactly(b.losses());
        assertThat(c.network().parameters()).isNotEqualTo(a.network().parameters());
        // the start is the plain mean
        double[][] mean = ModelCombiner.combine(q, new double[nb][3]);
        for (double[][] qi : q) {
            for (int bb = 0; bb < nb; bb++) {
                for (int d = 0; d < days; d++) {
                    mean[bb][d] += qi[bb][d] / 3;
                }
            }
        }
        assertThat(a.losses()[0]).isCloseTo(loss.evaluate(mean, s.get(0).obs(), null), within(1e-12));
        assertThat(a.loss()).isLessThan(a.losses()[0]);
    }

    @Test
    void refusesFewRunsDifferentBasinsOrPeriodsAndRunsThatCannotBeEvaluated() throws Exception {
        assertThatThrownBy(() -> ModelCombiner.combine(project, file, request("one", runs.subList(0, 1)),
                ProgressListener.NONE, CancellationToken.NONE)).hasMessageContaining("at least 2 runs, got 1");
        assertThatThrownBy(() -> ModelCombiner.combine(project, file, request("x", List.of(runs.get(0), "nope")),
                ProgressListener.NONE, CancellationToken.NONE)).hasMessageContaining("no run 'nope'");
        List<ModelCombiner.PeriodSeries> s = validationSeries();
        ModelCombiner.PeriodSeries a = s.get(0);
        ModelCombiner.PeriodSeries b = s.get(1);
        // the same run without its last basin
        int n = b.basins().size() - 1;
        List<ModelCombiner.PeriodSeries> fewer = new ArrayList<>(List.of(a, new ModelCombiner.PeriodSeries(b.run(),
                b.basins().subList(0, n), b.start(), b.nDays(), java.util.Arrays.copyOf(b.flow(), n),
                java.util.Arrays.copyOf(b.obs(), n), b.forcing())));
        assertThatThrownBy(() -> ModelCombiner.checkSame(fewer, "validation"))
                .hasMessageContaining("different basins").hasMessageContaining(b.basins().get(n));
        List<ModelCombiner.PeriodSeries> shifted = new ArrayList<>(List.of(a, new ModelCombiner.PeriodSeries(b.run(),
                b.basins(), b.start().plusDays(1), b.nDays(), b.flow(), b.obs(), b.forcing())));
        assertThatThrownBy(() -> ModelCombiner.checkSame(shifted, "validation"))
                .hasMessageContaining("different validation periods").hasMessageContaining("2005-10-02");
        // a run folder without its checkpoints and without a validation evaluation cannot be evaluated
        Path src = project.run(runs.get(2)).orElseThrow().path();
        Path copy = file.getParent().resolve("runs").resolve("stripped");
        try (var walk = Files.walk(src)) {
            for (Path p : walk.toList()) {
                Path t = copy.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.toString().contains("checkpoint") && !src.relativize(p).startsWith("eval")) {
                    Files.copy(p, t);
                }
            }
        }
        RunRef stripped = new RunRef("stripped", "calibrated-hbv", copy, Instant.now());
        ProjectStore.update(file, p -> p.putRun(stripped));
        project.putRun(stripped);
        assertThatThrownBy(() -> ModelCombiner.combine(project, file, request("z", List.of(runs.get(0), "stripped")),
                ProgressListener.NONE, CancellationToken.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run 'stripped' is not evaluated on its validation period and cannot be"
                        + " evaluated");
        assertThat(file.getParent().resolve("runs").resolve("z")).doesNotExist();
        assertThat(file.getParent().resolve("runs").resolve(".z.tmp")).doesNotExist();
    }
}
