package org.hydrodelta.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hydrodelta.app.cli.CombineCommandTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hydrodelta.app.cli.CombineCommandTest.Run;
import org.hydrodelta.app.gui.runs.RunFixtures;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.train.GroupRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.RunRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --resume RUN_DIR} with {@code --epochs}, {@code --seed}, {@code --threads}, {@code --skip-unusable}
 * and an experiment name: each is applied or refused naming the option, never ignored; a finished run is refused;
 * {@code --resume-group} with an experiment other than the group's own is refused too.
 * The run is the window's tiny δ-model run ({@link RunFixtures#tiny}: 2 epochs of 3 iterations on two real CAMELS
 * basins of the camels-regions sample, one thread), cancelled after its first epoch as the window's Cancel does and
 * entered in the project as cancelled.
 */
class ResumeOptionsTest {
    private static final String EXPERIMENT = "tiny-delta-hbv";

    @TempDir
    Path tmp;
    private Path file;

    /** @return the run folder of {@value #EXPERIMENT} cancelled after epoch 1 of 2, with its checkpoint */
    private Path cancelledRun() throws Exception {
        file = RunFixtures.untrained(tmp, "delta-hbv");
        RunRecorder recorder = RunFixtures.cancelAfterFirstEpoch(file, EXPERIMENT);
        recorder.ended(RunRef.CANCELLED, "cancelled by the user; resume continues from the last checkpoint");
        RunFolder run = RunFolder.open(recorder.runDir());
        assertThat(run.status()).isEqualTo("cancelled");
        assertThat(run.completedEpochs()).isEqualTo(1);
        assertThat(run.config().training().epochs()).isEqualTo(2);
        assertThat(run.config().training().threads()).isEqualTo(1);
        return run.dir();
    }

    /** @return every file under {@code dir} (relative path) with its bytes */
    private static Map<String, byte[]> files(Path dir) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static void assertSameFiles(Map<String, byte[]> after, Map<String, byte[]> before) {
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    private static List<String> log(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve("log.csv"));
    }

    @Test
    void epochsSetsTheRunsNewTotalInItsConfigurationAndTheRunEndsFinished() throws Exception {
        Path dir = cancelledRun();
        Run r = run("train", file.toString(), "--resume", dir.toString(), "--epochs", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("resume: epochs 2 -> 3 (run's configuration updated)");
        RunFolder run = RunFolder.open(dir);
        assertThat(run.status()).isEqualTo("finished");
        assertThat(run.config().training().epochs()).isEqualTo(3);
        assertThat(run.checkpointEpochs()).containsExactly(1, 2, 3);
        List<String> log = log(dir);
        assertThat(log).hasSize(1 + 3 * 3);
        assertThat(log.get(log.size() - 1)).startsWith("9,3,");
        assertThat(run.readJson("run.json").get("changes").toString()).contains("training.epochs 2 -> 3")
                .contains("\"afterEpoch\":1");
        assertThat(ProjectStore.load(file).runs()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo(dir);
            assertThat(e.status()).isEqualTo(RunRef.FINISHED);
        });

        // nothing else in training depends on the total: the log is that of a run of 3 epochs from the start
        Run straight = run("train", file.toString(), EXPERIMENT, "--epochs", "3");
        assertThat(straight.code()).as(straight.err()).isZero();
        Path other = ProjectStore.load(file).runs().stream().map(RunRef::path).filter(x -> !x.equals(dir))
                .findFirst().orElseThrow();
        assertThat(Files.readAllBytes(dir.resolve("log.csv"))).isEqualTo(Files.readAllBytes(other.resolve("log.csv")));

        // a finished run is not extended: the message says how to train longer, and nothing in it changes
        Map<String, byte[]> before = files(dir);
        Run finished = run("train", file.toString(), "--resume", dir.toString(), "--epochs", "5");
        assertThat(finished.code()).isEqualTo(1);
        assertThat(finished.err()).contains("--epochs 5 with --resume: run " + dir.getFileName() + " is finished"
                + " after 3 epochs", "train " + file + " " + EXPERIMENT + " --epochs 5")
                .doesNotContain("Exception");
        assertSameFiles(files(dir), before);
        // nor resumed as it is: that trained nothing and marked it finished again (after an early stop it trained
        // on past the stop)
        byte[] project = Files.readAllBytes(file);
        Run plain = run("train", file.toString(), "--resume", dir.toString());
        assertThat(plain.code()).isEqualTo(1);
        assertThat(plain.err()).contains("--resume: run " + dir.getFileName() + " is finished after 3 epochs and is"
                + " kept as it is, with its checkpoints and evaluation; to train longer, start a new run of its"
                + " experiment " + EXPERIMENT + " with more epochs (train " + file + " " + EXPERIMENT
                + " --epochs N)").doesNotContain("Exception");
        assertSameFiles(files(dir), before);
        assertThat(Files.readAllBytes(file)).isEqualTo(project);
    }

    @Test
    void epochsNotAboveTheCompletedOnesAreRefusedAndTheRunFolderIsLeftAsItWas() throws Exception {
        Path dir = cancelledRun();
        Map<String, byte[]> before = files(dir);
        byte[] project = Files.readAllBytes(file);
        Run r = run("train", file.toString(), "--resume", dir.toString(), "--epochs", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--epochs 1 with --resume: run " + dir.getFileName() + " has completed 1 epoch:"
                + " the new total must be greater than 1").doesNotContain("Exception");
        assertSameFiles(files(dir), before);
        assertThat(Files.readAllBytes(file)).isEqualTo(project);
    }

    @Test
    void epochsAreRefusedForOnePartOfAGroup() throws Exception {
        Path dir = cancelledRun();
        String name = dir.getFileName().toString();
        // entered as a group's part, as the group runner enters its runs
        ProjectStore.update(file, p -> p.putRun(p.run(name).orElseThrow().inGroup("g_pub", "fold 1/3")));
        Map<String, byte[]> before = files(dir);
        Run r = run("train", file.toString(), "--resume", dir.toString(), "--epochs", "3");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--epochs 3 with --resume: run " + name + " is fold 1/3 of group g_pub",
                "--resume-group g_pub").doesNotContain("Exception");
        assertSameFiles(files(dir), before);
    }

    @Test
    void seedAndSkipUnusableAreRefusedWithResume() throws Exception {
        Path dir = cancelledRun();
        Map<String, byte[]> before = files(dir);
        Run r = run("train", file.toString(), "--resume", dir.toString(), "--seed", "11");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--seed does not apply to --resume", "come from its checkpoint")
                .doesNotContain("Exception");
        // the run's basins are the recorded ones: there is nothing to skip
        Run skip = run("train", file.toString(), "--resume", dir.toString(), "--skip-unusable");
        assertThat(skip.code()).isEqualTo(1);
        assertThat(skip.err()).contains("--skip-unusable does not apply to --resume: a resumption trains on exactly"
                + " the basins the run recorded (basins_used.txt").doesNotContain("Exception");
        assertSameFiles(files(dir), before);
    }

    @Test
    void anExperimentNamedWithResumeMustBeTheRunsOwn() throws Exception {
        Path dir = cancelledRun();
        Map<String, byte[]> before = files(dir);
        byte[] project = Files.readAllBytes(file);
        Run other = run("train", file.toString(), "tiny-lstm", "--resume", dir.toString());
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("experiment 'tiny-lstm' given with --resume, but run " + dir.getFileName()
                + " is a run of experiment '" + EXPERIMENT + "' (its config.json)").doesNotContain("Exception");
        assertSameFiles(files(dir), before);
        assertThat(Files.readAllBytes(file)).isEqualTo(project);
        // its own name is what it would have been anyway: resumed without a word about it
        Run own = run("train", file.toString(), "--experiment", EXPERIMENT, "--resume", dir.toString());
        assertThat(own.code()).as(own.err()).isZero();
        assertThat(own.err()).doesNotContain("experiment '");
        assertThat(RunFolder.open(dir).status()).isEqualTo("finished");
        assertThat(log(dir)).hasSize(1 + 2 * 3);
        assertThat(ProjectStore.load(file).runs()).singleElement().satisfies(e -> {
            assertThat(e.experiment()).isEqualTo(EXPERIMENT);
            assertThat(e.status()).isEqualTo(RunRef.FINISHED);
        });
    }

    /** @return the folder of a group of two ensemble members of {@value #EXPERIMENT}, cancelled in member 1 */
    private Path cancelledGroup() throws Exception {
        file = RunFixtures.untrained(tmp, "delta-hbv");
        Project p = ProjectStore.load(file);
        ExperimentConfig config = GroupRunner.override(p.experiment(EXPERIMENT).orElseThrow().config(), null, null,
                null, null, null, null, 2);
        CancellationToken token = new CancellationToken();
        assertThatThrownBy(() -> GroupRunner.run(p, file, EXPERIMENT, config, GroupRunner.Options.DEFAULTS,
                ProgressListener.NONE, token, new GroupRunner.Listener() {
                    @Override
                    public void epoch(int epoch, double meanLoss, Map<String, Double> nse) {
                        token.cancel();
                    }
                })).isInstanceOf(CancelledException.class);
        try (Stream<Path> s = Files.list(file.getParent().resolve("runs"))) {
            Path dir = s.filter(d -> Files.isRegularFile(d.resolve(GroupRunner.GROUP_FILE))).findFirst()
                    .orElseThrow();
            GroupRunner.GroupState group = GroupRunner.read(dir);
            assertThat(group.status()).isEqualTo(RunRef.CANCELLED);
            assertThat(group.experiment()).isEqualTo(EXPERIMENT);
            assertThat(group.parts()).extracting(GroupRunner.Part::status).containsExactly(GroupRunner.TRAINING,
                    GroupRunner.PENDING);
            return dir;
        }
    }

    @Test
    void anExperimentNamedWithResumeGroupMustBeTheGroupsOwn() throws Exception {
        Path group = cancelledGroup();
        String name = group.getFileName().toString();
        Path runs = group.getParent();
        Map<String, byte[]> before = files(runs);
        byte[] project = Files.readAllBytes(file);
        // the group was planned from tiny-delta-hbv: resuming it "as" another experiment was silently the same
        // resumption, with the other name ignored
        Run other = run("train", file.toString(), "tiny-lstm", "--resume-group", name);
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("experiment 'tiny-lstm' given with --resume-group, but group " + name
                + " is a group of experiment '" + EXPERIMENT + "' (its group.json): a resumption continues the"
                + " group's own experiment; name '" + EXPERIMENT + "' or leave the experiment out")
                .doesNotContain("Exception");
        Run option = run("train", file.toString(), "--experiment", "tiny-lstm", "--resume-group", name);
        assertThat(option.code()).isEqualTo(1);
        assertThat(option.err()).contains("experiment 'tiny-lstm' given with --resume-group, but group " + name);
        assertSameFiles(files(runs), before);
        assertThat(Files.readAllBytes(file)).isEqualTo(project);
        // its own name continues it to its end
        Run own = run("train", file.toString(), EXPERIMENT, "--resume-group", name, "--attribute-sensitivity",
                "never");
        assertThat(own.code()).as(own.err()).isZero();
        assertThat(own.err()).doesNotContain("experiment '");
        GroupRunner.GroupState done = GroupRunner.read(group);
        assertThat(done.status()).isEqualTo(RunRef.FINISHED);
        assertThat(done.parts()).extracting(GroupRunner.Part::status).containsOnly(GroupRunner.FINISHED);
    }

    @Test
    void threadsOtherThanTheRunsApplyWithANoteAndTheConfigurationKeepsItsOwn() throws Exception {
        Path dir = cancelledRun();
        Run r = run("train", file.toString(), "--resume", dir.toString(), "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("resume: threads 1 -> 2 for this resumption", "bit-reproducible only for a"
                + " fixed thread count", "from epoch 2 on");
        RunFolder run = RunFolder.open(dir);
        assertThat(run.status()).isEqualTo("finished");
        assertThat(run.config().training().threads()).isEqualTo(1);
        assertThat(run.readJson("run.json").get("changes").toString()).contains("threads 1 -> 2");
        assertThat(log(dir)).hasSize(1 + 2 * 3);
    }
}
