package org.hydrodelta.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hydrodelta.maps.bench.MapBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hydrodelta bench map}: the maps benchmark (render frame time at 1600x1000, reading a 671-polygon x
 * 1,000-vertex shapefile). To be listed in BenchCommand's subcommands.
 */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Benchmark map rendering and shapefile reading on the bundled CAMELS geo data.")
public final class BenchMapCommand implements Callable<Integer> {
    @Option(names = "--repo", paramLabel = "DIR",
            description = "checkout or install holding sample-projects/ (default: HYDRODELTA_HOME/.., then .)")
    Path repo;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "200", description = "timed frames")
    int frames;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        MapBenchmark.run(repo != null ? repo : defaultRoot(), frames, System.out);
        return 0;
    }

    private static Path defaultRoot() {
        String home = System.getProperty("hydrodelta.home");
        for (String candidate : new String[] {home == null ? null : home + "/..", home, "."}) {
            if (candidate != null && Path.of(candidate, "sample-projects").toFile().isDirectory()) {
                return Path.of(candidate);
            }
        }
        return Path.of(".");
    }
}
