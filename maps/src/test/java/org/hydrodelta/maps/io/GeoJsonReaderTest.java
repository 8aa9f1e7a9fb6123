package org.hydrodelta.maps.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hydrodelta.maps.TestData;
import org.hydrodelta.maps.crs.CoordinateSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;

class GeoJsonReaderTest {
    @Test
    void readsAll671GaugesWithAttributes() throws Exception {
        FeatureSet set = GeoJsonReader.read(TestData.gauges());
        assertThat(set.size()).isEqualTo(671);
        assertThat(set.features()).allSatisfy(f -> assertThat(f.geometry()).isInstanceOf(Point.class));
        Feature f = set.features().get(1);
        assertThat(f.text("gauge_id")).isEqualTo("01022500");
        assertThat(f.text("gauge_name")).isEqualTo("Narraguagus River at Cherryfield, Maine");
        assertThat(f.number("area_gages2")).isEqualTo(573.6);
        assertThat(((Point) f.geometry()).getX()).isEqualTo(-67.93524);
        assertThat(((Point) f.geometry()).getY()).isEqualTo(44.60797);
        assertThat(set.field("aridity").orElseThrow().type()).isEqualTo(FieldType.NUMERIC);
        assertThat(set.field("gauge_id").orElseThrow().type()).isEqualTo(FieldType.CHARACTER);
        assertThat(CoordinateSystems.isGeographic(set.crs())).isTrue();
    }

    @Test
    void readsConusStateOutlinesAsPolygons() throws Exception {
        FeatureSet set = GeoJsonReader.read(TestData.conusStates());
        assertThat(set.size()).isEqualTo(49);
        assertThat(set.features()).allSatisfy(f -> assertThat(f.geometry()).isInstanceOf(Polygonal.class));
        assertThat(set.features().stream().map(f -> f.text("name"))).contains("Maine", "California");
        assertThat(set.bounds().getMinX()).isBetween(-125.0, -124.0);
        assertThat(set.bounds().getMaxX()).isBetween(-67.0, -66.0);
    }

    @Test
    void readsEveryGeometryTypeAndNullGeometry() throws Exception {
        FeatureSet set = GeoJsonReader.read(TestData.fixtures().resolve("all_geometry_types.geojson"));
        assertThat(set.features()).extracting(f -> f.geometry() == null ? "null" : f.geometry().getGeometryType())
                .containsExactly("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                        "MultiPolygon", "GeometryCollection", "null");
        for (Feature f : set.features()) {
            if (f.geometry() != null) {
                assertThat(f.text("kind")).isEqualTo(f.geometry().getGeometryType());
            }
        }
        assertThat(((Polygon) set.features().get(4).geometry()).getNumInteriorRing()).isEqualTo(1);
        assertThat(set.features().get(0).text("gauge_id")).isEqualTo("01013500");
        assertThat(set.features().get(7).attribute("ok")).isEqualTo(Boolean.TRUE);
        assertThat(set.features().get(7).attribute("rank")).isEqualTo(8L);
    }

    @Test
    void namesTheFeatureWithABadGeometry(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.geojson");
        Files.writeString(f, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-69.3,45.2]}},{\"type\":\"Feature\","
                + "\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-69,45],[-68,45],"
                + "[-68,46]]]}}]}");
        assertThatThrownBy(() -> GeoJsonReader.read(f)).isInstanceOf(MapDataException.class)
                .hasMessageStartingWith(f + ": features[1].geometry: invalid Polygon");
    }

    @Test
    void refusesInvalidJsonWithTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.geojson");
        Files.writeString(f, "{\"type\":\"FeatureCollection\",\n\"features\":[\n{\"type\":}]}");
        assertThatThrownBy(() -> GeoJsonReader.read(f)).isInstanceOf(MapDataException.class)
                .hasMessageStartingWith(f + ": line 3: not valid JSON");
    }

    @Test
    void refusesNonWgs84Crs(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("utm.geojson");
        Files.writeString(f, "{\"type\":\"Point\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                + "\"urn:ogc:def:crs:EPSG::32619\"}},\"coordinates\":[500000,4990000]}");
        assertThatThrownBy(() -> GeoJsonReader.read(f)).isInstanceOf(MapDataException.class)
                .hasMessageContaining("EPSG::32619").hasMessageContaining("not supported");
    }
}
