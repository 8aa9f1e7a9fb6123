package org.hydrodelta.app.gui.hydrograph;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.jfree.chart.fx.ChartViewer;

/** Layout of the hydrograph tab: a toolbar (log flow) over the chart. */
public final class HydrographView extends BorderPane {
    private final ChartViewer viewer = new ChartViewer();
    // JavaFX bidirectional bindings hold their properties weakly: without this reference the view model, and with
    // it the log toggle's binding, could be garbage collected while the tab is open
    private final HydrographViewModel vm;
    private ChartViewer shown;

    /**
     * @param vm     the basin's hydrograph state
     * @param status receives export messages
     */
    public HydrographView(HydrographViewModel vm, java.util.function.Consumer<String> status) {
        this.vm = vm;
        setId("hydrograph-" + vm.basinId());
        ToggleButton log = new ToggleButton("Log flow");
        log.setId("logFlowToggle");
        log.selectedProperty().bindBidirectional(vm.logFlowProperty());
        Label note = new Label(vm.hasSimulation() ? "Test period of the latest evaluated run"
                : "Observations (train and evaluate a run to see simulated flow, snowpack, soil and groundwater)");
        ToolBar bar = new ToolBar(log, org.hydrodelta.app.gui.export.FigureExport.button(this,
                "hydrograph_" + vm.basinId(), out -> org.hydrodelta.app.gui.export.FigureExport.write(shown.getChart(),
                        out), vm::writeCsv, status), note);
        bar.setPadding(new Insets(4));
        setTop(bar);
        viewer.setId("hydrographChart");
        javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane();
        tabs.setId("signatureTabs");
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().add(new javafx.scene.control.Tab("Hydrograph", viewer));
        tabs.getTabs().add(new javafx.scene.control.Tab("Flow duration", new ChartViewer(vm.flowDurationChart())));
        if (vm.hasSimulation()) {
            tabs.getTabs().add(new javafx.scene.control.Tab("Simulated vs observed", new ChartViewer(
                    vm.scatterChart())));
        }
        tabs.getTabs().add(new javafx.scene.control.Tab("Monthly regime", new ChartViewer(vm.regimeChart())));
        org.jfree.chart.JFreeChart params = vm.parameterChart();
        if (params != null) {
            tabs.getTabs().add(new javafx.scene.control.Tab("Learned parameters", new ChartViewer(params)));
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t.getContent() instanceof ChartViewer cv) {
                shown = cv;
            }
        });
        shown = viewer;
        setCenter(tabs);
        viewer.setChart(vm.chart());
        vm.logFlowProperty().addListener((o, a, b) -> viewer.setChart(vm.chart()));
    }

    /** @return the view model */
    public HydrographViewModel viewModel() {
        return vm;
    }

    /** @return the chart viewer */
    public ChartViewer viewer() {
        return viewer;
    }
}
