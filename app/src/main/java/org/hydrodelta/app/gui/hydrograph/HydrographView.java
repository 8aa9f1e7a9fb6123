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
        ToggleButton cubic = new ToggleButton("m³/s");
        cubic.setId("cubicMetresToggle");
        cubic.setDisable(!vm.hasArea());
        cubic.setTooltip(new javafx.scene.control.Tooltip("Flow in m³/s through the basin's area instead of mm/d"));
        cubic.selectedProperty().bindBidirectional(vm.cubicMetresProperty());
        Label note = new Label(vm.hasSpread() ? "Test period of the latest evaluated run: the ensemble mean, shaded"
                + " the " + vm.bandLabel() : vm.hasSimulation() ? "Test period of the latest evaluated run"
                : "Observations (train and evaluate a run to see simulated flow, snowpack, soil and groundwater)");
        Label readout = new Label();
        readout.setId("crosshairValues");
        org.controlsfx.control.RangeSlider range = new org.controlsfx.control.RangeSlider(0, Math.max(1, vm.nDays() - 1),
                0, Math.max(1, vm.nDays() - 1));
        range.setId("dateRange");
        range.setPrefWidth(360);
        Label rangeLabel = new Label();
        Runnable applyRange = () -> {
            java.time.LocalDate a = vm.firstDay().plusDays(Math.round(range.getLowValue()));
            java.time.LocalDate b = vm.firstDay().plusDays(Math.round(range.getHighValue()));
            rangeLabel.setText(a + " to " + b);
            if (viewer.getChart() != null && b.isAfter(a)) {
                ((org.jfree.chart.plot.XYPlot) viewer.getChart().getPlot()).getDomainAxis().setRange(
                        millis(a), millis(b.plusDays(1)));
            }
        };
        range.lowValueProperty().addListener((o, x, y) -> applyRange.run());
        range.highValueProperty().addListener((o, x, y) -> applyRange.run());
        onMouseMoved(viewer, e -> {
            org.jfree.chart.ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
            if (info == null || info.getPlotInfo().getSubplotCount() == 0) {
                return;
            }
            java.awt.geom.Rectangle2D area = info.getPlotInfo().getSubplotInfo(0).getDataArea();
            org.jfree.chart.plot.CombinedDomainXYPlot plot = (org.jfree.chart.plot.CombinedDomainXYPlot) e
                    .getChart().getPlot();
            double x = plot.getDomainAxis().java2DToValue(e.getTrigger().getX(), area,
                    org.jfree.chart.ui.RectangleEdge.BOTTOM);
            for (Object sub : plot.getSubplots()) {
                org.jfree.chart.plot.XYPlot p = (org.jfree.chart.plot.XYPlot) sub;
                p.setDomainCrosshairVisible(true);
                p.setDomainCrosshairLockedOnData(false);
                p.setDomainCrosshairValue(x);
            }
            readout.setText(vm.describe(java.time.Instant.ofEpochMilli((long) x).atZone(java.time.ZoneOffset.UTC)
                    .toLocalDate()));
        });
        // the note shortens with "…" (the whole of it in its tooltip) rather than push the buttons behind ">>", which
        // a tool bar does with the long note of a basin without an evaluated run at 1280 pixels
        note.setMinWidth(0);
        note.setTooltip(new javafx.scene.control.Tooltip(note.getText()));
        javafx.scene.layout.HBox.setHgrow(note, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(4, log, cubic,
                org.hydrodelta.app.gui.export.FigureExport.button(this, "hydrograph_" + vm.basinId(),
                        out -> org.hydrodelta.app.gui.export.FigureExport.write(shown.getChart(), out), vm::writeCsv,
                        status), note);
        bar.getStyleClass().add("tool-bar");
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        for (javafx.scene.Node n : bar.getChildren()) {
            if (n != note && n instanceof javafx.scene.layout.Region r) {
                r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
        range.setPrefWidth(260);
        ToolBar rangeBar = new ToolBar(new Label("Dates"), range, rangeLabel);
        readout.setPadding(new Insets(2, 8, 2, 8));
        readout.setText("Move the mouse over the chart to read the values of a day");
        setTop(new javafx.scene.layout.VBox(bar, rangeBar, readout));
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
        if (vm.hasSimulation()) {
            tabs.getTabs().add(new javafx.scene.control.Tab("Cumulative volume", new ChartViewer(
                    vm.cumulativeChart())));
        }
        org.jfree.chart.JFreeChart params = vm.parameterChart();
        if (params != null) {
            tabs.getTabs().add(new javafx.scene.control.Tab("Learned parameters", new ChartViewer(params)));
        }
        if (vm.hasSensitivity()) {
            tabs.getTabs().add(new javafx.scene.control.Tab("Attribute drivers", attributeDrivers(status)));
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t.getContent() instanceof ChartViewer cv) {
                shown = cv;
            } else if (t.getContent() instanceof BorderPane p && p.getCenter() instanceof ChartViewer cv) {
                shown = cv;
            }
        });
        shown = viewer;
        setCenter(tabs);
        viewer.setChart(vm.chart());
        applyRange.run(); // the dates shown, from the start
        vm.logFlowProperty().addListener((o, a, b) -> {
            viewer.setChart(vm.chart());
            applyRange.run();
        });
        vm.cubicMetresProperty().addListener((o, a, b) -> {
            viewer.setChart(vm.chart());
            applyRange.run();
        });
    }

    /**
     * The learned-parameter explorer's heat map of which attributes drive each parameter, with the choice of this
     * basin, the mean or the mean absolute value over basins, a readout of the cell under the mouse and its own
     * export (figure and the matrix as CSV).
     */
    private BorderPane attributeDrivers(java.util.function.Consumer<String> status) {
        ChartViewer heat = new ChartViewer(vm.sensitivityChart());
        heat.setId("sensitivityChart");
        Label value = new Label("Move the mouse over a cell to read its value");
        value.setId("sensitivityValue");
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        ToolBar bar = new ToolBar();
        for (HydrographViewModel.SensitivityView v : HydrographViewModel.SensitivityView.values()) {
            ToggleButton b = new ToggleButton(v.label());
            b.setId("sensitivity-" + v.name());
            b.setUserData(v);
            b.setToggleGroup(group);
            b.setSelected(vm.sensitivityViewProperty().get() == v);
            bar.getItems().add(b);
        }
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) {
                a.setSelected(true); // one choice is always on
            } else {
                vm.sensitivityViewProperty().set((HydrographViewModel.SensitivityView) t.getUserData());
            }
        });
        vm.sensitivityViewProperty().addListener((o, a, b) -> heat.setChart(vm.sensitivityChart()));
        bar.getItems().add(org.hydrodelta.app.gui.export.FigureExport.button(this, "attribute_drivers_"
                + vm.basinId(), out -> org.hydrodelta.app.gui.export.FigureExport.write(heat.getChart(), out),
                vm::writeSensitivityCsv, status));
        // the unit (fraction of the parameter's range per standard deviation of the attribute) is on the colour bar;
        // as a label here it pushed the tool bar behind ">>"
        onMouseMoved(heat, e -> {
            org.jfree.chart.ChartRenderingInfo info = heat.getCanvas().getRenderingInfo();
            if (info == null) {
                return;
            }
            java.awt.geom.Rectangle2D area = info.getPlotInfo().getDataArea();
            org.jfree.chart.plot.XYPlot plot = (org.jfree.chart.plot.XYPlot) e.getChart().getPlot();
            long a = Math.round(plot.getDomainAxis().java2DToValue(e.getTrigger().getX(), area,
                    plot.getDomainAxisEdge()));
            long p = Math.round(plot.getRangeAxis().java2DToValue(e.getTrigger().getY(), area,
                    plot.getRangeAxisEdge()));
            String text = area.contains(e.getTrigger().getX(), e.getTrigger().getY())
                    ? vm.describeSensitivity((int) p, (int) a) : "";
            value.setText(text.isEmpty() ? "Move the mouse over a cell to read its value" : text);
        });
        value.setPadding(new Insets(2, 8, 2, 8));
        BorderPane pane = new BorderPane(heat);
        pane.setId("attributeDrivers");
        pane.setTop(new javafx.scene.layout.VBox(bar, value));
        return pane;
    }

    private static double millis(java.time.LocalDate d) {
        return d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** @return the view model */
    public HydrographViewModel viewModel() {
        return vm;
    }

    /** @return the chart viewer */
    public ChartViewer viewer() {
        return viewer;
    }

    /** Calls {@code moved} when the mouse moves over the chart (clicks select nothing here). */
    private static void onMouseMoved(org.jfree.chart.fx.ChartViewer chart,
            java.util.function.Consumer<org.jfree.chart.fx.interaction.ChartMouseEventFX> moved) {
        chart.addChartMouseListener(new org.jfree.chart.fx.interaction.ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(org.jfree.chart.fx.interaction.ChartMouseEventFX e) {
                // selection happens in the explorer and on the map
            }

            @Override
            public void chartMouseMoved(org.jfree.chart.fx.interaction.ChartMouseEventFX e) {
                moved.accept(e);
            }
        });
    }
}
