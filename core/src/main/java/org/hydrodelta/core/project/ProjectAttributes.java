package org.hydrodelta.core.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.hydrodelta.core.data.AttributeSchema;
import org.hydrodelta.core.data.AttributeTablesReader;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.camels.CamelsAttributes;
import org.hydrodelta.core.data.camels.CamelsLayout;
import org.hydrodelta.core.data.caravan.CaravanLayout;
import org.hydrodelta.core.data.csv.CsvMapping;

/**
 * The static attributes of a project's basins, whatever dataset they come from: the CAMELS-US attribute tables
 * ({@code camels_*.txt}), Caravan's {@code attributes/<prefix>/*.csv}, or the attributes file of a CSV mapping.
 * Each table is read once; a basin's attributes come from the first dataset (in project order) that has it.
 * Used by the explorer's basin columns, the properties pane and evaluation (observed baseflow index).
 */
public final class ProjectAttributes {
    private final List<BasinAttributes> tables;

    private ProjectAttributes(List<BasinAttributes> tables) {
        this.tables = Collections.unmodifiableList(tables);
    }

    /**
     * Reads the attribute tables of every dataset of the project. Datasets without attribute tables contribute
     * nothing; a table that exists but cannot be read is an error.
     *
     * @param project the project
     * @return the lookup
     * @throws DataFormatException when an attribute table exists but is unreadable (names the file)
     */
    public static ProjectAttributes of(Project project) {
        List<BasinAttributes> tables = new ArrayList<>();
        for (DatasetRef d : project.datasets()) {
            tables.addAll(read(d));
        }
        return new ProjectAttributes(tables);
    }

    /**
     * @param tables attribute tables, in lookup order
     * @return a lookup over them
     */
    public static ProjectAttributes of(List<BasinAttributes> tables) {
        return new ProjectAttributes(new ArrayList<>(tables));
    }

    /**
     * Reads one dataset's attribute tables.
     *
     * @param d the dataset
     * @return its attribute tables (one per Caravan prefix, else at most one), empty when it has none
     * @throws DataFormatException when a table exists but is unreadable
     */
    public static List<BasinAttributes> read(DatasetRef d) {
        Path root = d.path();
        switch (d.type()) {
            case "camels-us" -> {
                boolean hasTables = Files.isRegularFile(root.resolve("camels_name.txt"))
                        || CamelsLayout.locate(root).flatMap(CamelsLayout::attributesDir).isPresent();
                return hasTables ? List.of(CamelsAttributes.read(root)) : List.of();
            }
            case "caravan" -> {
                Optional<CaravanLayout> layout = CaravanLayout.locate(root);
                List<BasinAttributes> perPrefix = new ArrayList<>();
                for (String prefix : layout.map(CaravanLayout::prefixes).orElse(List.of())) {
                    List<Path> files = layout.get().attributeFiles(prefix);
                    if (!files.isEmpty()) {
                        perPrefix.add(new AttributeTablesReader(AttributeSchema.CARAVAN, ',').read(files));
                    }
                }
                return perPrefix;
            }
            case "csv" -> {
                CsvMapping m = CsvMapping.read(root);
                return m.attributes == null ? List.of() : List.of(m.readAttributes());
            }
            default -> {
                return List.of();
            }
        }
    }

    /**
     * @param basinId a basin
     * @return the table holding its attributes, if any
     */
    public Optional<BasinAttributes> tableFor(String basinId) {
        return tables.stream().filter(t -> t.contains(basinId)).findFirst();
    }

    /**
     * @param basinId a basin
     * @param column  an attribute column
     * @return its numeric value, NaN when the basin or the column is unknown (or the value is missing)
     */
    public double value(String basinId, String column) {
        return tableFor(basinId).filter(t -> t.columns().contains(column)).map(t -> t.value(basinId, column))
                .orElse(Double.NaN);
    }

    /** @return the tables read, in lookup order */
    public List<BasinAttributes> tables() {
        return tables;
    }
}
