package org.hydrodelta.app.gui.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.hydrodelta.app.gui.map.BasinMapViewModel;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.maps.fx.MapView;
import org.hydrodelta.maps.io.Feature;
import org.hydrodelta.maps.render.MapLayer;
import org.hydrodelta.maps.render.MapViewport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Point;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lasso pane of the experiment editor on the sample project's map, headless. */
@ExtendWith(ApplicationExtension.class)
class LassoBasinPaneTest {
    private ExperimentEditorViewModel editor;
    private BasinLassoPane pane;
    private BasinMapViewModel mapVm;

    @Start
    void start(Stage stage) throws Exception {
        Project project = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        editor = new ExperimentEditorViewModel(project, project.experiment("delta-desktop").orElseThrow(), () -> { });
        mapVm = new BasinMapViewModel(project);
        pane = new BasinLassoPane(editor, mapVm);
        stage.setScene(new Scene(pane, 900, 600));
        stage.show();
    }

    private static List<String> chosen(ExperimentEditorViewModel vm) {
        return vm.basins().entrySet().stream().filter(x -> x.getValue().get()).map(Map.Entry::getKey).toList();
    }

    private String count(FxRobot robot) {
        return robot.lookup("#lassoCount").queryAs(Label.class).getText();
    }

    /** Screen position, in the map's coordinates, of a gauge of the topmost (gauge) layer. */
    private Point2D gauge(String id) {
        MapView map = pane.map();
        MapLayer gauges = map.getMapScene().layers().get(map.getMapScene().layers().size() - 1);
        MapViewport vp = map.viewport().orElseThrow();
        for (Feature f : gauges.data().features()) {
            if (gauges.featureId(f).equals(id)) {
                Point p = (Point) f.geometry();
                return new Point2D(vp.toScreenX(p.getX()), vp.toScreenY(p.getY()));
            }
        }
        throw new AssertionError("no gauge " + id);
    }

    @Test
    void lassoAroundTheMapThenAroundMaineReplacesAndAdds(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        MapView map = pane.map();
        assertThat(map.isLassoMode()).as("lasso on by default").isTrue();
        assertThat(count(robot)).isEqualTo("0 basins selected");
        assertThat(map.getMapScene().layers()).hasSize(3);

        // drag around the whole map: every project gauge (a real drag through the mouse)
        double w = map.getWidth();
        double h = map.getHeight();
        robot.moveTo(map.localToScreen(4, 4)).press(MouseButton.PRIMARY);
        robot.moveTo(map.localToScreen(w - 4, 4)).moveTo(map.localToScreen(w - 4, h - 4))
                .moveTo(map.localToScreen(4, h - 4)).moveTo(map.localToScreen(4, 6)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.lassoedBasins()).containsExactlyInAnyOrderElementsOf(editor.project().basins());
        assertThat(count(robot)).isEqualTo("19 basins selected");

        // a loop around the two Maine gauges only (the lasso handler path, without the mouse)
        Point2D fishRiver = gauge("01013500");
        Point2D narraguagus = gauge("01022500");
        double x0 = Math.min(fishRiver.getX(), narraguagus.getX()) - 6;
        double x1 = Math.max(fishRiver.getX(), narraguagus.getX()) + 6;
        double y0 = Math.min(fishRiver.getY(), narraguagus.getY()) - 6;
        double y1 = Math.max(fishRiver.getY(), narraguagus.getY()) + 6;
        robot.interact(() -> map.selectByLasso(List.of(new Point2D(x0, y0), new Point2D(x1, y0),
                new Point2D(x1, y1), new Point2D(x0, y1))));
        assertThat(pane.lassoedBasins()).containsExactlyInAnyOrder("01013500", "01022500");
        assertThat(count(robot)).isEqualTo("2 basins selected");
        // the gauges show what the lasso caught: two named classes, "caught" (0) and "not caught" (1)
        assertThat(mapVm.captionProperty().get()).isEqualTo("Lasso");
        org.hydrodelta.maps.render.MapLayer gauges = mapVm.sceneProperty().get().legendLayer().orElseThrow();
        int caught = 0;
        for (int i = 0; i < gauges.data().features().size(); i++) {
            String id = gauges.featureId(gauges.data().features().get(i));
            if (editor.basins().containsKey(id)) {
                boolean in = List.of("01013500", "01022500").contains(id);
                assertThat(gauges.value(i)).as(id).isEqualTo(in ? 0.0 : 1.0);
                caught += in ? 1 : 0;
            }
        }
        assertThat(caught).isEqualTo(2);
        assertThat(gauges.style().choropleth().scale().entries()).extracting(e -> e.label())
                .containsExactly("caught", "not caught");
        int[] applied = new int[1];
        robot.interact(() -> applied[0] = pane.apply());
        assertThat(applied[0]).isEqualTo(2);
        assertThat(chosen(editor)).containsExactly("01013500", "01022500");

        robot.clickOn("#lassoModeRemove");
        assertThat(pane.modeProperty().get()).isEqualTo(BasinSelectionMode.REMOVE);
        robot.interact(() -> pane.apply());
        assertThat(chosen(editor)).isEmpty();
        robot.clickOn("#lassoModeAdd");
        robot.interact(() -> pane.apply());
        assertThat(chosen(editor)).containsExactly("01013500", "01022500");

        robot.clickOn("#lassoToggle");
        assertThat(map.isLassoMode()).isFalse();
    }
}
