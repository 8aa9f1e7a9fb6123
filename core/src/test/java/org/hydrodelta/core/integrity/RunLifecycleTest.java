package org.hydrodelta.core.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.RunRecorder;
import org.hydrodelta.core.train.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs are never lost: separate processes save one project concurrently and every run is kept; a process killed
 * with kill -9 in the middle of saving leaves a project that opens and no temporary file; a training killed at a
 * random moment is listed as interrupted, and its resume is byte-identical (log, weights, optimiser state) to an
 * uninterrupted run.
 */
class RunLifecycleTest {
    /** Kill trials of training; {@code -Dhydrodelta.killTrials=10} for the ten. */
    private static final int KILL_TRIALS = Integer.getInteger("hydrodelta.killTrials", 1);

    @TempDir
    static Path tmp;

    private static int runsLost;
    private static int trials;
    private static int interrupted;

    @AfterAll
    static void tally() {
        System.out.printf("run lifecycle: %d kill trials (%d killed mid-training, resumed byte-identical), %d runs"
                + " lost%n", trials, interrupted, runsLost);
    }

    static Process child(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Xss4m", "-cp", System.getProperty("java.class.path"),
                "-Dhydrodelta.repo.root=" + TestPaths.repoRoot(), Child.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child-"
                + System.nanoTime() + ".log").toFile()).start();
    }

    static Path emptyProject(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Project p = new Project(name);
        p.datasets().add(new DatasetRef("camels-nldas", "camels-us", TestPaths.sampleProject("camels-regions")
                .resolve("data/camels-us"), "nldas", Map.of()));
        p.experiments().add(new Experiment("tiny", tiny()));
        Path file = dir.resolve(name + ".hdproj");
        ProjectStore.save(p, file);
        return file;
    }

    static ExperimentConfig tiny() {
        return new ExperimentConfig("delta-hbv", "camels-nldas", List.of("01013500", "01022500", "03439000",
                "12010000"), Period.inclusive(LocalDate.of(1993, 10, 1), LocalDate.of(1997, 9, 30)), null,
                Period.inclusive(LocalDate.of(1998, 10, 1), LocalDate.of(1999, 9, 30)), 120, 180, null, null,
                new ExperimentConfig.Hbv(2, List.of("BETA"), true, true), new ExperimentConfig.Network("lstm", 16, 0.5),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 3, 4, 5, 7L, 2, null));
    }

    @Test
    void twoProcessesSavingOneProjectKeepEveryRun() throws Exception {
        Path file = emptyProject("concurrent");
        Process a = child(file.toString(), "update", "a", "15");
        Process b = child(file.toString(), "update", "b", "15");
        // and this process (as the window would) at the same time
        for (int i = 0; i < 15; i++) {
            String name = "c-" + i;
            ProjectStore.update(file, p -> p.putRun(new RunRef(name, "e", file.getParent().resolve(name), null)));
        }
        assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).isZero();
        assertThat(b.exitValue()).isZero();
        assertThat(ProjectStore.load(file).runs()).hasSize(45);
    }

    @Test
    void killedWhileSavingLeavesAProjectThatOpens() throws Exception {
        Path file = emptyProject("killed-save");
        Random rnd = new Random(17);
        int before = 0;
        int trials = Math.max(2, KILL_TRIALS);
        for (int trial = 0; trial < trials; trial++) {
            Process p = child(file.toString(), "update", "k" + trial, "0");
            // once it is saving (its first run is in), kill it at a random moment
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ProjectStore.load(file).runs().size() <= before && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(rnd.nextInt(300));
            p.destroyForcibly().waitFor();
            Project opened = ProjectStore.load(file);
            assertThat(opened.runs().size()).as("nothing saved is lost").isGreaterThanOrEqualTo(before);
            before = opened.runs().size();
            try (Stream<Path> s = Files.list(file.getParent())) {
                assertThat(s.map(x -> x.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
        assertThat(before).isPositive();
        System.out.printf("save kill trials: %d killed while saving, the project opened every time, %d runs kept%n",
                trials, before);
    }

    @Test
    void trainingKilledAtRandomIsInterruptedAndResumesByteIdentical() throws Exception {
        // the uninterrupted reference, in this process
        Path refFile = emptyProject("reference");
        Project ref = ProjectStore.load(refFile);
        RunFolder straight = ExperimentRunner.train(ref, refFile.getParent(), "tiny", tiny(), ProgressListener.NONE,
                CancellationToken.NONE, TrainingListener.NONE);
        Random rnd = new Random(23);
        for (int trial = 0; trial < KILL_TRIALS; trial++) {
            trials++;
            Path file = emptyProject("killed-" + trial);
            Process child = child(file.toString(), "train", "tiny");
            // wait until the run is recorded, then kill at a random moment of its training
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ProjectStore.load(file).runs().isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(rnd.nextInt(3000));
            child.destroyForcibly().waitFor();
            Project opened = ProjectStore.load(file);
            if (opened.runs().size() != 1) {
                runsLost++;
            }
            assertThat(opened.runs()).hasSize(1);
            RunRef run = opened.runs().get(0);
            assertThat(run.status()).isIn(RunRef.INTERRUPTED, RunRef.FINISHED);
            if (run.status().equals(RunRef.INTERRUPTED)) {
                interrupted++;
                assertThat(run.reason()).contains("resume");
                RunRecorder recorder = new RunRecorder(file, "tiny");
                ExperimentRunner.resume(opened, run.path(), ProgressListener.NONE, CancellationToken.NONE,
                        new TrainingListener() {
                            @Override
                            public void runStarted(Path runDir) {
                                try {
                                    recorder.started(runDir);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        });
                recorder.ended(RunRef.FINISHED, null);
            }
            Project after = ProjectStore.load(file);
            assertThat(after.runs()).hasSize(1);
            assertThat(after.runs().get(0).status()).isEqualTo(RunRef.FINISHED);
            Path dir = after.runs().get(0).path();
            assertThat(Files.readAllBytes(dir.resolve("log.csv"))).as("log.csv, trial " + trial)
                    .isEqualTo(Files.readAllBytes(straight.dir().resolve("log.csv")));
            for (String f : List.of("weights.bin", "optimizer.bin", "state.json")) {
                assertThat(Files.readAllBytes(dir.resolve("checkpoints/epoch_003").resolve(f))).as(f + ", trial "
                        + trial).isEqualTo(Files.readAllBytes(straight.checkpointDir(3).resolve(f)));
            }
            try (Stream<Path> s = Files.walk(dir)) {
                assertThat(s.map(x -> x.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
            assertThat(Files.readAllLines(dir.resolve("timing.csv"))).hasSize(1 + 3 * 5);
        }
        assertThat(runsLost).isZero();
        assertThat(new File(straight.dir().toFile(), RunFolder.BASINS_USED)).exists();
    }
}
