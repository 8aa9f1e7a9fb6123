package org.hydrodelta.app.gui.explorer;

import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectAttributes;

/**
 * Looks up the explorer's basin columns (name, area, snow fraction) in the project's attribute tables (CAMELS,
 * Caravan or a CSV mapping's).
 */
public final class BasinMetadata {
    private BasinMetadata() {
    }

    /**
     * Builds one row per selected basin; basins the attributes lack get an empty name and NaN values.
     *
     * @param project the project
     * @param attrs   its attributes, {@link ProjectAttributes#of(Project)}
     * @return rows in the project's basin order
     */
    public static List<BasinRow> rows(Project project, ProjectAttributes attrs) {
        List<BasinRow> rows = new ArrayList<>();
        for (String id : project.basins()) {
            BasinAttributes a = attrs.tableFor(id).orElse(null);
            rows.add(a == null ? new BasinRow(id, "", Double.NaN, Double.NaN)
                    : new BasinRow(id, a.name(id), a.areaKm2(id), a.fracSnow(id)));
        }
        return rows;
    }
}
