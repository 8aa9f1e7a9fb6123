package org.hydrodelta.core.project;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A training run of the project; its folder describes itself (frozen configuration, checkpoints, logs). A run is
 * entered when it starts ({@code running}) and updated when it ends; a project file written before statuses
 * existed reads every run as {@code finished}.
 *
 * @param name       run name, unique within the project
 * @param experiment name of the experiment it was started from
 * @param path       absolute run folder in memory (stored relative to the project file)
 * @param created    when the run was started
 * @param status     one of {@link #STATUSES}
 * @param reason     why it failed or was interrupted, or null
 * @param group      the result this run is one part of (the folds of a spatial holdout, the members of an
 *                   ensemble), or null for a run on its own; runs of one group share this name
 * @param member     its part of the group, e.g. {@code fold 2/3} or {@code member 1/5}, or null
 */
public record RunRef(String name, String experiment, Path path, Instant created, String status, String reason,
        String group, String member) {
    /** Training is going on (or its process died: see {@link RunLock#isStale}). */
    public static final String RUNNING = "running";
    /** All epochs done. */
    public static final String FINISHED = "finished";
    /** Stopped by the user; resumable from its last checkpoint. */
    public static final String CANCELLED = "cancelled";
    /** Stopped by an error, named in {@link #reason()}; resumable from its last checkpoint. */
    public static final String FAILED = "failed";
    /** Its process died without recording an end (killed, power loss); resumable from its last checkpoint. */
    public static final String INTERRUPTED = "interrupted";
    /** Every status. */
    public static final List<String> STATUSES = List.of(RUNNING, FINISHED, CANCELLED, FAILED, INTERRUPTED);

    /** Validates. */
    public RunRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        status = status == null ? FINISHED : status;
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("run '" + name + "': unknown status '" + status + "' (one of "
                    + STATUSES + ")");
        }
    }

    /**
     * A finished run (as project files before statuses read).
     *
     * @param name       run name
     * @param experiment experiment name
     * @param path       run folder
     * @param created    start time
     */
    public RunRef(String name, String experiment, Path path, Instant created) {
        this(name, experiment, path, created, FINISHED, null);
    }

    /**
     * A run on its own (not part of a group).
     *
     * @param name       run name
     * @param experiment experiment name
     * @param path       run folder
     * @param created    start time
     * @param status     status
     * @param reason     reason, or null
     */
    public RunRef(String name, String experiment, Path path, Instant created, String status, String reason) {
        this(name, experiment, path, created, status, reason, null, null);
    }

    /**
     * @param newGroup  group name, or null
     * @param newMember member label, or null
     * @return a copy in that group
     */
    public RunRef inGroup(String newGroup, String newMember) {
        return new RunRef(name, experiment, path, created, status, reason, newGroup, newMember);
    }

    /**
     * @param newStatus a status
     * @param newReason its reason, or null
     * @return a copy with that status
     */
    public RunRef withStatus(String newStatus, String newReason) {
        return new RunRef(name, experiment, path, created, newStatus, newReason, group, member);
    }
}
