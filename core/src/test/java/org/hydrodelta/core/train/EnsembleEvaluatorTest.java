package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.eval.BasinMetrics;
import org.hydrodelta.core.eval.EnsembleEvaluator;
import org.hydrodelta.core.eval.ResultsReader;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ensemble of three tiny δ members trained on all 19 basins of the camels-regions sample with seeds 1, 2, 3
 * (training water years 2001-2002, test water year 2003, 2 epochs of 4 iterations of 4 basins, hidden size 8): its mean flow is
 * the mean of the members' flows, the band holds the mean, the metrics are those of the mean flow, and members that
 * differ are refused by name.
 */
class EnsembleEvaluatorTest {
    @TempDir
    static Path tmp;
    static Project project;
    static final List<Path> MEMBERS = new ArrayList<>();
    static EnsembleEvaluator.Result result;
    static Path group;

    static ExperimentConfig member(Project p, long seed, List<String> basins) {
        return new ExperimentConfig("delta-hbv", "camels-nldas", basins,
                Period.inclusive(LocalDate.of(2000, 10, 1), LocalDate.of(2002, 9, 30)), null,
                Period.inclusive(LocalDate.of(2002, 10, 1), LocalDate.of(2003, 9, 30)), 120, 180, null, null,
                new ExperimentConfig.Hbv(2, List.of("BETA"), true, true), new ExperimentConfig.Network("lstm", 8, 0.5),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 2, 4, 4, seed, 2, null));
    }

    @BeforeAll
    static void trainThreeMembers() throws Exception {
        project = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
        for (long seed = 1; seed <= 3; seed++) {
            RunFolder run = ExperimentRunner.train(project, tmp, "tiny", member(project, seed, project.basins()),
                    ProgressListener.NONE, CancellationToken.NONE, TrainingListener.NONE);
            MEMBERS.add(run.dir());
        }
        // the first member evaluated beforehand, the others by the group evaluation
        ExperimentRunner.evaluate(project, MEMBERS.get(0), "test", null, AttributeSensitivity.Mode.NEVER, false,
                ProgressListener.NONE, CancellationToken.NONE);
        group = tmp.resolve("runs").resolve("tiny-ensemble");
        result = EnsembleRuns.evaluateGroup(project, MEMBERS, group, "test", ProgressListener.NONE,
                CancellationToken.NONE);
        for (int i = 0; i < 3; i++) {
            System.out.printf("ensemble test: member %d median NSE %.4f%n", i + 1, result.memberMedian(i, "nse"));
        }
        System.out.printf("ensemble test: ensemble-mean median NSE %.4f%n", result.median("nse"));
    }

    @Test
    void theGroupFolderReadsLikeAnEvaluatedRun() throws Exception {
        RunResults r = RunResults.of(group);
        assertThat(r.evaluated()).isTrue();
        assertThat(r.isEnsemble()).isTrue();
        assertThat(RunResults.of(MEMBERS.get(1)).isEnsemble()).isFalse();
        assertThat(r.metrics()).hasSize(19).containsOnlyKeys(project.basins());
        assertThat(r.outputSpecs()).isNotEmpty();
        assertThat(r.info()).containsEntry("kind", "ensemble").containsEntry("members", "3")
                .containsEntry("scored", "2002-10-01..2003-09-30");
        for (String f : List.of("metrics.csv", "metrics_summary.csv", "outputs_mean.csv", "evaluation.json",
                "members_metrics.csv", "spread_summary.csv", "outputs/index.json", "outputs/input_QOBS.npy")) {
            assertThat(r.dir().resolve(f)).as(f).isRegularFile();
        }
        assertThat(group.resolve(EnsembleEvaluator.GROUP_FILE)).content().contains("member 3/3");
        // every member was evaluated on the way
        for (Path m : MEMBERS) {
            assertThat(RunResults.of(m).evaluated()).isTrue();
        }
        Map<String, Map<String, Map<String, Double>>> members = r.memberMetrics();
        assertThat(members).containsOnlyKeys("member 1/3", "member 2/3", "member 3/3");
        for (int i = 0; i < 3; i++) {
            assertThat(members.get("member " + (i + 1) + "/3")).isEqualTo(RunResults.of(MEMBERS.get(i)).metrics());
        }
        assertThat(r.outputMeans().get("01013500")).containsKey("spread_width");
        assertThat(r.spreadWidths()).hasSize(19);
        assertThat(r.spreadWidths().values()).allSatisfy(w -> assertThat(w).isFinite().isPositive());
    }

    @Test
    void theMeanIsTheMeanOfTheMembersAndTheBandHoldsIt() throws Exception {
        RunResults r = RunResults.of(group);
        int checked = 0;
        for (String id : project.basins()) {
            ResultsReader.BasinSeries mean = r.outputs(id).orElseThrow();
            List<ResultsReader.BasinSeries> m = new ArrayList<>();
            for (Path dir : MEMBERS) {
                m.add(RunResults.of(dir).outputs(id).orElseThrow());
            }
            Map<String, float[][]> band = r.spread(id);
            assertThat(band).containsKey("q_routed");
            for (Map.Entry<String, float[]> e : mean.series().entrySet()) {
                String name = e.getKey();
                float[] ens = e.getValue();
                for (int d = 0; d < ens.length; d++) {
                    double expected = 0;
                    for (ResultsReader.BasinSeries s : m) {
                        expected += s.series().get(name)[d];
                    }
                    expected /= 3;
                    if (Double.isNaN(expected)) {
                        assertThat(ens[d]).as("%s %s day %d", id, name, d).isNaN();
                        continue;
                    }
                    assertThat((double) ens[d]).as("%s %s day %d", id, name, d).isCloseTo(expected,
                            Offset.offset(1e-5 * Math.max(1, Math.abs(expected))));
                    if (band.containsKey(name)) {
                        float lo = band.get(name)[0][d];
                        float hi = band.get(name)[1][d];
                        float tol = 1e-5f * Math.max(1, Math.abs(ens[d]));
                        assertThat(lo).as("%s %s day %d p05", id, name, d).isLessThanOrEqualTo(ens[d] + tol);
                        assertThat(hi).as("%s %s day %d p95", id, name, d).isGreaterThanOrEqualTo(ens[d] - tol);
                        // linear interpolation with 3 members: p05 = x0 + 0.1 (x1 - x0), p95 = x1 + 0.9 (x2 - x1)
                        float[] x = {m.get(0).series().get(name)[d], m.get(1).series().get(name)[d],
                            m.get(2).series().get(name)[d]};
                        java.util.Arrays.sort(x);
                        assertThat((double) lo).isCloseTo(x[0] + 0.1 * (x[1] - x[0]), Offset.offset(1e-5 * Math.max(1,
                                Math.abs(x[0]))));
                        assertThat((double) hi).isCloseTo(x[1] + 0.9 * (x[2] - x[1]), Offset.offset(1e-5 * Math.max(1,
                                Math.abs(x[2]))));
                        checked++;
                    }
                }
            }
            // the members differ: the flow band has width somewhere
            float[][] q = band.get("q_routed");
            double width = 0;
            for (int d = 0; d < q[0].length; d++) {
                width += q[1][d] - q[0][d];
            }
            assertThat(width).as(id).isPositive();
        }
        assertThat(checked).isGreaterThan(19 * 365 * 10);
    }

    @Test
    void theMetricsAreThoseOfTheMeanFlowWithGapsLeftOut() throws Exception {
        RunResults r = RunResults.of(group);
        Map<String, Map<String, Double>> metrics = r.metrics();
        int gaps = 0;
        for (String id : project.basins()) {
            ResultsReader.BasinSeries s = r.outputs(id).orElseThrow();
            float[] sim = s.series().get("q_routed");
            float[] obs = s.series().get("qobs");
            double so = 0;
            int n = 0;
            for (int d = 0; d < obs.length; d++) {
                if (Float.isFinite(obs[d])) {
                    so += obs[d];
                    n++;
                } else {
                    gaps++;
                }
            }
            double mo = so / n;
            double se = 0;
            double sv = 0;
            for (int d = 0; d < obs.length; d++) {
                if (Float.isFinite(obs[d])) {
                    se += (sim[d] - obs[d]) * (double) (sim[d] - obs[d]);
                    sv += (obs[d] - mo) * (double) (obs[d] - mo);
                }
            }
            assertThat(metrics.get(id).get("n_obs")).as(id).isEqualTo((double) n);
            assertThat(metrics.get(id).get("nse")).as(id).isCloseTo(1 - se / sv, Offset.offset(1e-4));
            // the observed baseflow index carried from the members
            assertThat(metrics.get(id).get("bfi_obs")).isEqualTo(RunResults.of(MEMBERS.get(0)).metrics().get(id)
                    .get("bfi_obs"));
        }
        assertThat(gaps).isZero(); // the sample has no gap in water year 2003
        // water year 2002, inside the training period: Dinwoody Creek (06221400) is gauged from 2002-06-30 on only
        EnsembleEvaluator.Result wy2002 = EnsembleRuns.evaluateGroup(project, MEMBERS, tmp.resolve("wy2002"),
                "2001-10-01:2002-09-30", ProgressListener.NONE, CancellationToken.NONE);
        int k = wy2002.basinIds().indexOf("06221400");
        assertThat(wy2002.metrics().get(k).get("n_obs")).isEqualTo(93.0);
        assertThat(wy2002.metrics().get(k).get("nse")).isFinite();
        ResultsReader.BasinSeries s = RunResults.of(tmp.resolve("wy2002"), "2001-10-01_2002-09-30").outputs("06221400")
                .orElseThrow();
        assertThat(s.series().get("qobs")[0]).isNaN();
        for (float v : s.series().get("q_routed")) {
            assertThat(v).isFinite();
        }
        double memberMedians = BasinMetrics.median(new double[] {result.memberMedian(0, "nse"),
            result.memberMedian(1, "nse"), result.memberMedian(2, "nse")});
        assertThat(result.median("nse")).isFinite();
        assertThat(memberMedians).isFinite();
    }

    /**
     * The sample declares the Lyne-Hollick baseflow ({@code observation.baseflow}): each member's evaluation scores
     * it, and so must the ensemble mean's, against the mean of the members' baseflow (Q2) series, in
     * {@code metrics.csv}, in the summary and in the result.
     */
    @Test
    void theMeanIsScoredOnTheAuxiliaryObservationsAsARunIs() throws Exception {
        RunResults r = RunResults.of(group);
        Map<String, Map<String, Double>> metrics = r.metrics();
        List<String> columns = AuxiliaryTargets.METRICS.stream().map(m -> "baseflow_" + m).toList();
        assertThat(RunResults.of(MEMBERS.get(0)).metrics().get("01013500")).as("a member's own evaluation")
                .containsKeys(columns.toArray(String[]::new));
        ExperimentConfig config = RunFolder.open(MEMBERS.get(0)).config();
        ExperimentData data = ExperimentData.load(project, config, ProgressListener.NONE, CancellationToken.NONE);
        float[] observed = AuxiliaryTargets.load(config, data).observations().values("baseflow");
        String q2 = r.outputSpecs().stream().filter(s -> s.role() == org.hydrodelta.core.conceptual.OutputSpec.Role
                .BASEFLOW).findFirst().orElseThrow().name().toLowerCase(java.util.Locale.ROOT);
        int scored = 0;
        for (int k = 0; k < project.basins().size(); k++) {
            String id = project.basins().get(k);
            assertThat(metrics.get(id)).as(id).containsKeys(columns.toArray(String[]::new));
            assertThat(result.metrics().get(k)).as(id).containsKeys(columns.toArray(String[]::new));
            ResultsReader.BasinSeries mean = r.outputs(id).orElseThrow();
            List<float[]> members = new ArrayList<>();
            for (Path dir : MEMBERS) {
                members.add(RunResults.of(dir).outputs(id).orElseThrow().series().get(q2));
            }
            int b = data.dataset().basinIndex(id);
            int first = data.dataset().dayIndex(mean.start());
            float[] sim = mean.series().get(q2);
            double so = 0;
            double ss = 0;
            int n = 0;
            for (int d = 0; d < sim.length; d++) {
                double m = (members.get(0)[d] + (double) members.get(1)[d] + members.get(2)[d]) / 3;
                assertThat((double) sim[d]).as("%s day %d: the mean of the members' baseflow", id, d)
                        .isCloseTo(m, Offset.offset(1e-5 * Math.max(1, Math.abs(m))));
                float o = observed[data.dataset().offset(b) + first + d];
                if (Float.isFinite(o)) {
                    so += o;
                    ss += sim[d];
                    n++;
                }
            }
            double mo = so / n;
            double se = 0;
            double sv = 0;
            for (int d = 0; d < sim.length; d++) {
                float o = observed[data.dataset().offset(b) + first + d];
                if (Float.isFinite(o)) {
                    se += (sim[d] - o) * (double) (sim[d] - o);
                    sv += (o - mo) * (o - mo);
                }
            }
            assertThat(metrics.get(id).get("baseflow_n_obs")).as(id).isEqualTo((double) n);
            if (n > 1 && sv > 0) {
                // six significant digits in metrics.csv: a poor fit (NSE -577.55) is only that close
                assertThat(metrics.get(id).get("baseflow_nse")).as(id).isCloseTo(1 - se / sv,
                        Offset.offset(1e-4 * Math.max(1, Math.abs(1 - se / sv))));
                assertThat(metrics.get(id).get("baseflow_bias")).as(id).isCloseTo((ss - so) / n,
                        Offset.offset(1e-4 * Math.max(1, Math.abs((ss - so) / n))));
                assertThat(metrics.get(id).get("baseflow_kge")).as(id).isFinite();
                assertThat(metrics.get(id).get("baseflow_r")).as(id).isFinite();
                scored++;
            }
        }
        assertThat(scored).as("basins with an observed baseflow in water year 2003").isGreaterThan(15);
        assertThat(Files.readAllLines(r.dir().resolve("metrics_summary.csv"))).anyMatch(l -> l.startsWith(
                "baseflow_nse,"));
        assertThat(result.median("baseflow_nse")).isFinite();
    }

    /**
     * An ensemble of one member is that member: its mean is the member's series, so its metrics, streamflow and
     * auxiliary observations alike, are those of the member's own evaluation.
     */
    @Test
    void anEnsembleOfOneMemberHasTheMembersMetrics() throws Exception {
        EnsembleEvaluator.Result one = EnsembleRuns.evaluateGroup(project, List.of(MEMBERS.get(1)),
                tmp.resolve("one-member"), "test", ProgressListener.NONE, CancellationToken.NONE);
        Map<String, Map<String, Double>> member = RunResults.of(MEMBERS.get(1)).metrics();
        Map<String, Map<String, Double>> ensemble = RunResults.of(tmp.resolve("one-member")).metrics();
        assertThat(ensemble).containsOnlyKeys(member.keySet());
        for (String id : member.keySet()) {
            assertThat(ensemble.get(id).keySet()).as(id).containsAll(member.get(id).keySet());
            assertThat(one.metrics().get(one.basinIds().indexOf(id)).keySet()).as(id)
                    .containsAll(member.get(id).keySet());
            member.get(id).forEach((c, v) -> {
                Double e = ensemble.get(id).get(c);
                if (Double.isNaN(v)) {
                    assertThat(e).as("%s %s", id, c).isNaN();
                } else {
                    assertThat(e).as("%s %s", id, c).isCloseTo(v, Offset.offset(1e-5 * Math.max(1, Math.abs(v))));
                }
            });
        }
    }

    @Test
    void theWaterBalanceOfTheMeanIsTheMeanOfTheMembersBalances() throws Exception {
        RunResults r = RunResults.of(group);
        for (String id : project.basins()) {
            double ens = residual(r.outputs(id).orElseThrow());
            double members = 0;
            for (Path dir : MEMBERS) {
                members += residual(RunResults.of(dir).outputs(id).orElseThrow()) / 3;
            }
            assertThat(ens).as(id).isCloseTo(members, Offset.offset(1e-2));
            // and it closes day by day: ΔS = P − ET − Q for the mean of the stores and fluxes
            assertThat(maxDailyResidual(r.outputs(id).orElseThrow())).as(id).isLessThan(1e-2);
        }
    }

    /** max over days of |Δ storage − (P − ET − Q)|, mm. */
    private static double maxDailyResidual(ResultsReader.BasinSeries s) {
        Map<String, float[]> v = s.series();
        double max = 0;
        for (int d = 1; d < s.nDays(); d++) {
            double stored = 0;
            for (String st : List.of("snowpack", "meltwater", "sm", "suz", "slz")) {
                stored += v.get(st)[d] - (double) v.get(st)[d - 1];
            }
            max = Math.max(max, Math.abs(stored - (v.get("prcp")[d] - v.get("et")[d] - v.get("q")[d])));
        }
        return max;
    }

    /** Σ over days of Δ storage − (P − ET − Q), mm. */
    private static double residual(ResultsReader.BasinSeries s) {
        Map<String, float[]> v = s.series();
        double sum = 0;
        for (int d = 1; d < s.nDays(); d++) {
            double stored = 0;
            for (String st : List.of("snowpack", "meltwater", "sm", "suz", "slz")) {
                stored += v.get(st)[d] - (double) v.get(st)[d - 1];
            }
            sum += stored - (v.get("prcp")[d] - v.get("et")[d] - v.get("q")[d]);
        }
        return sum;
    }

    @Test
    void membersThatDifferAreRefusedByName() throws Exception {
        // another basin set: member 3 simulating 18 of the 19 basins, member 1 all of them, both on the test period
        for (int i : new int[] {0, 2}) {
            ExperimentRunner.predict(project, MEMBERS.get(i), new ExperimentRunner.PredictionRequest(null,
                    project.basins().subList(0, i == 0 ? 19 : 18), null, null, "subset", false,
                    AttributeSensitivity.Mode.NEVER, false, true), ProgressListener.NONE, CancellationToken.NONE);
        }
        Path out = tmp.resolve("refused");
        List<EnsembleEvaluator.Member> subset = List.of(new EnsembleEvaluator.Member("member 1/2", MEMBERS.get(0)),
                new EnsembleEvaluator.Member("member 2/2", MEMBERS.get(2)));
        assertThatThrownBy(() -> EnsembleEvaluator.evaluateGroup(subset, out, "subset", (d, p, c) -> {
            throw new AssertionError("both are evaluated");
        }, ProgressListener.NONE, CancellationToken.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(MEMBERS.get(2).toString()).hasMessageContaining("lacks [12010000]");
        assertThat(out).as("nothing written for refused members").doesNotExist();
        // another period: a copy of member 2 whose test folder holds its evaluation of the first half of 2003
        ExperimentRunner.evaluate(project, MEMBERS.get(1), "2003-01-01:2003-06-30", null,
                AttributeSensitivity.Mode.NEVER, false, ProgressListener.NONE, CancellationToken.NONE);
        Path shifted = tmp.resolve("shifted");
        Files.createDirectories(shifted.resolve("eval"));
        Files.copy(MEMBERS.get(1).resolve("config.json"), shifted.resolve("config.json"));
        copyTree(RunResults.evaluationDir(MEMBERS.get(1), "2003-01-01_2003-06-30"), RunResults.evaluationDir(shifted));
        List<EnsembleEvaluator.Member> m = List.of(new EnsembleEvaluator.Member("member 1/2", MEMBERS.get(0)),
                new EnsembleEvaluator.Member("member 2/2", shifted));
        assertThatThrownBy(() -> EnsembleEvaluator.evaluate(m, "test", tmp.resolve("x"), CancellationToken.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(shifted.toString())
                .hasMessageContaining("2003-01-01..2003-06-30").hasMessageContaining("2002-10-01..2003-09-30");
        // a member not evaluated on the period
        assertThatThrownBy(() -> EnsembleEvaluator.evaluate(List.of(m.get(0)), "validation", tmp.resolve("y"),
                CancellationToken.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(MEMBERS.get(0).toString()).hasMessageContaining("no evaluation 'validation'");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (java.util.stream.Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
