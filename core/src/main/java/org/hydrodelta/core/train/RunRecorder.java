package org.hydrodelta.core.train;

import java.nio.file.Path;
import java.time.Instant;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectException;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;

/**
 * Keeps a run's entry in its project file up to date from the moment it starts: {@code running} as soon as the run
 * folder exists (so a run whose process dies is still listed, and read back as {@code interrupted}), then
 * {@code finished}, {@code cancelled} or {@code failed} with the reason. Each record reads the file, changes this
 * run's entry only and saves under the project's lock ({@link ProjectStore#update}), so concurrent trainings and the
 * window keep each other's runs. A record that cannot be written (a full disk) is retried, then reported naming
 * the project file.
 */
public final class RunRecorder {
    private static final int ATTEMPTS = 3;

    private final Path projectFile;
    private final String experiment;
    private final String group;
    private final String member;
    private Path runDir;

    /**
     * @param projectFile the project file
     * @param experiment  the experiment the run belongs to
     */
    public RunRecorder(Path projectFile, String experiment) {
        this(projectFile, experiment, null, null);
    }

    /**
     * A recorder for one part of a group of runs (a fold, an ensemble member).
     *
     * @param projectFile the project file
     * @param experiment  the experiment the run belongs to
     * @param group       the group's name, or null for a run on its own
     * @param member      the run's part of the group (e.g. {@code fold 2/3}), or null
     */
    public RunRecorder(Path projectFile, String experiment, String group, String member) {
        this.projectFile = projectFile.toAbsolutePath().normalize();
        this.experiment = experiment;
        this.group = group;
        this.member = member;
    }

    /** @return the run folder once started, else null */
    public Path runDir() {
        return runDir;
    }

    /**
     * Records the run as running; a resumed run keeps its entry (and its creation time).
     *
     * @param dir the run folder
     * @throws ProjectException if the project file cannot be written after retries
     */
    public void started(Path dir) throws ProjectException {
        this.runDir = dir.toAbsolutePath().normalize();
        record(RunRef.RUNNING, null);
    }

    /**
     * Records the end of the run.
     *
     * @param status {@link RunRef#FINISHED}, {@link RunRef#CANCELLED} or {@link RunRef#FAILED}
     * @param reason why it failed, or null
     * @throws ProjectException if the project file cannot be written after retries
     */
    public void ended(String status, String reason) throws ProjectException {
        if (runDir != null) {
            record(status, reason);
        }
    }

    private void record(String status, String reason) throws ProjectException {
        String name = runDir.getFileName().toString();
        ProjectException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                ProjectStore.update(projectFile, p -> put(p, name, status, reason));
                return;
            } catch (ProjectException e) {
                last = e;
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        // a finished run is not resumed (ExperimentRunner.resumeProblem), so train --resume cannot enter it; it was
        // entered as running when it started, and an entry left running is read back from run.json's end
        String how = RunRef.FINISHED.equals(status) ? ": its run.json records the end, and the project lists it as"
                + " finished when it is next opened" : ": add it again with train --resume";
        throw new ProjectException(projectFile, "could not record run " + name + " as " + status + " after "
                + ATTEMPTS + " attempts (" + last.getMessage() + "); the run folder " + runDir + " is intact" + how,
                last);
    }

    private void put(Project p, String name, String status, String reason) {
        Instant created = p.run(name).map(RunRef::created).orElse(Instant.now());
        String exp = p.run(name).map(RunRef::experiment).orElse(experiment);
        // a resumed run keeps its group unless this recorder names one
        String g = group != null ? group : p.run(name).map(RunRef::group).orElse(null);
        String m = member != null ? member : p.run(name).map(RunRef::member).orElse(null);
        p.putRun(new RunRef(name, exp, runDir, created, status, reason, g, m));
    }
}
