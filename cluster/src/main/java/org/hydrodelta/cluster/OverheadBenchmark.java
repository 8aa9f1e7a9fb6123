package org.hydrodelta.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ExperimentKeys;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.TrainingListener;

/**
 * Spark's per-iteration overhead over the local trainer, measured in one process: the same experiment trained for
 * a few iterations by the local trainer ({@code threads} threads) and data-parallel on Spark ({@code partitions}
 * partitions of {@code threads / partitions} threads each, the same cores), without validation, each into a
 * temporary folder (nothing is added to the project). The per-iteration times are those the trainer writes to
 * {@code timing.csv} (sampling, gradient, optimiser step), the first two of each dropped as warm-up.
 */
public final class OverheadBenchmark {
    private OverheadBenchmark() {
    }

    /**
     * @param iterations   timed iterations
     * @param localSeconds mean seconds per local iteration
     * @param sparkSeconds mean seconds per data-parallel iteration
     * @param jobSeconds   of which in Spark jobs (forward and backward, executors' compute included), per iteration
     *                     over all iterations (untimed included)
     * @param computeSeconds of which the slowest partition's compute, per iteration
     * @param createSeconds  of which creating slice models (one per slice size and partition), per iteration
     * @param partitions   partitions
     * @param threads      threads of the local trainer
     * @param config       what was trained
     */
    public record Result(int iterations, double localSeconds, double sparkSeconds, double jobSeconds,
            double computeSeconds, double createSeconds, int partitions, int threads, String config) {
        /** @return (Spark − local) / local */
        public double overhead() {
            return sparkSeconds / localSeconds - 1;
        }

        /** @return a report */
        public String describe() {
            return String.format(Locale.ROOT, "%s%nlocal trainer (%d threads): %.3f s per iteration%n"
                    + "Spark, %d partitions: %.3f s per iteration (%.3f s of it in Spark jobs, of which %.3f s the slowest"
                    + " partition's compute; %.3f s creating slice models)%n"
                    + "overhead Spark adds: %+.1f %% of an iteration (mean of %d iterations after 2 untimed; target"
                    + " < 5 %%)", config, threads, localSeconds, partitions, sparkSeconds, jobSeconds, computeSeconds, createSeconds,
                    overhead() * 100,
                    iterations);
        }
    }

    /**
     * @param jsc         the Spark context
     * @param projectFile the project file
     * @param project     the project
     * @param config      the experiment's configuration
     * @param iterations  timed iterations
     * @param partitions  partitions
     * @param threads     threads of the local trainer
     * @return the measurement
     * @throws Exception if training fails
     */
    public static Result run(JavaSparkContext jsc, Path projectFile, Project project, ExperimentConfig config,
            int iterations, int partitions, int threads) throws Exception {
        int perPartition = Math.max(1, threads / partitions);
        ExperimentConfig c = ExperimentKeys.apply(config, List.of("training.epochs=1",
                "training.iterationsPerEpoch=" + (iterations + 2), "training.threads=" + threads,
                "validationPeriod=", "training.earlyStopping="), "benchmark");
        Path tmp = Files.createTempDirectory("hydrodelta-bench");
        RunFolder local = ExperimentRunner.train(project, tmp.resolve("local"), "bench", c, false,
                ProgressListener.NONE, CancellationToken.NONE, TrainingListener.NONE);
        DataParallelStep[] step = new DataParallelStep[1];
        RunFolder spark = ExperimentRunner.train(project, tmp.resolve("spark"), "bench", c, false,
                ProgressListener.NONE, CancellationToken.NONE, TrainingListener.NONE,
                ClusterTraining.onSpark(jsc, projectFile, partitions, perPartition, s -> step[0] = s));
        PartitionWorker.release(step[0].jobId());
        double jobPerIteration = step[0].jobSeconds() / (iterations + 2);
        double computePerIteration = step[0].computeSeconds() / (iterations + 2);
        double createPerIteration = PartitionWorker.createNanos() / 1e9 / (iterations + 2);
        String what = String.format(Locale.ROOT, "%s, hidden %d, batch %d, %d + %d days, %d basins", c.model(),
                c.network().hiddenSize(), c.training().batchSize(), c.warmupDays(), c.windowDays(),
                c.basins() == null ? project.basins().size() : c.basins().size());
        return new Result(iterations, meanSeconds(local.dir()), meanSeconds(spark.dir()), jobPerIteration,
                computePerIteration, createPerIteration, partitions, threads, what);
    }

    private static double meanSeconds(Path run) throws java.io.IOException {
        List<String> lines = Files.readAllLines(run.resolve("timing.csv"));
        // header, then two untimed iterations
        return lines.stream().skip(3).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).average().orElse(Double.NaN);
    }
}
