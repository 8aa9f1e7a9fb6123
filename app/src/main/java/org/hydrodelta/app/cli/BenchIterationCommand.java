package org.hydrodelta.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.train.ExperimentData;
import org.hydrodelta.core.train.bench.IterationBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hydrodelta bench iteration}: one paper-configuration δ-model training iteration on real basins. */
@Command(name = "iteration", mixinStandardHelpOptions = true,
        description = {"One δ-model training iteration in the paper configuration (batch 100 x 730 days, LSTM 256, "
            + "16 components, dynamic beta and gamma, Adadelta) on the basins of a project; prints seconds per "
            + "iteration and peak heap."})
public final class BenchIterationCommand implements Callable<Integer> {
    @Option(names = "--project", description = "project whose first experiment's data is used (default: the "
            + "camels-regions sample)")
    Path project;

    @Option(names = "--threads", description = "worker threads, 0 = all cores (default ${DEFAULT-VALUE})")
    int threads = 0;

    @Option(names = "--warmup", description = "untimed iterations (default ${DEFAULT-VALUE})")
    int warmup = 2;

    @Option(names = "--iterations", description = "timed iterations (default ${DEFAULT-VALUE})")
    int iterations = 3;

    @Override
    public Integer call() {
        Path file = project != null ? project : org.hydrodelta.app.gui.WorkbenchApp.defaultSampleProject()
                .orElseThrow(() -> new IllegalArgumentException("no --project given and no sample project found"));
        Project p = ProjectArgs.load(file);
        ExperimentConfig c = p.experiments().isEmpty() ? ExperimentConfig.defaults() : p.experiments().get(0).config();
        ExperimentData data = ExperimentData.load(p, c, ProgressListener.NONE, CancellationToken.NONE);
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        System.out.printf("δ-model iteration, paper configuration, %d basins of %s, %d threads%n",
                data.dataset().nBasins(), file.getFileName(), t);
        System.out.printf("matrix products: %s%n", org.hydrodelta.core.nn.gemm.NativeSgemm.status());
        System.out.printf("engines: %s%n", org.hydrodelta.core.nn.gemm.GemmEngine.choice().describe());
        IterationBenchmark.Result r = IterationBenchmark.run(data.dataset(), warmup, iterations, t, System.out);
        System.out.printf("seconds per iteration: %.2f (mean of %d), fastest %.2f; peak heap %.0f MiB; peak resident"
                        + " memory %s (max heap %.0f MiB)%n", r.secondsPerIteration(), iterations, r.minSeconds(),
                r.peakHeapBytes() / 1048576.0, r.peakResidentBytes() < 0 ? "not readable"
                        : String.format("%.2f GB", r.peakResidentBytes() / 1e9),
                Runtime.getRuntime().maxMemory() / 1048576.0);
        return 0;
    }
}
