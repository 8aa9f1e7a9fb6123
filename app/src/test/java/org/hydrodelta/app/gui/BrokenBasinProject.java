package org.hydrodelta.app.gui;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;

/**
 * A project on real sample basins copied into a temporary folder, where one basin's forcing file has a line cut
 * short (as the core's bad-input suite and the command line's integrity test make it): 01013500 cannot be used,
 * the others can. Its experiment {@code tiny} trains one epoch of two iterations.
 */
public final class BrokenBasinProject {
    private static final Path SAMPLE = Path.of(System.getProperty("hydrodelta.repo.root", ".."))
            .resolve("sample-projects/camels-regions/data/camels-us");
    /** The broken basin. */
    public static final String BROKEN = "01013500";
    /** The line of its forcing file that is cut after year, month and day. */
    public static final int LINE = 1000;

    private BrokenBasinProject() {
    }

    /**
     * @param basin a basin of the sample
     * @return its forcing file, relative to the dataset folder
     */
    public static String forcing(String basin) {
        return "basin_mean_forcing/nldas/" + region(basin) + "/" + basin + "_lump_nldas_forcing_leap.txt";
    }

    private static String region(String basin) {
        try (var s = Files.list(SAMPLE.resolve("basin_mean_forcing/nldas"))) {
            return s.filter(d -> Files.exists(d.resolve(basin + "_lump_nldas_forcing_leap.txt"))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no sample basin " + basin)).getFileName()
                    .toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Writes the project.
     *
     * @param dir    an empty folder
     * @param basins the basins (the first should be {@link #BROKEN})
     * @return the project file
     * @throws Exception if copying fails
     */
    public static Path create(Path dir, String... basins) throws Exception {
        return create(dir, 1, 2, basins);
    }

    /**
     * Writes the project, its experiment {@code tiny} training for as long as asked.
     *
     * @param dir        an empty folder
     * @param epochs     epochs of {@code tiny}
     * @param iterations iterations per epoch
     * @param basins     the basins (the first should be {@link #BROKEN})
     * @return the project file
     * @throws Exception if copying fails
     */
    public static Path create(Path dir, int epochs, int iterations, String... basins) throws Exception {
        Path root = dir.resolve("camels-us");
        List<String> files = new ArrayList<>();
        for (String b : basins) {
            files.add(forcing(b));
            files.add("usgs_streamflow/" + region(b) + "/" + b + "_streamflow_qc.txt");
        }
        try (var s = Files.list(SAMPLE.resolve("camels_attributes_v2.0"))) {
            s.forEach(p -> files.add("camels_attributes_v2.0/" + p.getFileName()));
        }
        for (String f : files) {
            Path t = root.resolve(f);
            Files.createDirectories(t.getParent());
            Files.copy(SAMPLE.resolve(f), t);
        }
        cut(root, BROKEN);
        Project p = new Project("broken");
        p.datasets().add(new DatasetRef("camels", "camels-us", root, "nldas", Map.of()));
        p.basins().addAll(List.of(basins));
        p.experiments().add(new Experiment("tiny", new ExperimentConfig("delta-hbv", "camels", null,
                Period.inclusive(LocalDate.of(1993, 10, 1), LocalDate.of(1995, 9, 30)), null,
                Period.inclusive(LocalDate.of(1995, 10, 1), LocalDate.of(1996, 9, 30)), 30, 60, null, null,
                new ExperimentConfig.Hbv(2, List.of(), false, true), new ExperimentConfig.Network("lstm", 8, 0.0),
                new ExperimentConfig.Training(null, null, "adam", 0.01, epochs, 2, iterations, 7L, 1, null))));
        Path file = dir.resolve("broken.hdproj");
        ProjectStore.save(p, file);
        return file;
    }

    /**
     * Cuts line {@link #LINE} of a copied basin's forcing file after its date.
     *
     * @param root  the copied dataset folder
     * @param basin the basin
     * @return the file
     * @throws Exception if it cannot be rewritten
     */
    public static Path cut(Path root, String basin) throws Exception {
        Path f = root.resolve(forcing(basin));
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(LINE - 1, lines.get(LINE - 1).substring(0, 12));
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }
}
