package org.hydrodelta.core.data.camels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DatasetType;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * CAMELS-US ({@code camels-us}): a folder tree with {@code basin_mean_forcing/<product>/},
 * {@code usgs_streamflow/} and {@code camels_attributes_v2.0/}, found up to three levels below the folder given;
 * several forcing products, the seven {@code ;}-separated attribute tables.
 */
public final class CamelsDatasetType implements DatasetType {
    /** The name in project files. */
    public static final String NAME = "camels-us";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "CAMELS-US";
    }

    @Override
    public String expectedLayout() {
        return "basin_mean_forcing/, usgs_streamflow/, camels_attributes_v2.0/";
    }

    @Override
    public boolean describedByFile() {
        return false;
    }

    @Override
    public Optional<Path> locate(Path path) {
        return CamelsLayout.locate(path).map(CamelsLayout::root);
    }

    @Override
    public List<String> forcingProducts(Path root) {
        return CamelsLayout.locate(root).map(CamelsLayout::forcingProducts).orElse(List.of());
    }

    /** {@inheritDoc} Daymet if present, else the first product. */
    @Override
    public String chooseProduct(Path root, String requested) {
        return CamelsDatasetLoader.chooseProduct(layout(root), requested);
    }

    /**
     * {@inheritDoc} Sorted; a null product is the loader's default (daymet if present, else the first), and a
     * folder without forcing has no basins.
     */
    @Override
    public List<String> basinIds(Path root, String product) {
        CamelsLayout layout = layout(root);
        if (product == null && layout.forcingProducts().isEmpty()) {
            return List.of();
        }
        TreeSet<String> ids = new TreeSet<>();
        layout.forcingFiles(CamelsDatasetLoader.chooseProduct(layout, product))
                .forEach(f -> ids.add(CamelsLayout.basinIdOf(f)));
        return List.copyOf(ids);
    }

    private CamelsLayout layout(Path root) {
        return CamelsLayout.locate(root).orElseThrow(() -> new DataFormatException(root, "no " + label()
                + " data here: expected " + expectedLayout()));
    }

    @Override
    public String defaultDatasetName(String product) {
        return product == null ? NAME : "camels-" + product;
    }

    @Override
    public LoadResult load(Path root, LoadOptions options, ProgressListener progress, CancellationToken cancel) {
        return new CamelsDatasetLoader().load(root, options, progress, cancel);
    }

    @Override
    public List<BasinAttributes> attributeTables(Path root) {
        boolean hasTables = Files.isRegularFile(root.resolve("camels_name.txt"))
                || CamelsLayout.locate(root).flatMap(CamelsLayout::attributesDir).isPresent();
        return hasTables ? List.of(CamelsAttributes.read(root)) : List.of();
    }
}
