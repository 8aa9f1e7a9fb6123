package org.hydrodelta.core.project;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DatasetTypes;

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
            d.checkAvailable();
            tables.addAll(read(d));
        }
        return new ProjectAttributes(tables);
    }

    /**
     * As {@link #of(Project)}, for a window that opens a project whatever state its data are in: a dataset whose
     * data are not where it says ({@link DatasetRef#checkAvailable}) or whose attribute table cannot be read gives
     * no attributes, and its reason goes to {@code unavailable} instead of failing the whole project.
     *
     * @param project     the project
     * @param unavailable receives one line per dataset left out, naming it, the file and what is wrong
     * @return the lookup over the tables that could be read
     */
    public static ProjectAttributes available(Project project, java.util.function.Consumer<String> unavailable) {
        List<BasinAttributes> tables = new ArrayList<>();
        for (DatasetRef d : project.datasets()) {
            try {
                d.checkAvailable();
                tables.addAll(read(d));
            } catch (DataFormatException | java.io.UncheckedIOException e) {
                String m = e.getMessage();
                unavailable.accept(m.contains("dataset '" + d.name() + "'") ? m : "dataset '" + d.name() + "': " + m);
            }
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
     * Reads one dataset's attribute tables, as its {@link org.hydrodelta.core.data.DatasetType} finds them.
     *
     * @param d the dataset
     * @return its attribute tables (one per Caravan prefix, else at most one), empty when it has none or its type
     *         is unknown
     * @throws DataFormatException when a table exists but is unreadable
     */
    public static List<BasinAttributes> read(DatasetRef d) {
        return DatasetTypes.find(d.type()).map(t -> t.attributeTables(d.path())).orElse(List.of());
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
