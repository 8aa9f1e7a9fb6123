package org.hydrodelta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hydrodelta.cluster.cli.ClusterCommand;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's failures that need no Spark context (they must name what is wrong), and a resumption's
 * options.
 */
class ClusterCommandTest {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = ClusterCommand.execute(args);
        } finally {
            System.setErr(err);
        }
        return new String[] {Integer.toString(rc), buf.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void anUnreachableMasterIsNamedWithinTheTimeout() throws Exception {
        Path file = SampleProjects.project(tmp, "cli");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "spark://127.0.0.1:" + port;
        String[] r = run("train", file.toString(), "--experiment", "tiny", "--master", url, "--connect-timeout", "2");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1]).contains("ERROR cannot reach the Spark master " + url + " within 2000 ms");
    }

    @Test
    void anUnknownExperimentIsNamedWithTheOnesThereAre() throws Exception {
        Path file = SampleProjects.project(tmp, "cli2");
        String[] r = run("sweep", file.toString(), "--experiment", "nope", "training.seed=1,2");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1]).contains("no experiment 'nope'").contains("[tiny]");
    }

    /**
     * {@code cluster train --resume} takes {@code --epochs} and refuses {@code --seed} as {@code train --resume}
     * does (it ignored both): the refusals come before a Spark context is opened; the new total is applied on
     * embedded Spark to the tiny run cancelled after its first epoch, which then is finished and refused.
     */
    @Test
    void resumeAppliesANewTotalOfEpochsAndRefusesWhatItCannotTake() throws Exception {
        Path file = SampleProjects.project(tmp, "resume");
        CancellationToken token = new CancellationToken();
        assertThatThrownBy(() -> ExperimentRunner.train(ProjectStore.load(file), file.getParent(), "tiny",
                SampleProjects.tinyDelta(), ProgressListener.NONE, token, new TrainingListener() {
                    @Override
                    public void epoch(int epoch, double meanLoss, Map<String, Double> nse) {
                        token.cancel();
                    }
                })).isInstanceOf(CancelledException.class);
        Path dir;
        try (var s = Files.list(file.getParent().resolve("runs"))) {
            dir = s.findFirst().orElseThrow();
        }
        String name = dir.getFileName().toString();
        assertThat(RunFolder.open(dir).completedEpochs()).isEqualTo(1);
        byte[] runJson = Files.readAllBytes(dir.resolve("run.json"));
        byte[] config = Files.readAllBytes(dir.resolve("config.json"));

        String[] seed = run("train", file.toString(), "--resume", dir.toString(), "--seed", "5");
        assertThat(seed[0]).isEqualTo("1");
        assertThat(seed[1]).contains("ERROR --seed does not apply to --resume", "come from its checkpoint");
        String[] other = run("train", file.toString(), "--experiment", "other", "--resume", dir.toString());
        assertThat(other[0]).isEqualTo("1");
        assertThat(other[1]).contains("ERROR experiment 'other' given with --resume, but run " + name + " is a run"
                + " of experiment 'tiny' (its config.json)");
        String[] fewer = run("train", file.toString(), "--resume", dir.toString(), "--epochs", "1");
        assertThat(fewer[0]).isEqualTo("1");
        assertThat(fewer[1]).contains("ERROR --epochs 1 with --resume: run " + name + " has completed 1 epoch: the"
                + " new total must be greater than 1");
        assertThat(Files.readAllBytes(dir.resolve("run.json"))).isEqualTo(runJson);
        assertThat(Files.readAllBytes(dir.resolve("config.json"))).isEqualTo(config);

        // applied, data-parallel on embedded Spark, the run entered under its own experiment
        String[] longer = run("train", file.toString(), "--resume", dir.toString(), "--epochs", "3", "--master",
                "local[1]");
        assertThat(longer[0]).as(longer[1]).isEqualTo("0");
        assertThat(longer[1]).contains("resume: epochs 2 -> 3 (run's configuration updated)");
        RunFolder run = RunFolder.open(dir);
        assertThat(run.status()).isEqualTo("finished");
        assertThat(run.config().training().epochs()).isEqualTo(3);
        assertThat(run.checkpointEpochs()).containsExactly(1, 2, 3);
        assertThat(Files.readAllLines(dir.resolve("log.csv"))).hasSize(1 + 3 * 3);
        assertThat(ProjectStore.load(file).run(name)).hasValueSatisfying(r -> {
            assertThat(r.experiment()).isEqualTo("tiny");
            assertThat(r.status()).isEqualTo(RunRef.FINISHED);
        });

        // finished: kept as it is
        byte[] log = Files.readAllBytes(dir.resolve("log.csv"));
        String[] again = run("train", file.toString(), "--resume", dir.toString());
        assertThat(again[0]).isEqualTo("1");
        assertThat(again[1]).contains("ERROR --resume: run " + name + " is finished after 3 epochs and is kept as it"
                + " is", "hydrodelta cluster train " + file + " --experiment tiny --epochs N");
        assertThat(Files.readAllBytes(dir.resolve("log.csv"))).isEqualTo(log);
    }

    @Test
    void localMastersRetryFailedTasksAsAClusterDoes() {
        assertThat(ClusterContext.effectiveMaster("local[2]")).isEqualTo("local[2,4]");
        assertThat(ClusterContext.effectiveMaster("local[*]")).isEqualTo("local[*,4]");
        assertThat(ClusterContext.effectiveMaster("local")).isEqualTo("local[1,4]");
        assertThat(ClusterContext.effectiveMaster("spark://h:7077")).isEqualTo("spark://h:7077");
    }
}
