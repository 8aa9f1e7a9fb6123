package org.hydrodelta.cluster;

import java.io.Serializable;
import java.util.List;

/**
 * What every executor of one data-parallel run needs, shipped once with the tasks: where the project is (a path
 * every executor reads), the effective configuration and normalisation statistics as JSON, and which basins each
 * partition holds.
 *
 * @param id              unique per run start (keys the executors' caches)
 * @param projectFile     the project file, absolute
 * @param configJson      the effective experiment configuration
 * @param statsJson       the run's normalisation statistics
 * @param partitions      basin ids of each partition, in the run's basin order
 * @param executorThreads threads each partition's model uses
 */
public record TrainJob(String id, String projectFile, String configJson, String statsJson,
        List<List<String>> partitions, int executorThreads) implements Serializable {
    private static final long serialVersionUID = 1L;
}
