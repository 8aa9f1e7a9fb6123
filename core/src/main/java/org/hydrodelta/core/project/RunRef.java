package org.hydrodelta.core.project;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A training run of the project; its folder describes itself (frozen configuration, checkpoints, logs).
 *
 * @param name       run name, unique within the project
 * @param experiment name of the experiment it was started from
 * @param path       absolute run folder in memory (stored relative to the project file)
 * @param created    when the run was started
 */
public record RunRef(String name, String experiment, Path path, Instant created) {
    /** Validates. */
    public RunRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }
}
