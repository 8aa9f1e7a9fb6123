package org.hydrodelta.maps.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.shape.Polyline;
import javafx.stage.Stage;
import org.hydrodelta.maps.TestData;
import org.hydrodelta.maps.io.Feature;
import org.hydrodelta.maps.render.LassoSelection;
import org.hydrodelta.maps.render.MapLayer;
import org.hydrodelta.maps.render.MapSceneBuilder;
import org.hydrodelta.maps.render.MapViewport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Point;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Headless (Monocle) lasso on the map node: a drag in lasso mode selects the gauges inside it, a plain drag still
 * pans, Shift+drag lassos without the mode. The expected gauges are those whose screen position lies inside the
 * dragged rectangle.
 */
@ExtendWith(ApplicationExtension.class)
class LassoMapViewTest {
    private MapView view;
    private final List<LassoSelectionEvent> lassos = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        view = new MapView();
        view.setMapScene(new MapSceneBuilder().addFile(TestData.conusStates()).addFile(TestData.gauges()).build());
        view.setOnLassoSelected(lassos::add);
        stage.setScene(new Scene(view, 640, 400));
        stage.show();
    }

    /**
     * The screen rectangle dragged: the north-east of the map (New England to Pennsylvania), its edges at least
     * 3 pixels from every gauge.
     */
    private static final double X0 = 503;
    private static final double X1 = 620;
    private static final double Y0 = 15;
    private static final double Y1 = 158;

    private Set<String> gaugesInRectangle() {
        MapLayer gauges = view.getMapScene().layers().get(1);
        MapViewport vp = view.viewport().orElseThrow();
        Set<String> ids = new TreeSet<>();
        for (Feature f : gauges.data().features()) {
            Point p = (Point) f.geometry();
            double x = vp.toScreenX(p.getX());
            double y = vp.toScreenY(p.getY());
            double margin = Math.min(Math.min(Math.abs(x - X0), Math.abs(x - X1)),
                    Math.min(Math.abs(y - Y0), Math.abs(y - Y1)));
            boolean inside = x > X0 && x < X1 && y > Y0 && y < Y1;
            boolean near = x > X0 - 2 && x < X1 + 2 && y > Y0 - 2 && y < Y1 + 2;
            if (near) {
                assertThat(margin).as("gauge %s too close to the lasso edge", gauges.featureId(f))
                        .isGreaterThan(2);
            }
            if (inside) {
                ids.add(gauges.featureId(f));
            }
        }
        return ids;
    }

    private Point2D screen(double x, double y) {
        return view.localToScreen(x, y);
    }

    private void dragRectangle(FxRobot robot) {
        robot.moveTo(screen(X0, Y0)).press(MouseButton.PRIMARY);
        robot.moveTo(screen(X1, Y0)).moveTo(screen(X1, Y1)).moveTo(screen(X0, Y1)).moveTo(screen(X0, Y0 + 1));
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void draggingALassoSelectsTheGaugesInsideIt(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> expected = gaugesInRectangle();
        assertThat(expected).hasSize(71).contains("01013500", "01022500");
        MapViewport before = view.viewport().orElseThrow();
        robot.interact(() -> view.setLassoMode(true));
        dragRectangle(robot);
        assertThat(lassos).hasSize(1);
        assertThat(new TreeSet<>(lassos.get(0).ids())).isEqualTo(expected);
        assertThat(lassos.get(0).area().getArea()).isGreaterThan(0);
        assertThat(view.lassoSelectionProperty().get().layerIndex()).isEqualTo(1);
        assertThat(view.viewport().orElseThrow()).as("a lasso does not pan").isEqualTo(before);
        // the outline stays shown in lasso mode and follows zoom
        Polyline outline = robot.lookup(".map-lasso").queryAs(Polyline.class);
        assertThat(outline.getPoints()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(outline.getPoints().get(0)).isCloseTo(X0, org.assertj.core.data.Offset.offset(1.0));
        List<Double> drawn = List.copyOf(outline.getPoints());
        robot.interact(() -> view.fitToLayer(1)); // the gauges' extent
        MapViewport zoomed = view.viewport().orElseThrow();
        assertThat(zoomed).isNotEqualTo(before);
        assertThat(outline.getPoints()).hasSameSizeAs(drawn).isNotEqualTo(drawn);
        // the first vertex is still where the drag started on the world
        double wx = before.toWorldX(drawn.get(0));
        assertThat(outline.getPoints().get(0)).isCloseTo(zoomed.toScreenX(wx),
                org.assertj.core.data.Offset.offset(1e-6));
        robot.interact(view::fitToAll);

        // the handler path used by the drag, called directly, gives the same answer
        LassoSelection[] direct = new LassoSelection[1];
        robot.interact(() -> direct[0] = view.selectByLasso(List.of(new Point2D(X0, Y0), new Point2D(X1, Y0),
                new Point2D(X1, Y1), new Point2D(X0, Y1))));
        assertThat(new TreeSet<>(direct[0].ids())).isEqualTo(expected);
        assertThat(lassos).hasSize(2);
        robot.interact(() -> view.setLassoMode(false));
        assertThat(outline.getPoints()).isEmpty();
    }

    @Test
    void aPlainDragStillPansAndShiftDragLassos(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> expected = gaugesInRectangle();
        MapViewport before = view.viewport().orElseThrow();
        robot.drag(screen(300, 200), MouseButton.PRIMARY).dropTo(screen(340, 220));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lassos).isEmpty();
        assertThat(view.viewport().orElseThrow().centerX()).isLessThan(before.centerX());
        robot.interact(view::fitToAll);
        assertThat(view.viewport().orElseThrow()).isEqualTo(before);

        robot.press(KeyCode.SHIFT);
        try {
            dragRectangle(robot);
        } finally {
            robot.release(KeyCode.SHIFT);
        }
        assertThat(lassos).hasSize(1);
        assertThat(new TreeSet<>(lassos.get(0).ids())).isEqualTo(expected);
        assertThat(view.viewport().orElseThrow()).isEqualTo(before);
        assertThat(robot.lookup(".map-lasso").queryAs(Polyline.class).getPoints())
                .as("outside lasso mode the outline goes at release").isEmpty();
    }

    @Test
    void aDegenerateLassoSelectsNothing(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        LassoSelection[] result = new LassoSelection[1];
        robot.interact(() -> result[0] = view.selectByLasso(List.of(new Point2D(100, 100), new Point2D(500, 100))));
        LassoSelection line = result[0];
        assertThat(line.isEmpty()).isTrue();
        assertThat(line.area().isEmpty()).isTrue();
        assertThat(lassos).hasSize(1);
        assertThat(lassos.get(0).ids()).isEmpty();
    }
}
