package org.hydrodelta.app.gui.training;

import java.awt.Color;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Layout of the training tab: experiment, Train (or Queue while one runs) / Cancel / Resume, the requested basins
 * a training refused with the box to skip them, a live chart of the training loss per iteration with the median
 * validation NSE per epoch on a second axis (linear or log loss axis), and the queue of waiting trainings on the
 * right.
 */
public final class TrainingView extends BorderPane {
    private final TrainingViewModel vm;
    private final Button cluster = new Button("Run on cluster…");
    /** The line a loss series shows in the legend. */
    private static final java.awt.Shape LEGEND_LINE = new java.awt.geom.Line2D.Double(-7.0, 0.0, 7.0, 0.0);
    private final XYSeries lossSeries = new XYSeries("Training loss", false, true);
    /** Moving mean of the loss over {@link #SMOOTHING} iterations. */
    private final XYSeries smoothSeries = new XYSeries("Training loss, mean of " + SMOOTHING + " iterations", false,
            true);
    /** Iterations in the loss curve's moving mean. */
    static final int SMOOTHING = 20;
    private final XYSeries nseSeries = new XYSeries("Median validation NSE", false, true);
    private JFreeChart chart;
    /** Width of the queue pane, fixed so what it says never takes room from the loss chart. */
    static final double QUEUE_WIDTH = 210;

    /** @param vm the training state */
    public TrainingView(TrainingViewModel vm) {
        this.vm = vm;
        setId("trainingView");
        ComboBox<String> experiment = new ComboBox<>(vm.experiments());
        experiment.setId("trainingExperiment");
        experiment.setPrefWidth(150);
        experiment.valueProperty().bindBidirectional(vm.experimentProperty());
        Button train = new Button("Train");
        train.setId("trainButton");
        train.setOnAction(e -> vm.start(null, null));
        Button cancel = new Button("Cancel");
        cancel.setId("cancelButton");
        cancel.setOnAction(e -> vm.cancel());
        Button resume = new Button("Resume");
        resume.setId("resumeButton");
        resume.setOnAction(e -> vm.resume());
        // the tooltip says which run Resume continues, or why it cannot; it sits on a holder, since a disabled
        // button receives no mouse events and would never show a tooltip of its own
        Label resumeHolder = new Label(null, resume);
        resumeHolder.setId("resumeHolder");
        resumeHolder.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        resumeHolder.setPickOnBounds(true);
        javafx.scene.control.Tooltip resumeTip = new javafx.scene.control.Tooltip();
        resumeTip.setWrapText(true);
        resumeTip.setMaxWidth(480);
        resumeHolder.setTooltip(resumeTip);
        // shown once the window says what it does (setOnRunOnCluster)
        cluster.setId("clusterButton");
        cluster.setVisible(false);
        cluster.setManaged(false);
        cluster.disableProperty().bind(vm.experimentProperty().isNull());
        ToggleButton log = new ToggleButton("Log loss");
        Label status = new Label();
        status.setId("trainingMessage");
        status.textProperty().bind(vm.messageProperty());
        Runnable enable = () -> {
            TrainingViewModel.State s = vm.stateProperty().get();
            boolean busy = vm.busy();
            train.setText(busy ? "Queue" : "Train");
            cancel.setDisable(s != TrainingViewModel.State.RUNNING);
            // from the run Resume would continue, as its folder says: the state is the last job's, and a job refused
            // or failed before it started a run leaves a finished last run behind it
            String problem = busy ? null : vm.resumeProblem();
            resume.setDisable(busy || problem != null);
            resumeTip.setText(busy ? "A training is running: Resume is offered once it has stopped"
                    : problem != null ? "Resume: " + problem : vm.resumeDescription());
        };
        vm.stateProperty().addListener((o, a, b) -> enable.run());
        vm.lastRunProperty().addListener((o, a, b) -> enable.run());
        vm.lastGroupProperty().addListener((o, a, b) -> enable.run());
        enable.run();
        // the message has a line of its own: in the tool bar a long one pushed the buttons behind ">>"
        status.setWrapText(true);
        status.setMinWidth(0);
        status.setPadding(new javafx.geometry.Insets(2, 8, 2, 8));
        Label part = new Label();
        part.setId("groupPart");
        part.textProperty().bind(vm.groupPartProperty());
        setTop(new javafx.scene.layout.VBox(new ToolBar(new Label("Experiment"), experiment, train, cancel,
                resumeHolder, log, part, org.hydrodelta.app.gui.export.FigureExport.button(this, "training_loss", out ->
                        org.hydrodelta.app.gui.export.FigureExport.write(chart, out), null,
                        vm.messageProperty()::set)), messageRow(status), unusablePane()));

        NumberAxis iterations = new NumberAxis("Iteration");
        NumberAxis lossAxis = new NumberAxis("Loss");
        lossAxis.setAutoRangeIncludesZero(false);
        // A long training's curve holds every iteration: drawn segment by segment, 100,000 points took 327 ms per
        // redraw (1100 × 600 px, measured), 400,000 points 1.2 s, and the chart is redrawn with each batch of losses
        // (up to 20 times a second), which froze the window; the sampling renderer draws each pixel column's
        // range of values once, 67-69 ms from 100,000 points on (40 against 32 ms at 2,000)
        org.jfree.chart.renderer.xy.SamplingXYLineRenderer lossRenderer =
                new org.jfree.chart.renderer.xy.SamplingXYLineRenderer() {
                    // its own legend items carry no line (the legend showed the two names without their colours)
                    @Override
                    public org.jfree.chart.LegendItem getLegendItem(int datasetIndex, int series) {
                        org.jfree.chart.LegendItem item = super.getLegendItem(datasetIndex, series);
                        if (item == null) {
                            return null;
                        }
                        org.jfree.chart.LegendItem line = new org.jfree.chart.LegendItem(item.getLabel(),
                                item.getDescription(), item.getToolTipText(), item.getURLText(), LEGEND_LINE,
                                lookupSeriesStroke(series), lookupSeriesPaint(series));
                        line.setDataset(item.getDataset());
                        line.setDatasetIndex(datasetIndex);
                        line.setSeriesKey(item.getSeriesKey());
                        line.setSeriesIndex(series);
                        return line;
                    }
                };
        // the raw loss faint behind its moving mean
        lossRenderer.setSeriesPaint(0, new Color(0x0072B2));
        lossRenderer.setSeriesStroke(0, new java.awt.BasicStroke(2.0f));
        lossRenderer.setSeriesPaint(1, new Color(0x0072B2 | 0x40000000, true));
        XYSeriesCollection lossData = new XYSeriesCollection(smoothSeries);
        lossData.addSeries(lossSeries);
        XYPlot plot = new XYPlot(lossData, iterations, lossAxis, lossRenderer);
        NumberAxis nseAxis = new NumberAxis("Median validation NSE");
        nseAxis.setAutoRangeIncludesZero(false);
        // with one validation so far (or a flat curve) the automatic range shrank to 1e-8 and the ticks read
        // 3.663077E-1 eighteen times; a range of at least 0.1 NSE keeps them readable
        nseAxis.setAutoRangeMinimumSize(0.1);
        XYLineAndShapeRenderer nseRenderer = new XYLineAndShapeRenderer(true, true);
        nseRenderer.setSeriesPaint(0, new Color(0xD55E00));
        plot.setDataset(1, new XYSeriesCollection(nseSeries));
        plot.setRangeAxis(1, nseAxis);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, nseRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        chart = new JFreeChart("Training", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("lossChart");
        setCenter(viewer);
        setRight(queuePane());
        log.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                LogAxis la = new LogAxis("Loss (log)");
                la.setSmallestValue(1e-3);
                plot.setRangeAxis(0, la);
            } else {
                plot.setRangeAxis(0, lossAxis);
            }
        });
        vm.loss().addListener((ListChangeListener<TrainingViewModel.LossPoint>) c -> {
            // a batch of losses (the view model hands them over in batches) redraws the chart once, not once per
            // series it changes
            chart.setNotify(false);
            try {
                addLosses(c);
            } finally {
                chart.setNotify(true);
            }
        });
        vm.epochs().addListener((ListChangeListener<TrainingViewModel.EpochPoint>) c -> {
            while (c.next()) {
                for (TrainingViewModel.EpochPoint p : c.getAddedSubList()) {
                    if (Double.isFinite(p.medianNse()) && !vm.loss().isEmpty()) {
                        nseSeries.add(vm.loss().get(vm.loss().size() - 1).iteration(), p.medianNse());
                    }
                }
            }
        });
    }

    /** Adds the losses a change of the view model's list brought to the raw and smoothed series. */
    private void addLosses(ListChangeListener.Change<? extends TrainingViewModel.LossPoint> c) {
        while (c.next()) {
            if (c.wasRemoved() && vm.loss().isEmpty()) {
                lossSeries.clear();
                smoothSeries.clear();
                nseSeries.clear();
            }
            for (int i = c.getFrom(); i < c.getTo() && c.wasAdded(); i++) {
                TrainingViewModel.LossPoint p = vm.loss().get(i);
                if (Double.isFinite(p.loss())) {
                    lossSeries.add(p.iteration(), p.loss(), false);
                    double mean = movingMean(vm.loss(), i, SMOOTHING);
                    if (Double.isFinite(mean)) {
                        smoothSeries.add(p.iteration(), mean, false);
                    }
                }
            }
        }
        lossSeries.fireSeriesChanged();
        smoothSeries.fireSeriesChanged();
    }

    /**
     * The requested basins a training refused, one line per reason (basin, file:line: reason), and the box that
     * lets the next Train go on without them; hidden while there are none.
     */
    private javafx.scene.Node unusablePane() {
        Label header = new Label();
        header.setStyle("-fx-font-weight: bold;");
        javafx.scene.control.ListView<String> list = new javafx.scene.control.ListView<>();
        list.setId("unusableList");
        list.setPrefHeight(110);
        javafx.scene.control.CheckBox skip = new javafx.scene.control.CheckBox();
        skip.setId("skipUnusable");
        skip.selectedProperty().bindBidirectional(vm.skipUnusableProperty());
        Runnable refresh = () -> {
            list.getItems().setAll(vm.unusable().stream().flatMap(u -> TrainingViewModel.reasonLines(u).stream())
                    .toList());
            int n = vm.unusable().size();
            int requested = vm.requestedBasins().get();
            header.setText(n + " of " + requested + " requested basins cannot be used");
            boolean none = n >= requested;
            skip.setText(none ? "No usable basin is left to train on" : vm.skipLabel() + " and train on the "
                    + (requested - n) + " usable (recorded in the run)");
            skip.setDisable(none);
        };
        vm.unusable().addListener((ListChangeListener<org.hydrodelta.core.data.Usability.UnusableBasin>) c ->
                refresh.run());
        refresh.run();
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(4, header, list, skip);
        box.setId("unusablePane");
        box.setPadding(new javafx.geometry.Insets(2, 8, 6, 8));
        box.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.unusable()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private javafx.scene.Node queuePane() {
        javafx.scene.control.ListView<TrainingViewModel.Job> list = new javafx.scene.control.ListView<>(vm.queue());
        list.setId("trainingQueue");
        list.setPlaceholder(new Label("Nothing queued.\nPress Queue while a\ntraining runs."));
        list.setPrefWidth(QUEUE_WIDTH - 12);
        Button remove = new Button("Remove");
        remove.setId("removeQueued");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.removeQueued(list.getSelectionModel().getSelectedItem()));
        Button clear = new Button("Clear");
        clear.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.queue()));
        clear.setOnAction(e -> vm.clearQueue());
        Label running = new Label();
        running.setId("runningJob");
        running.setWrapText(true);
        // a long run name wraps inside the pane instead of widening it (and crushing the loss chart)
        running.setMinWidth(0);
        running.setPrefWidth(QUEUE_WIDTH - 12);
        running.setMaxWidth(QUEUE_WIDTH - 12);
        running.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                vm.currentProperty().get() == null ? "Running: none" : "Running: " + vm.currentProperty().get().label(),
                vm.currentProperty()));
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(6, new Label("Queue"), running, list,
                new javafx.scene.layout.HBox(6, remove, clear));
        box.setPadding(new javafx.geometry.Insets(6));
        box.setMinWidth(QUEUE_WIDTH);
        box.setPrefWidth(QUEUE_WIDTH);
        box.setMaxWidth(QUEUE_WIDTH);
        javafx.scene.layout.VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    /**
     * @param loss   the loss curve
     * @param end    the last point of the window
     * @param window points in the window
     * @return the mean of the finite losses among the {@code window} points ending at {@code end}
     */
    static double movingMean(java.util.List<TrainingViewModel.LossPoint> loss, int end, int window) {
        double sum = 0;
        int n = 0;
        for (int i = Math.max(0, end - window + 1); i <= end; i++) {
            double v = loss.get(i).loss();
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The message, with "Run on cluster…" at its right (the tool bar has no room left at 1280 pixels). */
    private javafx.scene.layout.HBox messageRow(Label status) {
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(6, status, cluster);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        row.setPadding(new javafx.geometry.Insets(0, 8, 0, 0));
        javafx.scene.layout.HBox.setHgrow(status, javafx.scene.layout.Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        cluster.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return row;
    }

    /**
     * Offers "Run on cluster…" for the chosen experiment beside Train.
     *
     * @param action opens the dialog (the window's)
     */
    public void setOnRunOnCluster(Runnable action) {
        cluster.setOnAction(e -> action.run());
        cluster.setVisible(true);
        cluster.setManaged(true);
    }

    /** @return the loss chart (raw loss, its moving mean, median validation NSE) */
    public JFreeChart chart() {
        return chart;
    }

    /** @return the view model */
    public TrainingViewModel viewModel() {
        return vm;
    }
}
