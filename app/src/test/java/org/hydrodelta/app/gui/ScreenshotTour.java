package org.hydrodelta.app.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.hydrodelta.app.gui.training.TrainingView;
import org.hydrodelta.app.gui.training.TrainingViewModel;
import org.hydrodelta.app.task.FxTaskExecutor;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.TrainingListener;

/**
 * Regenerates the README's screenshots from the running workbench (run it under Xvfb with the real glass toolkit,
 * see {@code scripts/screenshots.sh}): copies the sample project to a work folder, trains and evaluates the runs
 * the views show when they are missing, opens the window at 1280×800 and writes each main view as PNG, and one
 * exported map (scale bar, north arrow, basin polygons filled like their gauges). Also
 * reports any tool bar whose controls overflow behind "&gt;&gt;". Not a test: a tool for the documentation.
 */
public final class ScreenshotTour {
    private static Stage stage;
    private static MainView view;
    private static MainViewModel vm;

    private ScreenshotTour() {
    }

    /**
     * @param args output folder, work folder, repository root, and {@code --no-training} to skip the training shot;
     *             or {@code --groups OUT PROJECT TEMPORAL PUB ENSEMBLE}; or {@code --targets OUT PROJECT RUN [BASIN]}
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--groups")) {
            groups(Path.of(args[1]).toAbsolutePath(), Path.of(args[2]).toAbsolutePath(), args[3], args[4], args[5]);
            return;
        }
        if (args.length > 0 && args[0].equals("--targets")) {
            targets(Path.of(args[1]).toAbsolutePath(), Path.of(args[2]).toAbsolutePath(), args[3],
                    args.length > 4 && !args[4].isBlank() ? args[4] : null);
            return;
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        Path repo = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(out);
        Path file = work.resolve("camels-regions/camels-regions.hdproj");
        if (!Files.isRegularFile(file)) {
            ProjectStore.save(ProjectStore.load(repo.resolve("sample-projects/camels-regions/camels-regions.hdproj")),
                    file);
        }
        Project p = ProjectStore.load(file);
        for (String exp : List.of("calibrated-hbv", "delta-desktop")) {
            boolean done = p.runs().stream().anyMatch(r -> r.experiment().equals(exp)
                    && Files.isRegularFile(r.path().resolve("eval/test/metrics.csv")));
            if (!done) {
                System.out.println("training " + exp);
                Path dir = ExperimentRunner.train(p, file.getParent(), exp, p.experiment(exp).orElseThrow().config(),
                        ProgressListener.NONE, new CancellationToken(), TrainingListener.NONE).dir();
                ExperimentRunner.evaluate(p, dir, ProgressListener.NONE, new CancellationToken());
                p.runs().add(new RunRef(dir.getFileName().toString(), exp, dir, Instant.now()));
                ProjectStore.save(p, file);
            }
        }
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(() -> {
            vm = new MainViewModel(new RecentProjects(work.resolve("recent.txt")), new FxTaskExecutor());
            view = new MainView(vm);
            stage = new Stage();
            stage.titleProperty().bind(vm.titleBinding());
            stage.setScene(new Scene(view, 1280, 800));
            stage.show();
            vm.open(file);
            up.countDown();
        });
        up.await();
        waitUntil(() -> fx(() -> vm.data().datasetProperty().get() != null), 120);
        pause(3);
        shot(out, "map");
        run(() -> ((org.hydrodelta.app.gui.map.BasinMapView) view.centre().getSelectionModel().getSelectedItem()
                .getContent()).viewModel().metricProperty().set("mean_snowpack"));
        pause(2);
        shot(out, "map-snowpack");
        // an exported map as File > Export writes it: zoomed on the two basins with polygons, which are filled like
        // their gauges, with scale bar and north arrow (east of 96° W north leans left on the Albers map)
        run(() -> {
            org.hydrodelta.maps.render.MapScene scene = ((org.hydrodelta.app.gui.map.BasinMapView) view.centre()
                    .getSelectionModel().getSelectedItem().getContent()).viewModel().sceneProperty().get();
            org.locationtech.jts.geom.Envelope e = new org.locationtech.jts.geom.Envelope(scene.layers().get(1)
                    .data().bounds());
            e.expandBy(Math.max(e.getWidth(), e.getHeight()) * 1.2);
            try {
                new org.hydrodelta.maps.render.MapExporter().write(scene.withTitle(
                        "Mean snowpack in the test period, Maine"), org.hydrodelta.maps.render.MapViewport.fit(e,
                                900, 600, 10), out.resolve("map-export.png"));
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
            System.out.println("wrote map-export.png");
        });
        run(() -> view.selectBasin("01022500"));
        pause(3);
        shot(out, "hydrograph");
        subTab("signatureTabs", "Learned parameters");
        shot(out, "parameters");
        subTab("signatureTabs", "Attribute drivers");
        shot(out, "attribute-drivers");
        subTab("signatureTabs", "Hydrograph");
        run(view::openDoctor);
        waitUntil(() -> fx(() -> ((org.hydrodelta.app.gui.doctor.DoctorView) view.centre().getSelectionModel()
                .getSelectedItem().getContent()).viewModel().reportProperty().get() != null), 120);
        pause(2);
        shot(out, "doctor");
        run(view::openResults);
        pause(3);
        shot(out, "results");
        // the plausibility checks of the calibrated HBV, as the README describes them
        run(() -> {
            org.hydrodelta.app.gui.results.ResultsViewModel r = ((org.hydrodelta.app.gui.results.ResultsView) view
                    .centre().getSelectionModel().getSelectedItem().getContent()).viewModel();
            r.runNames().stream().filter(n -> n.startsWith("calibrated-hbv")).findFirst().ifPresent(n -> r
                    .runProperty().set(n));
        });
        subTab(null, "Budyko");
        shot(out, "plausibility");
        subTab(null, "Distribution");
        run(() -> view.openExperimentEditor("delta-desktop"));
        pause(2);
        shot(out, "experiment");
        run(view::openMessages);
        pause(1);
        shot(out, "messages");
        if (args.length > 3 && args[3].equals("--no-training")) {
            Platform.exit();
            System.exit(0);
        }
        run(view::openTraining);
        TrainingViewModel t = fx(() -> ((TrainingView) view.centre().getSelectionModel().getSelectedItem()
                .getContent()).viewModel());
        run(() -> {
            t.experimentProperty().set("delta-desktop");
            t.start(null, null);
            t.experimentProperty().set("lstm-desktop");
            t.start(null, null);
            t.experimentProperty().set("calibrated-hbv");
            t.start(null, null);
        });
        waitUntil(() -> fx(() -> t.epochs().size() >= 3), 900);
        pause(1);
        shot(out, "training");
        run(() -> {
            t.clearQueue();
            t.cancel();
        });
        waitUntil(() -> fx(() -> !t.busy()), 120);
        Platform.exit();
        System.exit(0);
    }

    /**
     * The run-group shots (issues 16 and 17) of a project that holds a trained spatial holdout group, a temporal run
     * of the same experiment and a seed ensemble: the map by held-out NSE, temporal against spatial skill, and the
     * ensemble's band on the hydrograph. {@code scripts/screenshots.sh --groups PROJECT TEMPORAL PUB ENSEMBLE}.
     */
    private static void groups(Path out, Path file, String temporal, String pub, String ensemble) throws Exception {
        Files.createDirectories(out);
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(() -> {
            vm = new MainViewModel(new RecentProjects(file.getParent().resolve("recent.txt")), new FxTaskExecutor());
            view = new MainView(vm);
            stage = new Stage();
            stage.titleProperty().bind(vm.titleBinding());
            stage.setScene(new Scene(view, 1280, 800));
            stage.show();
            vm.open(file);
            up.countDown();
        });
        up.await();
        waitUntil(() -> fx(() -> vm.data().datasetProperty().get() != null), 120);
        pause(3);
        run(() -> ((javafx.scene.control.ListView<?>) stage.getScene().lookup("#runList")).getSelectionModel()
                .select(vm.explorer().runs().indexOf(pub)));
        pause(3);
        shot(out, "pub-map");
        run(view::openResults);
        pause(2);
        run(() -> {
            org.hydrodelta.app.gui.results.ResultsViewModel r = ((org.hydrodelta.app.gui.results.ResultsView) view
                    .centre().getSelectionModel().getSelectedItem().getContent()).viewModel();
            System.out.println("temporal choices " + r.temporalNames() + ", spatial " + r.spatialNames());
            r.temporalProperty().set(temporal);
            r.spatialProperty().set(pub);
        });
        subTab(null, "Temporal vs spatial");
        shot(out, "temporal-vs-spatial");
        run(() -> view.showEvaluation(new org.hydrodelta.app.gui.runs.EvaluationChoice(ensemble,
                org.hydrodelta.core.eval.RunResults.TEST)));
        pause(2);
        run(() -> view.selectBasin("01013500"));
        pause(4);
        shot(out, "ensemble-bands");
        Platform.exit();
        System.exit(0);
    }

    /**
     * The auxiliary-target shots (issue 18) of a project where a run was trained on streamflow and an auxiliary
     * observation (e.g. the sample's {@code delta-small-baseflow}): {@code targets-results.png}, the results table
     * with the flow NSE and KGE beside the per-target NSE, KGE and r ({@code baseflow_nse}, ...; the other columns
     * are hidden so that both fit), sorted by the first target's NSE, and its distribution; {@code targets-hydrograph.png}, a basin's
     * hydrograph over the last year of the test period with the observation drawn over the model's state or flux.
     * {@code scripts/screenshots.sh --targets PROJECT RUN [BASIN]}.
     *
     * @param basin the basin of the hydrograph, or {@code null} for the run's best by the first target's NSE
     */
    private static void targets(Path out, Path file, String runName, String basin) throws Exception {
        Files.createDirectories(out);
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(() -> {
            vm = new MainViewModel(new RecentProjects(file.getParent().resolve("recent.txt")), new FxTaskExecutor());
            view = new MainView(vm);
            stage = new Stage();
            stage.titleProperty().bind(vm.titleBinding());
            stage.setScene(new Scene(view, 1280, 800));
            stage.show();
            vm.open(file);
            up.countDown();
        });
        up.await();
        waitUntil(() -> fx(() -> vm.data().datasetProperty().get() != null), 120);
        if (!fx(() -> vm.explorer().runs().contains(runName))) {
            throw new IllegalArgumentException("no run '" + runName + "' in " + file + "; it has "
                    + fx(() -> List.copyOf(vm.explorer().runs())));
        }
        pause(2);
        run(() -> ((javafx.scene.control.ListView<?>) stage.getScene().lookup("#runList")).getSelectionModel()
                .select(vm.explorer().runs().indexOf(runName)));
        run(() -> view.showEvaluation(new org.hydrodelta.app.gui.runs.EvaluationChoice(runName,
                org.hydrodelta.core.eval.RunResults.TEST)));
        pause(2);
        run(view::openResults);
        pause(2);
        String[] chosen = new String[2];
        run(() -> {
            org.hydrodelta.app.gui.results.ResultsView rv = (org.hydrodelta.app.gui.results.ResultsView) view
                    .centre().getSelectionModel().getSelectedItem().getContent();
            org.hydrodelta.app.gui.results.ResultsViewModel r = rv.viewModel();
            r.runProperty().set(runName);
            // the per-target columns are the metrics that are not streamflow's: <observation>_nse, _kge, _r, _bias
            List<String> flow = List.of(org.hydrodelta.core.eval.BasinMetrics.COLUMNS);
            List<String> aux = r.metricNames().stream().filter(m -> !flow.contains(m) && (m.endsWith("_nse")
                    || m.endsWith("_kge") || m.endsWith("_r"))).toList();
            if (aux.isEmpty()) {
                throw new IllegalStateException("run '" + runName + "' has no per-target metrics; metrics: "
                        + r.metricNames());
            }
            String nse = aux.stream().filter(m -> m.endsWith("_nse")).findFirst().orElse(aux.get(0));
            r.metricProperty().set(nse);
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<org.hydrodelta.app.gui.results.ResultsViewModel.Row> table =
                    (javafx.scene.control.TableView<org.hydrodelta.app.gui.results.ResultsViewModel.Row>) rv
                            .lookup("#metricsTable");
            List<String> shown = new java.util.ArrayList<>(List.of("basin", "nse", "kge"));
            shown.addAll(aux);
            table.getColumns().forEach(c -> c.setVisible(shown.contains(c.getText())));
            table.getSortOrder().clear();
            javafx.scene.control.TableColumn<org.hydrodelta.app.gui.results.ResultsViewModel.Row, ?> byNse =
                    table.getColumns().stream().filter(c -> c.getText().equals(nse)).findFirst().orElseThrow();
            byNse.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            table.getSortOrder().add(byNse);
            table.sort();
            // room for the table: the explorer narrower (as a user drags it)
            splitAbove(view.centre()).setDividerPositions(0.17, 0.82);
            splitAbove(table).setDividerPositions(0.67);
            chosen[0] = nse;
            chosen[1] = basin != null ? basin : table.getItems().isEmpty() ? null : table.getItems().get(0)
                    .basinId();
            System.out.println("per-target metrics " + aux + "; hydrograph of " + chosen[1]);
        });
        subTab(null, "Distribution");
        shot(out, "targets-results");
        if (chosen[1] == null) {
            throw new IllegalStateException("run '" + runName + "' has no evaluated basin");
        }
        run(() -> view.selectBasin(chosen[1]));
        pause(4);
        // the last year of the test period, so that the daily observation and the model's series can be told apart
        run(() -> {
            Node h = view.centre().getSelectionModel().getSelectedItem().getContent();
            org.controlsfx.control.RangeSlider range = (org.controlsfx.control.RangeSlider) h.lookup("#dateRange");
            range.setLowValue(Math.max(0, range.getMax() - 365));
            // the panel of flow components zoomed to the baseflow (as a drag on the chart does): the total flow's
            // peaks leave the frame
            org.jfree.chart.fx.ChartViewer viewer = (org.jfree.chart.fx.ChartViewer) h.lookup("#hydrographChart");
            for (Object sub : ((org.jfree.chart.plot.CombinedDomainXYPlot) viewer.getChart().getPlot())
                    .getSubplots()) {
                org.jfree.chart.plot.XYPlot xy = (org.jfree.chart.plot.XYPlot) sub;
                if (!String.valueOf(xy.getRangeAxis().getLabel()).startsWith("Q (")) {
                    continue;
                }
                double top = 0;
                for (int i = 0; i < xy.getDatasetCount(); i++) {
                    org.jfree.data.xy.XYDataset d = xy.getDataset(i);
                    for (int k = 0; d != null && k < d.getSeriesCount(); k++) {
                        // the model's baseflow and the observations drawn over it, not the total flow
                        String key = String.valueOf(d.getSeriesKey(k));
                        boolean fit = key.equals("Baseflow") || key.endsWith(" (observed)");
                        for (int j = 0; fit && j < d.getItemCount(k); j++) {
                            double y = d.getYValue(k, j);
                            top = Double.isFinite(y) ? Math.max(top, y) : top;
                        }
                    }
                }
                if (top > 0) {
                    xy.getRangeAxis().setRange(0, top * 1.3);
                }
            }
        });
        pause(2);
        shot(out, "targets-hydrograph");
        Platform.exit();
        System.exit(0);
    }

    /** The split pane a node lies in. */
    private static javafx.scene.control.SplitPane splitAbove(Node n) {
        for (javafx.scene.Parent p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.SplitPane split) {
                return split;
            }
        }
        throw new IllegalStateException(n + " is not in a split pane");
    }

    private static void shot(Path out, String name) throws Exception {
        run(() -> {
            javafx.scene.image.WritableImage img = stage.getScene().snapshot(null);
            try {
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png",
                        out.resolve(name + ".png").toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            for (Node n : stage.getScene().getRoot().lookupAll(".tool-bar-overflow-button")) {
                if (shownOnScreen(n)) {
                    System.out.println("OVERFLOW in " + name + ": a tool bar hides controls behind >> (" + n
                            .getParent() + ")");
                }
            }
            System.out.println("wrote " + name + ".png");
        });
    }

    /** Selects the sub-tab with this text in the selected main tab (in the tab pane with this id, if given). */
    private static void subTab(String paneId, String text) throws Exception {
        run(() -> {
            Node content = view.centre().getSelectionModel().getSelectedItem().getContent();
            for (Node n : content.lookupAll(".tab-pane")) {
                javafx.scene.control.TabPane tp = (javafx.scene.control.TabPane) n;
                if (paneId != null && !paneId.equals(tp.getId())) {
                    continue;
                }
                tp.getTabs().stream().filter(t -> t.getText().equals(text)).findFirst().ifPresent(t -> tp
                        .getSelectionModel().select(t));
            }
        });
        pause(2);
    }

    /** Whether a node and all its parents are visible (the contents of tabs behind others are not). */
    private static boolean shownOnScreen(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static void pause(double seconds) throws Exception {
        Thread.sleep((long) (seconds * 1000));
        run(() -> { });
    }

    private static void waitUntil(BooleanSupplier ready, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(250);
        }
    }

    private static void run(Runnable r) throws Exception {
        fx(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T fx(Supplier<T> s) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(s.get());
            } catch (Throwable e) {
                error.set(e);
            } finally {
                done.countDown();
            }
        });
        try {
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("FX thread busy for 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (error.get() != null) {
            throw new IllegalStateException(error.get());
        }
        return result.get();
    }
}
