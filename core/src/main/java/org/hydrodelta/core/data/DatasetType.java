package org.hydrodelta.core.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hydrodelta.core.data.camels.CamelsAttributes;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * One kind of dataset a project can hold (CAMELS-US folder, Caravan folder, CSV mapping): how its layout is
 * recognised, how it is loaded, where its attribute tables are, and what the import and the data doctor need to
 * know about it. Every caller asks {@link DatasetTypes} for the type by name or by layout instead of testing
 * names itself; a new dataset type is one class implementing this and one line in {@link DatasetTypes}.
 *
 * <p>{@code root} below is what {@link #locate} found (and what a project stores as the dataset's path); the
 * loading methods also accept a folder above it where the type searches downwards.
 */
public interface DatasetType {

    /** @return the name a project file stores as the dataset's {@code type}, e.g. {@code camels-us} */
    String name();

    /** @return the name the user reads, e.g. {@code CAMELS-US} (the data doctor's layout) */
    String label();

    /** @return what the layout consists of, for "not found" messages, e.g. {@code attributes/, timeseries/} */
    String expectedLayout();

    /**
     * @return true when the dataset is one description file (a CSV mapping) rather than a folder tree; such a type
     *         is recognised from a file, the others from a folder
     */
    boolean describedByFile();

    /**
     * Layout detection: finds this type's dataset at or below a path.
     *
     * @param path the file or folder the user gave
     * @return the dataset's root (folder or description file), empty when this type is not there
     */
    Optional<Path> locate(Path path);

    /**
     * @param root the dataset
     * @return its label with what distinguishes this dataset, e.g. the mapped columns of a CSV mapping
     * @throws DataFormatException when the dataset cannot be read
     */
    default String describe(Path root) {
        return label();
    }

    /**
     * @param root the dataset
     * @return forcing products to choose from, empty when the type has one forcing per basin
     */
    default List<String> forcingProducts(Path root) {
        return List.of();
    }

    /**
     * @param root      the dataset
     * @param requested a forcing product, or null for the type's default
     * @return the product to load: the one requested, else the type's default; null for a type without products
     * @throws DataFormatException when the requested product is not there, or the dataset has none to choose from
     */
    default String chooseProduct(Path root, String requested) {
        if (requested != null) {
            throw new DataFormatException(root, label() + " data has one forcing, no products to choose from");
        }
        return null;
    }

    /**
     * @param root    the dataset
     * @param product a forcing product of {@link #forcingProducts}, or null (the type's default)
     * @return the ids of the basins it holds (with that product's forcing)
     * @throws DataFormatException when the dataset cannot be read
     */
    List<String> basinIds(Path root, String product);

    /**
     * @param product the chosen forcing product, or null
     * @return the name an imported dataset gets unless the user gives one
     */
    String defaultDatasetName(String product);

    /**
     * @param root the dataset
     * @return the folder of its data files (map layers are looked for beside it)
     */
    default Path dataFolder(Path root) {
        return root;
    }

    /**
     * Checks, before any basin is read, that the dataset's data are where the project says: a project copied or moved
     * without its data (or a data folder moved) fails once, naming the path looked for, not once per basin.
     *
     * @param root the dataset (as {@link #load} takes it)
     * @throws DataFormatException naming the missing file or folder
     */
    default void checkAvailable(Path root) {
        if (!java.nio.file.Files.exists(root)) {
            throw new DataFormatException(root.toAbsolutePath().normalize(), "the dataset's " + label() + " data are"
                    + " not there: no such file or folder (moved or deleted? point the dataset at the data's folder:"
                    + " Locate data… on the dataset in the window, or hydrodelta project locate)");
        }
    }

    /**
     * Loads the dataset.
     *
     * @param root     the dataset (or, for folder types, a folder above it)
     * @param options  what to load; {@link LoadOptions#attributeNames()} are selected exactly, in that order, and a
     *                 name the attribute tables lack fails the load naming the attribute and the tables
     * @param progress per-basin progress
     * @param cancel   checked between basins
     * @return dataset, issues and per-basin reports
     * @throws DataFormatException when the dataset is not readable as this type
     */
    LoadResult load(Path root, LoadOptions options, ProgressListener progress, CancellationToken cancel);

    /**
     * @param root the dataset
     * @return the files and folders it is read from, for the data cache's fingerprint
     */
    default List<Path> sources(Path root) {
        return List.of(root);
    }

    /**
     * @param root the dataset
     * @return its attribute tables (one per Caravan prefix, else at most one), empty when it has none
     * @throws DataFormatException when a table exists but is unreadable
     */
    List<BasinAttributes> attributeTables(Path root);

    /**
     * The attribute columns to load ({@link LoadOptions#attributeNames()}) for an experiment's attribute list. The
     * experiment's default list is the paper's 35 CAMELS-US names; a type whose tables carry other names takes
     * that default to mean "this dataset's own model attributes" ({@code null}), and honours any other list as it
     * is.
     *
     * @param experimentAttributes the experiment's {@code attributes}
     * @return the names to load, or null for the type's own default
     */
    default List<String> attributeNames(List<String> experimentAttributes) {
        return experimentAttributes;
    }

    /**
     * {@link #attributeNames} for types whose tables do not use the CAMELS-US names.
     *
     * @param experimentAttributes the experiment's {@code attributes}
     * @return null for the experiment default (the paper's CAMELS-US list), else the list as it is
     */
    static List<String> ownDefaultForCamelsList(List<String> experimentAttributes) {
        return CamelsAttributes.DELTA_MODEL_ATTRIBUTES.equals(experimentAttributes) ? null : experimentAttributes;
    }
}
