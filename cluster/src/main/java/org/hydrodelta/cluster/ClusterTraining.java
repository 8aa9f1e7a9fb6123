package org.hydrodelta.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.RunRecorder;
import org.hydrodelta.core.train.TrainingListener;

/**
 * Data-parallel training of one run on Spark: the run folder, log, checkpoints and project entry are those of a
 * local run ({@link ExperimentRunner}, {@link RunRecorder}); only each minibatch's gradient is computed by the
 * executors ({@link DataParallelStep}).
 */
public final class ClusterTraining {
    private ClusterTraining() {
    }

    /**
     * Gradient computation on Spark for {@link ExperimentRunner#train} and {@link ExperimentRunner#resume}.
     *
     * @param jsc             the Spark context
     * @param projectFile     the project file (a path every executor reads)
     * @param partitions      how many basin partitions
     * @param executorThreads threads per partition's model
     * @param steps           receives the step once created (for timing), or {@code null}
     * @return the factory
     */
    public static ExperimentRunner.GradientStepFactory onSpark(JavaSparkContext jsc, Path projectFile, int partitions,
            int executorThreads, java.util.function.Consumer<DataParallelStep> steps) {
        return (config, data, stats, model) -> {
            String json;
            try {
                json = ProjectStore.mapper().writeValueAsString(config);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            TrainJob job = new TrainJob(UUID.randomUUID().toString(), projectFile.toAbsolutePath().normalize()
                    .toString(), json, stats.toJson(), DataParallelStep.partition(data.dataset().basinIds(),
                    partitions), executorThreads);
            DataParallelStep step = new DataParallelStep(jsc, job, data.dataset().basinIds(), model);
            if (steps != null) {
                steps.accept(step);
            }
            return step;
        };
    }

    /**
     * Trains a run data-parallel and records it in the project as {@code hydrodelta train} does.
     *
     * @param jsc             the Spark context
     * @param projectFile     the project file
     * @param experiment      experiment name
     * @param config          effective configuration
     * @param partitions      basin partitions (Spark tasks per phase)
     * @param executorThreads threads per partition's model
     * @param resume          a run folder to resume, or {@code null} for a new run
     * @param progress        progress
     * @param listener        training events (runStarted is also recorded in the project)
     * @return the finished run folder
     * @throws IOException if files cannot be written
     * @throws org.hydrodelta.core.project.ProjectException if the project file cannot be read or updated
     */
    public static RunFolder train(JavaSparkContext jsc, Path projectFile, String experiment, ExperimentConfig config,
            int partitions, int executorThreads, Path resume, ProgressListener progress, TrainingListener listener)
            throws IOException, org.hydrodelta.core.project.ProjectException {
        return train(jsc, projectFile, experiment, config, partitions, executorThreads, resume,
                ExperimentRunner.ResumeOptions.KEEP, progress, listener);
    }

    /**
     * As {@link #train(JavaSparkContext, Path, String, ExperimentConfig, int, int, Path, ProgressListener,
     * TrainingListener)}, a resumption with a new total of epochs: the data-parallel step is only where the
     * gradients are computed, so {@link ExperimentRunner#resume} applies (and refuses) the options as it does for a
     * local run.
     *
     * @param jsc             the Spark context
     * @param projectFile     the project file
     * @param experiment      experiment name (of a resumed run: its own)
     * @param config          effective configuration (of a resumed run: its frozen one, for the checks here)
     * @param partitions      basin partitions (Spark tasks per phase)
     * @param executorThreads threads per partition's model
     * @param resume          a run folder to resume, or {@code null} for a new run
     * @param options         what the resumption changes ({@link ExperimentRunner.ResumeOptions#KEEP} for a new run)
     * @param progress        progress
     * @param listener        training events (runStarted is also recorded in the project)
     * @return the finished run folder
     * @throws IOException if files cannot be written
     * @throws org.hydrodelta.core.project.ProjectException if the project file cannot be read or updated
     */
    public static RunFolder train(JavaSparkContext jsc, Path projectFile, String experiment, ExperimentConfig config,
            int partitions, int executorThreads, Path resume, ExperimentRunner.ResumeOptions options,
            ProgressListener progress, TrainingListener listener)
            throws IOException, org.hydrodelta.core.project.ProjectException {
        if (config.targets() != null && config.targets().stream().anyMatch(t -> !t.isFlow())) {
            // the data-parallel step splits the streamflow loss only; auxiliary targets train locally (or as
            // whole runs in a sweep or group, which train each run locally on an executor)
            throw new IllegalArgumentException("targets: experiment '" + experiment + "' trains on auxiliary"
                    + " observations, which data-parallel training does not support; run it locally or as a"
                    + " cluster sweep/group task");
        }
        Project p = ProjectStore.load(projectFile);
        RunRecorder recorder = new RunRecorder(projectFile, experiment);
        TrainingListener l = new TrainingListener() {
            @Override
            public void runStarted(Path runDir) {
                try {
                    recorder.started(runDir);
                } catch (org.hydrodelta.core.project.ProjectException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                listener.runStarted(runDir);
            }

            @Override
            public void iteration(long global, int epoch, double loss) {
                listener.iteration(global, epoch, loss);
            }

            @Override
            public void epoch(int epoch, double meanLoss, java.util.Map<String, Double> nse) {
                listener.epoch(epoch, meanLoss, nse);
            }
        };
        String[] jobId = new String[1];
        ExperimentRunner.GradientStepFactory f = onSpark(jsc, projectFile, partitions, executorThreads, null);
        ExperimentRunner.GradientStepFactory tracked = (c, d, s, m) -> {
            DataParallelStep step = (DataParallelStep) f.create(c, d, s, m);
            jobId[0] = step.jobId();
            return step;
        };
        try {
            RunFolder run = resume != null
                    ? ExperimentRunner.resume(p, resume.toAbsolutePath().normalize(), options, progress,
                            CancellationToken.NONE, l, tracked)
                    : ExperimentRunner.train(p, projectFile.toAbsolutePath().getParent(), experiment, config, false,
                            progress, CancellationToken.NONE, l, tracked);
            recorder.ended(RunRef.FINISHED, null);
            return run;
        } catch (CancelledException e) {
            recorder.ended(RunRef.CANCELLED, "cancelled; resume continues from the last checkpoint");
            throw e;
        } catch (RuntimeException | IOException | Error e) {
            if (recorder.runDir() != null) {
                try {
                    recorder.ended(RunRef.FAILED, SparkErrors.message(e));
                } catch (org.hydrodelta.core.project.ProjectException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        } finally {
            if (jobId[0] != null) {
                PartitionWorker.release(jobId[0]);
            }
        }
    }
}
