package org.hydrodelta.app.gui.results;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.hydrodelta.app.gui.export.FigureExport;
import org.jfree.chart.fx.ChartViewer;

/** Layout of the results tab: run and metric choosers, the sortable metrics table and the CDF across runs. */
public final class ResultsView extends BorderPane {
    private final ResultsViewModel vm;
    private final ChartViewer cdf = new ChartViewer();
    private final ChartViewer et = new ChartViewer();
    private final ChartViewer bfi = new ChartViewer();
    private final ChartViewer budyko = new ChartViewer();
    private final ChartViewer paired = new ChartViewer();
    private final ChartViewer combination = new ChartViewer();
    private final ChartViewer skill = new ChartViewer();
    private ChartViewer shown = cdf;

    /**
     * @param vm      the results state
     * @param onBasin called with a basin id when its row is double-clicked
     * @param status  receives export messages
     */
    public ResultsView(ResultsViewModel vm, Consumer<String> onBasin, Consumer<String> status) {
        this.vm = vm;
        setId("resultsView");
        ComboBox<String> run = new ComboBox<>(vm.runNames());
        run.valueProperty().bindBidirectional(vm.runProperty());
        ComboBox<String> metric = new ComboBox<>(vm.metricNames());
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        Label median = new Label();
        median.setId("resultsMedian");
        cdf.setId("cdfChart");
        Label combinationLabel = new Label();
        combinationLabel.setId("combinationSummary");
        Runnable update = () -> {
            cdf.setChart(vm.cdfChart());
            paired.setChart(vm.pairedChart());
            combination.setChart(vm.combinationChart());
            combinationLabel.setText(vm.combinationSummary());
            skill.setChart(vm.skillComparisonChart());
            et.setChart(vm.etChart());
            bfi.setChart(vm.baseflowChart());
            try {
                budyko.setChart(vm.budykoChart());
            } catch (java.io.IOException e) {
                status.accept("Cannot draw the Budyko plot: " + e.getMessage());
            }
            String m = vm.metricProperty().get();
            String text = String.format(java.util.Locale.ROOT, "median %s %.3f", m, vm.median(m));
            if (vm.shownIsEnsemble()) {
                // the ensemble mean's median beside its members'
                // kept short (the tool bar would hide it behind ">>"); each member's in the tooltip
                java.util.Map<String, Double> mm = vm.memberMedians(m);
                double lo = mm.values().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).min()
                        .orElse(Double.NaN);
                double hi = mm.values().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max()
                        .orElse(Double.NaN);
                text += String.format(java.util.Locale.ROOT, " (mean of %d; members %.3f to %.3f)", mm.size(), lo, hi);
                StringBuilder tip = new StringBuilder("Median " + m + " of the ensemble mean and of each member:");
                mm.forEach((label, v) -> tip.append(String.format(java.util.Locale.ROOT, "%n%s: %.3f", label, v)));
                median.setTooltip(new javafx.scene.control.Tooltip(tip.toString()));
            } else {
                median.setTooltip(null);
            }
            median.setText(text);
        };
        vm.metricProperty().addListener((o, a, b) -> update.run());
        vm.runProperty().addListener((o, a, b) -> update.run());
        vm.compareWithProperty().addListener((o, a, b) -> update.run());
        vm.temporalProperty().addListener((o, a, b) -> update.run());
        vm.spatialProperty().addListener((o, a, b) -> update.run());
        ComboBox<String> versus = new ComboBox<>(vm.runNames());
        versus.valueProperty().bindBidirectional(vm.compareWithProperty());

        TableView<ResultsViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("metricsTable");
        TableColumn<ResultsViewModel.Row, String> id = new TableColumn<>("basin");
        id.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().basinId()));
        table.getColumns().add(id);
        // every column of metrics.csv; the counts of days scored (n_obs, baseflow_n_obs) as integers
        for (String m : vm.columnNames()) {
            TableColumn<ResultsViewModel.Row, Number> col = new TableColumn<>(m);
            col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().values().getOrDefault(m,
                    Double.NaN)));
            col.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(Number v, boolean empty) {
                    super.updateItem(v, empty);
                    setText(empty || v == null ? null : ResultsViewModel.cellText(m, v.doubleValue()));
                }
            });
            col.setComparator((a, b) -> Double.compare(a.doubleValue(), b.doubleValue()));
            table.getColumns().add(org.hydrodelta.app.gui.Columns.fitHeader(col));
        }
        table.setRowFactory(tv -> {
            javafx.scene.control.TableRow<ResultsViewModel.Row> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    onBasin.accept(row.getItem().basinId());
                }
            });
            return row;
        });
        // run names are long: the boxes stay narrow (the list shows them whole) so nothing goes behind ">>"
        run.setPrefWidth(240);
        versus.setPrefWidth(240);
        median.setMinWidth(0);
        // two rows: in one, the metric and Export went behind ">>" at 1280 pixels
        setTop(new javafx.scene.layout.VBox(new ToolBar(new Label("Run"), run, new Label("vs"), versus),
                new ToolBar(new Label("Metric"), metric, median, FigureExport.button(this,
                "metrics", out -> FigureExport.write(shown.getChart(), out), vm::writeCsv, status))));
        javafx.scene.control.TabPane charts = new javafx.scene.control.TabPane(
                new javafx.scene.control.Tab("Distribution", cdf),
                new javafx.scene.control.Tab("Paired", paired),
                skillTab(vm),
                new javafx.scene.control.Tab("ET vs P - Q", et),
                new javafx.scene.control.Tab("Baseflow index", bfi),
                new javafx.scene.control.Tab("Budyko", budyko));
        if (!vm.combinationSummary().isEmpty()) {
            // the learned combination against its best single input and the plain mean of its inputs
            javafx.scene.control.Tab tab = new javafx.scene.control.Tab("Combination", new BorderPane(combination,
                    combinationLabel, null, null, null));
            tab.setId("combinationTab");
            charts.getTabs().add(tab);
        }
        charts.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        charts.setId("resultCharts");
        charts.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> shown = t.getContent()
                instanceof ChartViewer v ? v : skill);
        SplitPane split = new SplitPane(table, charts);
        split.setDividerPositions(0.5);
        setCenter(split);
        update.run();
    }

    /**
     * The temporal-vs-spatial tab: a temporal run and a holdout group's merged held-out result, chosen by the user,
     * as CDFs of the chosen metric with their medians in the legend.
     */
    private javafx.scene.control.Tab skillTab(ResultsViewModel vm) {
        ComboBox<String> temporal = new ComboBox<>(vm.temporalNames());
        temporal.setId("temporalRun");
        temporal.valueProperty().bindBidirectional(vm.temporalProperty());
        ComboBox<String> spatial = new ComboBox<>(vm.spatialNames());
        spatial.setId("spatialRun");
        spatial.valueProperty().bindBidirectional(vm.spatialProperty());
        spatial.setPlaceholder(new Label("no holdout group evaluated yet"));
        // one row each: side by side the second box went behind ">>" at 1280 pixels
        temporal.setMaxWidth(Double.MAX_VALUE);
        spatial.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.GridPane choose = new javafx.scene.layout.GridPane();
        choose.setHgap(6);
        choose.setVgap(4);
        choose.setPadding(new javafx.geometry.Insets(4));
        choose.addRow(0, new Label("Temporal"), temporal);
        choose.addRow(1, new Label("Spatial"), spatial);
        javafx.scene.layout.GridPane.setHgrow(temporal, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.GridPane.setHgrow(spatial, javafx.scene.layout.Priority.ALWAYS);
        BorderPane pane = new BorderPane(skill);
        pane.setTop(choose);
        javafx.scene.control.Tab tab = new javafx.scene.control.Tab("Temporal vs spatial", pane);
        tab.setId("skillTab");
        return tab;
    }

    /** @return the view model */
    public ResultsViewModel viewModel() {
        return vm;
    }
}
