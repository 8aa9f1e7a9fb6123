package org.hydrodelta.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.GroupRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3-fold PUB on the 19 sample basins as three Spark tasks against the local group runner; its group.json, and a
 * Spark group with a lost task finished by the local runner ({@code train --resume-group}).
 */
class GroupsOnSparkTest {
    @TempDir
    static Path tmp;
    static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        jsc = ClusterContext.open("local[2]", "GroupsOnSparkTest", 5000);
    }

    @AfterAll
    static void stop() {
        if (jsc != null) {
            jsc.close();
        }
    }

    /** 1 epoch of 2 iterations, hidden 8, training 2003-2005, test 2009, 3-fold PUB. */
    static ExperimentConfig pub() {
        return new ExperimentConfig("delta-hbv", "camels-nldas", null,
                Period.inclusive(LocalDate.of(2003, 10, 1), LocalDate.of(2005, 9, 30)), null,
                Period.inclusive(LocalDate.of(2008, 10, 1), LocalDate.of(2009, 9, 30)), 60, 120, null, null,
                new ExperimentConfig.Hbv(1, List.of(), false, true), new ExperimentConfig.Network("lstm", 8, 0.5),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 1, 4, 2, 7L, 1, null))
                .withHoldout(new ExperimentConfig.Holdout("pub", 3, null, null, null, null, null));
    }

    static Path project(String name) throws Exception {
        Path file = SampleProjects.project(tmp, name);
        ProjectStore.update(file, p -> p.experiments().add(new org.hydrodelta.core.project.Experiment("g", pub())));
        return file;
    }

    @Test
    void threeFoldPubAsThreeSparkTasksGivesTheLocalFoldsMetrics() throws Exception {
        Path local = project("local");
        GroupRunner.GroupResult expected = GroupRunner.run(ProjectStore.load(local), local, "g", pub(),
                GroupRunner.Options.DEFAULTS, ProgressListener.NONE, CancellationToken.NONE,
                new GroupRunner.Listener() { });
        Path spark = project("spark");
        ClusterGroups.Result r = ClusterGroups.run(jsc, spark, "g", pub());
        assertThat(r.parts()).hasSize(3).allSatisfy(p -> assertThat(p.message()).isNull());
        assertThat(r.heldOut().keySet()).hasSize(19).isEqualTo(expected.heldOut().keySet());
        for (Map.Entry<String, Map<String, Double>> e : expected.heldOut().entrySet()) {
            // every part is the local code with the same configuration and threads: the same numbers
            assertThat(r.heldOut().get(e.getKey()).get("nse")).as(e.getKey()).isEqualTo(e.getValue().get("nse"));
        }
        assertThat(r.mergedMedianNse()).isEqualTo(expected.mergedMedianNse());
        Project p = ProjectStore.load(spark);
        String group = r.dir().getFileName().toString();
        assertThat(p.runs()).filteredOn(x -> group.equals(x.group())).extracting(RunRef::member)
                .containsExactlyInAnyOrder("fold 1/3", "fold 2/3", "fold 3/3", GroupRunner.HELD_OUT_MEMBER);
        assertThat(p.runs()).allSatisfy(x -> assertThat(x.status()).isEqualTo(RunRef.FINISHED));

        // the driver wrote group.json as the group runner does: every part finished in its run folder
        GroupRunner.GroupState g = GroupRunner.read(r.dir());
        assertThat(g.status()).isEqualTo(RunRef.FINISHED);
        assertThat(g.kind()).isEqualTo("holdout");
        assertThat(g.parts()).extracting(GroupRunner.Part::status).containsOnly(GroupRunner.FINISHED);
        for (int i = 0; i < 3; i++) {
            assertThat(g.parts().get(i).run()).isEqualTo(Path.of(r.parts().get(i).runDir()).getFileName().toString());
            assertThat(g.parts().get(i).heldOutMedianNse()).isEqualTo(r.parts().get(i).heldOutNse());
        }

        // A part that failed in its run folder is left to be resumed there, one that failed before it made one to be
        // started.
        List<ClusterGroups.PartResult> failed = new java.util.ArrayList<>(r.parts());
        ClusterGroups.PartResult third = failed.get(2);
        failed.set(1, new ClusterGroups.PartResult(2, 1, "fold 2/3", r.parts().get(1).runDir(), Double.NaN, "lost"));
        failed.set(2, new ClusterGroups.PartResult(3, 1, "fold 3/3", null, Double.NaN, "executor lost"));
        assertThat(ClusterGroups.ended(g, failed, RunRef.FAILED, "2 of 3 parts failed").parts())
                .extracting(GroupRunner.Part::status, GroupRunner.Part::run).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(GroupRunner.FINISHED, g.parts().get(0).run()),
                        org.assertj.core.groups.Tuple.tuple(GroupRunner.TRAINING, g.parts().get(1).run()),
                        org.assertj.core.groups.Tuple.tuple(GroupRunner.PENDING, null));

        // A Spark group whose third task was lost before it made its run folder (no run, no entry, no merged
        // result) is finished on one machine by train --resume-group's runner: the same held-out numbers.
        failed.set(1, r.parts().get(1));
        GroupRunner.write(ClusterGroups.ended(g, failed, RunRef.FAILED, "1 of 3 parts of group " + group
                + " failed"));
        String lostRun = Path.of(third.runDir()).getFileName().toString();
        delete(Path.of(third.runDir()));
        delete(r.dir().resolve("eval"));
        ProjectStore.update(spark, x -> x.runs().removeIf(e -> e.name().equals(lostRun)
                || (group.equals(e.group()) && GroupRunner.HELD_OUT_MEMBER.equals(e.member()))));
        GroupRunner.GroupResult resumed = GroupRunner.resume(ProjectStore.load(spark), spark, group,
                GroupRunner.Options.DEFAULTS, ProgressListener.NONE, CancellationToken.NONE,
                new GroupRunner.Listener() { });
        assertThat(resumed.state().status()).isEqualTo(RunRef.FINISHED);
        assertThat(resumed.state().parts()).extracting(GroupRunner.Part::status).containsOnly(GroupRunner.FINISHED);
        assertThat(resumed.state().parts().subList(0, 2)).extracting(GroupRunner.Part::run)
                .containsExactly(g.parts().get(0).run(), g.parts().get(1).run());
        assertThat(resumed.mergedMedianNse()).isEqualTo(r.mergedMedianNse());
        assertThat(resumed.heldOut()).isEqualTo(r.heldOut());
        assertThat(ProjectStore.load(spark).runs()).filteredOn(x -> group.equals(x.group()))
                .extracting(RunRef::member, RunRef::status).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("fold 1/3", RunRef.FINISHED),
                        org.assertj.core.groups.Tuple.tuple("fold 2/3", RunRef.FINISHED),
                        org.assertj.core.groups.Tuple.tuple("fold 3/3", RunRef.FINISHED),
                        org.assertj.core.groups.Tuple.tuple(GroupRunner.HELD_OUT_MEMBER, RunRef.FINISHED));

        // A driver that died while its tasks ran left group.json as planned (every part pending): the resumption
        // takes each part's run from the project, where its task entered it, and trains none of them again.
        GroupRunner.write(new GroupRunner.GroupState(g.name(), g.dir(), g.experiment(), g.kind(), g.plan(),
                g.members(), g.parts().stream().map(x -> new GroupRunner.Part(x.fold(), x.member(), x.label(),
                        x.seed(), null, GroupRunner.PENDING, Double.NaN)).toList(), RunRef.RUNNING, null));
        delete(r.dir().resolve("eval"));
        List<String> trained = new java.util.ArrayList<>();
        List<String> recovered = new java.util.ArrayList<>();
        GroupRunner.GroupResult again = GroupRunner.resume(ProjectStore.load(spark), spark, group,
                GroupRunner.Options.DEFAULTS, ProgressListener.NONE, CancellationToken.NONE,
                new GroupRunner.Listener() {
                    @Override
                    public void runStarted(Path runDir) {
                        trained.add(runDir.toString());
                    }

                    @Override
                    public void partRecovered(GroupRunner.Part part, String note) {
                        recovered.add(part.label());
                    }
                });
        assertThat(trained).isEmpty();
        assertThat(recovered).containsExactly("fold 1/3", "fold 2/3", "fold 3/3");
        assertThat(again.state().parts()).extracting(GroupRunner.Part::run)
                .isEqualTo(resumed.state().parts().stream().map(GroupRunner.Part::run).toList());
        assertThat(again.heldOut()).isEqualTo(r.heldOut());
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(dir)) {
            for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(f);
            }
        }
    }
}
