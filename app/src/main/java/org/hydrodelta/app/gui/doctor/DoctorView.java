package org.hydrodelta.app.gui.doctor;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.hydrodelta.app.gui.export.FigureExport;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.data.doctor.BasinDiagnosis;
import org.jfree.chart.fx.ChartViewer;

/** Layout of the data doctor tab: summary, the per-basin table, and the gap heat map below it. */
public final class DoctorView extends BorderPane {
    private final DoctorViewModel vm;
    private final ChartViewer heat = new ChartViewer();

    /**
     * @param vm      the doctor's state
     * @param dataset the project's loaded data, or {@code null} while loading (then no heat map)
     * @param status  receives export messages
     */
    public DoctorView(DoctorViewModel vm, BasinDataset dataset, Consumer<String> status) {
        this.vm = vm;
        setId("doctorView");
        Label summary = new Label();
        summary.setId("doctorSummary");
        summary.textProperty().bind(vm.summaryProperty());
        TableView<BasinDiagnosis> table = new TableView<>(vm.basins());
        table.setId("doctorTable");
        col(table, "basin", BasinDiagnosis::basinId);
        col(table, "usable", b -> b.usable() ? "yes" : "no: " + b.reason());
        org.hydrodelta.app.gui.Columns.fitCells(col(table, "period", b -> b.period() == null ? ""
                : b.period().toString()), "1993-09-29 .. 2013-10-03");
        for (Variable v : new Variable[] {Variable.PRCP, Variable.TMEAN, Variable.PET, Variable.QOBS}) {
            col(table, v.name().toLowerCase() + " %", b -> b.coverage().containsKey(v)
                    ? String.format("%.1f", 100 * b.coverage().get(v)) : "");
        }
        col(table, "flow gaps", b -> String.valueOf(b.gaps().getOrDefault(Variable.QOBS, 0)));
        col(table, "longest (d)", b -> String.valueOf(b.longestGap().getOrDefault(Variable.QOBS, 0)));
        col(table, "sentinels", b -> String.valueOf(b.sentinels()));
        col(table, "runoff ratio", b -> Double.isNaN(b.runoffRatio()) ? "" : String.format("%.2f", b.runoffRatio())
                + (b.suspiciousUnit() ? " (unit?)" : ""));
        col(table, "Tmax==Tmin", b -> b.tmaxEqualsTmin() ? "yes" : "");
        col(table, "PET", b -> b.petMethod() == null ? "" : b.petMethod());
        col(table, "missing attributes", b -> String.valueOf(b.missingAttributes().size()));
        col(table, "dropped days", b -> String.valueOf(b.droppedDays()));
        if (dataset != null) {
            heat.setChart(DoctorViewModel.heatMap(dataset));
        }
        heat.setId("gapHeatMap");
        setTop(new ToolBar(FigureExport.button(this, "data_gaps", out -> {
            if (heat.getChart() == null) {
                throw new java.io.IOException("the project's data has not finished loading");
            }
            FigureExport.write(heat.getChart(), out);
        }, out -> {
            if (vm.reportProperty().get() == null) {
                throw new java.io.IOException("the inspection has not finished");
            }
            vm.reportProperty().get().writeCsv(out);
        }, status)));
        summary.setWrapText(true);
        summary.setPadding(new javafx.geometry.Insets(4, 8, 4, 8));
        // every error and warning, listable (the summary only counts them)
        javafx.scene.control.ListView<String> issues = new javafx.scene.control.ListView<>();
        issues.setId("doctorIssues");
        issues.setPlaceholder(new Label("No errors or warnings."));
        Runnable fill = () -> issues.getItems().setAll(vm.reportProperty().get() == null ? List.of()
                : vm.reportProperty().get().issues().stream().map(DoctorView::describe).toList());
        vm.reportProperty().addListener((o, a, r) -> fill.run());
        fill.run();
        javafx.scene.control.TitledPane issuePane = new javafx.scene.control.TitledPane("Errors and warnings", issues);
        issuePane.setCollapsible(false);
        SplitPane split = new SplitPane(table, issuePane, heat);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4, 0.6);
        setCenter(new javafx.scene.layout.VBox(summary, split));
        javafx.scene.layout.VBox.setVgrow(split, javafx.scene.layout.Priority.ALWAYS);
    }

    /**
     * @param i an issue of the doctor
     * @return it in one short line: severity, basin, the file's name (not its whole path) and line, the message;
     *         the full path is in the exported report and on the command line
     */
    public static String describe(org.hydrodelta.core.data.DataIssue i) {
        StringBuilder b = new StringBuilder(i.severity() == org.hydrodelta.core.data.DataIssue.Severity.ERROR
                ? "error" : "warning");
        if (i.basinId() != null) {
            b.append(", basin ").append(i.basinId());
        }
        if (i.file() != null) {
            b.append(", ").append(i.file().getFileName());
            if (i.line() > 0) {
                b.append(" line ").append(i.line());
            }
        }
        return b.append(": ").append(i.message()).toString();
    }

    private static TableColumn<BasinDiagnosis, String> col(TableView<BasinDiagnosis> t, String name,
            Function<BasinDiagnosis, String> f) {
        TableColumn<BasinDiagnosis, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        t.getColumns().add(org.hydrodelta.app.gui.Columns.fitHeader(c));
        return c;
    }

    /** @return the view model */
    public DoctorViewModel viewModel() {
        return vm;
    }
}
