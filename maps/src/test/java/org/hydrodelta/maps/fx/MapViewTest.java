package org.hydrodelta.maps.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.hydrodelta.maps.TestData;
import org.hydrodelta.maps.render.MapLayer;
import org.hydrodelta.maps.render.MapScene;
import org.hydrodelta.maps.render.MapSceneBuilder;
import org.hydrodelta.maps.render.MapViewport;
import org.hydrodelta.maps.render.FeatureHit;
import org.hydrodelta.maps.style.Classification;
import org.hydrodelta.maps.style.ColorRamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Point;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless (Monocle) check of the map node: click selection event, hover text, wheel zoom. */
@ExtendWith(ApplicationExtension.class)
class MapViewTest {
    private MapView view;
    private final List<FeatureHit> events = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        MapScene scene = new MapSceneBuilder().addFile(TestData.conusStates()).addFile(TestData.twoBasins())
                .addFile(TestData.gauges()).colorBy("aridity", "-").ramp(ColorRamp.VIRIDIS)
                .classification(Classification.CONTINUOUS, 0).build();
        view = new MapView();
        view.setMapScene(scene);
        view.setOnFeatureSelected(e -> events.add(e.hit()));
        stage.setScene(new Scene(view, 640, 400));
        stage.show();
    }

    private Point2D screenOfGauge(int index) {
        MapLayer gauges = view.getMapScene().layers().get(2);
        Point p = (Point) gauges.data().features().get(index).geometry();
        MapViewport vp = view.viewport().orElseThrow();
        return view.localToScreen(vp.toScreenX(p.getX()), vp.toScreenY(p.getY()));
    }

    @Test
    void clickSelectsGaugeHoverDescribesItAndWheelZooms(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.viewport()).isPresent();
        // zoom on Maine first so neighbouring gauges are well apart
        robot.interact(() -> {
            MapViewport vp = view.viewport().orElseThrow();
            view.fitToLayer(1);
            assertThat(view.viewport().orElseThrow().scale()).isGreaterThan(vp.scale());
        });
        Point2D at = screenOfGauge(3);
        robot.moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.hoverTextProperty().get()).startsWith("01031500 — Piscataquis River")
                .contains("aridity: 0.588 -");
        robot.clickOn(at);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).id()).isEqualTo("01031500");
        assertThat(view.selectedFeatureProperty().get().id()).isEqualTo("01031500");
        assertThat(view.shownScene().selection().featureIndex()).isEqualTo(3);
        assertThat(view.getMapScene().selection()).as("the scene, often bound, is never written").isNull();
        double before = view.viewport().orElseThrow().scale();
        robot.scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.viewport().orElseThrow().scale()).isNotEqualTo(before);
    }
}
