package org.hydrodelta.app.cli;

import java.util.concurrent.Callable;
import org.hydrodelta.core.nn.bench.LstmBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hydrodelta bench lstm}: times forward + backward of the δ model's network (default: the paper's training
 * shape, batch 100 × 730 days, 38 → 256 → LSTM 256 → 210) and prints sustained GFLOP/s and memory.
 */
@Command(name = "lstm", mixinStandardHelpOptions = true,
        description = "Benchmark the LSTM network's forward and backward pass (GFLOP/s, seconds per iteration).")
public final class BenchLstmCommand implements Callable<Integer> {
    @Option(names = "--batch", description = "basins per minibatch (default ${DEFAULT-VALUE})")
    int batch = 100;

    @Option(names = "--days", description = "sequence length in days (default ${DEFAULT-VALUE})")
    int days = 730;

    @Option(names = "--inputs", description = "input features per day (default ${DEFAULT-VALUE})")
    int inputs = 38;

    @Option(names = "--hidden", description = "hidden size (default ${DEFAULT-VALUE})")
    int hidden = 256;

    @Option(names = "--outputs", description = "network outputs per day (default ${DEFAULT-VALUE})")
    int outputs = 210;

    @Option(names = "--threads", description = "worker threads, 0 = all cores (default ${DEFAULT-VALUE})")
    int threads = 0;

    @Option(names = "--warmup", description = "untimed warm-up iterations (default ${DEFAULT-VALUE})")
    int warmup = 2;

    @Option(names = "--iterations", description = "timed iterations (default ${DEFAULT-VALUE})")
    int iterations = 3;

    @Option(names = "--no-gemm", negatable = false, description = "skip the per-shape matrix product timings")
    boolean noGemm;

    @Override
    public Integer call() {
        if (batch < 1 || days < 1 || inputs < 1 || hidden < 1 || outputs < 1 || threads < 0 || warmup < 0
                || iterations < 1) {
            throw new IllegalArgumentException("bench lstm: sizes and --iterations must be positive, "
                    + "--threads and --warmup non-negative");
        }
        LstmBenchmark.Options o = new LstmBenchmark.Options();
        o.batch = batch;
        o.steps = days;
        o.inputs = inputs;
        o.hidden = hidden;
        o.outputs = outputs;
        o.threads = threads;
        o.warmup = warmup;
        o.iterations = iterations;
        o.gemmShapes = !noGemm;
        LstmBenchmark.run(o, System.out);
        return 0;
    }
}
