package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hydrodelta.core.train.GroupRunnerTest.run;
import static org.hydrodelta.core.train.GroupRunnerTest.tiny;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed ensembles and continuing an interrupted group, on the real 19-basin camels-regions sample with the tiny
 * trainings of {@link GroupRunnerTest}.
 */
class GroupEnsembleAndResumeTest {
    @TempDir
    Path tmp;

    Path project(ExperimentConfig config) throws Exception {
        return GroupRunnerTest.project(tmp, config);
    }

    @Test
    void twoEnsembleMembersGetDifferentSeedsAndWeightsGroupedInTheProject() throws Exception {
        ExperimentConfig config = tiny().withEnsemble(new ExperimentConfig.Ensemble(2));
        Path file = project(config);
        GroupRunner.GroupResult r = run(file, config, CancellationToken.NONE, new GroupRunner.Listener() { });
        assertThat(r.state().kind()).isEqualTo("ensemble");
        assertThat(r.heldOut()).isEmpty();
        List<GroupRunner.Part> parts = r.state().parts();
        assertThat(parts).extracting(GroupRunner.Part::seed).containsExactly(7L, 1007L);
        assertThat(parts).extracting(GroupRunner.Part::label).containsExactly("member 1/2", "member 2/2");
        Path a = tmp.resolve("runs").resolve(parts.get(0).run());
        Path b = tmp.resolve("runs").resolve(parts.get(1).run());
        assertThat(RunFolder.open(a).config().training().seed()).isEqualTo(7L);
        assertThat(RunFolder.open(b).config().training().seed()).isEqualTo(1007L);
        assertThat(RunFolder.open(a).config().basins()).hasSize(19);
        Map<String, float[]> wa = TensorFile.read(RunFolder.open(a).checkpointDir(1).resolve("weights.bin"));
        Map<String, float[]> wb = TensorFile.read(RunFolder.open(b).checkpointDir(1).resolve("weights.bin"));
        assertThat(wa.keySet()).isEqualTo(wb.keySet());
        String first = wa.keySet().iterator().next();
        assertThat(wa.get(first)).isNotEqualTo(wb.get(first));
        Project p = ProjectStore.load(file);
        assertThat(p.runs()).filteredOn(x -> r.state().name().equals(x.group())).extracting(RunRef::name,
                RunRef::member).containsExactlyInAnyOrder(
                        Tuple.tuple(parts.get(0).run(), "member 1/2"),
                        Tuple.tuple(parts.get(1).run(), "member 2/2"),
                        Tuple.tuple(r.state().name() + GroupRunner.ENSEMBLE_SUFFIX, GroupRunner.ENSEMBLE_MEMBER));
        // both evaluated on the test period, and their ensemble mean and spread written as a result of its own
        assertThat(RunResults.of(a).metrics()).hasSize(19);
        assertThat(RunResults.of(b).metrics()).hasSize(19);
        RunResults ensemble = RunResults.of(r.state().dir().resolve(r.state().name() + GroupRunner.ENSEMBLE_SUFFIX));
        assertThat(ensemble.isEnsemble()).isTrue();
        assertThat(ensemble.metrics()).hasSize(19);
        assertThat(ensemble.memberMetrics()).containsOnlyKeys("member 1/2", "member 2/2")
                .allSatisfy((member, perBasin) -> assertThat(perBasin).hasSize(19));
    }

    @Test
    void aGroupCancelledInItsSecondFoldContinuesWhereItStopped() throws Exception {
        ExperimentConfig config = tiny().withHoldout(new ExperimentConfig.Holdout("pub", 3, null, null, null, null,
                null));
        Path file = project(config);
        Path groupDir = cancelInFold2(file, config);
        GroupRunner.GroupState stopped = GroupRunner.read(groupDir);
        assertThat(stopped.status()).isEqualTo(RunRef.CANCELLED);
        assertThat(stopped.parts()).extracting(GroupRunner.Part::status).containsExactly(GroupRunner.FINISHED,
                GroupRunner.TRAINING, GroupRunner.PENDING);
        String fold1 = stopped.parts().get(0).run();
        String fold2 = stopped.parts().get(1).run();
        assertThat(fold2).isNotNull();
        long fold1Weights = Files.getLastModifiedTime(tmp.resolve("runs").resolve(fold1).resolve("checkpoints"))
                .toMillis();
        Project p = ProjectStore.load(file);
        assertThat(p.run(fold2).orElseThrow().status()).isEqualTo(RunRef.CANCELLED);
        assertThat(p.run(groupDir.getFileName().toString())).isEmpty(); // no merged result yet

        List<String> resumed = new ArrayList<>();
        GroupRunner.GroupResult r = GroupRunner.resume(ProjectStore.load(file), file,
                groupDir.getFileName().toString(), GroupRunner.Options.DEFAULTS, ProgressListener.NONE,
                CancellationToken.NONE, new GroupRunner.Listener() {
                    @Override
                    public void partStarting(GroupRunner.Part part, int index, int total) {
                        resumed.add(part.label());
                    }
                });
        assertThat(resumed).containsExactly("fold 2/3", "fold 3/3");
        assertThat(r.state().status()).isEqualTo(RunRef.FINISHED);
        assertThat(r.state().parts()).extracting(GroupRunner.Part::run).startsWith(fold1, fold2);
        assertThat(Files.getLastModifiedTime(tmp.resolve("runs").resolve(fold1).resolve("checkpoints")).toMillis())
                .isEqualTo(fold1Weights);
        assertThat(RunResults.of(groupDir).metrics()).hasSize(19);
        Project after = ProjectStore.load(file);
        assertThat(after.run(fold2).orElseThrow().status()).isEqualTo(RunRef.FINISHED);
        assertThat(after.run(groupDir.getFileName().toString()).orElseThrow().member())
                .isEqualTo(GroupRunner.HELD_OUT_MEMBER);
        // every run folder under runs/ is one of the group's three, plus the group folder
        try (var s = Files.list(tmp.resolve("runs"))) {
            assertThat(s.count()).isEqualTo(4);
        }
    }

    /**
     * A Spark driver that dies while its tasks run leaves group.json as planned, every part pending, though the
     * parts' runs exist and are entered in the project. The resumption takes them from the project: the finished
     * fold is only evaluated (not trained again), the cancelled one continues in its folder, among two runs of one
     * part the finished one is taken, and no run folder is added but the missing fold's.
     */
    @Test
    void partsAGroupFileCallsPendingContinueInTheRunsTheProjectRecordsForThem() throws Exception {
        ExperimentConfig config = tiny().withHoldout(new ExperimentConfig.Holdout("pub", 3, null, null, null, null,
                null));
        Path file = project(config);
        Path groupDir = cancelInFold2(file, config);
        GroupRunner.GroupState stopped = GroupRunner.read(groupDir);
        String fold1 = stopped.parts().get(0).run();
        String fold2 = stopped.parts().get(1).run();
        Path runs = tmp.resolve("runs");
        // a second, later attempt at fold 1 that died in its first epoch (a task Spark retried): a copy of fold 1's
        // folder without checkpoints, running, entered later in the project
        Path retry = runs.resolve(fold1 + "_retry");
        Files.createDirectories(retry);
        for (String f : List.of("config.json", "run.json")) {
            Files.copy(runs.resolve(fold1).resolve(f), retry.resolve(f));
        }
        RunFolder.open(retry).setStatus("running", null);
        RunRef first = ProjectStore.load(file).run(fold1).orElseThrow();
        ProjectStore.update(file, x -> x.runs().add(new RunRef(retry.getFileName().toString(), "g", retry,
                first.created().plusSeconds(60), RunRef.RUNNING, null, first.group(), first.member())));
        // group.json as the driver wrote it before its tasks ran
        List<GroupRunner.Part> pending = new ArrayList<>();
        stopped.parts().forEach(x -> pending.add(new GroupRunner.Part(x.fold(), x.member(), x.label(), x.seed(),
                null, GroupRunner.PENDING, Double.NaN)));
        GroupRunner.write(new GroupRunner.GroupState(stopped.name(), groupDir, stopped.experiment(), stopped.kind(),
                stopped.plan(), stopped.members(), pending, RunRef.RUNNING, null));
        byte[] fold1Log = Files.readAllBytes(runs.resolve(fold1).resolve("log.csv"));
        List<String> trained = new ArrayList<>();
        Map<String, String> notes = new java.util.LinkedHashMap<>();
        GroupRunner.GroupResult r = GroupRunner.resume(ProjectStore.load(file), file,
                groupDir.getFileName().toString(), GroupRunner.Options.DEFAULTS, ProgressListener.NONE,
                CancellationToken.NONE, new GroupRunner.Listener() {
                    @Override
                    public void runStarted(Path runDir) {
                        trained.add(runDir.getFileName().toString());
                    }

                    @Override
                    public void partRecovered(GroupRunner.Part part, String note) {
                        notes.put(part.label(), note);
                    }
                });
        assertThat(r.state().status()).isEqualTo(RunRef.FINISHED);
        assertThat(r.state().parts()).extracting(GroupRunner.Part::run).startsWith(fold1, fold2);
        assertThat(notes.keySet()).containsExactly("fold 1/3", "fold 2/3");
        assertThat(notes.get("fold 1/3")).contains("2 runs of it; continuing " + fold1).contains("trained to the end");
        assertThat(notes.get("fold 2/3")).contains("its run " + fold2);
        // fold 1 was not trained again; fold 2 continued in its folder; fold 3 started in a new one
        assertThat(trained).hasSize(2).startsWith(fold2).doesNotContain(fold1);
        assertThat(Files.readAllBytes(runs.resolve(fold1).resolve("log.csv"))).isEqualTo(fold1Log);
        assertThat(RunResults.of(groupDir).metrics()).hasSize(19);
        try (var s = Files.list(runs)) {
            assertThat(s.count()).isEqualTo(5); // three folds, the retry, the group
        }
        assertThat(ProjectStore.load(file).run(fold2).orElseThrow().status()).isEqualTo(RunRef.FINISHED);
    }

    /** Runs {@code g} as a group and cancels it during its second part; returns the group folder. */
    private Path cancelInFold2(Path file, ExperimentConfig config) throws Exception {
        CancellationToken cancel = new CancellationToken();
        List<String> started = new ArrayList<>();
        GroupRunner.Listener stopInFold2 = new GroupRunner.Listener() {
            @Override
            public void partStarting(GroupRunner.Part part, int index, int total) {
                started.add(part.label());
            }

            @Override
            public void iteration(long iteration, int epoch, double loss) {
                if (started.size() == 2) {
                    cancel.cancel();
                }
            }
        };
        assertThatThrownBy(() -> run(file, config, cancel, stopInFold2))
                .isInstanceOf(CancelledException.class);
        try (var s = Files.list(tmp.resolve("runs"))) {
            return s.filter(d -> Files.isRegularFile(d.resolve(GroupRunner.GROUP_FILE))).findFirst().orElseThrow();
        }
    }
}
