package org.hydrodelta.app.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.eval.AttributeRangeCheck;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.train.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hydrodelta predict PROJECT --run RUN (--basins ID,ID | --dataset NAME)}: streamflow and every other output
 * of a trained run for basins it did not train on, with or without observed flow.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Simulate basins with a trained run, observed flow or not (ungauged basins): streamflow and every"
                + " state and flux, written like an evaluation into the run's eval/<name>/ (metrics only where flow"
                + " was observed); attributes outside the training basins' range are flagged.")
public final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "the *.hdproj project file")
    Path project;

    @Option(names = "--run", required = true, description = "run name (as listed in the project) or run folder")
    String run;

    @Option(names = "--basins", split = ",", paramLabel = "ID", description = "basins to simulate (default: every"
            + " basin of --dataset)")
    List<String> basins;

    @Option(names = "--dataset", paramLabel = "NAME", description = "a dataset of the project holding the basins"
            + " (default: the run's own)")
    String dataset;

    @Option(names = "--period", arity = "2", paramLabel = "DAY", description = "first and last day to simulate,"
            + " YYYY-MM-DD YYYY-MM-DD (default: the run's test period); warmed up as evaluate warms up")
    List<String> period;

    @Option(names = "--epoch", paramLabel = "N", description = "this epoch's checkpoint (default: the best validation"
            + " epoch, else the last)")
    Integer epoch;

    @Option(names = "--name", paramLabel = "NAME", description = "output folder under the run's eval/ (default:"
            + " predict_<dataset>_<first>_<last>)")
    String name;

    @Option(names = "--skip-unusable", description = "simulate the usable basins when some cannot be (listed)")
    boolean skipUnusable;

    @Option(names = "--attribute-sensitivity", paramLabel = "MODE", defaultValue = "never",
            description = "which attributes drive each learned parameter (δ models): auto, always, never"
                    + " (default: ${DEFAULT-VALUE})")
    String sensitivity;

    @Option(names = "--csv-outputs", description = "also write outputs/<basin>.csv")
    boolean csvOutputs;

    @Option(names = "--fill-missing-attributes", description = "simulate a basin that lacks an attribute value the"
            + " network needs with the training basins' mean in its place (as training does); without it such basins"
            + " are refused, each basin and attribute named")
    boolean fillMissingAttributes;

    @Override
    public Integer call() throws Exception {
        if (basins == null && dataset == null) {
            throw new IllegalArgumentException("say which basins: --basins ID,ID (in the run's dataset or --dataset)"
                    + " or --dataset NAME (all its basins)");
        }
        Project p = ProjectArgs.load(project);
        Path dir = EvaluateCommand.runDir(p, run);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        progress.stage("predict");
        ExperimentRunner.PredictionResult r = ExperimentRunner.predict(p, dir, new ExperimentRunner.PredictionRequest(
                dataset, basins, period(), epoch, name, skipUnusable, EvaluateCommand.mode(sensitivity), csvOutputs,
                fillMissingAttributes),
                progress, CancellationToken.NONE);
        r.skipped().forEach(u -> System.err.println("skipped " + u.format()));
        r.filled().forEach(m -> System.out.println("missing attribute value, training mean used: " + m));
        EvaluateCommand.report(r.result());
        if (r.flags().isEmpty()) {
            System.out.println("attributes: every basin inside the training basins' range");
        } else {
            System.out.printf("attributes outside the training basins' range (%d, the network extrapolates):%n",
                    r.flags().size());
            for (AttributeRangeCheck.Flag f : r.flags()) {
                System.out.println("  " + f.basinId() + ": " + f.format());
            }
        }
        System.out.println("flags: " + r.result().dir().resolve(AttributeRangeCheck.FILE_NAME));
        return 0;
    }

    private Period period() {
        if (period == null) {
            return null;
        }
        try {
            return Period.inclusive(LocalDate.parse(period.get(0)), LocalDate.parse(period.get(1)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--period " + String.join(" ", period) + ": days are written"
                    + " YYYY-MM-DD", e);
        }
    }
}
