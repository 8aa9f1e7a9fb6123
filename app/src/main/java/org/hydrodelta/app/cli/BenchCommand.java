package org.hydrodelta.app.cli;

import java.util.concurrent.Callable;
import org.hydrodelta.core.hbv.bench.HbvBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hydrodelta bench <what>}: throughput benchmarks, one subcommand per component (hbv; lstm, iteration, map
 * and parse are added as further nested classes registered in {@link Command#subcommands()}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput of a numeric component (after JIT warm-up).",
        subcommands = {BenchCommand.Hbv.class, BenchLstmCommand.class, BenchIterationCommand.class,
            BenchParseCommand.class, BenchMapCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code hydrodelta bench hbv}: HBV forward + backward on the paper's batch shape. */
    @Command(name = "hbv", mixinStandardHelpOptions = true,
            description = {"HBV kernel forward + backward (routing, loss gradient): basins x components x "
                + "(warm-up + window) days; prints window component-days per second and ms per pass."})
    public static final class Hbv implements Callable<Integer> {
        @Option(names = "--basins", defaultValue = "100", description = "basins per batch (default ${DEFAULT-VALUE})")
        int basins;

        @Option(names = "--components", defaultValue = "16", description = "components per basin (default ${DEFAULT-VALUE})")
        int components;

        @Option(names = "--warmup-days", defaultValue = "365", description = "warm-up days (default ${DEFAULT-VALUE})")
        int warmupDays;

        @Option(names = "--window-days", defaultValue = "365", description = "window days (default ${DEFAULT-VALUE})")
        int windowDays;

        @Option(names = "--threads", description = "kernel threads (default: available processors)")
        Integer threads;

        @Option(names = "--passes", defaultValue = "30", description = "timed passes (default ${DEFAULT-VALUE})")
        int passes;

        @Option(names = "--jit-passes", defaultValue = "30",
                description = "untimed warm-up passes for the JIT (default ${DEFAULT-VALUE})")
        int jitPasses;

        @Option(names = "--diagnostics",
                description = "also average all states and fluxes (inspection runs); default: streamflow only, as in training")
        boolean diagnostics;

        @Override
        public Integer call() {
            if (basins < 1 || components < 1 || warmupDays < 0 || windowDays < 1 || passes < 1 || jitPasses < 0
                    || (threads != null && threads < 1)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "basins, components, window days, passes and threads must be >= 1; warm-up >= 0");
            }
            int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            HbvBenchmark.Settings s = new HbvBenchmark.Settings(basins, components, warmupDays, windowDays, t,
                    jitPasses, passes, diagnostics);
            HbvBenchmark.print(s, HbvBenchmark.run(s), System.out);
            return 0;
        }
    }
}
