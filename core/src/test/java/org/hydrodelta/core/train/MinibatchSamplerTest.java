package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minibatch sampler and its basin strata ({@code training.strata}). */
class MinibatchSamplerTest {
    @TempDir
    Path tmp;

    @Test
    void oneStratumDrawsThePapersSequence() {
        MinibatchSampler paper = new MinibatchSampler(19, 4000, 365, 365, 7L);
        MinibatchSampler one = new MinibatchSampler(19, 4000, 365, 365, 7L, 1);
        int[] b1 = new int[100];
        int[] s1 = new int[100];
        int[] b2 = new int[100];
        int[] s2 = new int[100];
        for (int i = 0; i < 50; i++) {
            paper.next(b1, s1);
            one.next(b2, s2);
            assertThat(b2).isEqualTo(b1);
            assertThat(s2).isEqualTo(s1);
        }
    }

    @Test
    void strataGiveEveryMinibatchEqualSharesAndStillDrawEveryBasin() {
        int n = 19;
        int strata = 2;
        MinibatchSampler sampler = new MinibatchSampler(n, 4000, 365, 365, 7L, strata);
        MinibatchSampler paper = new MinibatchSampler(n, 4000, 365, 365, 7L);
        int[] basins = new int[100];
        int[] starts = new int[100];
        int[] count = new int[n];
        boolean differs = false;
        int batches = 4000;
        for (int i = 0; i < batches; i++) {
            sampler.next(basins, starts);
            int[] per = new int[strata];
            for (int k = 0; k < basins.length; k++) {
                assertThat(basins[k] % strata).as("sample %d's stratum", k).isEqualTo(k % strata);
                per[basins[k] % strata]++;
                count[basins[k]]++;
                assertThat(starts[k]).isBetween(365, 4000 - 365 - 1);
            }
            assertThat(per).containsOnly(50);
            int[] pb = new int[100];
            paper.next(pb, new int[100]);
            differs |= !java.util.Arrays.equals(pb, basins);
        }
        assertThat(differs).as("strata change the minibatches").isTrue();
        // stratum 0 holds 10 basins, stratum 1 holds 9: each basin is drawn 1/(2·10) or 1/(2·9) of the time
        double total = batches * 100.0;
        for (int b = 0; b < n; b++) {
            double expected = total / strata / (b % 2 == 0 ? 10 : 9);
            assertThat((double) count[b]).as("draws of basin %d", b).isCloseTo(expected,
                    org.assertj.core.data.Percentage.withPercentage(3));
        }
    }

    @Test
    void strataOutsideOneToTheBasinCountAreRefusedByKey() {
        assertThatThrownBy(() -> new MinibatchSampler(3, 4000, 365, 365, 7L, 4))
                .hasMessageContaining("training.strata = 4").hasMessageContaining("[1, 3]");
        assertThatThrownBy(() -> new MinibatchSampler(3, 4000, 365, 365, 7L, 0))
                .hasMessageContaining("training.strata = 0");
        ExperimentConfig c = ExperimentRunnerTest.tiny("delta-hbv", List.of(), 1, 2);
        ExperimentConfig bad = c.withTraining(c.training().withStrata(0));
        assertThat(String.join("; ", bad.validate())).contains("training.strata").contains("[1, 10000]");
    }

    @Test
    void theKeyReachesTheTrainer() throws Exception {
        var project = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
        ExperimentConfig c = ExperimentRunnerTest.tiny("delta-hbv", List.of(), 1, 3);
        RunFolder one = ExperimentRunner.train(project, tmp.resolve("one"), "s1", c, ProgressListener.NONE,
                CancellationToken.NONE, TrainingListener.NONE);
        RunFolder two = ExperimentRunner.train(project, tmp.resolve("two"), "s2",
                c.withTraining(c.training().withStrata(2)), ProgressListener.NONE, CancellationToken.NONE, TrainingListener.NONE);
        List<String> a = Files.readAllLines(one.dir().resolve("log.csv"));
        List<String> b = Files.readAllLines(two.dir().resolve("log.csv"));
        assertThat(a).hasSameSizeAs(b);
        assertThat(two.readJson("config.json").path("config").path("training").path("strata").asInt()).isEqualTo(2);
        // the losses differ: other basins were drawn (same seed, same network initialisation)
        assertThat(b.subList(1, b.size())).isNotEqualTo(a.subList(1, a.size()));
    }
}
