package org.hydrodelta.app.gui.explorer;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.camels.CamelsAttributes;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Project;

/** Looks up the explorer's basin columns (name, area, snow fraction) in the project's CAMELS attribute tables. */
public final class BasinMetadata {
    private BasinMetadata() {
    }

    /**
     * Builds one row per selected basin; basins the attributes lack get an empty name and NaN values.
     *
     * @param project the project
     * @return rows in the project's basin order
     * @throws DataFormatException if an attribute table exists but cannot be read
     */
    public static List<BasinRow> rows(Project project) {
        List<BasinAttributes> tables = new ArrayList<>();
        for (DatasetRef d : project.datasets()) {
            if ("camels-us".equals(d.type()) && Files.isDirectory(d.path().resolve("camels_attributes_v2.0"))) {
                tables.add(CamelsAttributes.read(d.path()));
            }
        }
        List<BasinRow> rows = new ArrayList<>();
        for (String id : project.basins()) {
            BasinAttributes a = tables.stream().filter(t -> t.contains(id)).findFirst().orElse(null);
            rows.add(a == null ? new BasinRow(id, "", Double.NaN, Double.NaN)
                    : new BasinRow(id, a.name(id), a.areaKm2(id), a.fracSnow(id)));
        }
        return rows;
    }
}
