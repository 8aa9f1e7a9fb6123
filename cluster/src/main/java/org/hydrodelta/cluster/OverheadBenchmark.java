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
 * partitions of {@code executorThreads} threads each), without validation, each into a temporary folder (nothing is
 * added to the project). The two alternate in rounds (local, Spark, local, Spark, ...) so that a load that comes and
 * goes on a shared machine falls on both; the per-iteration times are those the trainer writes to
 * {@code timing.csv} (sampling, gradient, optimiser step), the first two of each training dropped as warm-up, and
 * the figures are medians over all timed iterations of all rounds.
 */
public final class OverheadBenchmark {
    private OverheadBenchmark() {
    }

    /**
     * @param iterations      timed iterations per round and trainer
     * @param rounds          rounds (each trains locally, then on Spark)
     * @param localSeconds    median seconds per local iteration
     * @param sparkSeconds    median seconds per data-parallel iteration
     * @param jobSeconds      of which in Spark jobs (forward and backward, executors' compute included), mean per
     *                        iteration over all iterations (untimed included)
     * @param computeSeconds  of which the slowest partition's compute, per phase, mean per iteration
     * @param imbalance       mean over iterations of the largest partition's share of the minibatch divided by an
     *                        even share (1 = balanced; the slowest partition sets the pace)
     * @param partitions      partitions
     * @param threads         threads of the local trainer
     * @param executorThreads threads of each partition's model
     * @param config          what was trained
     */
    public record Result(int iterations, int rounds, double localSeconds, double sparkSeconds, double jobSeconds,
            double computeSeconds, double imbalance, int partitions, int threads, int executorThreads,
            String config) {
        /** @return (Spark − local) / local, of the medians */
        public double overhead() {
            return sparkSeconds / localSeconds - 1;
        }

        /** @return a report */
        public String describe() {
            return String.format(Locale.ROOT, "%s%nlocal trainer (%d threads): %.3f s per iteration (median)%n"
                    + "Spark, %d partitions of %d thread(s): %.3f s per iteration (median); per iteration %.3f s in"
                    + " Spark jobs, of which %.3f s the slowest partition's compute; largest slice %.2f x an even"
                    + " share%noverhead Spark adds: %+.1f %% of an iteration (medians of %d x %d iterations,"
                    + " alternating, after 2 untimed each; target < 5 %%)", config, threads, localSeconds,
                    partitions, executorThreads, sparkSeconds, jobSeconds, computeSeconds, imbalance,
                    overhead() * 100, rounds, iterations);
        }
    }

    /**
     * @param jsc             the Spark context
     * @param projectFile     the project file
     * @param project         the project
     * @param config          the experiment's configuration
     * @param iterations      timed iterations per round
     * @param rounds          rounds, each local then Spark
     * @param partitions      partitions
     * @param threads         threads of the local trainer
     * @param executorThreads threads of each partition's model
     * @return the measurement
     * @throws Exception if training fails
     */
    public static Result run(JavaSparkContext jsc, Path projectFile, Project project, ExperimentConfig config,
            int iterations, int rounds, int partitions, int threads, int executorThreads) throws Exception {
        ExperimentConfig c = ExperimentKeys.apply(config, List.of("training.epochs=1",
                "training.iterationsPerEpoch=" + (iterations + 2), "training.threads=" + threads,
                "validationPeriod=", "training.earlyStopping="), "benchmark");
        Path tmp = Files.createTempDirectory("hydrodelta-bench");
        List<Double> local = new java.util.ArrayList<>();
        List<Double> spark = new java.util.ArrayList<>();
        double jobs = 0;
        double compute = 0;
        double imbalance = 0;
        int sparkIterations = 0;
        for (int r = 0; r < rounds; r++) {
            RunFolder l = ExperimentRunner.train(project, tmp.resolve("local-" + r), "bench", c, false,
                    ProgressListener.NONE, CancellationToken.NONE, TrainingListener.NONE);
            local.addAll(seconds(l.dir()));
            DataParallelStep[] step = new DataParallelStep[1];
            RunFolder s = ExperimentRunner.train(project, tmp.resolve("spark-" + r), "bench", c, false,
                    ProgressListener.NONE, CancellationToken.NONE, TrainingListener.NONE,
                    ClusterTraining.onSpark(jsc, projectFile, partitions, executorThreads, x -> step[0] = x));
            PartitionWorker.release(step[0].jobId());
            spark.addAll(seconds(s.dir()));
            jobs += step[0].jobSeconds();
            compute += step[0].computeSeconds();
            imbalance += step[0].imbalanceSum();
            sparkIterations += iterations + 2;
        }
        String what = String.format(Locale.ROOT, "%s, hidden %d, batch %d, %d + %d days, %d basins, training.strata"
                + " %d", c.model(), c.network().hiddenSize(), c.training().batchSize(), c.warmupDays(), c.windowDays(),
                c.basins() == null ? project.basins().size() : c.basins().size(), c.training().strata());
        return new Result(iterations, rounds, median(local), median(spark), jobs / sparkIterations,
                compute / sparkIterations, imbalance / sparkIterations, partitions, threads, executorThreads, what);
    }

    private static double median(List<Double> xs) {
        return org.hydrodelta.core.eval.BasinMetrics.median(xs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static List<Double> seconds(Path run) throws java.io.IOException {
        List<String> lines = Files.readAllLines(run.resolve("timing.csv"));
        // header, then two untimed iterations
        return lines.stream().skip(3).map(l -> Double.parseDouble(l.split(",")[1])).toList();
    }
}
