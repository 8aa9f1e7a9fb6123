package org.hydrodelta.app.gui.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.RunLock;
import org.hydrodelta.core.project.RunRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs list says what happened to a run: a killed training is not shown as still running. */
class ProjectExplorerRunStatusTest {
    @TempDir
    Path tmp;

    private RunRef run(String name, String folderStatus, String projectStatus, String reason) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("runs").resolve(name));
        Files.writeString(dir.resolve("run.json"), "{\"status\":\"" + folderStatus + "\"}");
        // a run folder's frozen configuration (its content is not read here)
        Files.writeString(dir.resolve("config.json"), "{}");
        return new RunRef(name, "e", dir, Instant.now(), projectStatus, reason);
    }

    @Test
    void theRunsListTellsKilledFailedAndLiveRunsApart() throws Exception {
        Project p = new Project("p");
        p.runs().add(run("killed", "running", RunRef.RUNNING, null));
        p.runs().add(run("live", "running", RunRef.RUNNING, null));
        p.runs().add(run("failed", "running", RunRef.FAILED, "No space left on device"));
        p.runs().add(run("recorded-interrupted", "running", RunRef.INTERRUPTED, "resume continues"));
        p.runs().add(run("done", "finished", RunRef.FINISHED, null));
        // its folder written, its data loading or training under way: the folder still says created
        p.runs().add(run("starting", "created", RunRef.RUNNING, null));
        p.runs().add(run("died-starting", "created", RunRef.RUNNING, null));
        ProjectExplorerViewModel vm = new ProjectExplorerViewModel();
        vm.showRuns(p);
        try (RunLock held = RunLock.acquire(tmp.resolve("runs/live"));
                RunLock starting = RunLock.acquire(tmp.resolve("runs/starting"))) {
            assertThat(vm.runStatus("starting")).as("a live training is running, not created").isEqualTo("running");
            assertThat(vm.runStatus("died-starting")).isEqualTo("interrupted");
            assertThat(vm.runStatus("live")).isEqualTo("running");
            assertThat(vm.runStatus("killed")).as("no process holds its lock").isEqualTo("interrupted");
            assertThat(vm.runStatus("failed")).isEqualTo("failed");
            assertThat(vm.runStatus("recorded-interrupted")).isEqualTo("interrupted");
            assertThat(vm.runStatus("done")).isEqualTo("finished");
            assertThat(vm.runStatus("unknown-run")).isEqualTo("missing");
        }
    }
}
