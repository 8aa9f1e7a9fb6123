package org.hydrodelta.core.project;

import java.util.Objects;

/**
 * A named model configuration of the project.
 *
 * @param name   unique name within the project
 * @param config the configuration, validated
 */
public record Experiment(String name, ExperimentConfig config) {
    /** Validates. */
    public Experiment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
    }
}
