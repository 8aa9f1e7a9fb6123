package org.hydrodelta.core.archfixture;

import java.nio.file.Path;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.caravan.CaravanDatasetLoader;
import org.hydrodelta.core.data.csv.CsvDatasetLoader;
import org.hydrodelta.core.data.csv.CsvMapping;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/** Fixture for the dataset-type rule: code outside the registry that picks a loader by type name (forbidden). */
public final class ChoosesALoaderByTypeName {
    /**
     * @param type a dataset type name
     * @param path its folder or mapping
     * @return the data
     */
    public LoadResult load(String type, Path path) {
        return switch (type) {
            case "caravan" -> new CaravanDatasetLoader().load(path, LoadOptions.defaults(), ProgressListener.NONE,
                    CancellationToken.NONE);
            default -> new CsvDatasetLoader().load(CsvMapping.read(path), LoadOptions.defaults(),
                    ProgressListener.NONE, CancellationToken.NONE);
        };
    }
}
