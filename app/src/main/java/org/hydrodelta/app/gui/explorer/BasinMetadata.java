package org.hydrodelta.app.gui.explorer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Project;

/** Looks up the explorer's basin columns (name, area, snow fraction) in the project's CAMELS attribute tables. */
public final class BasinMetadata {
    private BasinMetadata() {
    }

    /**
     * Builds one row per selected basin; basins the attributes lack get empty name and NaN values.
     *
     * @param project the project
     * @return rows in the project's basin order
     * @throws IOException if an attribute table exists but cannot be read
     */
    public static List<BasinRow> rows(Project project) throws IOException {
        Map<String, String> names = new HashMap<>();
        Map<String, Double> areas = new HashMap<>();
        Map<String, Double> snow = new HashMap<>();
        for (DatasetRef d : project.datasets()) {
            Path attrs = d.path().resolve("camels_attributes_v2.0");
            if (Files.isDirectory(attrs)) {
                readColumn(attrs.resolve("camels_name.txt"), "gauge_name", v -> v, names);
                readColumn(attrs.resolve("camels_topo.txt"), "area_gages2", BasinMetadata::number, areas);
                readColumn(attrs.resolve("camels_clim.txt"), "frac_snow", BasinMetadata::number, snow);
            }
        }
        List<BasinRow> rows = new ArrayList<>();
        for (String id : project.basins()) {
            rows.add(new BasinRow(id, names.getOrDefault(id, ""), areas.getOrDefault(id, Double.NaN),
                    snow.getOrDefault(id, Double.NaN)));
        }
        return rows;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static <T> void readColumn(Path table, String column, java.util.function.Function<String, T> parse,
            Map<String, T> into) throws IOException {
        if (!Files.isRegularFile(table)) {
            return;
        }
        List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return;
        }
        List<String> header = List.of(lines.get(0).split(";", -1));
        int col = header.indexOf(column);
        if (col < 0) {
            return;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(";", -1);
            if (f.length > col) {
                into.put(f[0].strip(), parse.apply(f[col].strip()));
            }
        }
    }
}
