package org.hydrodelta.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hydrodelta.core.data.bench.ParseBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hydrodelta bench parse}: CAMELS parsing throughput on a generated 671-basin × 35-year set (see
 * {@link ParseBenchmark}). Meant as a subcommand of {@code bench}.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Measure CAMELS text parsing throughput (MB/s) and load memory on the sample basins replicated"
                + " to N basins x Y years in a temporary folder. Run from the repository root.")
public final class BenchParseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--basins", description = "basins to generate (default ${DEFAULT-VALUE})", defaultValue = "671")
    int basins;

    @Option(names = "--years", description = "years per basin (default ${DEFAULT-VALUE})", defaultValue = "35")
    int years;

    @Option(names = "--threads", description = "parsing threads (default ${DEFAULT-VALUE})", defaultValue = "2")
    int threads;

    @Option(names = "--repeat", description = "measured repeats (default ${DEFAULT-VALUE})", defaultValue = "3")
    int repeat;

    @Option(names = "--dir", description = "generate here (reused when it already holds a set) instead of a temp folder")
    Path dir;

    @Option(names = "--keep", description = "keep the generated files")
    boolean keep;

    @Option(names = "--repo", description = "repository root with sample-projects/ (default: search upwards)")
    Path repo;

    @Override
    public Integer call() throws Exception {
        ParseBenchmark.Options o = new ParseBenchmark.Options();
        o.basins = basins;
        o.years = years;
        o.threads = threads;
        o.repeat = repeat;
        o.dir = dir;
        o.keep = keep;
        o.repoRoot = repo;
        PrintWriter out = spec.commandLine().getOut();
        ParseBenchmark.run(o, out);
        out.flush();
        return 0;
    }
}
