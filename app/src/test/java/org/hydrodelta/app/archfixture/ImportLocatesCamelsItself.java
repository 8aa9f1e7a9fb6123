package org.hydrodelta.app.archfixture;

import java.nio.file.Path;
import org.hydrodelta.core.data.camels.CamelsLayout;

/** Fixture for the dataset-type rule: app code that detects a layout itself instead of asking the registry. */
public final class ImportLocatesCamelsItself {
    /**
     * @param folder a folder
     * @return the type name found there
     */
    public String detect(Path folder) {
        return CamelsLayout.locate(folder).isPresent() ? "camels-us" : "caravan";
    }
}
