package org.hydrodelta.maps.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.hydrodelta.maps.TestData;
import org.hydrodelta.maps.crs.CoordinateSystems;
import org.hydrodelta.maps.crs.GeometryReprojector;
import org.hydrodelta.maps.io.FeatureSet;
import org.hydrodelta.maps.io.GeoJsonReader;
import org.hydrodelta.maps.io.ShapefileReader;
import org.hydrodelta.maps.style.Classification;
import org.hydrodelta.maps.style.ColorRamp;
import org.hydrodelta.maps.style.ColorScale;
import org.hydrodelta.maps.style.LayerStyle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;

class MapRendererTest {
    private static final int W = 800;
    private static final int H = 500;
    private static FeatureSet gauges;
    private static FeatureSet basins;
    private static FeatureSet states;
    private final MapExporter exporter = new MapExporter();

    @BeforeAll
    static void load() throws Exception {
        GeometryReprojector toAlbers = new GeometryReprojector(CoordinateSystems.wgs84(),
                CoordinateSystems.conusAlbers());
        gauges = toAlbers.reproject(GeoJsonReader.read(TestData.gauges()));
        basins = toAlbers.reproject(ShapefileReader.read(TestData.twoBasins()));
        states = toAlbers.reproject(GeoJsonReader.read(TestData.conusStates()));
    }

    private static Color pixel(BufferedImage img, double x, double y) {
        return new Color(img.getRGB((int) Math.floor(x), (int) Math.floor(y)), true);
    }

    @Test
    void aKnownGaugeLandsOnTheExpectedPixel() {
        MapLayer layer = MapLayer.of(gauges, LayerStyle.POINTS, true);
        Point narraguagus = (Point) gauges.features().get(1).geometry(); // 01022500
        Point piscataquis = (Point) gauges.features().get(3).geometry(); // 01031500
        double scale = 1 / 500.0; // 500 m per pixel
        MapViewport view = new MapViewport(narraguagus.getX(), narraguagus.getY(), scale, W, H);
        BufferedImage img = exporter.renderImage(new MapScene(List.of(layer), null, null, false), view);
        // the centred gauge is at the canvas centre
        assertThat(pixel(img, W / 2.0, H / 2.0)).isEqualTo(LayerStyle.POINTS.fill());
        // the other gauge: offset by its projected distance divided by 500 m, y flipped
        double px = W / 2.0 + (piscataquis.getX() - narraguagus.getX()) * scale;
        double py = H / 2.0 - (piscataquis.getY() - narraguagus.getY()) * scale;
        assertThat(px).isBetween(0.0, (double) W);
        assertThat(pixel(img, px, py)).isEqualTo(LayerStyle.POINTS.fill());
        // 12 pixels to the side of it there is no symbol (radius 3.5): background
        assertThat(pixel(img, px + 12, py)).isEqualTo(MapRenderer.BACKGROUND);
    }

    @Test
    void basinWithoutValueIsDrawnInTheNanColour() {
        MapLayer plain = MapLayer.of(basins, LayerStyle.POLYGONS, true);
        MapLayer coloured = plain.colouredBy("bias", "%", plain.valuesById(Map.of("01022500", 12.5)),
                ColorRamp.VIRIDIS, Classification.CONTINUOUS, 0);
        assertThat(coloured.value(1)).isNaN();
        MapViewport view = MapViewport.fit(basins.bounds(), W, H, 20);
        BufferedImage img = exporter.renderImage(new MapScene(List.of(coloured), null, null, false), view);
        Point inside1 = basins.features().get(0).geometry().getInteriorPoint();
        Point inside2 = basins.features().get(1).geometry().getInteriorPoint();
        Color withValue = coloured.style().choropleth().scale().colorFor(12.5);
        assertThat(pixel(img, view.toScreenX(inside1.getX()), view.toScreenY(inside1.getY()))).isEqualTo(withValue);
        assertThat(pixel(img, view.toScreenX(inside2.getX()), view.toScreenY(inside2.getY())))
                .isEqualTo(ColorScale.DEFAULT_NAN_COLOR);
    }

    @Test
    void basinPolygonsColouredLikeTheirGaugesTakeTheGaugesColour() {
        MapLayer plainGauges = MapLayer.of(gauges, LayerStyle.POINTS, true);
        // e.g. the test NSE of a run; the other gauges have none
        MapLayer gaugeLayer = plainGauges.colouredBy("NSE", "", plainGauges.valuesById(Map.of("01022500", 0.81,
                "01031500", 0.35, "01013500", 0.6)), ColorRamp.VIRIDIS, Classification.CONTINUOUS, 0);
        MapLayer polygons = MapLayer.of(basins, LayerStyle.POLYGONS, true).colouredLike(gaugeLayer);
        assertThat(polygons.style().choropleth()).isSameAs(gaugeLayer.style().choropleth());
        MapViewport view = MapViewport.fit(basins.bounds(), W, H, 20);
        BufferedImage img = exporter.renderImage(new MapScene(List.of(polygons, gaugeLayer), null, null, true),
                view);
        ColorScale scale = gaugeLayer.style().choropleth().scale();
        for (int b = 0; b < 2; b++) {
            String id = polygons.featureId(basins.features().get(b));
            int g = 0;
            while (!gaugeLayer.featureId(gauges.features().get(g)).equals(id)) {
                g++;
            }
            Color gaugeColour = scale.colorFor(gaugeLayer.value(g));
            assertThat(gaugeLayer.value(g)).isNotNaN();
            Point inside = basins.features().get(b).geometry().getInteriorPoint();
            assertThat(pixel(img, view.toScreenX(inside.getX()), view.toScreenY(inside.getY())))
                    .as("polygon of %s", id).isEqualTo(gaugeColour);
        }
        // the two gauges differ in NSE, so the two polygons differ in colour
        Point a = basins.features().get(0).geometry().getInteriorPoint();
        Point c = basins.features().get(1).geometry().getInteriorPoint();
        assertThat(pixel(img, view.toScreenX(a.getX()), view.toScreenY(a.getY())))
                .isNotEqualTo(pixel(img, view.toScreenX(c.getX()), view.toScreenY(c.getY())));
        // the legend is the gauges', and says "no data" when a polygon has no gauge value
        MapScene scene = new MapScene(List.of(polygons, gaugeLayer), null, null, true);
        assertThat(scene.legendLayer()).containsSame(gaugeLayer);
        assertThat(scene.legendHasNoData()).isTrue(); // the other 668 gauges have no NSE here
        MapLayer onlyOne = MapLayer.of(gauges.withFeatures(List.of(gauges.features().get(1)), gauges.crs()),
                LayerStyle.POINTS, true).colouredBy("NSE", new double[] {0.81}, scale);
        assertThat(onlyOne.hasMissingValues()).isFalse();
        MapLayer bothPolygons = MapLayer.of(basins, LayerStyle.POLYGONS, true).colouredLike(onlyOne);
        assertThat(new MapScene(List.of(bothPolygons, onlyOne), null, null, true).legendHasNoData())
                .as("01031500's polygon has no value").isTrue();
        assertThat(new MapScene(List.of(onlyOne), null, null, true).legendHasNoData()).isFalse();
        assertThat(exporter.renderSvg(new MapScene(List.of(bothPolygons, onlyOne), null, null, true), view))
                .contains("no data");
        // and uncoloured again when the gauges are
        assertThat(polygons.colouredLike(MapLayer.of(gauges, LayerStyle.POINTS, true)).style().choropleth())
                .isNull();
    }

    @Test
    void choroplethOfGaugesUsesTheRampColourOfEachValue() {
        MapLayer layer = MapLayer.of(gauges, LayerStyle.POINTS, true)
                .colouredByField("aridity", "-", ColorRamp.MAGMA, Classification.QUANTILES, 5);
        Point p = (Point) gauges.features().get(0).geometry();
        MapViewport view = new MapViewport(p.getX(), p.getY(), 1 / 1000.0, W, H);
        BufferedImage img = exporter.renderImage(new MapScene(List.of(layer), null, null, false), view);
        Color expected = layer.style().choropleth().scale().colorFor(gauges.features().get(0).number("aridity"));
        assertThat(pixel(img, W / 2.0, H / 2.0)).isEqualTo(expected);
    }

    @Test
    void selectionIsOutlinedInTheHighlightColour() {
        MapLayer layer = MapLayer.of(gauges, LayerStyle.POINTS, true);
        Point p = (Point) gauges.features().get(1).geometry();
        MapViewport view = new MapViewport(p.getX(), p.getY(), 1 / 500.0, W, H);
        MapScene scene = new MapScene(List.of(layer), new Selection(0, 1), null, false);
        BufferedImage img = exporter.renderImage(scene, view);
        double ringRadius = LayerStyle.POINTS.pointRadius() + 3;
        Color ring = pixel(img, W / 2.0 + ringRadius, H / 2.0);
        assertThat(ring.getRed()).isGreaterThan(220);
        assertThat(ring.getBlue()).isLessThan(80);
        BufferedImage unselected = exporter.renderImage(scene.withSelection(null), view);
        assertThat(pixel(unselected, W / 2.0 + ringRadius, H / 2.0)).isEqualTo(MapRenderer.BACKGROUND);
    }

    @Test
    void backdropStatesFillLandAndLeaveTheOceanWhite() {
        MapLayer backdrop = MapLayer.of(states, LayerStyle.BACKDROP, false);
        MapViewport view = MapViewport.fit(states.bounds(), 1600, 1000, 10);
        BufferedImage img = exporter.renderImage(new MapScene(List.of(backdrop), null, null, false), view);
        GeometryReprojector toAlbers = new GeometryReprojector(CoordinateSystems.wgs84(),
                CoordinateSystems.conusAlbers());
        double[] kansas = toAlbers.transform(-98.5, 38.5);
        double[] gulf = toAlbers.transform(-90.0, 26.5);
        assertThat(pixel(img, view.toScreenX(kansas[0]), view.toScreenY(kansas[1])))
                .isEqualTo(LayerStyle.BACKDROP.fill());
        assertThat(pixel(img, view.toScreenX(gulf[0]), view.toScreenY(gulf[1])))
                .isEqualTo(MapRenderer.BACKGROUND);
    }

    @Test
    void labelsAreDrawnBesideTheirFeatures() {
        MapLayer layer = MapLayer.of(gauges, LayerStyle.POINTS.withLabels("gauge_id"), true);
        Point p = (Point) gauges.features().get(1).geometry();
        MapViewport view = new MapViewport(p.getX(), p.getY(), 1 / 2000.0, W, H);
        MapScene scene = new MapScene(List.of(layer), null, null, false);
        assertThat(exporter.renderSvg(scene, view)).contains(">01022500<");
        BufferedImage img = exporter.renderImage(scene, view);
        // dark text pixels in the box right of the symbol where the label starts
        int dark = 0;
        for (int x = W / 2 + 6; x < W / 2 + 50; x++) {
            for (int y = H / 2 - 6; y < H / 2 + 6; y++) {
                Color c = pixel(img, x, y);
                dark += c.getRed() + c.getGreen() + c.getBlue() < 200 ? 1 : 0;
            }
        }
        assertThat(dark).isGreaterThan(20);
    }

    @Test
    void svgAndPdfHoldTheSameMapWithLegendAndUnits(@TempDir Path dir) throws Exception {
        MapLayer layer = MapLayer.of(basins, LayerStyle.POLYGONS, true).colouredBy("baseflow index", "-",
                new double[] {0.52, Double.NaN}, ColorRamp.VIRIDIS, Classification.CONTINUOUS, 0);
        MapScene plain = new MapScene(List.of(MapLayer.of(states, LayerStyle.BACKDROP, false),
                MapLayer.of(basins, LayerStyle.POLYGONS, true)), null, "Baseflow index", true);
        assertThat(plain.legendLayer()).isEmpty();
        MapScene scene = plain.withLayer(1, layer);
        assertThat(scene.legendLayer()).containsSame(layer);
        MapViewport view = MapViewport.fit(basins.bounds(), 600, 400, 20);
        exporter.write(scene, view, dir.resolve("m.svg"));
        exporter.write(scene, view, dir.resolve("m.pdf"));
        exporter.write(scene, view, dir.resolve("m.png"));
        String svg = java.nio.file.Files.readString(dir.resolve("m.svg"));
        assertThat(svg).startsWith("<?xml").contains("<svg").contains("baseflow index [-]").contains("no data")
                .contains("Baseflow index");
        byte[] pdf = java.nio.file.Files.readAllBytes(dir.resolve("m.pdf"));
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(pdf.length).isGreaterThan(2000);
        BufferedImage png = ImageIO.read(dir.resolve("m.png").toFile());
        assertThat(png.getWidth()).isEqualTo(600);
        assertThat(png.getHeight()).isEqualTo(400);
    }
}
