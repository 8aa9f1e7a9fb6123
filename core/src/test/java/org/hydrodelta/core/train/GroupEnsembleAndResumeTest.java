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
                        Tuple.tuple(parts.get(1).run(), "member 2/2"));
        // both evaluated on the test period
        assertThat(RunResults.of(a).metrics()).hasSize(19);
        assertThat(RunResults.of(b).metrics()).hasSize(19);
    }

    @Test
    void aGroupCancelledInItsSecondFoldContinuesWhereItStopped() throws Exception {
        ExperimentConfig config = tiny().withHoldout(new ExperimentConfig.Holdout("pub", 3, null, null, null, null,
                null));
        Path file = project(config);
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
        Path groupDir;
        try (var s = Files.list(tmp.resolve("runs"))) {
            groupDir = s.filter(d -> Files.isRegularFile(d.resolve(GroupRunner.GROUP_FILE))).findFirst()
                    .orElseThrow();
        }
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
}
