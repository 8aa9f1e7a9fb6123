package org.hydrodelta.cluster.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.hydrodelta.cluster.ClusterContext;
import org.hydrodelta.cluster.ClusterEvaluation;
import org.hydrodelta.cluster.ClusterTraining;
import org.hydrodelta.cluster.OverheadBenchmark;
import org.hydrodelta.cluster.SparkErrors;
import org.hydrodelta.cluster.Sweep;
import org.hydrodelta.core.Version;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hydrodelta cluster train|sweep|group|evaluate|bench PROJECT ... [--master URL]}: the cluster module's own
 * entry point, run with {@code java} (embedded Spark, {@code --master local[*]}) or by {@code spark-submit --class
 * org.hydrodelta.cluster.cli.ClusterCommand} (then the master spark-submit was given is used unless
 * {@code --master} says otherwise).
 */
@Command(name = "hydrodelta cluster", mixinStandardHelpOptions = true, versionProvider = ClusterCommand.VersionInfo.class,
        description = "Runs HydroDelta experiments on Apache Spark: one run data-parallel (train), many runs as tasks"
                + " (sweep), holdout folds and ensemble members as tasks (group), evaluation partitioned by basin (evaluate), Spark's per-iteration overhead (bench).",
        subcommands = {ClusterCommand.Train.class, ClusterCommand.SweepCmd.class, ClusterCommand.Group.class,
                ClusterCommand.Evaluate.class, ClusterCommand.Bench.class})
public final class ClusterCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose train, sweep, group, evaluate or bench");
    }

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * @param args command line
     * @return the exit code
     */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new ClusterCommand());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            System.err.println("ERROR " + SparkErrors.message(e));
            return 1;
        });
        return cl.execute(args);
    }

    /** Version of the workbench. */
    static final class VersionInfo implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"HydroDelta Workbench " + Version.get() + " (cluster, Apache Spark "
                    + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")"};
        }
    }

    /** Options every subcommand shares. */
    static final class SparkOptions {
        @Option(names = "--master", description = "Spark master URL: local[*] (default, embedded), local[N],"
                + " spark://HOST:7077, yarn, k8s://...; under spark-submit its --master is used unless given here")
        String master;

        @Option(names = "--connect-timeout", defaultValue = "10", description = "seconds to wait for a spark://"
                + " master to accept a connection (default ${DEFAULT-VALUE})")
        int timeout;

        JavaSparkContext open(String what) {
            return ClusterContext.open(master, "hydrodelta " + what, timeout * 1000);
        }
    }

    static Project load(Path file) throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no project file " + file);
        }
        return ProjectStore.load(file);
    }

    static Experiment experiment(Project p, String name, Path file) {
        return p.experiment(name).orElseThrow(() -> new IllegalArgumentException("no experiment '" + name + "' in "
                + file + "; it has " + p.experiments().stream().map(Experiment::name).toList()));
    }

    static Path runDir(Project p, String run, Path file) {
        Path asPath = Path.of(run);
        if (Files.isDirectory(asPath)) {
            return asPath.toAbsolutePath().normalize();
        }
        return p.run(run).map(RunRef::path).orElseThrow(() -> new IllegalArgumentException("no run '" + run
                + "' in " + file + " and no such folder"));
    }

    /** {@code train}: one run, data-parallel. */
    @Command(name = "train", mixinStandardHelpOptions = true, description = "Trains one run data-parallel: each"
            + " iteration executors compute the gradient of their basins' slice of the minibatch; run folder,"
            + " checkpoints and project entry as with hydrodelta train.")
    static final class Train implements Callable<Integer> {
        @Parameters(index = "0", description = "project file (on a path every executor reads)")
        Path project;
        @Option(names = "--experiment", description = "experiment name (with --resume: the run's own, or left out)")
        String experiment;
        @Option(names = "--partitions", defaultValue = "2", description = "basin partitions, i.e. Spark tasks per"
                + " phase of an iteration (default ${DEFAULT-VALUE})")
        int partitions;
        @Option(names = "--executor-threads", defaultValue = "1", description = "threads of each partition's model"
                + " (default ${DEFAULT-VALUE})")
        int executorThreads;
        @Option(names = "--epochs", description = "override training.epochs; with --resume the run's new total, more"
                + " than the epochs it has completed, written into its config.json (as hydrodelta train --resume)")
        Integer epochs;
        @Option(names = "--seed", description = "override training.seed (not with --resume: a run's random state"
                + " comes from its checkpoint)")
        Long seed;
        @Option(names = "--resume", description = "continue this cancelled, failed or interrupted run folder from its"
                + " last checkpoint (a finished run is refused)")
        Path resume;
        @Option(names = "--evaluate", description = "evaluate on the test period afterwards (partitioned by basin)")
        boolean evaluate;
        @Mixin
        SparkOptions spark = new SparkOptions();

        @Override
        public Integer call() throws Exception {
            Path file = project.toAbsolutePath().normalize();
            Project p = load(file);
            Path dir = resume == null ? null : resume.toAbsolutePath().normalize();
            ExperimentConfig config;
            ExperimentRunner.ResumeOptions options = ExperimentRunner.ResumeOptions.KEEP;
            String[] resumeLine = {null};
            if (dir == null) {
                if (experiment == null) {
                    throw new IllegalArgumentException("name the experiment with --experiment (or continue a run with"
                            + " --resume RUN_DIR); " + file + " has " + p.experiments().stream()
                            .map(Experiment::name).toList());
                }
                config = ExperimentRunner.override(experiment(p, experiment, file).config(), epochs, null, seed);
            } else {
                // The data-parallel step is only where the minibatch gradients are computed (a GradientStepFactory
                // given to ExperimentRunner.resume, as to train), so a resumption here takes the same options as
                // hydrodelta train --resume, checked here before a Spark context is opened: --epochs is the run's
                // new total, --seed is refused, since the run's random state comes from its checkpoint
                RunFolder run = RunFolder.open(dir);
                resumeLine[0] = resumeChecks(p, file, run);
                config = run.config();
                if (run.experiment() != null) {
                    experiment = run.experiment();
                }
                options = new ExperimentRunner.ResumeOptions(epochs, null);
            }
            if (config.training().strata() != partitions) {
                System.err.printf(Locale.ROOT, "note: training.strata = %d and %d partitions: minibatch slices differ"
                        + " in size from one iteration to the next and the slowest partition sets the pace; set"
                        + " training.strata = %d for equal slices (the local trainer then draws the same minibatches)%n",
                        config.training().strata(), partitions, partitions);
            }
            try (JavaSparkContext jsc = spark.open("train " + experiment)) {
                RunFolder run = ClusterTraining.train(jsc, file, experiment, config, partitions, executorThreads,
                        dir, options, ProgressListener.NONE, new TrainingListener() {
                            @Override
                            public void runStarted(Path runDir) {
                                if (resumeLine[0] != null) {
                                    // the new total is in the run's config.json by now
                                    System.err.println(resumeLine[0]);
                                }
                            }

                            @Override
                            public void epoch(int epoch, double meanLoss, java.util.Map<String, Double> nse) {
                                System.err.printf(Locale.ROOT, "epoch %d: mean loss %.4f%n", epoch, meanLoss);
                            }
                        });
                System.out.println("run folder: " + run.dir());
                if (evaluate) {
                    ClusterEvaluation.Result r = ClusterEvaluation.run(jsc, file, run.dir(), null, null, null,
                            "cluster_test", partitions);
                    System.out.printf(Locale.ROOT, "median test NSE %.3f over %d basins: %s%n", r.median("nse"),
                            r.basins().size(), r.dir());
                }
            }
            return 0;
        }

        /**
         * The refusals of {@code hydrodelta train --resume}, before a Spark context is opened: {@code --seed}, an
         * experiment other than the run's, a finished run, and a total of epochs the run cannot take (not above
         * its completed epochs, or for a part of a group).
         *
         * @return the line announcing the new total of epochs, or null without {@code --epochs}
         */
        private String resumeChecks(Project p, Path file, RunFolder run) throws java.io.IOException {
            if (seed != null) {
                throw new IllegalArgumentException("--seed does not apply to --resume: the run's seed and its random"
                        + " state (minibatches, dropout) come from its checkpoint; another seed is a new run");
            }
            return ExperimentRunner.checkResumption(p, run, experiment, "--experiment", epochs,
                    own -> "hydrodelta cluster train " + file + " --experiment " + (own == null ? "NAME" : own)
                            + " --epochs " + (epochs == null ? "N" : epochs), null).epochsLine();
        }
    }

    /** {@code sweep}: a grid of runs, each one Spark task. */
    @Command(name = "sweep", mixinStandardHelpOptions = true, description = "Trains and evaluates every combination"
            + " of the given experiment keys, each run one Spark task; runs are added to the project as members of one"
            + " group.")
    static final class SweepCmd implements Callable<Integer> {
        @Parameters(index = "0", description = "project file (on a path every executor reads)")
        Path project;
        @Parameters(index = "1..*", arity = "1..*", description = "axes KEY=V1,V2,... e.g. network.hiddenSize=32,64"
                + " training.seed=1,2")
        List<String> axes;
        @Option(names = "--experiment", required = true, description = "experiment name")
        String experiment;
        @Option(names = "--no-evaluate", description = "train only")
        boolean noEvaluate;
        @Mixin
        SparkOptions spark = new SparkOptions();

        @Override
        public Integer call() throws Exception {
            Path file = project.toAbsolutePath().normalize();
            List<Sweep.Task> tasks = Sweep.plan(file, experiment, axes, !noEvaluate);
            System.err.println(tasks.size() + " runs in group " + tasks.get(0).group());
            List<Sweep.Result> results;
            try (JavaSparkContext jsc = spark.open("sweep " + experiment)) {
                results = Sweep.run(jsc, tasks);
            }
            int failed = 0;
            for (Sweep.Result r : results) {
                if (RunRef.FINISHED.equals(r.status())) {
                    System.out.printf(Locale.ROOT, "%-40s finished  test NSE %s  %s (%s)%n", r.task().member(),
                            Double.isNaN(r.testNse()) ? "-" : String.format(Locale.ROOT, "%.3f", r.testNse()),
                            r.runDir(), r.host());
                } else {
                    failed++;
                    System.out.printf(Locale.ROOT, "%-40s FAILED    %s (%s)%n", r.task().member(), r.message(),
                            r.host());
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }

    /** {@code group}: holdout folds and ensemble members, each part one Spark task. */
    @Command(name = "group", mixinStandardHelpOptions = true, description = "Runs an experiment with a spatial holdout"
            + " (holdout.type pub|pur|custom) and/or ensemble.members > 1 as a group whose folds and members are Spark"
            + " tasks; the held-out results are merged into the group folder's eval/test/.")
    static final class Group implements Callable<Integer> {
        @Parameters(index = "0", description = "project file (on a path every executor reads)")
        Path project;
        @Option(names = "--experiment", required = true, description = "experiment name")
        String experiment;
        @Mixin
        SparkOptions spark = new SparkOptions();

        @Override
        public Integer call() throws Exception {
            Path file = project.toAbsolutePath().normalize();
            Project p = load(file);
            ExperimentConfig config = experiment(p, experiment, file).config();
            try (JavaSparkContext jsc = spark.open("group " + experiment)) {
                org.hydrodelta.cluster.ClusterGroups.Result r = org.hydrodelta.cluster.ClusterGroups.run(jsc, file,
                        experiment, config);
                for (org.hydrodelta.cluster.ClusterGroups.PartResult part : r.parts()) {
                    System.out.printf(Locale.ROOT, "%-22s held-out median NSE %s  %s%n", part.label(),
                            Double.isNaN(part.heldOutNse()) ? "-" : String.format(Locale.ROOT, "%.3f",
                                    part.heldOutNse()), part.runDir());
                }
                if (!Double.isNaN(r.mergedMedianNse())) {
                    System.out.printf(Locale.ROOT, "held-out median NSE over %d basins: %.3f (%s)%n",
                            r.heldOut().size(), r.mergedMedianNse(), r.dir());
                }
            }
            return 0;
        }
    }

    /** {@code evaluate}: a trained run over many basins, partitioned by basin. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluates or predicts a trained run"
            + " over many basins as one Spark job partitioned by basin; outputs in eval/NAME_part-NNN/, metrics over"
            + " all basins in eval/NAME/.")
    static final class Evaluate implements Callable<Integer> {
        @Parameters(index = "0", description = "project file (on a path every executor reads)")
        Path project;
        @Option(names = "--run", required = true, description = "run name (as listed in the project) or run folder")
        String run;
        @Option(names = "--dataset", description = "dataset of the project (default: the run's)")
        String dataset;
        @Option(names = "--basins", split = ",", description = "basins (default: those the run trained on)")
        List<String> basins;
        @Option(names = "--period", description = "START:END, first and last day (default: the run's test period)")
        String period;
        @Option(names = "--name", defaultValue = "cluster_test", description = "output name under eval/ (default"
                + " ${DEFAULT-VALUE})")
        String name;
        @Option(names = "--partitions", defaultValue = "2", description = "basin partitions (default"
                + " ${DEFAULT-VALUE})")
        int partitions;
        @Mixin
        SparkOptions spark = new SparkOptions();

        @Override
        public Integer call() throws Exception {
            Path file = project.toAbsolutePath().normalize();
            Project p = load(file);
            Period per = null;
            if (period != null) {
                String[] se = period.split(":");
                if (se.length != 2) {
                    throw new IllegalArgumentException("--period " + period + ": expected START:END, e.g."
                            + " 1989-10-01:1999-09-30");
                }
                per = Period.inclusive(java.time.LocalDate.parse(se[0]), java.time.LocalDate.parse(se[1]));
            }
            try (JavaSparkContext jsc = spark.open("evaluate")) {
                ClusterEvaluation.Result r = ClusterEvaluation.run(jsc, file, runDir(p, run, file), dataset, basins,
                        per, name, partitions);
                System.out.printf(Locale.ROOT, "median NSE %.3f over %d basins; metrics in %s, outputs in %d parts%n",
                        r.median("nse"), r.basins().size(), r.dir(), r.parts().size());
            }
            return 0;
        }
    }

    /** {@code bench}: Spark's per-iteration overhead over the local trainer. */
    @Command(name = "bench", mixinStandardHelpOptions = true, description = "Measures, in one process, the time per"
            + " training iteration of the local trainer and of data-parallel training on Spark for an experiment,"
            + " and prints Spark's overhead as a ratio.")
    static final class Bench implements Callable<Integer> {
        @Parameters(index = "0", description = "project file")
        Path project;
        @Option(names = "--experiment", required = true, description = "experiment name")
        String experiment;
        @Option(names = "--iterations", defaultValue = "10", description = "timed iterations of each (default"
                + " ${DEFAULT-VALUE}), after 2 untimed")
        int iterations;
        @Option(names = "--partitions", defaultValue = "2", description = "basin partitions (default"
                + " ${DEFAULT-VALUE})")
        int partitions;
        @Option(names = "--threads", defaultValue = "2", description = "threads of the local trainer (default"
                + " ${DEFAULT-VALUE})")
        int threads;
        @Option(names = "--executor-threads", description = "threads of each partition's model (default threads /"
                + " partitions, at least 1)")
        Integer executorThreads;
        @Option(names = "--rounds", defaultValue = "3", description = "rounds, each training locally and then on"
                + " Spark, so the two alternate (default ${DEFAULT-VALUE})")
        int rounds;
        @Option(names = "--random-basins", description = "keep the experiment's training.strata instead of"
                + " setting it to the partition count (slices of random size, as the paper's sampler draws)")
        boolean randomBasins;
        @Mixin
        SparkOptions spark = new SparkOptions();

        @Override
        public Integer call() throws Exception {
            Path file = project.toAbsolutePath().normalize();
            Project p = load(file);
            ExperimentConfig config = experiment(p, experiment, file).config();
            if (!randomBasins) {
                // both trainers draw the same minibatches; with strata = partitions every slice is an even share
                config = config.withTraining(config.training().withStrata(partitions));
            }
            if (spark.master == null) {
                spark.master = "local[" + partitions + "]";
            }
            try (JavaSparkContext jsc = spark.open("bench " + experiment)) {
                OverheadBenchmark.Result r = OverheadBenchmark.run(jsc, file, p, config, iterations, rounds,
                        partitions, threads, executorThreads != null ? executorThreads
                                : Math.max(1, threads / partitions));
                System.out.println(r.describe());
            }
            return 0;
        }
    }
}
