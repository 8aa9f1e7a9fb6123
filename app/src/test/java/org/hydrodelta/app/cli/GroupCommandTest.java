package org.hydrodelta.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.GroupRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code train PROJECT EXPERIMENT} with holdout and ensemble options, and {@code experiment set} of their keys, on a
 * copy of the real camels-regions sample project file (its CAMELS basins, layers and attribute tables; six or four
 * of its basins, to keep the trainings short), with tiny trainings (1 epoch of 2 iterations, hidden size 8). The
 * 19-basin 3-fold PUB is {@code GroupRunnerTest}'s.
 */
class GroupCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("hydrodelta.repo.root", ".."));
    private static final List<String> SIX = List.of("01013500", "01022500", "03439000", "05057200", "09386900",
            "12010000");

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = HydroDeltaCommand.create();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    /** The sample project with experiment {@code g} (tiny; the given basins, or the project's 19 when null). */
    private Path project(List<String> basins) throws Exception {
        Project p = ProjectStore.load(ROOT.resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        p.experiments().add(new Experiment("g", new ExperimentConfig("delta-hbv", "camels-nldas", basins,
                Period.inclusive(LocalDate.of(2003, 10, 1), LocalDate.of(2005, 9, 30)), null,
                Period.inclusive(LocalDate.of(2008, 10, 1), LocalDate.of(2009, 9, 30)), 60, 120, null, null,
                new ExperimentConfig.Hbv(1, List.of(), false, true), new ExperimentConfig.Network("lstm", 8, 0.5),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 1, 4, 2, 7L, 2, null))));
        Path file = tmp.resolve("p.hdproj");
        ProjectStore.save(p, file);
        return file;
    }

    @Test
    void trainWithPubFoldsRunsTheGroupAndSummarisesEachFold() throws Exception {
        Path file = project(SIX);
        Run r = run("train", file.toString(), "g", "--holdout", "pub", "--folds", "3",
                "--attribute-sensitivity", "never");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fold 1/3: run ", "fold 2/3: run ", "fold 3/3: run ")
                .contains("4 training basins, 2 held out [", "median held-out NSE")
                .contains("merged held-out (pub): 6 basins, median NSE");
        Project p = ProjectStore.load(file);
        RunRef merged = p.runs().stream().filter(x -> GroupRunner.HELD_OUT_MEMBER.equals(x.member())).findFirst()
                .orElseThrow();
        assertThat(RunResults.of(merged.path()).metrics()).containsOnlyKeys(SIX);
        assertThat(p.runs()).hasSize(4);
        // the experiment in the project file is unchanged: the options override it for this training only
        assertThat(p.experiment("g").orElseThrow().config().holdout().spatial()).isFalse();

        // group.json as a Spark driver that died while its tasks ran leaves it (every part pending): the resumption
        // says it found each part's run in the project and only evaluates them
        GroupRunner.GroupState g = GroupRunner.read(merged.path());
        GroupRunner.write(new GroupRunner.GroupState(g.name(), g.dir(), g.experiment(), g.kind(), g.plan(),
                g.members(), g.parts().stream().map(x -> new GroupRunner.Part(x.fold(), x.member(), x.label(),
                        x.seed(), null, GroupRunner.PENDING, Double.NaN)).toList(), RunRef.RUNNING, null));
        PrintStream stderr = System.err;
        ByteArrayOutputStream lines = new ByteArrayOutputStream(); // the group's progress lines go to System.err
        Run again;
        try {
            System.setErr(new PrintStream(lines, true, StandardCharsets.UTF_8));
            again = run("train", file.toString(), "--resume-group", g.name(), "--attribute-sensitivity", "never");
        } finally {
            System.setErr(stderr);
        }
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(lines.toString(StandardCharsets.UTF_8)).contains("NOTE fold 1/3: group.json had no run for it, but the project has its run "
                + g.parts().get(0).run() + ", trained to the end: only evaluated")
                .contains("fold 2/3 (run 2 of 3): evaluating " + g.parts().get(1).run() + ", trained to the end (4"
                        + " basins, holding out 2, seed 7)").doesNotContain("training on");
        assertThat(ProjectStore.load(file).runs()).hasSize(4);
    }

    @Test
    void purByTheStatesLayerPlacesEachGaugeInItsState() throws Exception {
        Path file = project(SIX);
        Run r = run("train", file.toString(), "--experiment", "g", "--holdout", "pur", "--region-layer",
                "US states", "--region-field", "name", "--attribute-sensitivity", "never");
        assertThat(r.code()).as(r.err()).isZero();
        Path group = ProjectStore.load(file).runs().stream().filter(x -> GroupRunner.HELD_OUT_MEMBER.equals(
                x.member())).findFirst().orElseThrow().path();
        GroupRunner.GroupState s = GroupRunner.read(group);
        assertThat(s.plan().folds()).extracting(f -> f.label() + " " + f.test()).containsExactly(
                "region Maine [01013500, 01022500]", "region New Mexico [09386900]",
                "region North Carolina [03439000]", "region North Dakota [05057200]",
                "region Washington [12010000]");
        assertThat(r.out()).contains("merged held-out (pur): 6 basins");
    }

    @Test
    void badHoldoutOptionsAreRefusedNamingWhatIsWrong() throws Exception {
        // two basins with a geol_2nd_class (01013500, 01022500), two where CAMELS has NA (03010655, 05291000)
        Path file = project(List.of("01013500", "01022500", "03010655", "05291000"));
        Run unknown = run("train", file.toString(), "g", "--holdout", "custom", "--test-basins", "01022500,01031500");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("holdout.testBasins: [01031500] is not among the experiment's 4");
        Run tooMany = run("train", file.toString(), "g", "--holdout", "pub", "--folds", "5");
        assertThat(tooMany.err()).contains("holdout.folds 5 is more than the 4 usable basins");
        Run badType = run("train", file.toString(), "g", "--holdout", "ungauged");
        assertThat(badType.err()).contains("holdout.type must be one of [temporal, pub, pur, custom]");
        Run noRegion = run("train", file.toString(), "g", "--holdout", "pur", "--region-attribute", "geol_2nd_class");
        assertThat(noRegion.err()).contains("2 basins have no region", "[03010655, 05291000]");
        Run badLayer = run("train", file.toString(), "g", "--holdout", "pur", "--region-layer", "US states",
                "--region-field", "state_name");
        assertThat(badLayer.err()).contains("holdout.regionField 'state_name'", "[name, id]");
        Run members = run("train", file.toString(), "g", "--members", "0");
        assertThat(members.err()).contains("ensemble.members");
        Run resumeMissing = run("train", file.toString(), "--resume-group", "no-such-group");
        assertThat(resumeMissing.err()).contains("not a run group");
        // a group continues as it was configured: what it cannot apply is refused, never ignored
        Run resumeLonger = run("train", file.toString(), "--resume-group", "no-such-group", "--epochs", "3");
        assertThat(resumeLonger.err()).contains("--resume-group continues a group as it was planned and configured:"
                + " --epochs, --seed, --threads");
        // nothing was trained
        assertThat(tmp.resolve("runs")).doesNotExist();
        assertThat(ProjectStore.load(file).runs()).isEmpty();
    }

    @Test
    void experimentSetTakesTheHoldoutAndEnsembleKeys() throws Exception {
        Path file = project(null);
        Run set = run("experiment", "set", file.toString(), "g", "holdout.type=custom",
                "holdout.testBasins=01022500,12010000", "ensemble.members=3");
        assertThat(set.code()).as(set.err()).isZero();
        ExperimentConfig c = ProjectStore.load(file).experiment("g").orElseThrow().config();
        assertThat(c.holdout().type()).isEqualTo("custom");
        assertThat(c.holdout().testBasins()).containsExactly("01022500", "12010000");
        assertThat(c.ensemble().members()).isEqualTo(3);
        Run bad = run("experiment", "set", file.toString(), "g", "holdout.type=pur");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("holdout.type 'pur' needs holdout.regionAttribute");
        Run back = run("experiment", "set", file.toString(), "g", "holdout=", "ensemble=");
        assertThat(back.code()).as(back.err()).isZero();
        assertThat(Files.readString(file)).doesNotContain("holdout", "ensemble");
    }
}
