package org.hydrodelta.core.data.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DatasetType;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * Plain per-basin CSV files ({@code csv}), described by a column mapping file ({@link CsvMapping}, see
 * {@code docs/csv-mapping.md}): the mapping names the basin list, the files, the columns' roles and units and an
 * optional attributes table with the user's own attribute names.
 */
public final class CsvDatasetType implements DatasetType {
    /** The name in project files. */
    public static final String NAME = "csv";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "CSV mapping";
    }

    @Override
    public String expectedLayout() {
        return "a column mapping file (*.json)";
    }

    @Override
    public boolean describedByFile() {
        return true;
    }

    /** {@inheritDoc} Any file is taken as a mapping; reading it says whether it is one. */
    @Override
    public Optional<Path> locate(Path path) {
        return Files.isRegularFile(path) ? Optional.of(path.toAbsolutePath().normalize()) : Optional.empty();
    }

    @Override
    public String describe(Path root) {
        return label() + " (" + CsvMapping.read(root).columns.keySet() + ")";
    }

    /** {@inheritDoc} The mapping's basin list, in file order. */
    @Override
    public List<String> basinIds(Path root, String product) {
        CsvMapping m = CsvMapping.read(root);
        return CsvDatasetLoader.readBasinList(m.resolve(m.basinList));
    }

    @Override
    public String defaultDatasetName(String product) {
        return NAME;
    }

    /** {@inheritDoc} The folder of the CSV files, not of the mapping (which may live in a project's mappings/). */
    @Override
    public Path dataFolder(Path root) {
        CsvMapping m = CsvMapping.read(root);
        return m.resolve(m.files).toAbsolutePath().normalize().getParent();
    }

    /** {@inheritDoc} The mapping file, and what it names ({@link CsvMapping#checkLocations}). */
    @Override
    public void checkAvailable(Path root) {
        if (!Files.isRegularFile(root)) {
            throw new DataFormatException(root.toAbsolutePath().normalize(), "the dataset's column mapping file does"
                    + " not exist (moved or deleted? import the data again)");
        }
        CsvMapping.read(root).checkLocations();
    }

    @Override
    public LoadResult load(Path root, LoadOptions options, ProgressListener progress, CancellationToken cancel) {
        return new CsvDatasetLoader().load(CsvMapping.read(root), options, progress, cancel);
    }

    /** {@inheritDoc} The mapping, its basin list, its attribute tables and the folder of the data files. */
    @Override
    public List<Path> sources(Path root) {
        List<Path> out = new ArrayList<>();
        out.add(root);
        try {
            CsvMapping m = CsvMapping.read(root);
            out.add(m.resolve(m.basinList));
            out.addAll(m.attributeFiles());
            out.add(m.resolve(m.files).getParent());
        } catch (RuntimeException e) {
            // an unreadable mapping is reported by the load itself
        }
        return out;
    }

    @Override
    public List<BasinAttributes> attributeTables(Path root) {
        CsvMapping m = CsvMapping.read(root);
        return m.attributes == null ? List.of() : List.of(m.readAttributes());
    }

    /** {@inheritDoc} A mapping's attributes table has the user's names, so the CAMELS default means "all of them". */
    @Override
    public List<String> attributeNames(List<String> experimentAttributes) {
        return DatasetType.ownDefaultForCamelsList(experimentAttributes);
    }
}
