package org.hydrodelta.maps.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.hydrodelta.maps.TestData;
import org.hydrodelta.maps.crs.CoordinateSystems;
import org.hydrodelta.maps.crs.GeometryReprojector;
import org.hydrodelta.maps.io.FeatureSet;
import org.hydrodelta.maps.io.GeoJsonReader;
import org.hydrodelta.maps.style.LayerStyle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * The scale bar and north arrow of exported maps, checked against the CONUS Albers formulas of Snyder (1987,
 * Map Projections: A Working Manual, USGS PP 1395, eqs. 3-12, 3-13, 14-3 to 14-15) on the GRS 80 ellipsoid.
 */
class MapFurnitureTest {
    private static final double A = 6378137;
    private static final double F = 1 / 298.257222101;
    private static final double E2 = 2 * F - F * F;
    private static final double E = Math.sqrt(E2);
    private static final double PHI1 = Math.toRadians(29.5);
    private static final double PHI2 = Math.toRadians(45.5);
    private static final double N = (m(PHI1) * m(PHI1) - m(PHI2) * m(PHI2)) / (q(PHI2) - q(PHI1));
    private static final double C = m(PHI1) * m(PHI1) + N * q(PHI1);

    private static FeatureSet states;
    private static FeatureSet gauges;
    private static final CoordinateReferenceSystem ALBERS = CoordinateSystems.conusAlbers();

    @BeforeAll
    static void load() throws Exception {
        GeometryReprojector toAlbers = new GeometryReprojector(CoordinateSystems.wgs84(), ALBERS);
        states = toAlbers.reproject(GeoJsonReader.read(TestData.conusStates()));
        gauges = toAlbers.reproject(GeoJsonReader.read(TestData.gauges()));
    }

    private static double m(double phi) {
        return Math.cos(phi) / Math.sqrt(1 - E2 * Math.sin(phi) * Math.sin(phi));
    }

    private static double q(double phi) {
        double s = Math.sin(phi);
        return (1 - E2) * (s / (1 - E2 * s * s) - 1 / (2 * E) * Math.log((1 - E * s) / (1 + E * s)));
    }

    /** Albers scale factor along a parallel. */
    private static double k(double latitudeDegrees) {
        double phi = Math.toRadians(latitudeDegrees);
        double rho = A * Math.sqrt(C - N * q(phi)) / N;
        return rho * N / (A * m(phi));
    }

    /** A 1000×600 view fitted to a 1200 km wide extent centred on the given point. */
    private static MapViewport viewAround(double lon, double lat) {
        double[] c = new GeometryReprojector(CoordinateSystems.wgs84(), ALBERS).transform(lon, lat);
        Envelope extent = new Envelope(c[0] - 600_000, c[0] + 600_000, c[1] - 360_000, c[1] + 360_000);
        return MapViewport.fit(extent, 1000, 600, 0);
    }

    @Test
    void theScaleBarIsARoundGroundLengthDrawnAtTheProjectionsScaleAtTheCentre() {
        // at 50° N the Albers map stretches east-west distances by 1.7 %: a bar that took projected metres for
        // ground metres would be off by more than the 1 % allowed
        assertThat(k(50)).isGreaterThan(1.015);
        MapViewport view = viewAround(-96, 50);
        MapFurniture.ScaleBar bar = MapFurniture.measure(ALBERS, view).scaleBar();
        assertThat(bar.metres()).isEqualTo(200_000);
        assertThat(bar.label()).isEqualTo("200 km");
        double expectedPixels = bar.metres() * k(50) * view.scale();
        assertThat(bar.pixels()).isCloseTo(expectedPixels, within(expectedPixels * 0.01));
        assertThat(bar.pixels()).isLessThanOrEqualTo(1000 * MapFurniture.MAX_BAR_FRACTION);

        // between the standard parallels the map shrinks them instead
        assertThat(k(37)).isLessThan(0.992);
        MapViewport middle = viewAround(-96, 37);
        MapFurniture.ScaleBar mid = MapFurniture.measure(ALBERS, middle).scaleBar();
        double expectedMid = mid.metres() * k(37) * middle.scale();
        assertThat(mid.pixels()).isCloseTo(expectedMid, within(expectedMid * 0.01));
    }

    @Test
    void roundLengthsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(MapFurniture.roundBar(1 / 1000.0, 180).label()).isEqualTo("100 km");
        assertThat(MapFurniture.roundBar(1 / 1000.0, 260).label()).isEqualTo("200 km");
        assertThat(MapFurniture.roundBar(1 / 1000.0, 600).label()).isEqualTo("500 km");
        assertThat(MapFurniture.roundBar(1, 180).label()).isEqualTo("100 m");
        assertThat(MapFurniture.roundBar(1 / 10.0, 180).label()).isEqualTo("1 km");
    }

    @Test
    void onALambertMapTheCentreIsTrueToScaleAndNorthIsUp() {
        CoordinateReferenceSystem laea = CoordinateSystems.lambertAzimuthalEqualArea(47, 8);
        MapViewport view = new MapViewport(0, 0, 1 / 2000.0, 800, 500);
        MapFurniture f = MapFurniture.measure(laea, view);
        assertThat(f.scaleBar().pixels()).isCloseTo(f.scaleBar().metres() * view.scale(),
                within(f.scaleBar().pixels() * 0.005));
        assertThat(Math.toDegrees(f.northAngle())).isCloseTo(0, within(0.01));
    }

    @Test
    void onAnAlbersMapOfTheWestNorthLeansTowardsTheCentralMeridian() {
        // meridian convergence of the cone: gamma = n (lon - lon0), lon0 = 96° W; north at 120° W turns
        // clockwise by n * 24° = 14.5°
        double expected = N * (-96 - -120);
        assertThat(expected).isCloseTo(14.47, within(0.01));
        MapFurniture west = MapFurniture.measure(ALBERS, viewAround(-120, 44));
        assertThat(Math.toDegrees(west.northAngle())).isCloseTo(expected, within(0.05));
        MapFurniture east = MapFurniture.measure(ALBERS, viewAround(-75, 40));
        assertThat(Math.toDegrees(east.northAngle())).isCloseTo(N * (-96 - -75), within(0.05));
        MapFurniture middle = MapFurniture.measure(ALBERS, viewAround(-96, 40));
        assertThat(Math.toDegrees(middle.northAngle())).isCloseTo(0, within(0.05));
    }

    @Test
    void anExportedPngShowsTheScaleBarAndTheNorthArrowTheScreenDoesNot() {
        MapScene scene = new MapScene(List.of(MapLayer.of(states, LayerStyle.BACKDROP, false),
                MapLayer.of(gauges, LayerStyle.POINTS, true)), null, "CAMELS gauges", true);
        MapViewport view = MapViewport.fit(states.bounds(), 900, 560, 20);
        BufferedImage exported = new MapExporter().renderImage(scene, view);
        BufferedImage screen = FigureWriter.image((g, w, h) -> new MapRenderer().render(g, scene, view), 900, 560);
        MapFurniture f = MapFurniture.measure(ALBERS, view);

        Rectangle2D bar = f.barBounds(view);
        int y = (int) bar.getCenterY();
        int blackHalf = (int) (bar.getX() + bar.getWidth() / 4);
        int whiteHalf = (int) (bar.getX() + bar.getWidth() * 3 / 4);
        assertThat(rgb(exported, blackHalf, y)).isEqualTo(Color.BLACK.getRGB());
        assertThat(rgb(exported, whiteHalf, y)).isEqualTo(Color.WHITE.getRGB());
        assertThat(rgb(screen, blackHalf, y)).isNotEqualTo(Color.BLACK.getRGB());
        // the bar ends where its length says: its outline is drawn at the right edge
        int end = (int) Math.round(bar.getMaxX());
        assertThat(darkPixelsInColumn(exported, end, y - 2, y + 2)).isPositive();

        // the arrow: black on the left of its axis, white on the right, turned by the north angle
        double[] c = f.arrowCentre(view);
        int[] left = rotated(c, f.northAngle(), -3, 8);
        int[] right = rotated(c, f.northAngle(), 3, 8);
        assertThat(rgb(exported, left[0], left[1])).isEqualTo(Color.BLACK.getRGB());
        assertThat(rgb(exported, right[0], right[1])).isEqualTo(Color.WHITE.getRGB());
        assertThat(rgb(screen, left[0], left[1])).isNotEqualTo(Color.BLACK.getRGB());
    }

    private static int[] rotated(double[] centre, double angle, double x, double y) {
        return new int[] {(int) Math.round(centre[0] + x * Math.cos(angle) - y * Math.sin(angle)),
            (int) Math.round(centre[1] + x * Math.sin(angle) + y * Math.cos(angle))};
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) | 0xFF000000;
    }

    private static int darkPixelsInColumn(BufferedImage img, int x, int y0, int y1) {
        int n = 0;
        for (int y = y0; y <= y1; y++) {
            Color c = new Color(img.getRGB(x, y));
            if (c.getRed() + c.getGreen() + c.getBlue() < 200) {
                n++;
            }
        }
        return n;
    }
}
