package org.hydrodelta.maps.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hydrodelta.maps.TestData;
import org.hydrodelta.maps.style.ColorRamp;
import org.hydrodelta.maps.style.Classification;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

class FeaturePickerTest {
    @Test
    void findsGaugeUnderTheMouseAndDescribesIt() throws Exception {
        MapScene scene = new MapSceneBuilder().addFile(TestData.conusStates()).addFile(TestData.twoBasins())
                .addFile(TestData.gauges()).colorBy("frac_snow", "-").ramp(ColorRamp.VIRIDIS)
                .classification(Classification.CONTINUOUS, 0).build();
        MapLayer gaugeLayer = scene.layers().get(2);
        Point p = (Point) gaugeLayer.data().features().get(3).geometry(); // 01031500
        MapViewport view = new MapViewport(p.getX(), p.getY(), 1 / 300.0, 400, 300);
        FeatureHit hit = FeaturePicker.pick(scene, view, 202, 149, 2).orElseThrow();
        assertThat(hit.layerIndex()).isEqualTo(2);
        assertThat(hit.id()).isEqualTo("01031500");
        assertThat(hit.name()).isEqualTo("Piscataquis River near Dover-Foxcroft, Maine");
        assertThat(hit.describe()).isEqualTo("01031500 — Piscataquis River near Dover-Foxcroft, Maine\n"
                + "frac_snow: 0.292 -");
    }

    @Test
    void findsBasinPolygonByItsInteriorAndNothingOverTheBackdrop() throws Exception {
        MapScene scene = new MapSceneBuilder().addFile(TestData.conusStates()).addFile(TestData.twoBasins())
                .build();
        MapLayer basins = scene.layers().get(1);
        MapViewport view = MapViewport.fit(basins.data().bounds(), 500, 400, 10);
        Point inside = basins.data().features().get(0).geometry().getInteriorPoint();
        FeatureHit hit = FeaturePicker.pick(scene, view, view.toScreenX(inside.getX()),
                view.toScreenY(inside.getY()), 2).orElseThrow();
        assertThat(hit.id()).isEqualTo("01022500");
        assertThat(hit.selection()).isEqualTo(new Selection(1, 0));
        // far corner: only the (unpickable) backdrop or nothing
        assertThat(FeaturePicker.pick(scene, view, 2, 2, 2)).isEmpty();
    }

    @Test
    void panAndZoomKeepTheAnchorFixed() {
        MapViewport v = new MapViewport(1000, 2000, 0.01, 800, 600);
        MapViewport z = v.zoomAt(2, 100, 50);
        assertThat(z.toWorldX(100)).isCloseTo(v.toWorldX(100), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(z.toWorldY(50)).isCloseTo(v.toWorldY(50), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(z.scale()).isEqualTo(0.02);
        MapViewport p = v.panBy(30, -20);
        assertThat(p.toScreenX(v.toWorldX(0))).isCloseTo(30, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.toScreenY(v.toWorldY(0))).isCloseTo(-20, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(List.of(v.resized(400, 300).centerX())).containsExactly(1000.0);
    }
}
