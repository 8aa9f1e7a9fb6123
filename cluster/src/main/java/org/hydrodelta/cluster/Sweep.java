package org.hydrodelta.cluster;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ExperimentKeys;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.RunRecorder;
import org.hydrodelta.core.train.TrainingListener;

/**
 * Many runs at once: a grid over experiment keys ({@code network.hiddenSize=32,64 training.seed=1,2}), each run
 * one Spark task that trains and evaluates it. Runs land in {@code runs/} beside the project exactly as local runs
 * and are entered in the project through {@link RunRecorder} (safe for concurrent writers), as members of one
 * group ({@code <experiment>-sweep_<time>}, member e.g. {@code network.hiddenSize=32 training.seed=1}).
 */
public final class Sweep {
    private Sweep() {
    }

    /**
     * One run of a sweep.
     *
     * @param index       position in the grid
     * @param projectFile the project file (a path every executor reads)
     * @param experiment  the experiment
     * @param settings    its KEY=VALUE settings
     * @param group       the group name
     * @param evaluate    whether to evaluate on the test period after training
     */
    public record Task(int index, String projectFile, String experiment, List<String> settings, String group,
            boolean evaluate) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** @return the member name: the settings joined by spaces */
        public String member() {
            return String.join(" ", settings);
        }
    }

    /**
     * What one run gave.
     *
     * @param task      the run
     * @param runDir    its folder, or {@code null} when it failed before one was made
     * @param status    {@link RunRef#FINISHED} or {@link RunRef#FAILED}
     * @param testNse   median test NSE, NaN when not evaluated
     * @param message   the failure, or {@code null}
     * @param host      the executor's host
     */
    public record Result(Task task, String runDir, String status, double testNse, String message, String host)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Expands sweep axes into the grid of their combinations (the first axis varies slowest). An axis of one value
     * ({@code training.epochs=1}) or none ({@code validationPeriod=}, the default) applies to every run.
     *
     * @param axes {@code KEY=V1,V2,...} each
     * @return one settings list per run
     * @throws IllegalArgumentException for an axis that is not KEY=VALUES or a key given twice
     */
    public static List<List<String>> grid(List<String> axes) {
        return org.hydrodelta.core.project.ExperimentKeys.grid(axes);
    }

    /**
     * Validates every run's configuration on the driver (so a bad value is refused before anything runs) and makes
     * the tasks.
     *
     * @param projectFile the project file
     * @param experiment  the experiment
     * @param axes        sweep axes
     * @param evaluate    whether each run is evaluated
     * @return the tasks
     * @throws Exception if the project cannot be read, the experiment is unknown or a setting is invalid
     */
    public static List<Task> plan(Path projectFile, String experiment, List<String> axes, boolean evaluate)
            throws Exception {
        Project p = ProjectStore.load(projectFile);
        Experiment e = p.experiment(experiment).orElseThrow(() -> new IllegalArgumentException("no experiment '"
                + experiment + "' in " + projectFile + "; it has " + p.experiments().stream().map(Experiment::name)
                .toList()));
        String group = experiment + "-sweep_" + Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "");
        List<Task> tasks = new ArrayList<>();
        List<List<String>> grid = grid(axes);
        for (int i = 0; i < grid.size(); i++) {
            ExperimentKeys.apply(e.config(), grid.get(i), experiment + " (sweep run " + (i + 1) + ")");
            tasks.add(new Task(i, projectFile.toAbsolutePath().normalize().toString(), experiment, grid.get(i), group,
                    evaluate));
        }
        return tasks;
    }

    /**
     * Runs the tasks, one Spark task each, and returns their results in grid order.
     *
     * @param jsc   the Spark context
     * @param tasks the tasks
     * @return the results
     */
    public static List<Result> run(JavaSparkContext jsc, List<Task> tasks) {
        return jsc.parallelize(tasks, Math.max(1, tasks.size())).map(Sweep::runOne).collect();
    }

    /**
     * Trains (and evaluates) one run where it is called: on an executor, or in tests.
     *
     * @param t the task
     * @return its result; a run that fails is recorded as failed in the project and returned with the reason
     */
    public static Result runOne(Task t) {
        String host = PartitionWorker.host();
        Path file = Path.of(t.projectFile());
        RunRecorder recorder = new RunRecorder(file, t.experiment(), t.group(), t.member());
        try {
            Project p;
            try {
                p = ProjectStore.load(file);
            } catch (Exception e) {
                throw new IllegalStateException("executor " + host + " cannot read project " + file + " (it must lie"
                        + " on a path every executor reads): " + e.getMessage(), e);
            }
            Experiment e = p.experiment(t.experiment()).orElseThrow(() -> new IllegalArgumentException(
                    "no experiment '" + t.experiment() + "' in " + file));
            ExperimentConfig config = ExperimentKeys.apply(e.config(), t.settings(), t.experiment());
            TrainingListener l = new TrainingListener() {
                @Override
                public void runStarted(Path runDir) {
                    try {
                        recorder.started(runDir);
                    } catch (org.hydrodelta.core.project.ProjectException ex) {
                        throw new IllegalStateException(ex.getMessage(), ex);
                    }
                }
            };
            RunFolder run;
            try {
                run = ExperimentRunner.train(p, file.getParent(), t.experiment(), config, false,
                        ProgressListener.NONE, CancellationToken.NONE, l);
            } catch (IllegalArgumentException | java.io.UncheckedIOException ex) {
                if (recorder.runDir() == null) {
                    throw new IllegalStateException("executor " + host + " cannot load the data of experiment '"
                            + t.experiment() + "' (dataset " + p.dataset(config.dataset()).map(d -> d.path()
                            .toString()).orElse(config.dataset()) + "): " + ex.getMessage(), ex);
                }
                throw ex;
            }
            recorder.ended(RunRef.FINISHED, null);
            double nse = Double.NaN;
            if (t.evaluate()) {
                // test-period metrics and outputs; attribute sensitivities (an extra backward pass per basin) are
                // left to hydrodelta evaluate on the runs worth it
                nse = ExperimentRunner.evaluate(p, run.dir(), org.hydrodelta.core.eval.AttributeSensitivity.Mode.NEVER,
                        ProgressListener.NONE, CancellationToken.NONE).median("nse");
            }
            return new Result(t, run.dir().toString(), RunRef.FINISHED, nse, null, host);
        } catch (Exception | Error ex) {
            String msg = SparkErrors.message(ex);
            if (recorder.runDir() != null) {
                try {
                    recorder.ended(RunRef.FAILED, msg);
                } catch (org.hydrodelta.core.project.ProjectException again) {
                    msg += "; and the project could not record it: " + again.getMessage();
                }
            }
            return new Result(t, recorder.runDir() == null ? null : recorder.runDir().toString(), RunRef.FAILED,
                    Double.NaN, msg, host);
        }
    }
}
