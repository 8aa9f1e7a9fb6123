package org.hydrodelta.maps.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hydrodelta.maps.TestData;
import org.hydrodelta.maps.crs.CoordinateSystems;
import org.hydrodelta.maps.crs.GeometryReprojector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Lasso selection on the sample project's real layers. Expected sets come from the CAMELS attribute file's gauge
 * latitudes and longitudes (plain arithmetic in degrees), not from the geometry code under test.
 */
class LassoTest {
    /** A lon/lat box around New England (Maine to Connecticut), at least 0.09 degrees from every gauge. */
    private static final double WEST = -73.1;
    private static final double EAST = -66.5;
    private static final double SOUTH = 41.0;
    private static final double NORTH = 47.6;

    private static MapScene scene;
    private static MapLayer gauges;
    private static List<String[]> topo;

    @BeforeAll
    static void read() throws IOException {
        scene = new MapSceneBuilder().addFile(TestData.conusStates()).addFile(TestData.twoBasins())
                .addFile(TestData.gauges()).build();
        gauges = scene.layers().get(2);
        Path file = TestData.repoRoot().resolve(
                "sample-projects/camels-regions/data/camels-us/camels_attributes_v2.0/camels_topo.txt");
        topo = Files.readAllLines(file).stream().skip(1).map(l -> l.split(";")).toList();
    }

    /** @return gauge ids whose attribute-file lon/lat satisfies the test */
    private static Set<String> gaugesWhere(java.util.function.BiPredicate<Double, Double> lonLat) {
        Set<String> ids = new TreeSet<>();
        for (String[] row : topo) {
            if (lonLat.test(Double.parseDouble(row[2]), Double.parseDouble(row[1]))) {
                ids.add(row[0]);
            }
        }
        return ids;
    }

    /**
     * Projects a lon/lat outline to the map, each edge cut into 0.05 degree steps so that its edges stay the lon/lat
     * lines the expected sets are computed with.
     */
    private static List<Coordinate> toWorld(double[][] lonLat) {
        GeometryReprojector p = new GeometryReprojector(CoordinateSystems.wgs84(), gauges.data().crs());
        List<Coordinate> out = new ArrayList<>();
        for (int i = 0; i < lonLat.length; i++) {
            double[] a = lonLat[i];
            double[] b = lonLat[(i + 1) % lonLat.length];
            int steps = (int) Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / 0.05);
            for (int k = 0; k < steps; k++) {
                double t = (double) k / steps;
                double[] xy = p.transform(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]));
                out.add(new Coordinate(xy[0], xy[1]));
            }
        }
        return out;
    }

    @Test
    void aBoxAroundNewEnglandSelectsExactlyItsGauges() {
        Set<String> expected = gaugesWhere((lon, lat) -> lon > WEST && lon < EAST && lat > SOUTH && lat < NORTH);
        // 26 HUC-01 gauges plus 04296000 (Vermont, draining to the St. Lawrence); 01333000 (Hoosic) lies just west
        assertThat(expected).hasSize(27).contains("01013500", "01022500", "01195100", "04296000")
                .doesNotContain("01333000");
        LassoSelection s = Lasso.select(scene, toWorld(new double[][] {{WEST, SOUTH}, {EAST, SOUTH}, {EAST, NORTH},
            {WEST, NORTH}}));
        assertThat(s.layerIndex()).as("topmost pickable layer with hits: the gauges").isEqualTo(2);
        assertThat(s.ids()).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(s.ids())).isEqualTo(expected);
        assertThat(s.featureIndices()).isSorted().hasSize(27);
        // the same outline clockwise and explicitly closed gives the same answer
        List<Coordinate> cw = toWorld(new double[][] {{WEST, SOUTH}, {WEST, NORTH}, {EAST, NORTH}, {EAST, SOUTH}});
        cw.add(new Coordinate(cw.get(0)));
        assertThat(Lasso.idsInside(gauges, Lasso.area(cw))).containsExactlyElementsOf(s.ids());
    }

    @Test
    void aSelfIntersectingBowTieSelectsWhatIsInsideEitherLoop() {
        double south = 41.2;
        double north = 47.8;
        double cx = (WEST + EAST) / 2;
        double cy = (south + north) / 2;
        double hw = (EAST - WEST) / 2;
        double hh = (north - south) / 2;
        // corners joined by the diagonals: a left and a right triangle touching at the centre
        Set<String> expected = gaugesWhere((lon, lat) -> lon > WEST && lon < EAST
                && Math.abs(lat - cy) / hh < Math.abs(lon - cx) / hw);
        Set<String> left = gaugesWhere((lon, lat) -> lon < cx);
        assertThat(expected).as("both loops catch gauges").anyMatch(left::contains)
                .anyMatch(id -> !left.contains(id));
        // no gauge near the diagonals, so the projection's slight bending of them cannot matter
        for (String[] row : topo) {
            double lon = Double.parseDouble(row[2]);
            double lat = Double.parseDouble(row[1]);
            if (lon > WEST && lon < EAST) {
                assertThat(Math.abs(Math.abs(lat - cy) / hh - Math.abs(lon - cx) / hw)).as(row[0])
                        .isGreaterThan(0.03);
            }
        }
        Geometry area = Lasso.area(toWorld(new double[][] {{WEST, south}, {EAST, north}, {EAST, south},
            {WEST, north}}));
        assertThat(area.isValid()).isTrue();
        assertThat(area.getNumGeometries()).isEqualTo(2);
        assertThat(new TreeSet<>(Lasso.idsInside(gauges, area))).isEqualTo(expected).hasSize(19);
    }

    @Test
    void polygonsCountByTheirInteriorPoint() {
        MapLayer basins = scene.layers().get(1);
        Envelope narraguagus = basins.data().features().get(0).geometry().getEnvelopeInternal();
        Envelope piscataquis = basins.data().features().get(1).geometry().getEnvelopeInternal();
        assertThat(narraguagus.intersects(piscataquis)).isFalse();
        Envelope around = new Envelope(narraguagus);
        around.expandBy(1000);
        List<Coordinate> ring = List.of(new Coordinate(around.getMinX(), around.getMinY()),
                new Coordinate(around.getMaxX(), around.getMinY()), new Coordinate(around.getMaxX(), around.getMaxY()),
                new Coordinate(around.getMinX(), around.getMaxY()));
        assertThat(Lasso.idsInside(basins, Lasso.area(ring))).containsExactly("01022500");

        // a small loop around the basin's interior point, away from any gauge, selects from the polygon layer
        Point inside = basins.data().features().get(0).geometry().getInteriorPoint();
        double r = 500;
        List<Coordinate> small = List.of(new Coordinate(inside.getX() - r, inside.getY() - r),
                new Coordinate(inside.getX() + r, inside.getY() - r), new Coordinate(inside.getX(), inside.getY() + r));
        LassoSelection s = Lasso.select(scene, small);
        assertThat(s.layerIndex()).isEqualTo(1);
        assertThat(s.ids()).containsExactly("01022500");
        // a loop inside the basin that misses its interior point does not select it
        List<Coordinate> off = List.of(new Coordinate(inside.getX() + r, inside.getY() + r),
                new Coordinate(inside.getX() + 2 * r, inside.getY() + r),
                new Coordinate(inside.getX() + 2 * r, inside.getY() + 2 * r));
        assertThat(Lasso.idsInside(basins, Lasso.area(off))).isEmpty();
    }

    @Test
    void degenerateOutlinesSelectNothing() {
        Point p = (Point) gauges.data().features().get(0).geometry();
        Coordinate a = p.getCoordinate();
        Coordinate b = new Coordinate(a.x + 10_000, a.y);
        assertThat(Lasso.select(scene, List.of()).isEmpty()).isTrue();
        assertThat(Lasso.select(scene, List.of(a)).isEmpty()).isTrue();
        assertThat(Lasso.select(scene, List.of(a, b)).isEmpty()).isTrue();
        assertThat(Lasso.area(List.of(a, b, new Coordinate(a), new Coordinate(b))).isEmpty())
                .as("repeated points are not distinct").isTrue();
        // three points on a line enclose nothing, even with the gauge on it
        LassoSelection line = Lasso.select(scene, List.of(new Coordinate(a.x - 1000, a.y), a, b));
        assertThat(line.isEmpty()).isTrue();
        assertThat(line.area().isEmpty()).isTrue();
        assertThat(line.layerIndex()).isEqualTo(-1);
        // an outline far from all features catches nothing but keeps its area
        List<Coordinate> sea = List.of(new Coordinate(a.x + 1e6, a.y), new Coordinate(a.x + 1.1e6, a.y),
                new Coordinate(a.x + 1.1e6, a.y + 1e5));
        LassoSelection none = Lasso.select(scene, sea);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.area().getArea()).isGreaterThan(0);
    }
}
