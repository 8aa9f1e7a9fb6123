package org.hydrodelta.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hydrodelta.core.data.Usability;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectException;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.RunRecorder;
import org.hydrodelta.core.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hydrodelta train PROJECT --experiment NAME}: trains headless, writing a run folder. The run is entered in
 * the project as {@code running} as soon as its folder exists and updated when it ends (finished, cancelled or
 * failed with the reason); requested basins that cannot be used stop training before it starts, unless
 * {@code --skip-unusable}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an experiment of a project; writes runs/<experiment>_<time>/ beside the project.")
public final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "the *.hdproj project file")
    Path project;

    @Option(names = "--experiment", required = true, description = "experiment name in the project")
    String experiment;

    @Option(names = "--epochs", description = "override the number of epochs")
    Integer epochs;

    @Option(names = "--threads", description = "worker threads (default: the experiment's, 0 = all cores)")
    Integer threads;

    @Option(names = "--seed", description = "override the random seed")
    Long seed;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue this run from its last checkpoint")
    Path resume;

    @Option(names = "--skip-unusable", description = "train without the requested basins that cannot be used (each is"
            + " listed with file, line and field, and recorded in the run folder's basins_skipped.csv); without it,"
            + " training refuses to start when any requested basin is unusable")
    boolean skipUnusable;

    @Option(names = "--evaluate", description = "evaluate on the test period after training")
    boolean evaluate;

    @Option(names = "--attribute-sensitivity", paramLabel = "MODE", defaultValue = "auto",
            description = "with --evaluate: auto, always or never (see evaluate --help; default: ${DEFAULT-VALUE})")
    String sensitivity;

    @Option(names = "--csv-outputs", description = "with --evaluate: also write outputs/<basin>.csv (see evaluate"
            + " --help)")
    boolean csvOutputs;

    @Override
    public Integer call() throws Exception {
        Project p = ProjectArgs.load(project);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        RunRecorder recorder = new RunRecorder(project, experiment);
        TrainingListener listener = new TrainingListener() {
            @Override
            public void basinsSkipped(List<Usability.UnusableBasin> skipped) {
                System.err.println("WARN --skip-unusable: training without " + skipped.size() + " requested basin"
                        + (skipped.size() == 1 ? "" : "s") + " that cannot be used:");
                skipped.forEach(u -> System.err.println("  " + u.format()));
            }

            @Override
            public void runStarted(Path runDir) {
                try {
                    recorder.started(runDir);
                } catch (ProjectException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }

            @Override
            public void epoch(int epoch, double meanLoss, java.util.Map<String, Double> validationNse) {
                String val = validationNse.isEmpty() ? "" : String.format(", median validation NSE %.3f",
                        org.hydrodelta.core.eval.BasinMetrics.median(validationNse.values().stream()
                                .mapToDouble(Double::doubleValue).toArray()));
                System.err.printf("epoch %d: mean loss %.4f%s%n", epoch, meanLoss, val);
            }
        };
        RunFolder run;
        try {
            if (resume != null) {
                progress.stage("resume");
                run = ExperimentRunner.resume(p, resume.toAbsolutePath().normalize(), progress,
                        CancellationToken.NONE, listener);
            } else {
                Experiment e = p.experiment(experiment).orElseThrow(() -> new IllegalArgumentException("no experiment"
                        + " '" + experiment + "' in " + project + "; it has " + p.experiments().stream()
                        .map(Experiment::name).toList()));
                ExperimentConfig config = ExperimentRunner.override(e.config(), this.epochs, threads, seed);
                progress.stage("train " + experiment);
                run = ExperimentRunner.train(p, ProjectArgs.dir(project), experiment, config, skipUnusable, progress,
                        CancellationToken.NONE, listener);
            }
        } catch (CancelledException e) {
            recorder.ended(RunRef.CANCELLED, "cancelled by the user; resume continues from the last checkpoint");
            throw e;
        } catch (Exception | Error e) {
            if (recorder.runDir() != null) {
                try {
                    recorder.ended(RunRef.FAILED, e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage());
                } catch (ProjectException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
        recorder.ended(RunRef.FINISHED, null);
        System.out.println("run folder: " + run.dir());
        com.fasterxml.jackson.databind.JsonNode info = run.readJson("run.json");
        if (info.has("dataBytes")) {
            System.out.printf(java.util.Locale.ROOT, "data in memory: %d basins x %d days, %.1f MB (%.0f kB per"
                    + " basin)%n", info.get("dataBasins").asInt(), info.get("dataDays").asInt(),
                    info.get("dataBytes").asLong() / 1e6, info.get("dataBytesPerBasin").asLong() / 1e3);
        }
        if (info.has("bestEpoch")) {
            System.out.printf(java.util.Locale.ROOT, "best epoch: %d (median validation NSE %.3f)%s; per-epoch"
                    + " validation in %s%n", info.get("bestEpoch").asInt(), info.get("bestValidationNse").asDouble(),
                    info.has("stoppedEarlyAfterEpoch") ? ", stopped early after epoch "
                            + info.get("stoppedEarlyAfterEpoch").asInt() : "", RunFolder.VALIDATION_FILE);
        }
        if (evaluate) {
            EvaluateCommand.report(ExperimentRunner.evaluate(p, run.dir(), EvaluateCommand.mode(sensitivity),
                    csvOutputs, progress, CancellationToken.NONE));
        }
        return 0;
    }
}
