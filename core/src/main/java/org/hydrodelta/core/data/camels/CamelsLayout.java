package org.hydrodelta.core.data.camels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the parts of a CAMELS-US folder tree. Users point at different levels (the CAMELS root holding
 * {@code basin_mean_forcing/}, {@code usgs_streamflow/} and {@code camels_attributes_v2.0/}, or a project folder
 * containing {@code data/camels-us/}), so {@link #locate} searches a few levels down for the root.
 *
 * @param root the CAMELS root folder
 */
public record CamelsLayout(Path root) {
    /** Folder names recognised as the attribute tables folder, newest first. */
    private static final List<String> ATTRIBUTE_FOLDERS = List.of("camels_attributes_v2.0", "camels_attributes_v2",
            "camels_attributes");

    /**
     * Finds the CAMELS root at or below a folder (at most three levels down).
     *
     * @param folder the folder the user gave
     * @return the layout, or empty when no CAMELS root is there
     */
    public static Optional<CamelsLayout> locate(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        if (isRoot(folder)) {
            return Optional.of(new CamelsLayout(folder));
        }
        try (Stream<Path> s = Files.walk(folder, 3)) {
            return s.filter(Files::isDirectory).filter(CamelsLayout::isRoot).sorted().findFirst().map(CamelsLayout::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRoot(Path p) {
        return Files.isDirectory(p.resolve("basin_mean_forcing")) || Files.isDirectory(p.resolve("usgs_streamflow"))
                || ATTRIBUTE_FOLDERS.stream().anyMatch(a -> Files.isDirectory(p.resolve(a)));
    }

    /** @return the attribute tables folder, if present */
    public Optional<Path> attributesDir() {
        return ATTRIBUTE_FOLDERS.stream().map(root::resolve).filter(Files::isDirectory).findFirst();
    }

    /** @return forcing products present (daymet, maurer, maurer_extended, nldas, ...), sorted */
    public List<String> forcingProducts() {
        Path f = root.resolve("basin_mean_forcing");
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(f)) {
            try (Stream<Path> s = Files.list(f)) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * Lists forcing files of a product: {@code basin_mean_forcing/<product>/<huc2>/<id>_*_forcing_*.txt}.
     *
     * @param product e.g. "nldas"
     * @return files sorted by name
     */
    public List<Path> forcingFiles(String product) {
        return listTxt(root.resolve("basin_mean_forcing").resolve(product), "_forcing");
    }

    /** @return streamflow files {@code usgs_streamflow/<huc2>/<id>_streamflow_qc.txt}, sorted by name */
    public List<Path> streamflowFiles() {
        return listTxt(root.resolve("usgs_streamflow"), "_streamflow");
    }

    private static List<Path> listTxt(Path dir, String marker) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir, 2)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".txt")
                            && p.getFileName().toString().contains(marker))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The 8-digit gauge id a CAMELS time-series file is named after.
     *
     * @param file e.g. {@code 01022500_lump_nldas_forcing_leap.txt}
     * @return "01022500"
     */
    public static String basinIdOf(Path file) {
        String n = file.getFileName().toString();
        int u = n.indexOf('_');
        return u > 0 ? n.substring(0, u) : n;
    }
}
