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

/** A 3-fold PUB on the 19 sample basins as three Spark tasks against the local group runner. */
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
    }
}
