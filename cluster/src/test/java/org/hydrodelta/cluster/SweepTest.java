package org.hydrodelta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.TensorFile;
import org.hydrodelta.core.train.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps on embedded Spark ({@code local[2]}): each run one task, recorded in the project as a local run. */
class SweepTest {
    @TempDir
    static Path tmp;
    static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        jsc = ClusterContext.open("local[2]", "SweepTest", 5000);
    }

    @AfterAll
    static void stop() {
        if (jsc != null) {
            jsc.close();
        }
    }

    @Test
    void gridIsTheProductOfItsAxesFirstAxisSlowest() {
        assertThat(Sweep.grid(List.of("network.hiddenSize=32,64", "training.seed=1,2"))).containsExactly(
                List.of("network.hiddenSize=32", "training.seed=1"), List.of("network.hiddenSize=32", "training.seed=2"),
                List.of("network.hiddenSize=64", "training.seed=1"), List.of("network.hiddenSize=64", "training.seed=2"));
        assertThatThrownBy(() -> Sweep.grid(List.of("network.hiddenSize"))).hasMessageContaining("KEY=V1,V2");
        assertThatThrownBy(() -> Sweep.grid(List.of("training.seed=1,,2"))).hasMessageContaining("empty value");
        assertThat(Sweep.grid(List.of("validationPeriod=", "training.seed=1,2"))).containsExactly(
                List.of("validationPeriod=", "training.seed=1"), List.of("validationPeriod=", "training.seed=2"));
        assertThatThrownBy(() -> Sweep.grid(List.of("training.seed=1", "training.seed=2")))
                .hasMessageContaining("given twice");
    }

    @Test
    void anInvalidValueIsRefusedBeforeAnythingRuns() throws Exception {
        Path file = SampleProjects.project(tmp, "invalid");
        assertThatThrownBy(() -> Sweep.plan(file, "tiny", List.of("network.hiddenSize=8,0"), false))
                .hasMessageContaining("hiddenSize");
        assertThat(ProjectStore.load(file).runs()).isEmpty();
    }

    @Test
    void twoRunsAsSparkTasksLandInTheProjectAndMatchLocalRuns() throws Exception {
        Path file = SampleProjects.project(tmp, "sweep");
        List<Sweep.Task> tasks = Sweep.plan(file, "tiny", List.of("training.seed=1,2", "training.epochs=1"), true);
        List<Sweep.Result> results = Sweep.run(jsc, tasks);
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.message()).isNull();
            assertThat(r.status()).isEqualTo(RunRef.FINISHED);
            assertThat(r.testNse()).isFinite();
        });
        Project p = ProjectStore.load(file);
        assertThat(p.runs()).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunRef.FINISHED);
            assertThat(r.group()).isEqualTo(tasks.get(0).group());
        });
        assertThat(p.runs().stream().map(RunRef::member)).containsExactlyInAnyOrder(
                "training.seed=1 training.epochs=1", "training.seed=2 training.epochs=1");
        // the seed-2 run is the run a local train of the same settings gives, bit for bit
        RunFolder local = ExperimentRunner.train(ProjectStore.load(file), tmp.resolve("local"), "tiny",
                org.hydrodelta.core.project.ExperimentKeys.apply(SampleProjects.tinyDelta(), List.of("training.seed=2",
                        "training.epochs=1"), "tiny"), ProgressListener.NONE, CancellationToken.NONE,
                TrainingListener.NONE);
        Map<String, float[]> a = TensorFile.read(local.checkpointDir(1).resolve("weights.bin"));
        Map<String, float[]> b = TensorFile.read(Path.of(results.get(1).runDir()).resolve(
                "checkpoints/epoch_001/weights.bin"));
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k).containsExactly(a.get(k));
        }
    }

    @Test
    void aDataPathExecutorsCannotReadIsNamed() throws Exception {
        Path file = SampleProjects.project(tmp, "unreadable");
        Path missing = tmp.resolve("not-on-this-executor/camels-us");
        ProjectStore.update(file, p -> {
            p.datasets().clear();
            p.datasets().add(new DatasetRef("camels-nldas", "camels-us", missing, "nldas", Map.of()));
        });
        List<Sweep.Result> results = Sweep.run(jsc, Sweep.plan(file, "tiny", List.of("training.seed=1"), false));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunRef.FAILED);
            assertThat(r.message()).contains(missing.toString());
        });
    }
}
