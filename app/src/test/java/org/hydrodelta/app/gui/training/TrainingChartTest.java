package org.hydrodelta.app.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.hydrodelta.app.task.CurrentThreadTaskExecutor;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The training tab's chart as a training feeds it, headless. */
@ExtendWith(ApplicationExtension.class)
class TrainingChartTest {
    @TempDir
    static Path tmp;

    private TrainingViewModel vm;
    private TrainingView view;

    @Start
    void start(Stage stage) throws Exception {
        Path file = Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj");
        Project project = ProjectStore.load(file);
        vm = new TrainingViewModel(project, tmp.resolve("p.hdproj"), new CurrentThreadTaskExecutor(), Runnable::run,
                r -> { });
        view = new TrainingView(vm);
        stage.setScene(new Scene(view, 900, 600));
        stage.show();
    }

    /**
     * After the first validation the NSE axis spans at least 0.1 around the one point: JFreeChart's automatic range
     * shrank to 1e-8 and labelled every tick 3.663077E-1 (seen training the 241 basins).
     */
    @Test
    void oneValidationGivesAReadableNseAxis(FxRobot robot) {
        robot.interact(() -> {
            for (int i = 1; i <= 87; i++) {
                vm.loss().add(new TrainingViewModel.LossPoint(i, 2.8 - i * 0.01));
            }
            vm.epochs().add(new TrainingViewModel.EpochPoint(1, 2.0, 0.3663077, Map.of()));
        });
        org.jfree.data.Range nse = view.chart().getXYPlot().getRangeAxis(1).getRange();
        assertThat(nse.contains(0.3663077)).isTrue();
        assertThat(nse.getLength()).isGreaterThan(0.099);
    }
}
