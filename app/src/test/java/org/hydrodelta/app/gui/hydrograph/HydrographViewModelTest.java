package org.hydrodelta.app.gui.hydrograph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hydrodelta.app.gui.MainViewModel;
import org.hydrodelta.app.gui.RecentProjects;
import org.hydrodelta.app.task.CurrentThreadTaskExecutor;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.eval.ResultsReader;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.TrainingListener;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The basin view's attribute-driver heat map is loaded from a real, tiny, evaluated δ run of the sample project. */
class HydrographViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void theBasinsSensitivityMatrixComesFromTheLatestEvaluatedRun() throws Exception {
        Path file = tmp.resolve("proj/camels-regions.hdproj");
        Project p = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        ProjectStore.save(p, file);
        p = ProjectStore.load(file);
        ExperimentConfig c = new ExperimentConfig("delta-hbv", null, List.of("01013500", "03439000"),
                Period.inclusive(LocalDate.of(1994, 10, 1), LocalDate.of(1996, 9, 30)), null,
                Period.inclusive(LocalDate.of(1996, 10, 1), LocalDate.of(1997, 9, 30)), 60, 120, null, null,
                new ExperimentConfig.Hbv(2, List.of("BETA"), true, true), new ExperimentConfig.Network("lstm", 8, 0.5),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 1, 2, 3, 3L, 1, null));
        RunFolder run = ExperimentRunner.train(p, file.getParent(), "tiny", c, ProgressListener.NONE,
                CancellationToken.NONE, TrainingListener.NONE);
        ExperimentRunner.evaluate(p, run.dir(), ProgressListener.NONE, CancellationToken.NONE);
        p.runs().add(new RunRef(run.dir().getFileName().toString(), "tiny", run.dir(), Instant.now()));
        ProjectStore.save(p, file);

        MainViewModel main = new MainViewModel(new RecentProjects(tmp.resolve("recent.txt")),
                new CurrentThreadTaskExecutor());
        assertThat(main.open(file)).isTrue();
        HydrographViewModel vm = main.hydrograph("03439000").orElseThrow();
        assertThat(vm.hasSimulation()).isTrue();
        assertThat(vm.hasSensitivity()).isTrue();
        // the flow in m³/s through the basin's area: 1 mm/d over A km² is A / 86.4 m³/s
        java.time.LocalDate day = vm.firstDay().plusDays(100);
        double area = main.explorer().basins().stream().filter(b -> b.id().equals("03439000")).findFirst()
                .orElseThrow().areaKm2();
        String mm = vm.describe(day);
        assertThat(mm).contains(" mm/d").contains("simulated ");
        vm.cubicMetresProperty().set(true);
        String m3 = vm.describe(day);
        double obsMm = Double.parseDouble(mm.replaceFirst(".*observed (\\S+) mm/d.*", "$1"));
        double obsM3 = Double.parseDouble(m3.replaceFirst(".*observed (\\S+) m³/s.*", "$1"));
        assertThat(obsM3).isCloseTo(obsMm * area / 86.4, org.assertj.core.data.Offset.offset(0.01 * area / 86.4));
        assertThat(((org.jfree.chart.plot.CombinedDomainXYPlot) vm.chart().getPlot()).getSubplots().stream()
                .map(sp -> ((XYPlot) sp).getRangeAxis().getLabel()).toList()).contains("Streamflow (m³/s)");
        assertThat(vm.skill()).startsWith(run.dir().getFileName() + ": NSE ");
        // the sample declares the Lyne-Hollick baseflow (issue 18): it is drawn over the simulated baseflow
        assertThat(vm.observations()).extracting(HydrographViewModel.Observation::name).containsExactly("baseflow");
        List<String> keys = new java.util.ArrayList<>();
        for (Object sp : ((org.jfree.chart.plot.CombinedDomainXYPlot) vm.chart().getPlot()).getSubplots()) {
            XYPlot xy = (XYPlot) sp;
            for (int i = 0; i < xy.getDatasetCount(); i++) {
                if (xy.getDataset(i) == null) {
                    continue;
                }
                for (int k = 0; k < xy.getDataset(i).getSeriesCount(); k++) {
                    keys.add(xy.getRangeAxis().getLabel() + ": " + xy.getDataset(i).getSeriesKey(k));
                }
            }
        }
        assertThat(keys).anyMatch(k -> k.startsWith("Q (mm/d)") && k.endsWith("baseflow (observed)"));
        vm.cubicMetresProperty().set(false);
        AttributeSensitivity.Table t = ResultsReader.readSensitivity(run.dir().resolve("eval/test")
                .resolve(AttributeSensitivity.FILE_NAME));
        assertThat(vm.sensitivityTable()).isEqualTo(t);
        float[][] own = vm.sensitivityMatrix(HydrographViewModel.SensitivityView.BASIN);
        assertThat(own).isDeepEqualTo(t.values()[1]);
        assertThat(own).hasNumberOfRows(13);
        assertThat(own[0]).hasSize(t.attributes().size());

        XYPlot plot = (XYPlot) vm.sensitivityChart().getPlot();
        assertThat(((SymbolAxis) plot.getDomainAxis()).getSymbols()).containsExactlyElementsOf(t.attributes());
        assertThat(plot.getDataset().getItemCount(0)).isEqualTo(13 * t.attributes().size());
        assertThat(((org.jfree.data.xy.XYZDataset) plot.getDataset()).getZValue(0, 0)).isEqualTo((double) own[0][0]);
        assertThat(vm.describeSensitivity(1, 0)).startsWith("FC ← " + t.attributes().get(0) + ": ")
                .endsWith("(this basin)");
        assertThat(vm.describeSensitivity(13, 0)).isEmpty();

        vm.sensitivityViewProperty().set(HydrographViewModel.SensitivityView.MEAN);
        plot = (XYPlot) vm.sensitivityChart().getPlot();
        float expected = (t.values()[0][4][2] + t.values()[1][4][2]) / 2;
        assertThat(vm.sensitivityMatrix(HydrographViewModel.SensitivityView.MEAN)[4][2]).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(1e-6f * Math.max(1, Math.abs(expected))));
        assertThat(vm.sensitivityChart().getTitle().getText()).contains("mean over 2 basins");
        assertThat(vm.sensitivityMatrix(HydrographViewModel.SensitivityView.MEAN_ABS)[4][2]).isGreaterThanOrEqualTo(
                Math.abs(expected));

        Path csv = tmp.resolve("drivers.csv");
        vm.writeSensitivityCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("parameter,attribute,basin_03439000,mean_over_basins,mean_abs_over_basins");
        assertThat(lines).hasSize(1 + 13 * t.attributes().size());
        assertThat(lines.get(1)).startsWith("BETA," + t.attributes().get(0) + "," + own[0][0] + ",");

        // a run without the table (LSTM-style): no heat map, nothing else changes
        HydrographViewModel plain = new HydrographViewModel("03439000", "", main.data().datasetProperty().get(), null,
                null).withAttributeSensitivity(null);
        assertThat(plain.hasSensitivity()).isFalse();
        assertThat(plain.sensitivityChart()).isNull();
    }
}
