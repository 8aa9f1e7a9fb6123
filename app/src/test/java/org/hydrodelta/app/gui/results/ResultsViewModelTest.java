package org.hydrodelta.app.gui.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.hydrodelta.core.eval.BasinMetrics;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.RunRef;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsViewModelTest {
    @TempDir
    Path tmp;

    private RunRef run(String name, double... nse) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve("eval/test"));
        StringBuilder csv = new StringBuilder("basin_id," + String.join(",", BasinMetrics.COLUMNS) + "\n");
        for (int i = 0; i < nse.length; i++) {
            csv.append(String.format("0%d000000,365,%s", i + 1, Double.isNaN(nse[i]) ? "" : nse[i]));
            csv.append(",".repeat(BasinMetrics.COLUMNS.length - 2)).append('\n');
        }
        Files.writeString(dir.resolve("eval/test/metrics.csv"), csv);
        return new RunRef(name, "e", dir, Instant.now());
    }

    @Test
    void everyEvaluationOfARunIsAnEntryBesideItsTestEvaluation() throws Exception {
        RunRef delta = run("delta", 0.7, 0.5, 0.9);
        // what `evaluate --period validation --epoch 1` writes beside the test evaluation
        Path other = delta.path().resolve("eval/validation_epoch_001");
        Files.createDirectories(other);
        Files.writeString(other.resolve("metrics.csv"), Files.readString(delta.path().resolve("eval/test/metrics.csv"))
                .replace(",365,0.7", ",365,0.1"));
        Project p = new Project("results");
        p.runs().add(delta);
        ResultsViewModel vm = new ResultsViewModel(p);
        assertThat(vm.runNames()).containsExactly("delta", "delta (validation_epoch_001)");
        vm.runProperty().set("delta");
        assertThat(vm.median("nse")).isEqualTo(0.7);
        vm.runProperty().set("delta (validation_epoch_001)");
        assertThat(vm.median("nse")).isEqualTo(0.5);
        assertThat(vm.rows()).extracting(r -> r.values().get("nse")).contains(0.1);
    }

    @Test
    void metricsOfAuxiliaryObservationsAreColumnsAndChoicesToo() throws Exception {
        RunRef delta = run("delta-swe", 0.7, 0.5, 0.9);
        // what an evaluation writes for a dataset declaring observation.swe_snow17 (issue 18)
        Path csv = delta.path().resolve("eval/test/metrics.csv");
        List<String> lines = Files.readAllLines(csv);
        StringBuilder sb = new StringBuilder(lines.get(0) + ",swe_snow17_n_obs,swe_snow17_nse,swe_snow17_kge\n");
        for (int i = 1; i < lines.size(); i++) {
            sb.append(lines.get(i)).append(",365,0.").append(i + 5).append(",0.8\n");
        }
        Files.writeString(csv, sb);
        Project p = new Project("results");
        p.runs().add(delta);
        ResultsViewModel vm = new ResultsViewModel(p);
        assertThat(vm.metricNames()).contains("nse", "swe_snow17_nse", "swe_snow17_kge");
        assertThat(vm.metricNames().indexOf("swe_snow17_nse")).isGreaterThan(vm.metricNames().indexOf("nse"));
        assertThat(vm.median("swe_snow17_nse")).isEqualTo(0.7);
    }

    @Test
    void countsOfObservationsAreIntegerColumnsOfTheTableButNoMetricToChoose() throws Exception {
        RunRef delta = run("delta-baseflow", 0.7, 0.5, 0.9);
        Path csv = delta.path().resolve("eval/test/metrics.csv");
        List<String> lines = Files.readAllLines(csv);
        StringBuilder sb = new StringBuilder(lines.get(0) + ",baseflow_n_obs,baseflow_nse,baseflow_kge\n");
        for (int i = 1; i < lines.size(); i++) {
            sb.append(lines.get(i)).append(",").append(360 + i).append(",0.").append(i + 5).append(",0.8\n");
        }
        Files.writeString(csv, sb);
        Project p = new Project("results");
        p.runs().add(delta);
        ResultsViewModel vm = new ResultsViewModel(p);
        // what the metric box offers, the CDFs, the paired chart and the median colour by: skill, not counts
        assertThat(vm.metricNames()).contains("nse", "baseflow_nse", "baseflow_kge")
                .doesNotContain("n_obs", "baseflow_n_obs");
        // the table: every column of metrics.csv in its order, the counts included
        assertThat(vm.columnNames()).containsSubsequence("n_obs", "nse", "kge", "baseflow_n_obs", "baseflow_nse",
                "baseflow_kge");
        assertThat(vm.columnNames()).containsAll(vm.metricNames());
        assertThat(BasinMetrics.isCount("n_obs")).isTrue();
        assertThat(BasinMetrics.isCount("baseflow_n_obs")).isTrue();
        assertThat(BasinMetrics.isCount("nse")).isFalse();
        assertThat(ResultsViewModel.cellText("baseflow_n_obs", 361.0)).isEqualTo("361");
        assertThat(ResultsViewModel.cellText("n_obs", 365.0)).isEqualTo("365");
        assertThat(ResultsViewModel.cellText("baseflow_nse", 0.6)).isEqualTo("0.600");
        assertThat(ResultsViewModel.cellText("baseflow_n_obs", Double.NaN)).isNull();
        // the exported table as shown: counts as integers
        Path out = tmp.resolve("counts.csv");
        vm.writeCsv(out);
        List<String> written = Files.readAllLines(out);
        assertThat(written.get(0)).startsWith("basin_id,n_obs,nse,").contains(",baseflow_n_obs,baseflow_nse,");
        assertThat(written.get(1)).startsWith("01000000,365,0.7,").contains(",361,0.6,0.8");
    }

    @Test
    void comparesEvaluatedRunsAndShowsTheLatest() throws Exception {
        Project p = new Project("results");
        p.runs().add(run("delta", 0.7, 0.5, 0.9));
        p.runs().add(new RunRef("not-evaluated", "e", tmp.resolve("none"), Instant.now()));
        p.runs().add(run("lstm", 0.2, Double.NaN, 0.4));
        ResultsViewModel vm = new ResultsViewModel(p);
        assertThat(vm.runNames()).containsExactly("delta", "lstm");
        assertThat(vm.runProperty().get()).isEqualTo("lstm");
        assertThat(vm.median("nse")).isEqualTo(0.30000000000000004);
        vm.runProperty().set("delta");
        assertThat(vm.rows()).extracting(ResultsViewModel.Row::basinId).containsExactly("01000000", "02000000",
                "03000000");
        assertThat(vm.median("nse")).isEqualTo(0.7);
        XYPlot cdf = (XYPlot) vm.cdfChart().getPlot();
        assertThat(cdf.getDataset().getSeriesCount()).isEqualTo(2);
        assertThat(cdf.getDataset().getItemCount(1)).as("NaN left out").isEqualTo(2);

        vm.compareWithProperty().set("lstm");
        org.jfree.chart.plot.CategoryPlot paired = (org.jfree.chart.plot.CategoryPlot) vm.pairedChart().getPlot();
        // delta minus lstm: 0.7-0.2 and 0.9-0.4 (the basin without an LSTM value is left out), sorted
        assertThat(paired.getDataset().getColumnCount()).isEqualTo(2);
        assertThat(paired.getDataset().getValue(0, 0).doubleValue()).isCloseTo(0.5, org.assertj.core.api.Assertions
                .within(1e-9));
        assertThat(vm.pairedChart().getTitle().getText()).contains("delta minus lstm (median +0.500)");

        XYPlot bfi = (XYPlot) vm.baseflowChart().getPlot();
        assertThat(bfi.getDataset().getItemCount(0)).as("no BFI values in these rows").isZero();
        assertThat(vm.budykoChart().getTitle().getText()).isEqualTo("Budyko plot");

        Path out = tmp.resolve("table.csv");
        vm.writeCsv(out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("01000000,365,0.7,");
    }

    @Test
    void plausibilityChartsOfARealRun() throws Exception {
        Project p = org.hydrodelta.core.project.ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        org.hydrodelta.core.project.ExperimentConfig c = new org.hydrodelta.core.project.ExperimentConfig(
                "calibrated-hbv", null, List.of("01013500", "03439000"),
                org.hydrodelta.core.data.Period.inclusive(java.time.LocalDate.of(1993, 10, 1),
                        java.time.LocalDate.of(1996, 9, 30)), null,
                org.hydrodelta.core.data.Period.inclusive(java.time.LocalDate.of(1996, 10, 1),
                        java.time.LocalDate.of(1998, 9, 30)), 60, 120, null, null,
                new org.hydrodelta.core.project.ExperimentConfig.Hbv(1, List.of(), false, true), null,
                new org.hydrodelta.core.project.ExperimentConfig.Training(null, null, "adam", 0.05, 2, 2, 5, 1L, 1,
                        null));
        org.hydrodelta.core.train.RunFolder run = org.hydrodelta.core.train.ExperimentRunner.train(p, tmp, "cal", c,
                org.hydrodelta.core.progress.ProgressListener.NONE, org.hydrodelta.core.progress.CancellationToken.NONE,
                org.hydrodelta.core.train.TrainingListener.NONE);
        org.hydrodelta.core.train.ExperimentRunner.evaluate(p, run.dir(), org.hydrodelta.core.progress.ProgressListener
                .NONE, org.hydrodelta.core.progress.CancellationToken.NONE);
        p.runs().add(new RunRef("cal", "cal", run.dir(), Instant.now()));
        ResultsViewModel vm = new ResultsViewModel(p);
        assertThat(((XYPlot) vm.etChart().getPlot()).getDataset().getItemCount(0)).isEqualTo(2);
        assertThat(((XYPlot) vm.baseflowChart().getPlot()).getDataset().getItemCount(0)).isEqualTo(2);
        assertThat(vm.baseflowChart().getTitle().getText()).contains("2 basins");
        assertThat(((XYPlot) vm.baseflowChart().getPlot()).getDomainAxis().getLabel()).as("CAMELS attributes")
                .isEqualTo("Observed (attribute baseflow_index)");
        // the same evaluation where the attributes had no baseflow_index: the axis names the filter
        Path info = run.dir().resolve("eval/test/evaluation.json");
        Files.writeString(info, Files.readString(info).replace("\"attribute baseflow_index\"",
                "\"the Lyne-Hollick filter (Ladson et al. 2013) of the observed flow\""));
        assertThat(((XYPlot) new ResultsViewModel(p).baseflowChart().getPlot()).getDomainAxis().getLabel())
                .isEqualTo("Observed (Lyne-Hollick filter of the observed flow)");
        org.jfree.data.xy.XYDataset b = ((XYPlot) vm.budykoChart().getPlot()).getDataset();
        assertThat(b.getItemCount(0)).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            // a humid Maine and a humid Appalachian basin: PET below P, ET a fraction of P
            assertThat(b.getXValue(0, i)).isBetween(0.2, 1.2);
            assertThat(b.getYValue(0, i)).isBetween(0.1, 1.0);
        }
    }
}
