package org.hydrodelta.maps.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import org.hydrodelta.maps.TestData;
import org.hydrodelta.maps.io.Feature;
import org.hydrodelta.maps.io.FeatureSet;
import org.hydrodelta.maps.io.GeoJsonReader;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.cs.AxisDirection;

class CoordinateSystemsTest {
    @Test
    void parsesPrjWithLongitudeFirst() throws Exception {
        String wkt = Files.readString(TestData.geo().resolve("basin_polygons/camels_01022500.prj"));
        CoordinateReferenceSystem crs = CoordinateSystems.fromWkt(wkt);
        assertThat(CoordinateSystems.isGeographic(crs)).isTrue();
        assertThat(crs.getCoordinateSystem().getAxis(0).getDirection()).isEqualTo(AxisDirection.EAST);
        assertThat(crs.getCoordinateSystem().getAxis(1).getDirection()).isEqualTo(AxisDirection.NORTH);
    }

    @Test
    void normalisesLatitudeFirstWkt2ToLongitudeFirst() {
        String wkt = "GEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\",ELLIPSOID[\"WGS 84\",6378137,"
                + "298.257223563]],CS[ellipsoidal,2],AXIS[\"latitude\",north],AXIS[\"longitude\",east],"
                + "ANGLEUNIT[\"degree\",0.0174532925199433]]";
        CoordinateReferenceSystem crs = CoordinateSystems.fromWkt(wkt);
        assertThat(crs.getCoordinateSystem().getAxis(0).getDirection()).isEqualTo(AxisDirection.EAST);
        double[] p = new GeometryReprojector(crs, CoordinateSystems.wgs84()).transform(-69.3147, 45.17501);
        assertThat(p[0]).isCloseTo(-69.3147, offset(1e-12));
    }

    @Test
    void rejectsUnparsableWkt() {
        assertThatThrownBy(() -> CoordinateSystems.fromWkt("GEOGCS[\"broken\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot parse");
    }

    @Test
    void conusAlbersMatchesSnyderEllipsoidalFormulas() {
        GeometryReprojector toAlbers = new GeometryReprojector(CoordinateSystems.wgs84(),
                CoordinateSystems.conusAlbers());
        double[][] lonLat = {{-67.93524, 44.60797}, {-69.3147, 45.17501}, {-122.0, 37.5}, {-96, 23}, {-80, 26}};
        for (double[] ll : lonLat) {
            double[] got = toAlbers.transform(ll[0], ll[1]);
            double[] want = snyderAlbers(ll[0], ll[1]);
            assertThat(got[0]).as("x of %s", ll).isCloseTo(want[0], offset(0.01));
            assertThat(got[1]).as("y of %s", ll).isCloseTo(want[1], offset(0.01));
        }
    }

    /** Snyder (1987), Map Projections: A Working Manual, eqs. 14-3 to 14-6 on the GRS80 ellipsoid. */
    private static double[] snyderAlbers(double lon, double lat) {
        double a = 6378137;
        double f = 1 / 298.257222101;
        double e2 = 2 * f - f * f;
        double e = Math.sqrt(e2);
        double lat0 = Math.toRadians(23);
        double lat1 = Math.toRadians(29.5);
        double lat2 = Math.toRadians(45.5);
        double m1 = m(lat1, e2);
        double m2 = m(lat2, e2);
        double q0 = q(lat0, e, e2);
        double q1 = q(lat1, e, e2);
        double q2 = q(lat2, e, e2);
        double n = (m1 * m1 - m2 * m2) / (q2 - q1);
        double c = m1 * m1 + n * q1;
        double rho0 = a * Math.sqrt(c - n * q0) / n;
        double rho = a * Math.sqrt(c - n * q(Math.toRadians(lat), e, e2)) / n;
        double theta = n * Math.toRadians(lon + 96);
        return new double[] {rho * Math.sin(theta), rho0 - rho * Math.cos(theta)};
    }

    private static double m(double phi, double e2) {
        return Math.cos(phi) / Math.sqrt(1 - e2 * Math.sin(phi) * Math.sin(phi));
    }

    private static double q(double phi, double e, double e2) {
        double s = Math.sin(phi);
        return (1 - e2) * (s / (1 - e2 * s * s) - 1 / (2 * e) * Math.log((1 - e * s) / (1 + e * s)));
    }

    @Test
    void roundTripsAllGaugesThroughDisplayProjection() throws Exception {
        FeatureSet gauges = GeoJsonReader.read(TestData.gauges());
        CoordinateReferenceSystem display = CoordinateSystems.displayProjectionFor(gauges.bounds());
        GeometryReprojector forward = new GeometryReprojector(gauges.crs(), display);
        FeatureSet back = forward.inverse().reproject(forward.reproject(gauges));
        for (int i = 0; i < gauges.size(); i++) {
            Point a = (Point) gauges.features().get(i).geometry();
            Point b = (Point) back.features().get(i).geometry();
            assertThat(b.getX()).isCloseTo(a.getX(), offset(1e-7));
            assertThat(b.getY()).isCloseTo(a.getY(), offset(1e-7));
        }
        // and the projected coordinates are metres, not degrees
        Feature f = forward.reproject(gauges).features().get(1);
        assertThat(Math.abs(f.geometry().getCoordinate().x)).isGreaterThan(1e5);
    }

    @Test
    void choosesConusAlbersForTheUnitedStatesAndACentredEqualAreaElsewhere() throws Exception {
        FeatureSet gauges = GeoJsonReader.read(TestData.gauges());
        assertThat(CoordinateSystems.displayProjectionFor(gauges.bounds()).getName().getCode())
                .contains("Conus Albers");
        Envelope alps = new Envelope(5, 16, 44, 48);
        CoordinateReferenceSystem laea = CoordinateSystems.displayProjectionFor(alps);
        assertThat(laea.getName().getCode()).contains("Lambert azimuthal equal-area");
        // centred on the data: the centre of the box projects to the origin
        double[] c = new GeometryReprojector(CoordinateSystems.wgs84(), laea).transform(10.5, 46);
        assertThat(c[0]).isCloseTo(0, offset(1e-6));
        assertThat(c[1]).isCloseTo(0, offset(1e-6));
    }
}
