package org.hydrodelta.app.gui.doctor;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.app.chart.GapHeatMap;
import org.hydrodelta.app.task.TaskExecutor;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.data.doctor.BasinDiagnosis;
import org.hydrodelta.core.data.doctor.DoctorReport;
import org.jfree.chart.JFreeChart;

/**
 * State of the data doctor tab: the doctor's report on the project's data (run in the background) and the gap
 * heat map of the loaded dataset.
 */
public final class DoctorViewModel {
    private final ObservableList<BasinDiagnosis> basins = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("Inspecting…");
    private final ObjectProperty<DoctorReport> report = new SimpleObjectProperty<>();

    /**
     * Starts the inspection.
     *
     * @param projectFile the saved project file
     * @param executor    runs the inspection
     */
    public DoctorViewModel(Path projectFile, TaskExecutor executor) {
        executor.submit("Inspecting data", (progress, cancel) -> org.hydrodelta.core.project.ProjectDoctor.inspect(projectFile,
                LoadOptions.defaults()), r -> {
                    report.set(r);
                    basins.setAll(r.basins());
                    summary.set(String.join("; ", r.summary()));
                }, e -> summary.set("Inspection failed: " + e.getMessage()));
    }

    /** @return per-basin diagnoses */
    public ObservableList<BasinDiagnosis> basins() {
        return basins;
    }

    /** @return the summary lines, joined */
    public StringProperty summaryProperty() {
        return summary;
    }

    /** @return the report, {@code null} while inspecting */
    public ObjectProperty<DoctorReport> reportProperty() {
        return report;
    }

    /**
     * @param ds the project's loaded data
     * @return the gap heat map: a day is unusable when observed flow or any forcing is missing
     */
    public static JFreeChart heatMap(BasinDataset ds) {
        List<Variable> needed = List.of(Variable.PRCP, Variable.TMEAN, Variable.PET, Variable.QOBS);
        boolean[][] missing = new boolean[ds.nBasins()][ds.nDays()];
        int[] from = new int[ds.nBasins()];
        int[] to = new int[ds.nBasins()];
        for (int b = 0; b < ds.nBasins(); b++) {
            // a basin's record spans the days its forcing file covers
            int first = 0;
            while (first < ds.nDays() && Float.isNaN(ds.value(Variable.PRCP, b, first))) {
                first++;
            }
            int last = ds.nDays();
            while (last > first && Float.isNaN(ds.value(Variable.PRCP, b, last - 1))) {
                last--;
            }
            from[b] = first;
            to[b] = last;
        }
        for (Variable v : needed) {
            if (!ds.has(v)) {
                continue;
            }
            for (int b = 0; b < ds.nBasins(); b++) {
                for (int d = 0; d < ds.nDays(); d++) {
                    if (Float.isNaN(ds.value(v, b, d))) {
                        missing[b][d] = true;
                    }
                }
            }
        }
        return GapHeatMap.chart(ds.basinIds(), ds.start(), missing, from, to);
    }
}
