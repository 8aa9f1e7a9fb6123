package org.hydrodelta.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run statuses, stale runs, merging saves of two writers, and no temporary file left behind. */
class ProjectMergeTest {
    @TempDir
    Path tmp;

    private RunRef run(String name, String status) {
        return new RunRef(name, "e", tmp.resolve("runs").resolve(name), Instant.parse("2026-01-01T00:00:00Z"), status,
                null);
    }

    @Test
    void aProjectFileWithoutStatusesReadsItsRunsAsFinished() throws Exception {
        Path file = tmp.resolve("old.hdproj");
        Files.writeString(file, "{\"formatVersion\":1,\"name\":\"old\",\"runs\":[{\"name\":\"r1\",\"path\":\"runs/r1\"}]}");
        Project p = ProjectStore.load(file);
        assertThat(p.runs()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RunRef.FINISHED));
        p.putRun(p.runs().get(0).withStatus(RunRef.FAILED, "disk full"));
        ProjectStore.save(p, file);
        assertThat(ProjectStore.load(file).runs().get(0)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunRef.FAILED);
            assertThat(r.reason()).isEqualTo("disk full");
        });
    }

    @Test
    void aRunningRunWithoutItsProcessOpensAsInterrupted() throws Exception {
        Path file = tmp.resolve("p.hdproj");
        Project p = new Project("p");
        p.runs().add(run("dead", RunRef.RUNNING));
        p.runs().add(run("alive", RunRef.RUNNING));
        Files.createDirectories(tmp.resolve("runs/dead"));
        Files.writeString(tmp.resolve("runs/dead/run.lock"), "999999@elsewhere\n");
        Files.createDirectories(tmp.resolve("runs/alive"));
        ProjectStore.save(p, file);
        try (RunLock held = RunLock.acquire(tmp.resolve("runs/alive"))) {
            Project opened = ProjectStore.load(file);
            assertThat(opened.run("dead").orElseThrow().status()).isEqualTo(RunRef.INTERRUPTED);
            assertThat(opened.run("dead").orElseThrow().reason()).contains("resume");
            assertThat(opened.run("alive").orElseThrow().status()).isEqualTo(RunRef.RUNNING);
        }
    }

    @Test
    void aRunWhoseTrainingEndedBeforeItsRecorderWroteTheEndOpensWithThatEndNotInterrupted() throws Exception {
        // the training releases its lock when it ends and its recorder writes the end into the project a moment
        // later: a reader in between must take the end from the run folder's run.json
        Path file = tmp.resolve("p.hdproj");
        Project p = new Project("p");
        p.runs().add(run("done", RunRef.RUNNING));
        p.runs().add(run("gaveup", RunRef.RUNNING));
        p.runs().add(run("killed", RunRef.RUNNING));
        Files.createDirectories(tmp.resolve("runs/done"));
        Files.writeString(tmp.resolve("runs/done/run.json"), "{\"status\":\"finished\",\"epochsCompleted\":3}");
        Files.createDirectories(tmp.resolve("runs/gaveup"));
        Files.writeString(tmp.resolve("runs/gaveup/run.json"), "{\"status\":\"failed\",\"message\":\"disk full\"}");
        Files.createDirectories(tmp.resolve("runs/killed"));
        Files.writeString(tmp.resolve("runs/killed/run.json"), "{\"status\":\"running\"}");
        ProjectStore.save(p, file);
        Project opened = ProjectStore.load(file);
        assertThat(opened.run("done").orElseThrow().status()).isEqualTo(RunRef.FINISHED);
        assertThat(opened.run("gaveup").orElseThrow().status()).isEqualTo(RunRef.FAILED);
        assertThat(opened.run("gaveup").orElseThrow().reason()).isEqualTo("disk full");
        assertThat(opened.run("killed").orElseThrow().status()).isEqualTo(RunRef.INTERRUPTED);
    }

    @Test
    void twoWritersKeepEachOthersRunsAndExperimentsAndDeletionsStick() throws Exception {
        Path file = tmp.resolve("shared.hdproj");
        Project base = new Project("shared");
        base.runs().add(run("old", RunRef.FINISHED));
        base.runs().add(run("doomed", RunRef.FINISHED));
        ProjectStore.save(base, file);

        Project window = ProjectStore.load(file);
        Project cli = ProjectStore.load(file);
        cli.runs().add(run("from-cli", RunRef.RUNNING));
        ProjectStore.save(cli, file);
        assertThat(ProjectStore.changedOnDisk(window, file)).isTrue();

        window.runs().removeIf(r -> r.name().equals("doomed"));
        window.experiments().add(new Experiment("new-exp", ExperimentConfig.defaults()));
        ProjectStore.save(window, file);
        assertThat(ProjectStore.changedOnDisk(window, file)).isFalse();

        cli.putRun(cli.run("from-cli").orElseThrow().withStatus(RunRef.FINISHED, null));
        ProjectStore.save(cli, file);

        Project result = ProjectStore.load(file);
        assertThat(result.runs()).extracting(RunRef::name).containsExactly("old", "from-cli");
        assertThat(result.run("from-cli").orElseThrow().status()).isEqualTo(RunRef.FINISHED);
        assertThat(result.experiments()).extracting(Experiment::name).containsExactly("new-exp");

        // the window notices the change and merges it without saving
        assertThat(ProjectStore.mergeFromDisk(window, file)).isTrue();
        assertThat(window.run("from-cli").orElseThrow().status()).isEqualTo(RunRef.FINISHED);
        assertThat(ProjectStore.changedOnDisk(window, file)).isFalse();
    }

    @Test
    void aFailedSaveNamesTheFileItCouldNotWriteAndLosesNothing() throws Exception {
        Path file = tmp.resolve("full.hdproj");
        Project p = new Project("full");
        p.runs().add(run("kept", RunRef.FINISHED));
        ProjectStore.save(p, file);
        p.runs().add(run("new", RunRef.RUNNING));
        assertThatThrownBy(() -> ProjectStore.save(p, file, out -> new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new java.nio.file.FileSystemException(file + ".tmp", null, "No space left on device");
            }
        })).isInstanceOf(ProjectException.class).hasMessageContaining("cannot write " + file + ".tmp")
                .hasMessageContaining("No space left on device").hasMessageContaining("unchanged");
        assertThat(ProjectStore.load(file).runs()).extracting(RunRef::name).containsExactly("kept");
        assertThat(tmp.resolve("full.hdproj.tmp")).doesNotExist();
        ProjectStore.save(p, file);
        assertThat(ProjectStore.load(file).runs()).extracting(RunRef::name).containsExactly("kept", "new");
    }

    @Test
    void aTemporaryFileLeftByAKilledSaveIsRemovedOnOpen() throws Exception {
        Path file = tmp.resolve("t.hdproj");
        ProjectStore.save(new Project("t"), file);
        Files.write(tmp.resolve("t.hdproj.tmp"), new byte[0]);
        assertThat(ProjectStore.load(file).name()).isEqualTo("t");
        assertThat(tmp.resolve("t.hdproj.tmp")).doesNotExist();
    }

    @Test
    void configErrorsNameTheKeyAndItsRange() {
        assertThatThrownBy(() -> ProjectStore.parseConfig(ProjectStore.mapper().readTree(
                "{\"training\":{\"batchSize\":2000000000}}"), "experiment 'x'"))
                .hasMessage("experiment 'x': training.batchSize must be in [1, 10000], was 2000000000");
        assertThatThrownBy(() -> ProjectStore.parseConfig(ProjectStore.mapper().readTree(
                "{\"network\":{\"hiddenSize\":10000000000}}"), "experiment 'x'"))
                .hasMessageContaining("network.hiddenSize").hasMessageContaining("[1, 4096]");
        assertThatThrownBy(() -> ProjectStore.parseConfig(ProjectStore.mapper().readTree(
                "{\"forcings\":[\"prcp\",\"rain\"]}"), "experiment 'x'"))
                .hasMessageContaining("unknown forcing 'rain'");
    }
}
