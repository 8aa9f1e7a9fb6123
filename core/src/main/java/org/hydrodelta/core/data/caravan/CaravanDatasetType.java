package org.hydrodelta.core.data.caravan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hydrodelta.core.data.AttributeSchema;
import org.hydrodelta.core.data.AttributeTablesReader;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DatasetType;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * Caravan ({@code caravan}): a folder with {@code timeseries/csv/<prefix>/} and {@code attributes/<prefix>/},
 * found up to two levels below the folder given; one ERA5-Land forcing, {@code ,}-separated attribute tables per
 * prefix with Caravan's own attribute names.
 */
public final class CaravanDatasetType implements DatasetType {
    /** The name in project files. */
    public static final String NAME = "caravan";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Caravan";
    }

    @Override
    public String expectedLayout() {
        return "attributes/, timeseries/";
    }

    @Override
    public boolean describedByFile() {
        return false;
    }

    @Override
    public Optional<Path> locate(Path path) {
        return CaravanLayout.locate(path).map(CaravanLayout::root);
    }

    /** {@inheritDoc} In prefix order, each prefix's files sorted; ids as written (e.g. {@code camels_01022500}). */
    @Override
    public List<String> basinIds(Path root, String product) {
        CaravanLayout layout = CaravanLayout.locate(root).orElseThrow(() -> new DataFormatException(root, "no "
                + label() + " data here: expected " + expectedLayout()));
        List<String> ids = new ArrayList<>();
        for (String prefix : layout.prefixes()) {
            layout.timeseriesFiles(prefix).forEach(f -> ids.add(f.getFileName().toString()
                    .replaceFirst("\\.csv$", "")));
        }
        return ids;
    }

    @Override
    public String defaultDatasetName(String product) {
        return NAME;
    }

    @Override
    public LoadResult load(Path root, LoadOptions options, ProgressListener progress, CancellationToken cancel) {
        return new CaravanDatasetLoader().load(root, options, progress, cancel);
    }

    @Override
    public List<BasinAttributes> attributeTables(Path root) {
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

    /** {@inheritDoc} Caravan's tables name attributes their own way, so the CAMELS default means "all of them". */
    @Override
    public List<String> attributeNames(List<String> experimentAttributes) {
        return DatasetType.ownDefaultForCamelsList(experimentAttributes);
    }
}
