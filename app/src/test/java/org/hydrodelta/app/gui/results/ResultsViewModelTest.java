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

        Path out = tmp.resolve("table.csv");
        vm.writeCsv(out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("01000000,0.7,");
    }
}
