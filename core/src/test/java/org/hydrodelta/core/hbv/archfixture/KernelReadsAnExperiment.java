package org.hydrodelta.core.hbv.archfixture;

import org.hydrodelta.core.project.ExperimentConfig;

/** Fixture for the layering rule: a kernel class that reads project configuration (forbidden). */
public final class KernelReadsAnExperiment {
    /** @return the paper's configuration */
    public ExperimentConfig config() {
        return ExperimentConfig.defaults();
    }
}
