package org.hydrodelta.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.hydrodelta.app.task.CurrentThreadTaskExecutor;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.eval.EnsembleEvaluator;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.EnsembleRuns;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.TrainingListener;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The member spread of an ensemble everywhere a user looks, on a real ensemble: three tiny δ members (seeds 1-3) of
 * the camels-regions sample trained on two basins (01022500, 03439000; water years 1995-1996, test 1997), evaluated
 * and combined by {@link EnsembleRuns#evaluateGroup} into a group folder recorded in a copy of the project. Also
 * the experiment editor's "Ensemble members" spin box.
 */
@ExtendWith(ApplicationExtension.class)
class EnsembleWindowTest {
    @TempDir
    static Path tmp;
    static Path file;
    static final String GROUP = "tiny-ensemble";

    private MainViewModel vm;
    private MainView view;

    @BeforeAll
    static void trainAnEnsemble() throws Exception {
        file = SampleWindow.copySample(tmp.resolve("proj/camels-regions.hdproj"), p -> { });
        Project p = ProjectStore.load(file);
        List<Path> members = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            ExperimentConfig c = new ExperimentConfig("delta-hbv", null, List.of("01022500", "03439000"),
                    Period.inclusive(LocalDate.of(1994, 10, 1), LocalDate.of(1996, 9, 30)), null,
                    Period.inclusive(LocalDate.of(1996, 10, 1), LocalDate.of(1997, 9, 30)), 60, 120, null, null,
                    new ExperimentConfig.Hbv(2, List.of("BETA"), true, true),
                    new ExperimentConfig.Network("lstm", 8, 0.5),
                    new ExperimentConfig.Training(null, null, "adam", 0.01, 1, 2, 3, seed, 1, null));
            RunFolder run = ExperimentRunner.train(p, file.getParent(), "tiny", c, ProgressListener.NONE,
                    CancellationToken.NONE, TrainingListener.NONE);
            members.add(run.dir());
            p.runs().add(new RunRef(run.dir().getFileName().toString(), "tiny", run.dir(), Instant.now())
                    .inGroup(GROUP, "member " + seed + "/3"));
        }
        Path group = file.getParent().resolve("runs").resolve(GROUP);
        EnsembleRuns.evaluateGroup(p, members, group, "test", ProgressListener.NONE, CancellationToken.NONE);
        p.runs().add(new RunRef(GROUP, "tiny", group, Instant.now()));
        ProjectStore.save(p, file);
    }

    @Start
    void start(Stage stage) {
        SampleWindow w = SampleWindow.show(stage, tmp, new CurrentThreadTaskExecutor(), SampleWindow.WIDTH);
        vm = w.vm();
        view = w.view();
    }

    @Test
    void theHydrographDrawsTheBandBehindTheMeanFlowEveryPanelAndEveryParameter(FxRobot robot) {
        robot.interact(() -> vm.open(file));
        robot.clickOn("Narraguagus River at Cherryfield, Maine");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node tab = view.centre().getSelectionModel().getSelectedItem().getContent();
        org.hydrodelta.app.gui.hydrograph.HydrographView hv = (org.hydrodelta.app.gui.hydrograph.HydrographView) tab;
        assertThat(hv.viewModel().hasSpread()).isTrue();
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) hv.viewer().getChart().getPlot();
        XYPlot flow = plot.getSubplots().get(0);
        assertThat((String) flow.getDataset(0).getSeriesKey(1)).startsWith("Ensemble mean (" + GROUP);
        YIntervalSeriesCollection band = (YIntervalSeriesCollection) flow.getDataset(2);
        assertThat((String) band.getSeriesKey(0)).isEqualTo("5-95 % of 3 members");
        assertThat(band.getItemCount(0)).isEqualTo(365);
        int wider = 0;
        for (int d = 0; d < 365; d++) {
            double mean = flow.getDataset(0).getYValue(1, d);
            assertThat(band.getStartYValue(0, d)).isLessThanOrEqualTo(mean + 1e-6);
            assertThat(band.getEndYValue(0, d)).isGreaterThanOrEqualTo(mean - 1e-6);
            wider += band.getEndYValue(0, d) > band.getStartYValue(0, d) ? 1 : 0;
        }
        assertThat(wider).as("the members differ").isGreaterThan(300);
        // every state and flux panel of the model has its band (potential ET, an input, has none)
        int banded = 0;
        for (XYPlot panel : plot.getSubplots().subList(1, plot.getSubplots().size())) {
            for (int s = 0; s < panel.getDataset(0).getSeriesCount(); s++) {
                String name = (String) panel.getDataset(0).getSeriesKey(s);
                if (name.endsWith("(observed)")) {
                    continue; // an auxiliary observation over its flux (the sample declares filtered baseflow)
                }
                boolean has = panel.getDataset(1) != null && hasBand(panel.getDataset(1), name);
                assertThat(has).as(name).isEqualTo(!name.equals("Potential ET"));
                banded += has ? 1 : 0;
            }
        }
        assertThat(banded).isEqualTo(7);
        // so has every learned parameter
        javafx.scene.control.TabPane tabs = robot.from(tab).lookup("#signatureTabs").queryAs(
                javafx.scene.control.TabPane.class);
        javafx.scene.control.Tab params = tabs.getTabs().stream().filter(t -> t.getText().equals("Learned parameters"))
                .findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(params));
        CombinedDomainXYPlot pp = (CombinedDomainXYPlot) ((org.jfree.chart.fx.ChartViewer) params.getContent())
                .getChart().getPlot();
        assertThat(pp.getSubplots()).hasSizeGreaterThan(10);
        for (XYPlot p : pp.getSubplots()) {
            assertThat(p.getDataset(1)).as((String) p.getDataset(0).getSeriesKey(0)).isInstanceOf(
                    YIntervalSeriesCollection.class);
            assertThat(p.getDataset(1).getItemCount(0)).isEqualTo(365);
        }
        // the read-out names the band of the day, the exported table holds it
        assertThat(hv.viewModel().describe(hv.viewModel().firstDay().plusDays(100))).contains("ensemble mean")
                .contains("(5-95 %: ");
        Path csv = tmp.resolve("hydrograph.csv");
        try {
            hv.viewModel().writeCsv(csv);
            List<String> lines = java.nio.file.Files.readAllLines(csv);
            List<String> header = List.of(lines.get(0).split(","));
            assertThat(header).contains("q_routed", "q_routed_p05", "q_routed_p95", "param_beta_p05");
            assertThat(lines).hasSize(366);
            String[] day = lines.get(101).split(",", -1);
            assertThat(Double.parseDouble(day[header.indexOf("q_routed_p05")])).isLessThanOrEqualTo(
                    Double.parseDouble(day[header.indexOf("q_routed_p95")]));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean hasBand(org.jfree.data.xy.XYDataset bands, String series) {
        for (int i = 0; i < bands.getSeriesCount(); i++) {
            if (((String) bands.getSeriesKey(i)).endsWith("(" + series + ")")) {
                return bands.getItemCount(i) == 365;
            }
        }
        return false;
    }

    @Test
    void theResultsShowEachMembersCdfBesideTheEnsembleMeans(FxRobot robot) {
        robot.interact(() -> vm.open(file));
        robot.interact(view::openResults);
        @SuppressWarnings("unchecked")
        ComboBox<String> run = robot.lookup("#resultsView").lookup(".combo-box").queryAs(ComboBox.class);
        robot.interact(() -> run.getSelectionModel().select(GROUP));
        org.jfree.chart.fx.ChartViewer cdf = robot.lookup("#cdfChart").queryAs(org.jfree.chart.fx.ChartViewer.class);
        XYPlot plot = (XYPlot) cdf.getChart().getPlot();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            names.add((String) plot.getDataset().getSeriesKey(i));
        }
        // the four evaluated runs (three members, the ensemble) and the ensemble's members as thin lines
        assertThat(names).hasSize(7).contains(GROUP, GROUP + " · member 1/3", GROUP + " · member 3/3");
        java.awt.BasicStroke thin = (java.awt.BasicStroke) plot.getRenderer().getSeriesStroke(names.indexOf(GROUP
                + " · member 2/3"));
        assertThat(thin.getLineWidth()).isLessThan(1f);
        assertThat(plot.getDataset().getItemCount(names.indexOf(GROUP + " · member 2/3"))).isEqualTo(2);
        Label median = robot.lookup("#resultsView").lookup(".tool-bar").queryAllAs(javafx.scene.control.ToolBar.class)
                .stream().flatMap(b -> b.getItems().stream()).filter(n -> "resultsMedian".equals(n.getId()))
                .map(Label.class::cast).findFirst().orElseThrow();
        assertThat(median.getText()).startsWith("median nse").contains("(mean of 3; members ");
        assertThat(median.getTooltip().getText()).contains("member 1/3: ", "member 3/3: ");
        // seed-ensemble members are temporal runs: offered for the temporal side of "Temporal vs spatial"
        org.hydrodelta.app.gui.results.ResultsViewModel rvm = robot.lookup("#resultsView").queryAs(
                org.hydrodelta.app.gui.results.ResultsView.class).viewModel();
        assertThat(rvm.temporalNames()).contains(GROUP).anyMatch(n -> vm.projectProperty().get().runs().stream()
                .anyMatch(r -> r.name().equals(n) && "member 2/3".equals(r.member())));
        // a single member shows no member curves
        robot.interact(() -> run.getSelectionModel().select(0));
        assertThat(((XYPlot) cdf.getChart().getPlot()).getDataset().getSeriesCount()).isEqualTo(4);
    }

    @Test
    void theMapIsColouredByTheEnsemblesSpreadAsWellAsItsSkill(FxRobot robot) {
        robot.interact(() -> vm.open(file));
        @SuppressWarnings("unchecked")
        ComboBox<String> metric = robot.lookup("#mapMetric").queryAs(ComboBox.class);
        assertThat(metric.getItems()).contains("nse", EnsembleEvaluator.SPREAD_WIDTH);
        assertThat(robot.lookup("#mapCaption").queryAs(Label.class).getText()).contains(GROUP);
        robot.interact(() -> metric.getSelectionModel().select(EnsembleEvaluator.SPREAD_WIDTH));
        org.hydrodelta.maps.fx.MapView map = robot.lookup("#mapView").queryAs(org.hydrodelta.maps.fx.MapView.class);
        org.hydrodelta.maps.render.MapLayer gauges = map.getMapScene().legendLayer().orElseThrow();
        assertThat(gauges.style().choropleth().title()).contains("Ensemble spread");
        int coloured = 0;
        for (int i = 0; i < gauges.data().size(); i++) {
            double v = gauges.value(i);
            if (Double.isFinite(v)) {
                assertThat(v).isPositive();
                coloured++;
            }
        }
        assertThat(coloured).as("the ensemble's two basins").isEqualTo(2);
    }

    @Test
    void theEditorsEnsembleMembersSpinBoxIsBoundToTheConfigurationAndItsBounds(FxRobot robot) {
        robot.interact(() -> vm.open(file));
        robot.interact(() -> view.openExperimentEditor("delta-desktop"));
        org.hydrodelta.app.gui.experiment.ExperimentEditorView editor = robot.lookup("#experimentEditor").queryAs(
                org.hydrodelta.app.gui.experiment.ExperimentEditorView.class);
        @SuppressWarnings("unchecked")
        Spinner<Integer> members = robot.lookup("#ensembleMembersSpinner").queryAs(Spinner.class);
        assertThat(members.getValue()).isEqualTo(1);
        robot.interact(() -> members.getEditor().setText("101"));
        robot.interact(members::commitValue);
        assertThat(robot.lookup("#experimentErrors").queryListView().getItems()).containsExactly(
                "Ensemble members must be in [1, 100], was 101");
        assertThat(editor.isHighlighted("ensemble.members")).isTrue();
        robot.interact(() -> members.getEditor().setText("3"));
        robot.interact(members::commitValue);
        assertThat(editor.viewModel().errors()).isEmpty();
        robot.clickOn("#saveExperiment");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.projectProperty().get().experiments().stream().filter(e -> e.name().equals("delta-desktop"))
                .findFirst().orElseThrow().config().ensemble().members()).isEqualTo(3);
    }
}
