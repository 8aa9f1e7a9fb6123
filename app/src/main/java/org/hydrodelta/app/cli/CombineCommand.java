package org.hydrodelta.app.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hydrodelta.core.combine.ModelCombiner;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hydrodelta combine PROJECT --runs A,B,C --name NAME}: a learned combination of evaluated runs (weights per
 * basin from its attributes, fitted on the validation period), written and entered as a run of its own.
 */
@Command(name = "combine", mixinStandardHelpOptions = true,
        description = "Learn a per-basin combination of runs on the same basins: a small network maps each basin's"
                + " static attributes to softmax weights (learned temperature) over the runs, fitted on the"
                + " validation period, evaluated on the test period; written as runs/NAME/ and added to the project."
                + " Runs not yet evaluated on a period are evaluated first.")
public final class CombineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "the *.hdproj project file")
    Path project;

    @Option(names = "--runs", required = true, split = ",", paramLabel = "A,B,...",
            description = "the runs to combine (at least 2, as the project lists them)")
    List<String> runs;

    @Option(names = "--name", required = true, description = "the combination's run name (new in the project)")
    String name;

    @Option(names = "--hidden", paramLabel = "H", description = "hidden units of the network, 1.."
            + ModelCombiner.MAX_HIDDEN + " (default: " + ModelCombiner.Request.DEFAULT_HIDDEN + ")")
    int hidden = ModelCombiner.Request.DEFAULT_HIDDEN;

    @Option(names = "--epochs", paramLabel = "E", description = "full-batch Adam steps, 1.." + ModelCombiner.MAX_EPOCHS
            + " (default: " + ModelCombiner.Request.DEFAULT_EPOCHS + ")")
    int epochs = ModelCombiner.Request.DEFAULT_EPOCHS;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the network's initial weights (default: "
            + ModelCombiner.Request.DEFAULT_SEED + ")")
    long seed = ModelCombiner.Request.DEFAULT_SEED;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam step size in (0, 1] (default: "
            + ModelCombiner.Request.DEFAULT_LEARNING_RATE + ")")
    double learningRate = ModelCombiner.Request.DEFAULT_LEARNING_RATE;

    @Option(names = "--loss", paramLabel = "LOSS", description = "nse or rmse-comb (default: the first run's"
            + " training loss)")
    String loss;

    @Option(names = "--attributes", split = ",", paramLabel = "A,B,...", description = "static attributes fed to the"
            + " network (default: the first run's)")
    List<String> attributes;

    @Override
    public Integer call() throws Exception {
        Project p = ProjectArgs.load(project);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        progress.stage("combine");
        ModelCombiner.Result r = ModelCombiner.combine(p, project, new ModelCombiner.Request(runs, name, hidden,
                epochs, seed, learningRate, loss, attributes), progress, CancellationToken.NONE);
        report(r);
        return 0;
    }

    static void report(ModelCombiner.Result r) {
        System.out.printf(Locale.ROOT, "combination %s of %d runs on %d basins: fitted in %.2f s (best epoch %d),"
                + " temperature %.3f%n", r.dir().getFileName(), r.runs().size(), r.basins().size(), r.seconds(),
                r.bestEpoch(), r.temperature());
        System.out.printf(Locale.ROOT, "%-40s %12s %16s%n", "", "median test NSE", "validation loss");
        r.singleTestNse().forEach((run, nse) -> System.out.printf(Locale.ROOT, "%-40s %12.3f %16.4f%n", run, nse,
                r.singleValidationLoss().get(run)));
        System.out.printf(Locale.ROOT, "%-40s %12.3f %16.4f%n", "plain mean", r.meanTestNse(),
                r.meanValidationLoss());
        System.out.printf(Locale.ROOT, "%-40s %12.3f %16.4f%n", "combination", r.testNse(), r.validationLoss());
        double[] mean = new double[r.runs().size()];
        for (double[] w : r.weights()) {
            for (int i = 0; i < w.length; i++) {
                mean[i] += w[i] / r.weights().length;
            }
        }
        System.out.println("mean weight per run: " + Arrays.toString(Arrays.stream(mean)
                .mapToObj(v -> String.format(Locale.ROOT, "%.3f", v)).toArray()));
        System.out.println("run folder: " + r.dir() + " (weights: " + ModelCombiner.WEIGHTS + ")");
    }
}
