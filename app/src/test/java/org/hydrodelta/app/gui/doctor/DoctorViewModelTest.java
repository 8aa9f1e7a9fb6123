package org.hydrodelta.app.gui.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hydrodelta.app.task.CurrentThreadTaskExecutor;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.camels.CamelsDatasetLoader;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;

/** The doctor's report and heat map on the real sample project, with 06221400's flow starting only in 2002. */
class DoctorViewModelTest {
    private static final Path ROOT = Path.of(System.getProperty("hydrodelta.repo.root"));

    @Test
    void reportsEveryBasinOfTheSampleProject() {
        DoctorViewModel vm = new DoctorViewModel(ROOT.resolve("sample-projects/camels-regions/camels-regions.hdproj"),
                new CurrentThreadTaskExecutor());
        assertThat(vm.basins()).hasSize(19).allMatch(b -> b.usable());
        assertThat(vm.summaryProperty().get()).contains("19 usable");
        assertThat(vm.basins().stream().filter(b -> b.basinId().equals("06221400")).findFirst().orElseThrow()
                .droppedDays()).isGreaterThan(3000);
    }

    @Test
    void heatMapMarksMonthsWithoutFlow() {
        BasinDataset ds = new CamelsDatasetLoader().load(ROOT.resolve("sample-projects/camels-regions/data/camels-us"),
                LoadOptions.defaults().withBasins(List.of("01013500", "06221400")), ProgressListener.NONE,
                CancellationToken.NONE).dataset();
        XYZDataset d = (XYZDataset) ((XYPlot) DoctorViewModel.heatMap(ds).getPlot()).getDataset();
        // both records span the same months here, so the blocks split evenly between the two basins
        int months = d.getItemCount(0) / 2;
        // second year of the record (1994-10): 01013500 complete, 06221400 without flow before 2002
        int item = 13;
        assertThat(d.getZValue(0, item)).isEqualTo(0.0);
        assertThat(d.getZValue(0, months + item)).isEqualTo(1.0);
        // before the NLDAS record (1980) is no record, not a gap; the last full month (2013-09) is complete for both
        LoadOptions withEarly = LoadOptions.defaults().withBasins(List.of("01022500", "06221400"));
        BasinDataset both = new CamelsDatasetLoader().load(ROOT.resolve("sample-projects/camels-regions/data/camels-us"),
                withEarly, ProgressListener.NONE, CancellationToken.NONE).dataset();
        XYZDataset e = (XYZDataset) ((XYPlot) DoctorViewModel.heatMap(both).getPlot()).getDataset();
        assertThat(e.getYValue(0, 0)).as("first block: 01022500, January 1980").isEqualTo(0.0);
        long blocksOf06221400 = java.util.stream.IntStream.range(0, e.getItemCount(0)).filter(i -> e.getYValue(0, i)
                == 1.0).count();
        assertThat(blocksOf06221400).as("06221400: 1993-09 .. 2013-10 only, no blocks for 1980-1993").isEqualTo(242);
        assertThat(d.getZValue(0, months - 2)).isEqualTo(0.0);
        assertThat(d.getZValue(0, 2 * months - 2)).isEqualTo(0.0);
    }
}
