package org.hydrodelta.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hydrodelta evaluate PROJECT --run RUN}: test-period metrics and outputs of a trained run. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a run on its test period (or --period, with --epoch's checkpoint): writes metrics.csv"
                + " and per-basin outputs into the run's evaluation folder eval/<period>[_epoch_NNN]/.")
public final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "the *.hdproj project file")
    Path project;

    @Option(names = "--run", required = true, description = "run name (as listed in the project) or run folder")
    String run;

    @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "test",
            description = "train, validation, test or START:END (first and last day, YYYY-MM-DD); after the training"
                    + " period it warms up over the training period (the test protocol), otherwise over the run's"
                    + " warm-up days of data before it (default: ${DEFAULT-VALUE})")
    String period;

    @Option(names = "--epoch", paramLabel = "N", description = "evaluate this epoch's checkpoint (default: the best"
            + " validation epoch, else the last)")
    Integer epoch;

    @Option(names = "--attribute-sensitivity", paramLabel = "MODE", defaultValue = "auto",
            description = "which attributes drive each learned parameter (δ models): auto (up to 10^12 FLOP of "
                    + "network passes: the desktop presets, not the paper configuration), always, never "
                    + "(default: ${DEFAULT-VALUE})")
    String sensitivity;

    @Option(names = "--csv-outputs", description = "also write outputs/<basin>.csv (every state and flux per basin as"
            + " text; large at scale). By default outputs are compact: one .npy per variable")
    boolean csvOutputs;

    @Override
    public Integer call() throws Exception {
        Project p = ProjectArgs.load(project);
        Path dir = runDir(p, run);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        progress.stage("evaluate");
        report(ExperimentRunner.evaluate(p, dir, period, epoch, mode(sensitivity), csvOutputs, progress,
                CancellationToken.NONE));
        return 0;
    }

    /** The folder of a run named as the project lists it, or given as a folder. */
    static Path runDir(Project p, String run) {
        Path dir = p.runs().stream().filter(r -> r.name().equals(run)).map(RunRef::path).findFirst()
                .orElse(Path.of(run));
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no run '" + run + "' in the project and no such folder");
        }
        return dir;
    }

    static org.hydrodelta.core.eval.AttributeSensitivity.Mode mode(String text) {
        try {
            return org.hydrodelta.core.eval.AttributeSensitivity.Mode.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--attribute-sensitivity must be auto, always or never, not '" + text
                    + "'");
        }
    }

    static void report(ExperimentRunner.EvaluationResult r) throws java.io.IOException {
        if (r.checkpoint() != null) {
            System.out.println("evaluated checkpoint: " + r.checkpoint().getFileName() + describe(r.checkpoint()));
        }
        System.out.printf("period: %s .. %s%n", r.sim().start(), r.sim().start().plusDays(r.sim().nDays() - 1L));
        long gauged = r.metrics().stream().filter(m -> m.get("n_obs") > 0).count();
        System.out.printf("basins: %d%s%n", r.metrics().size(), gauged == r.metrics().size() ? ""
                : " (" + gauged + " with observed flow: skill metrics only for those)");
        for (String m : new String[] {"nse", "kge", "kge_prime", "r", "rmse", "pbias", "fhv", "flv_mhpi", "fms",
            "bfi_sim", "bfi_obs"}) {
            double v = r.median(m);
            System.out.println(Double.isNaN(v) ? String.format("median %-10s      n/a", m)
                    : String.format("median %-10s %8.3f", m, v));
        }
        System.out.println("metrics: " + r.dir().resolve("metrics.csv"));
        System.out.printf(java.util.Locale.ROOT, "evaluation outputs: %s, %.1f MB%n", r.dir(),
                org.hydrodelta.core.eval.ResultsWriter.size(r.dir()) / 1e6);
    }

    /** Why this checkpoint: the best validation epoch, the last one, or nothing (one asked for by --epoch). */
    private static String describe(Path checkpoint) throws java.io.IOException {
        Path runDir = checkpoint.getParent().getParent();
        com.fasterxml.jackson.databind.JsonNode info = org.hydrodelta.core.project.ProjectStore.mapper().readTree(
                runDir.resolve("run.json").toFile());
        if (info.has("bestEpoch") && checkpoint.getFileName().toString().equals(String.format("epoch_%03d",
                info.get("bestEpoch").asInt()))) {
            return String.format(java.util.Locale.ROOT, " (best median validation NSE %.3f)",
                    info.get("bestValidationNse").asDouble());
        }
        return org.hydrodelta.core.train.RunFolder.open(runDir).latestCheckpoint().filter(checkpoint::equals)
                .isPresent() ? " (last epoch)" : "";
    }
}
