package org.hydrodelta.app.gui.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hydrodelta.app.cluster.ClusterJob;
import org.hydrodelta.app.cluster.ClusterJob.Mode;
import org.hydrodelta.app.gui.ClusterSettings;
import org.hydrodelta.app.gui.MessageLog;
import org.hydrodelta.app.task.CurrentThreadTaskExecutor;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ExperimentKeys;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Run on cluster…" dialog's state without a window: choices, checks, remembered settings, a job's outcome. */
class RunOnClusterViewModelTest {
    @TempDir
    Path tmp;

    private Path file;
    private Project project;
    private ClusterSettings settings;
    private final MessageLog messages = new MessageLog();
    private final AtomicInteger merges = new AtomicInteger();

    @BeforeEach
    void fixture() throws Exception {
        project = new Project("p");
        project.experiments().add(new Experiment("plain", ExperimentConfig.defaults()));
        project.experiments().add(new Experiment("ens", ExperimentKeys.apply(ExperimentConfig.defaults(),
                List.of("ensemble.members=2"), "ens")));
        file = tmp.resolve("p/p.hdproj");
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        for (String r : List.of("plain_1", "plain_2")) {
            project.runs().add(new RunRef(r, "plain", file.resolveSibling("runs/" + r), t));
        }
        project.runs().add(new RunRef("plain_3", "plain", file.resolveSibling("runs/plain_3"), t, RunRef.FAILED,
                "out of memory"));
        project.runs().add(new RunRef("ens_1", "ens", file.resolveSibling("runs/ens_1"), t, RunRef.RUNNING, null));
        ProjectStore.save(project, file);
        settings = new ClusterSettings(tmp.resolve("config/cluster.properties"));
    }

    private RunOnClusterViewModel vm(String experiment) {
        return new RunOnClusterViewModel(project, file, experiment, new CurrentThreadTaskExecutor(), settings,
                messages, Runnable::run, merges::incrementAndGet);
    }

    private Path launcher(String body) throws Exception {
        Path dist = tmp.resolve("dist");
        Path l = dist.resolve(ClusterJob.LAUNCHER);
        Files.createDirectories(l.getParent());
        Files.writeString(l, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(l, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dist;
    }

    private List<String> texts(MessageLog.Severity s) {
        return messages.entries().stream().filter(e -> e.severity() == s).map(MessageLog.Entry::text).toList();
    }

    @Test
    void aStrataNoteForUnequalSlicesGoesWhenTheExperimentIsSetToThePartitions() throws Exception {
        RunOnClusterViewModel v = vm("plain");
        AtomicInteger changed = new AtomicInteger();
        v.setOnExperimentsChanged(changed::incrementAndGet);
        v.distributionProperty().set(launcher("exit 0\n").toString());
        assertThat(v.strataNoteProperty().get()).isEqualTo("training.strata = 1 and 2 partitions: slices of random"
                + " size, about 20 % slower; set training.strata = 2 in the experiment for equal slices");
        assertThat(v.problemsProperty().get()).as("a note, not a problem").isEmpty();
        assertThat(v.strataSettableProperty().get()).isTrue();
        // only a data-parallel run has slices
        v.modeProperty().set(Mode.SWEEP);
        assertThat(v.strataNoteProperty().get()).isEmpty();
        assertThat(v.strataSettableProperty().get()).isFalse();
        v.modeProperty().set(Mode.TRAIN);

        assertThat(v.setStrataToPartitions()).isTrue();
        assertThat(project.experiment("plain").orElseThrow().config().training().strata()).isEqualTo(2);
        assertThat(project.experiment("plain").orElseThrow().config()).isEqualTo(ExperimentConfig.defaults()
                .withTraining(ExperimentConfig.defaults().training().withStrata(2)));
        assertThat(project.experiments()).extracting(Experiment::name).containsExactly("plain", "ens");
        assertThat(changed).hasValue(1);
        assertThat(v.strataNoteProperty().get()).isEmpty();
        assertThat(v.strataSettableProperty().get()).isFalse();
        assertThat(v.setStrataToPartitions()).as("nothing left to set").isFalse();
        assertThat(texts(MessageLog.Severity.NOTICE)).singleElement().asString().startsWith(
                "Set training.strata = 2 in experiment 'plain'").contains("save the project");

        // more partitions than the project's basins: noted, but no strata to set
        project.basins().addAll(List.of("01013500", "01022500", "01030500"));
        v.partitionsProperty().set(4);
        assertThat(v.strataNoteProperty().get()).isEqualTo("training.strata = 2 and 4 partitions: slices of unequal"
                + " size, about 20 % slower; equal slices need training.strata = partitions, at most the"
                + " experiment's 3 training basins and 10000");
        assertThat(v.strataSettableProperty().get()).isFalse();
        assertThat(v.setStrataToPartitions()).isFalse();
        v.partitionsProperty().set(3);
        assertThat(v.strataSettableProperty().get()).isTrue();
        assertThat(v.write()).isPresent();
    }

    @Test
    void groupIsOfferedOnlyForAGroupAndProblemsNameWhatIsWrong() throws Exception {
        RunOnClusterViewModel v = vm("plain");
        assertThat(v.experimentProperty().get()).isEqualTo("plain");
        assertThat(v.masterProperty().get()).isEqualTo("local[*]");
        assertThat(v.groupAllowedProperty().get()).isFalse();
        v.distributionProperty().set(tmp.resolve("none").toString());
        assertThat(v.problemsProperty().get()).contains("no bin/hydrodelta-cluster in " + tmp.resolve("none"));
        v.distributionProperty().set(launcher("exit 0\n").toString());
        assertThat(v.problemsProperty().get()).isEmpty();
        v.experimentProperty().set("ens");
        assertThat(v.groupAllowedProperty().get()).isTrue();
        v.modeProperty().set(Mode.GROUP);
        assertThat(v.problemsProperty().get()).isEmpty();
        // back to an experiment that is no group: the group is no longer chosen
        v.experimentProperty().set("plain");
        assertThat(v.modeProperty().get()).isEqualTo(Mode.TRAIN);
        v.epochsProperty().set("two");
        assertThat(v.problemsProperty().get()).contains("epochs 'two' is not a whole number");
        v.epochsProperty().set("2");
        v.modeProperty().set(Mode.SWEEP);
        v.sweepProperty().set("training.learningRate=0.1,-1");
        assertThat(v.problemsProperty().get()).startsWith("sweep key training.learningRate"
                + " (training.learningRate=-1): ").contains("training.learningRate must be in");
        assertThat(v.write()).isEmpty();
        assertThat(texts(MessageLog.Severity.ERROR)).singleElement().satisfies(m -> assertThat(m).startsWith(
                "Cannot write the cluster job: sweep key training.learningRate"));
    }

    @Test
    void writeSaysWhereAndRemembersMasterAndDistribution() throws Exception {
        RunOnClusterViewModel v = vm("plain");
        Path dist = launcher("exit 0\n");
        v.distributionProperty().set(dist.toString());
        v.masterProperty().set("spark://head:7077");
        ClusterJob job = v.write().orElseThrow();
        assertThat(job.script()).isRegularFile();
        assertThat(texts(MessageLog.Severity.NOTICE)).singleElement().satisfies(m -> assertThat(m).startsWith(
                "Wrote cluster job " + job.name() + ": " + job.script()));
        assertThat(settings.master()).isEqualTo("spark://head:7077");
        assertThat(settings.distribution()).contains(dist);
        RunOnClusterViewModel again = vm("plain");
        assertThat(again.masterProperty().get()).isEqualTo("spark://head:7077");
        assertThat(again.distributionProperty().get()).isEqualTo(dist.toString());
    }

    @Test
    void aFinishedJobMergesAtOnceAndAFailedOneNamesExitCodeAndLastErrorLines() throws Exception {
        RunOnClusterViewModel v = vm("plain");
        v.distributionProperty().set(launcher("echo \"working on $2\"\nexit 0\n").toString());
        assertThat(v.submit()).isNotNull();
        assertThat(merges.get()).isEqualTo(1);
        String name = texts(MessageLog.Severity.NOTICE).get(0).replaceAll("Wrote cluster job (\\S+):.*", "$1");
        assertThat(messages.entries()).extracting(MessageLog.Entry::text).contains("[" + name + "] working on " + file);
        assertThat(v.outcomeProperty().get()).isEqualTo("cluster job " + name + " finished: no runs added");

        v.distributionProperty().set(launcher("echo 'ERROR no experiment x' >&2\nexit 3\n").toString());
        v.submit();
        assertThat(merges.get()).isEqualTo(2);
        assertThat(texts(MessageLog.Severity.ERROR)).singleElement().satisfies(m -> assertThat(m).matches(
                "cluster job plain_\\d{8}-\\d{6}(-\\d)? failed with exit code 3; last lines of its error stream:"
                        + " ERROR no experiment x"));
    }

    @Test
    void evaluatesChosenFinishedRunsAndRefusesABadPeriodByName() throws Exception {
        RunOnClusterViewModel v = vm("plain");
        v.distributionProperty().set(launcher("echo \"evaluating $4\"\nexit 0\n").toString());
        assertThat(v.evaluateAllowedProperty().get()).isTrue();
        assertThat(v.finishedRuns()).as("finished runs of the experiment only").containsExactly("plain_1",
                "plain_2");
        assertThat(v.evaluateRuns()).as("the latest at first").containsExactly("plain_2");
        v.modeProperty().set(Mode.EVALUATE);
        assertThat(v.problemsProperty().get()).isEmpty();
        assertThat(v.request().runs()).containsExactly("plain_2");
        assertThat(v.request().period()).isNull();

        // a period core's EvaluationPeriod cannot read is named, and nothing is written or started
        v.periodProperty().set("1995-10-01:1996-13-30");
        assertThat(v.problemsProperty().get()).startsWith("period: ").contains(
                "dates are written YYYY-MM-DD (1996-13-30)");
        assertThat(v.write()).isEmpty();
        assertThat(v.submit()).isNull();
        assertThat(texts(MessageLog.Severity.ERROR)).first().satisfies(m -> assertThat(m).startsWith(
                "Cannot write the cluster job: period: "));
        v.periodProperty().set("1996-09-30:1995-10-01");
        assertThat(v.problemsProperty().get()).startsWith("period: ").contains("before it starts");
        v.periodProperty().set("1995-10-01:1996-09-30");
        assertThat(v.problemsProperty().get()).isEmpty();
        v.evaluateRuns().clear();
        assertThat(v.problemsProperty().get()).isEqualTo("choose at least one finished run of experiment 'plain'"
                + " to evaluate");
        v.evaluateRuns().setAll("plain_1", "plain_2");
        v.partitionsProperty().set(3);

        ClusterJob job = v.write().orElseThrow();
        assertThat(job.argumentLists()).containsExactly(
                List.of("evaluate", file.toString(), "--run", "plain_1", "--partitions", "3", "--period",
                        "1995-10-01:1996-09-30", "--name", "cluster_1995-10-01_1996-09-30", "--master", "local[*]"),
                List.of("evaluate", file.toString(), "--run", "plain_2", "--partitions", "3", "--period",
                        "1995-10-01:1996-09-30", "--name", "cluster_1995-10-01_1996-09-30", "--master", "local[*]"));
        assertThat(ProjectStore.mapper().readTree(job.folder().resolve(ClusterJob.REQUEST).toFile()).get("mode")
                .asText()).isEqualTo("evaluate");
        assertThat(v.submit()).isNotNull();
        assertThat(messages.entries()).extracting(MessageLog.Entry::text).contains("[" + job.name()
                + "] evaluating plain_1", "[" + job.name() + "] evaluating plain_2");
        assertThat(v.outcomeProperty().get()).isEqualTo("cluster job " + job.name() + " finished: runs plain_1,"
                + " plain_2 evaluated into eval/cluster_1995-10-01_1996-09-30/");

        // an experiment without a finished run offers no evaluation
        v.experimentProperty().set("ens");
        assertThat(v.evaluateAllowedProperty().get()).isFalse();
        assertThat(v.finishedRuns()).isEmpty();
        assertThat(v.modeProperty().get()).isEqualTo(Mode.TRAIN);
    }
}
