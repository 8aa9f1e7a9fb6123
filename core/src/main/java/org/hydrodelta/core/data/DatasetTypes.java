package org.hydrodelta.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hydrodelta.core.data.camels.CamelsDatasetType;
import org.hydrodelta.core.data.caravan.CaravanDatasetType;
import org.hydrodelta.core.data.csv.CsvDatasetType;

/**
 * Every dataset type a project can hold, by the name its {@code type} key gives: the only place dataset types are
 * listed. Loading an experiment's data, the project's attribute tables, the data doctor and the import ask this
 * registry (by name, or by layout with {@link #detect}) and the {@link DatasetType} it returns.
 *
 * <p>A new dataset type is one {@link DatasetType} class and one line in {@link #TYPES}.
 */
public final class DatasetTypes {
    /** In detection order: a description file is one type's; of the folder types the first found wins. */
    private static final List<DatasetType> TYPES = List.of(
            new CamelsDatasetType(),
            new CaravanDatasetType(),
            new CsvDatasetType());

    private DatasetTypes() {
    }

    /**
     * What {@link #detect} found.
     *
     * @param type the dataset type
     * @param root its root (folder or description file) at or below the path given
     */
    public record Detection(DatasetType type, Path root) {
    }

    /** @return every type, in detection order */
    public static List<DatasetType> all() {
        return TYPES;
    }

    /** @return the type names as project files store them */
    public static List<String> names() {
        return TYPES.stream().map(DatasetType::name).toList();
    }

    /**
     * @param name a dataset type name
     * @return its type
     */
    public static Optional<DatasetType> find(String name) {
        return TYPES.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * @param name a dataset type name
     * @return its type
     * @throws IllegalArgumentException naming the known types if there is none
     */
    public static DatasetType get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown dataset type '" + name
                + "' (" + String.join(", ", names()) + ")"));
    }

    /**
     * Layout detection: a file is tried as each description-file type, a folder as each folder type, in
     * {@link #all()} order.
     *
     * @param path a file or folder the user gave
     * @return the first type found there and its root, empty when none is
     */
    public static Optional<Detection> detect(Path path) {
        boolean file = Files.isRegularFile(path);
        for (DatasetType t : TYPES) {
            if (t.describedByFile() == file) {
                Optional<Path> root = t.locate(path);
                if (root.isPresent()) {
                    return Optional.of(new Detection(t, root.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param describedByFile which kind of type
     * @return their labels joined with "or", e.g. {@code CAMELS-US or Caravan}
     */
    public static String labels(boolean describedByFile) {
        return TYPES.stream().filter(t -> t.describedByFile() == describedByFile).map(DatasetType::label)
                .collect(Collectors.joining(" or "));
    }

    /**
     * @param describedByFile which kind of type
     * @return their labels with the expected layout, joined with "or", e.g.
     *         {@code CAMELS-US (basin_mean_forcing/, ...) or Caravan (attributes/, timeseries/)}
     */
    public static String layouts(boolean describedByFile) {
        return TYPES.stream().filter(t -> t.describedByFile() == describedByFile)
                .map(t -> t.label() + " (" + t.expectedLayout() + ")").collect(Collectors.joining(" or "));
    }
}
