package org.hydrodelta.core.data.caravan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the parts of a Caravan folder: the root holds {@code attributes/} and {@code timeseries/csv/}.
 *
 * @param root the Caravan root
 */
public record CaravanLayout(Path root) {

    /**
     * @param folder the folder given (the root or up to two levels above it)
     * @return the layout, or empty
     */
    public static Optional<CaravanLayout> locate(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.walk(folder, 2)) {
            return s.filter(CaravanLayout::isRoot).sorted().findFirst().map(CaravanLayout::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRoot(Path p) {
        return Files.isDirectory(p.resolve("timeseries/csv")) && Files.isDirectory(p.resolve("attributes"));
    }

    /** @return the dataset prefixes (camels, camelsgb, ...) with time series, sorted */
    public List<String> prefixes() {
        return list(root.resolve("timeseries/csv"), true);
    }

    /**
     * @param prefix a prefix
     * @return its time-series files, sorted
     */
    public List<Path> timeseriesFiles(String prefix) {
        List<Path> out = new ArrayList<>();
        for (String n : list(root.resolve("timeseries/csv").resolve(prefix), false)) {
            if (n.endsWith(".csv")) {
                out.add(root.resolve("timeseries/csv").resolve(prefix).resolve(n));
            }
        }
        return out;
    }

    /**
     * @param prefix a prefix
     * @return its attribute tables {@code attributes_*_<prefix>.csv}, sorted (caravan, hydroatlas, other)
     */
    public List<Path> attributeFiles(String prefix) {
        Path dir = root.resolve("attributes").resolve(prefix);
        List<Path> out = new ArrayList<>();
        for (String n : list(dir, false)) {
            if (n.startsWith("attributes_") && n.endsWith("_" + prefix + ".csv")) {
                out.add(dir.resolve(n));
            }
        }
        return out;
    }

    private static List<String> list(Path dir, boolean dirs) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> dirs == Files.isDirectory(p)).map(p -> p.getFileName().toString()).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
