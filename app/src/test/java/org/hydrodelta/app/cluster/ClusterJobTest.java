package org.hydrodelta.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hydrodelta.app.cluster.ClusterJob.Mode;
import org.hydrodelta.app.cluster.ClusterJob.Request;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ExperimentKeys;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command lines, checks, quoting and writing of cluster jobs, and running one as a child process; no Spark. */
class ClusterJobTest {
    private static final LocalDateTime AT = LocalDateTime.of(2024, 5, 6, 7, 8, 9);

    @TempDir
    Path tmp;

    private Path dist;
    private Path projectFile;
    private Project project;

    @BeforeEach
    void fixture() throws Exception {
        dist = tmp.resolve("cluster dist");
        script(dist.resolve(ClusterJob.LAUNCHER), "#!/bin/sh\necho \"$@\"\n");
        projectFile = tmp.resolve("my projects/p.hdproj");
        Files.createDirectories(projectFile.getParent());
        project = new Project("p");
        project.experiments().add(new Experiment("plain", ExperimentConfig.defaults()));
        project.experiments().add(new Experiment("pub", ExperimentKeys.apply(ExperimentConfig.defaults(),
                List.of("holdout.type=pub", "holdout.folds=3"), "pub")));
        project.experiments().add(new Experiment("ens", ExperimentKeys.apply(ExperimentConfig.defaults(),
                List.of("ensemble.members=3"), "ens")));
        project.experiments().add(new Experiment("temporal1", ExperimentKeys.apply(ExperimentConfig.defaults(),
                List.of("holdout.type=temporal", "ensemble.members=1"), "temporal1")));
        Path runs = projectFile.getParent().resolve("runs");
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        project.runs().add(new RunRef("plain_a", "plain", runs.resolve("plain_a"), t));
        project.runs().add(new RunRef("plain b", "plain", runs.resolve("plain b"), t));
        project.runs().add(new RunRef("plain_running", "plain", runs.resolve("plain_running"), t, RunRef.RUNNING,
                null));
        project.runs().add(new RunRef("pub_a", "pub", runs.resolve("pub_a"), t));
    }

    private Request evaluate(List<String> runs, String period) {
        return new Request(projectFile, "plain", Mode.EVALUATE, 3, 9, 9, List.of("x=1"), "local[*]", dist, runs,
                period);
    }

    private static void script(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Request train(Integer epochs) {
        return new Request(projectFile, "plain", Mode.TRAIN, 4, 2, epochs, List.of(), "local[*]", dist);
    }

    @Test
    void commandLineOfEachMode() {
        String proj = projectFile.toString();
        String launcher = dist.resolve("bin/hydrodelta-cluster").toString();
        assertThat(new ClusterJob(train(3), AT).command()).containsExactly(launcher, "train", proj, "--experiment",
                "plain", "--partitions", "4", "--executor-threads", "2", "--epochs", "3", "--master", "local[*]");
        assertThat(new ClusterJob(train(null), AT).arguments()).containsExactly("train", proj, "--experiment",
                "plain", "--partitions", "4", "--executor-threads", "2", "--master", "local[*]");
        assertThat(new ClusterJob(new Request(projectFile, "pub", Mode.GROUP, 9, 9, 9, List.of("x=1"),
                "spark://m:7077", dist), AT).arguments()).containsExactly("group", proj, "--experiment", "pub",
                "--master", "spark://m:7077");
        assertThat(new ClusterJob(new Request(projectFile, "plain", Mode.SWEEP, 1, 1, null, List.of(
                "network.hiddenSize=32,64", "training.seed=1,2"), "local[2]", dist), AT).arguments())
                .containsExactly("sweep", proj, "--experiment", "plain", "network.hiddenSize=32,64",
                        "training.seed=1,2", "--master", "local[2]");
        assertThat(new ClusterJob(train(null), AT).name()).isEqualTo("plain_20240506-070809");
        // evaluate: one command a run (hydrodelta-cluster evaluate takes one --run), no --experiment
        ClusterJob eval = new ClusterJob(evaluate(List.of("plain_a", "plain b"), null), AT);
        assertThat(eval.argumentLists()).containsExactly(
                List.of("evaluate", proj, "--run", "plain_a", "--partitions", "3", "--master", "local[*]"),
                List.of("evaluate", proj, "--run", "plain b", "--partitions", "3", "--master", "local[*]"));
        assertThat(eval.commands()).hasSize(2).allSatisfy(c -> assertThat(c.get(0)).isEqualTo(launcher));
        assertThat(new ClusterJob(evaluate(List.of("plain_a"), " 1995-10-01:1996-09-30 "), AT).arguments())
                .containsExactly("evaluate", proj, "--run", "plain_a", "--partitions", "3", "--period",
                        "1995-10-01:1996-09-30", "--name", "cluster_1995-10-01_1996-09-30", "--master", "local[*]");
    }

    @Test
    void evaluatesFinishedRunsOfTheExperimentOnAPeriodCoreReads() {
        assertThat(ClusterJob.problems(project, evaluate(List.of("plain_a", "plain b"), null))).isEmpty();
        assertThat(ClusterJob.problems(project, evaluate(List.of("plain_a"), "1995-10-01:1996-09-30"))).isEmpty();
        assertThat(ClusterJob.problems(project, evaluate(List.of(), null))).containsExactly(
                "choose at least one finished run of experiment 'plain' to evaluate");
        assertThat(ClusterJob.problems(project, evaluate(List.of("nope", "pub_a", "plain_running"), null)))
                .containsExactly("no run 'nope' in the project", "run 'pub_a' is of experiment 'pub', not 'plain'",
                        "run 'plain_running' is running: only a finished run can be evaluated");
        // the period is read by core's EvaluationPeriod, as the local Evaluate period… form reads it
        assertThat(ClusterJob.problems(project, evaluate(List.of("plain_a"), "1995-13-01:1996-09-30")))
                .singleElement().satisfies(m -> assertThat(m).startsWith("period: ").contains(
                        "dates are written YYYY-MM-DD (1995-13-01)"));
        assertThat(ClusterJob.problems(project, evaluate(List.of("plain_a"), "1996-09-30:1995-10-01")))
                .singleElement().satisfies(m -> assertThat(m).startsWith("period: ").contains(
                        "ends (1995-10-01) before it starts (1996-09-30)"));
        assertThat(ClusterJob.problems(project, evaluate(List.of("plain_a"), "1995-10-01")))
                .singleElement().satisfies(m -> assertThat(m).startsWith("period: ").contains(
                        "START:END"));
        assertThat(ClusterJob.problems(project, evaluate(List.of("plain_a"), "train"))).singleElement()
                .isEqualTo("period: the cluster evaluates the days START:END (e.g. 1995-10-01:1996-09-30), not"
                        + " 'train'; leave it empty for each run's test period");
        assertThat(ClusterJob.problems(project, new Request(projectFile, "plain", Mode.EVALUATE, 0, 1, null,
                List.of(), "local[*]", dist, List.of("plain_a"), null))).containsExactly(
                        "partitions must be at least 1, was 0");
    }

    @Test
    void writesAnEvaluationOfSeveralRunsAsOneCommandARunStoppingAtTheFirstThatFails() throws Exception {
        ClusterJob job = new ClusterJob(evaluate(List.of("plain_a", "plain b"), "1995-10-01:1996-09-30"), AT);
        Path dir = job.write();
        String sh = Files.readString(dir.resolve("job.sh"));
        String launcher = "'" + dist.resolve("bin/hydrodelta-cluster") + "'";
        assertThat(sh).contains("\n" + launcher + " evaluate '" + projectFile + "' --run plain_a --partitions 3"
                + " --period 1995-10-01:1996-09-30 --name cluster_1995-10-01_1996-09-30 --master 'local[*]'"
                + " || exit $?\nexec " + launcher + " evaluate '" + projectFile + "' --run 'plain b' --partitions 3"
                + " --period 1995-10-01:1996-09-30 --name cluster_1995-10-01_1996-09-30 --master 'local[*]'\n");
        assertThat(sh.lines().filter(l -> l.startsWith("# spark-submit"))).hasSize(2);
        assertThat(sh.lines().filter(l -> l.startsWith("#   evaluate"))).hasSize(2);
        assertThat(sh.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))).hasSize(3);
        JsonNode json = ProjectStore.mapper().readTree(dir.resolve("job.json").toFile());
        assertThat(json.get("mode").asText()).isEqualTo("evaluate");
        assertThat(json.get("evaluate")).extracting(JsonNode::asText).containsExactly("plain_a", "plain b");
        assertThat(json.get("period").asText()).isEqualTo("1995-10-01:1996-09-30");
        assertThat(json.get("name").asText()).isEqualTo("cluster_1995-10-01_1996-09-30");
        assertThat(json.get("partitions").asInt()).isEqualTo(3);
        assertThat(json.has("command")).as("several commands").isFalse();
        assertThat(json.get("commands")).hasSize(2);
        assertThat(json.get("commands").get(1).get(3).asText()).isEqualTo("--run");
        assertThat(json.get("commands").get(1).get(4).asText()).isEqualTo("plain b");

        // run: each command in turn; the first that fails ends the job with its exit code
        script(dist.resolve(ClusterJob.LAUNCHER), "#!/bin/sh\necho \"evaluating $4\"\n"
                + "[ \"$4\" = plain_a ] && [ -f fail ] && exit 4\nexit 0\n");
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        ClusterJobProcess.Outcome o = ClusterJobProcess.run(job, out::add, l -> { }, new CancellationToken());
        assertThat(o.exitCode()).isZero();
        assertThat(out).containsExactly("evaluating plain_a", "evaluating plain b");
        Files.writeString(projectFile.getParent().resolve("fail"), "");
        out.clear();
        o = ClusterJobProcess.run(job, out::add, l -> { }, new CancellationToken());
        assertThat(o.exitCode()).isEqualTo(4);
        assertThat(out).containsExactly("evaluating plain_a");
    }

    @Test
    void quotesPathsWithSpacesAndShellCharacters() {
        assertThat(ClusterJob.shellQuote("/a/b.hdproj")).isEqualTo("/a/b.hdproj");
        assertThat(ClusterJob.shellQuote("network.hiddenSize=32,64")).isEqualTo("network.hiddenSize=32,64");
        assertThat(ClusterJob.shellQuote("/my projects/p.hdproj")).isEqualTo("'/my projects/p.hdproj'");
        assertThat(ClusterJob.shellQuote("local[*]")).isEqualTo("'local[*]'");
        assertThat(ClusterJob.shellQuote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ClusterJob.shellQuote("")).isEqualTo("''");
        String sh = new ClusterJob(train(null), AT).scriptText();
        assertThat(sh).startsWith("#!/bin/sh\n").contains("\nexec '" + dist.resolve("bin/hydrodelta-cluster")
                + "' train '" + projectFile + "' --experiment plain --partitions 4 --executor-threads 2 --master"
                + " 'local[*]'\n");
        assertThat(sh).contains("\ncd '" + projectFile.getParent() + "' || exit 1\n");
    }

    @Test
    void scriptHasTheEquivalentSparkSubmitWithTheJava17Flags() {
        String sh = new ClusterJob(new Request(projectFile, "plain", Mode.SWEEP, 1, 1, null, List.of(
                "training.seed=1,2"), "spark://m:7077", dist), AT).scriptText();
        List<String> comments = sh.lines().filter(l -> l.startsWith("# ")).toList();
        assertThat(comments).anySatisfy(l -> assertThat(l).startsWith("# spark-submit --master spark://m:7077"
                + " --deploy-mode client --class org.hydrodelta.cluster.cli.ClusterCommand"));
        assertThat(comments).anySatisfy(l -> assertThat(l).contains("spark.driver.extraJavaOptions=\"$OPENS\"")
                .contains("spark.executor.extraJavaOptions=\"$OPENS\""));
        assertThat(comments).anySatisfy(l -> assertThat(l).isEqualTo("#   sweep '" + projectFile
                + "' --experiment plain training.seed=1,2"));
        String opens = comments.stream().filter(l -> l.startsWith("# OPENS=")).findFirst().orElseThrow();
        assertThat(opens).contains("--add-modules=jdk.incubator.vector", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
                "-Xss4m");
        assertThat(ClusterJob.SPARK_JAVA_OPTIONS).hasSize(17);
        assertThat(comments).anySatisfy(l -> assertThat(l).matches("#   '?/.*/hydrodelta-cluster-.*-spark\\.jar'? \\\\"));
        // every line of the equivalent is a comment: the script runs hydrodelta-cluster only
        assertThat(sh.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))).hasSize(2);
    }

    @Test
    void refusesAMissingDistributionNamingTheLauncher() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(ClusterJob.distributionProblem(empty)).hasValueSatisfying(m -> assertThat(m).startsWith(
                "no bin/hydrodelta-cluster in " + empty + ": build the cluster module"));
        assertThat(ClusterJob.distributionProblem(dist)).isEmpty();
        assertThat(ClusterJob.distributionProblem(null)).hasValueSatisfying(m -> assertThat(m).contains(
                "bin/hydrodelta-cluster"));
        Request r = new Request(projectFile, "plain", Mode.TRAIN, 1, 1, null, List.of(), "local[*]", empty);
        assertThat(ClusterJob.problems(project, r)).singleElement().satisfies(m -> assertThat(m).contains(
                "no bin/hydrodelta-cluster in " + empty));
        Files.createDirectories(empty.resolve("bin"));
        Files.writeString(empty.resolve(ClusterJob.LAUNCHER), "#!/bin/sh\n");
        assertThat(ClusterJob.distributionProblem(empty)).hasValueSatisfying(m -> assertThat(m).endsWith(
                "is not executable (chmod +x)"));
    }

    @Test
    void defaultDistributionFromTheEnvironmentOrBesideTheWorkbench() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("repo/app/target/dist"));
        Path besides = tmp.resolve("repo/cluster/target/dist");
        script(besides.resolve(ClusterJob.LAUNCHER), "#!/bin/sh\n");
        Map<String, String> env = Map.of("HYDRODELTA_CLUSTER_HOME", dist.toString());
        Map<String, String> props = Map.of("hydrodelta.home", app.toString());
        assertThat(ClusterJob.defaultDistribution(env::get, props::get)).isEqualTo(dist);
        assertThat(ClusterJob.defaultDistribution(k -> null, props::get)).isEqualTo(besides);
        // a variable naming a folder without the launcher gives way to one that has it
        Map<String, String> bad = Map.of("HYDRODELTA_CLUSTER_HOME", tmp.resolve("nowhere").toString());
        assertThat(ClusterJob.defaultDistribution(bad::get, props::get)).isEqualTo(besides);
        assertThat(ClusterJob.defaultDistribution(bad::get, k -> null)).isEqualTo(tmp.resolve("nowhere"));
    }

    @Test
    void validatesSweepKeysWithCoresExperimentKeysNamingKeyAndRange() {
        Request ok = new Request(projectFile, "plain", Mode.SWEEP, 1, 1, null, ClusterJob.sweepAxes(
                "# sizes\nnetwork.hiddenSize=32,64\n\n  training.seed=1,2  \n"), "local[*]", dist);
        assertThat(ok.sweepAxes()).containsExactly("network.hiddenSize=32,64", "training.seed=1,2");
        assertThat(ClusterJob.problems(project, ok)).isEmpty();
        assertThat(ClusterJob.grid(ok.sweepAxes())).hasSize(4).first().isEqualTo(List.of("network.hiddenSize=32",
                "training.seed=1"));

        List<String> range = ClusterJob.problems(project, new Request(projectFile, "plain", Mode.SWEEP, 1, 1, null,
                List.of("network.hiddenSize=32,0"), "local[*]", dist));
        assertThat(range).singleElement().satisfies(m -> assertThat(m).startsWith("sweep key network.hiddenSize"
                + " (network.hiddenSize=0): ").contains("network.hiddenSize must be in [1, 4096], was 0"));
        List<String> unknown = ClusterJob.problems(project, new Request(projectFile, "plain", Mode.SWEEP, 1, 1, null,
                List.of("network.hidenSize=32"), "local[*]", dist));
        assertThat(unknown).singleElement().satisfies(m -> assertThat(m).contains("unknown key",
                "network.hidenSize"));
        assertThat(ClusterJob.problems(project, new Request(projectFile, "plain", Mode.SWEEP, 1, 1, null,
                List.of("hiddenSize"), "local[*]", dist))).singleElement().satisfies(m -> assertThat(m).contains(
                        "'hiddenSize' is not KEY=V1,V2"));
        assertThat(ClusterJob.problems(project, new Request(projectFile, "plain", Mode.SWEEP, 1, 1, null,
                List.of("training.seed=1", "training.seed=2"), "local[*]", dist))).singleElement()
                .isEqualTo("sweep key 'training.seed' is given twice");
        assertThat(ClusterJob.problems(project, new Request(projectFile, "plain", Mode.SWEEP, 1, 1, null,
                List.of(), "local[*]", dist))).singleElement().satisfies(m -> assertThat(m).startsWith(
                        "give the sweep at least one line"));
    }

    @Test
    void groupOnlyForASpatialHoldoutOrSeveralMembersAndOtherChecks() {
        for (String e : List.of("pub", "ens")) {
            assertThat(ClusterJob.problems(project, new Request(projectFile, e, Mode.GROUP, 1, 1, null, List.of(),
                    "local[*]", dist))).as(e).isEmpty();
        }
        for (String e : List.of("plain", "temporal1")) {
            assertThat(ClusterJob.problems(project, new Request(projectFile, e, Mode.GROUP, 1, 1, null, List.of(),
                    "local[*]", dist))).as(e).singleElement().satisfies(m -> assertThat(m).contains("is no group"));
        }
        assertThat(ClusterJob.problems(project, new Request(projectFile, "plain", Mode.TRAIN, 0, 0, 0, List.of(),
                " ", dist))).containsExactly("partitions must be at least 1, was 0",
                        "executor threads must be at least 1, was 0",
                        "epochs: experiment 'plain': training.epochs must be in [1, 100000], was 0",
                        "give the Spark master URL, e.g. local[*] or spark://HOST:7077");
        assertThat(ClusterJob.problems(project, new Request(projectFile, "nope", Mode.TRAIN, 1, 1, null, List.of(),
                "local[*]", dist))).containsExactly("no experiment 'nope' in the project");
    }

    @Test
    void writesScriptAndRequestWholeIntoTheJobFolder() throws Exception {
        ClusterJob job = new ClusterJob(new Request(projectFile, "plain", Mode.SWEEP, 1, 1, null, List.of(
                "network.hiddenSize=32,64", "training.seed=1,2"), "local[*]", dist), AT);
        Path dir = job.write();
        assertThat(dir).isEqualTo(projectFile.getParent().resolve("cluster-jobs/plain_20240506-070809"));
        assertThat(dir.resolve("job.sh")).isExecutable();
        assertThat(Files.readString(dir.resolve("job.sh"))).isEqualTo(job.scriptText());
        JsonNode json = ProjectStore.mapper().readTree(dir.resolve("job.json").toFile());
        assertThat(json.get("job").asText()).isEqualTo("plain_20240506-070809");
        assertThat(json.get("mode").asText()).isEqualTo("sweep");
        assertThat(json.get("project").asText()).isEqualTo(projectFile.toString());
        assertThat(json.get("master").asText()).isEqualTo("local[*]");
        assertThat(json.get("runs").asInt()).isEqualTo(4);
        assertThat(json.get("sweep")).hasSize(2);
        assertThat(json.get("command").get(0).asText()).isEqualTo(dist.resolve("bin/hydrodelta-cluster").toString());
        assertThat(json.get("commands")).singleElement().isEqualTo(json.get("command"));
        // nothing else is left in cluster-jobs: no temporary folder
        try (var s = Files.list(dir.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("plain_20240506-070809");
        }
        // a second job of the same second gets a folder of its own
        ClusterJob again = new ClusterJob(job.request(), AT);
        assertThat(again.name()).isEqualTo("plain_20240506-070809-2");
        assertThat(again.write()).isDirectory();
    }

    @Test
    void runsTheScriptStreamsItsLinesAndReportsTheExitCodeAndLastErrorLines() throws Exception {
        script(dist.resolve(ClusterJob.LAUNCHER), "#!/bin/sh\necho \"args: $*\"\necho \"cwd: $(pwd)\"\n"
                + "for i in 1 2 3 4 5 6; do echo \"err $i\" >&2; done\nexit 3\n");
        ClusterJob job = new ClusterJob(train(null), AT);
        job.write();
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        ClusterJobProcess.Outcome o = ClusterJobProcess.run(job, out::add, err::add, new CancellationToken());
        assertThat(o.exitCode()).isEqualTo(3);
        assertThat(o.succeeded()).isFalse();
        assertThat(o.stderrTail()).containsExactly("err 2", "err 3", "err 4", "err 5", "err 6");
        assertThat(err).hasSize(6);
        assertThat(out).containsExactly("args: train " + projectFile + " --experiment plain --partitions 4"
                + " --executor-threads 2 --master local[*]", "cwd: " + projectFile.getParent());
    }

    @Test
    void cancelDestroysTheWholeProcessTree() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        // the launcher starts a child of its own and waits for it
        script(dist.resolve(ClusterJob.LAUNCHER), "#!/bin/sh\nsleep 300 &\necho $! > '" + pidFile + "'\n"
                + "echo started\nwait\n");
        ClusterJob job = new ClusterJob(train(null), AT);
        job.write();
        CancellationToken cancel = new CancellationToken();
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        Thread canceller = new Thread(() -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.isEmpty() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            cancel.cancel();
        });
        canceller.start();
        assertThatThrownBy(() -> ClusterJobProcess.run(job, out::add, l -> { }, cancel))
                .isInstanceOf(CancelledException.class);
        canceller.join();
        long child = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(child).ifPresent(h -> {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the launcher's child " + child + " still runs", e);
            }
        });
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
