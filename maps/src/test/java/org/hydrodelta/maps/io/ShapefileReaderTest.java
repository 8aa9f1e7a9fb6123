package org.hydrodelta.maps.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.hydrodelta.maps.TestData;
import org.hydrodelta.maps.crs.CoordinateSystems;
import org.hydrodelta.maps.crs.GeometryReprojector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

class ShapefileReaderTest {
    private static Path shapes(String name) {
        return TestData.fixtures().resolve("shapes/" + name + ".shp");
    }

    @Test
    void readsRealTwoBasinShapefileWithIdsAndGeometryTypes() throws Exception {
        FeatureSet set = ShapefileReader.read(TestData.twoBasins());
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.fields()).containsExactly(new FieldDefinition("gauge_id", FieldType.CHARACTER, 80, 0));
        assertThat(set.features().get(0).text("gauge_id")).isEqualTo("camels_01022500");
        assertThat(set.features().get(1).text("gauge_id")).isEqualTo("camels_01031500");
        assertThat(set.features().get(0).geometry()).isInstanceOf(Polygon.class);
        assertThat(set.features().get(1).geometry()).isInstanceOf(MultiPolygon.class);
        assertThat(set.features().get(1).geometry().getNumGeometries()).isGreaterThan(1);
        assertThat(CoordinateSystems.isGeographic(set.crs())).isTrue();
        assertThat(set.warnings()).isEmpty();
        // x is longitude after axis normalisation: Maine lies near 68-70 degrees west, 44-46 north
        assertThat(set.bounds().getMinX()).isBetween(-71.0, -67.0);
        assertThat(set.bounds().getMinY()).isBetween(44.0, 46.0);
    }

    @Test
    void projectedAreasMatchPublishedCaravanAreasWithinHalfPercent() throws Exception {
        FeatureSet set = ShapefileReader.read(TestData.twoBasins());
        for (CoordinateReferenceSystem equalArea : List.of(CoordinateSystems.conusAlbers(),
                CoordinateSystems.lambertAzimuthalEqualArea(45, -69))) {
            FeatureSet projected = new GeometryReprojector(set.crs(), equalArea).reproject(set);
            double a1 = projected.features().get(0).geometry().getArea() / 1e6;
            double a2 = projected.features().get(1).geometry().getArea() / 1e6;
            assertThat(a1).isCloseTo(619.10, org.assertj.core.data.Percentage.withPercentage(0.5));
            assertThat(a2).isCloseTo(764.82, org.assertj.core.data.Percentage.withPercentage(0.5));
        }
    }

    @Test
    void singleBasinFileMatchesTheSameBasinInTheTwoBasinFile() throws Exception {
        FeatureSet one = ShapefileReader.read(TestData.geo().resolve("basin_polygons/camels_01022500.shp"));
        FeatureSet two = ShapefileReader.read(TestData.twoBasins());
        assertThat(one.size()).isEqualTo(1);
        assertThat(one.features().get(0).geometry().equalsExact(two.features().get(0).geometry())).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "points, 6, Point, false, false",
        "points_z, 5, Point, true, true",
        "points_m, 5, Point, false, true",
        "multipoints, 3, MultiPoint, false, false",
        "multipoints_z, 3, MultiPoint, true, true",
        "multipoints_m, 3, MultiPoint, false, true",
        "polylines, 2, LineString, false, false",
        "polylines_z, 2, LineString, true, true",
        "polylines_m, 2, LineString, false, true",
        "polygons, 2, Polygon, false, false",
        "polygons_z, 2, Polygon, true, true",
        "polygons_m, 2, Polygon, false, true"})
    void readsEveryShapeTypeWithItsZAndM(String name, int count, String firstType, boolean z, boolean m)
            throws Exception {
        FeatureSet set = ShapefileReader.read(shapes(name));
        assertThat(set.size()).isEqualTo(count);
        Geometry g = set.features().get(0).geometry();
        assertThat(g.getGeometryType()).isEqualTo(firstType);
        Coordinate c = g.getCoordinates()[0];
        assertThat(Double.isNaN(c.getZ())).isEqualTo(!z);
        assertThat(Double.isNaN(c.getM())).isEqualTo(!m);
    }

    @Test
    void pointsKeepGaugeCoordinatesZAndM() throws Exception {
        FeatureSet gauges = GeoJsonReader.read(TestData.gauges());
        FeatureSet pz = ShapefileReader.read(shapes("points_z"));
        for (int i = 0; i < 5; i++) {
            Coordinate expected = gauges.features().get(i).geometry().getCoordinate();
            Coordinate got = pz.features().get(i).geometry().getCoordinate();
            assertThat(got.x).isEqualTo(expected.x);
            assertThat(got.y).isEqualTo(expected.y);
            assertThat(got.getZ()).isEqualTo(gauges.features().get(i).number("elev_mean"));
        }
        // polyline M is the distance along the line: starts at 0 and grows
        Coordinate[] line = ShapefileReader.read(shapes("polylines_m")).features().get(0).geometry()
                .getCoordinates();
        assertThat(line[0].getM()).isZero();
        assertThat(line[line.length - 1].getM()).isGreaterThan(line[1].getM());
    }

    @Test
    void sortsPolygonRingsIntoShellsHolesAndParts() throws Exception {
        FeatureSet set = ShapefileReader.read(shapes("polygons"));
        Polygon maineMinusBasin = (Polygon) set.features().get(0).geometry();
        assertThat(maineMinusBasin.getNumInteriorRing()).isEqualTo(1);
        FeatureSet basins = ShapefileReader.read(TestData.twoBasins());
        Geometry hole = basins.features().get(0).geometry();
        assertThat(maineMinusBasin.getInteriorRingN(0).getEnvelopeInternal())
                .isEqualTo(hole.getEnvelopeInternal());
        assertThat(maineMinusBasin.contains(hole.getInteriorPoint())).isFalse();
        Geometry multi = set.features().get(1).geometry();
        assertThat(multi).isInstanceOf(MultiPolygon.class);
        assertThat(multi.getNumGeometries()).isEqualTo(basins.features().get(1).geometry().getNumGeometries());
        assertThat(multi.getArea()).isCloseTo(basins.features().get(1).geometry().getArea(),
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void decodesEveryDbfFieldTypeAndNullShapes() throws Exception {
        FeatureSet set = ShapefileReader.read(shapes("points"));
        assertThat(set.fields()).extracting(FieldDefinition::type).containsExactly(FieldType.CHARACTER,
                FieldType.CHARACTER, FieldType.NUMERIC, FieldType.NUMERIC, FieldType.FLOAT, FieldType.LOGICAL,
                FieldType.DATE);
        Feature first = set.features().get(0);
        assertThat(first.attribute("gauge_id")).isEqualTo("01013500");
        assertThat(first.attribute("name")).isEqualTo("Fish River near Fort Kent, Maine");
        assertThat(first.attribute("huc_02")).isEqualTo(1L);
        assertThat(first.attribute("area")).isEqualTo(2252.7);
        assertThat((Double) first.attribute("aridity")).isCloseTo(0.63055865946, org.assertj.core.data.Offset
                .offset(1e-10));
        assertThat(first.attribute("snowy")).isEqualTo(Boolean.TRUE);
        assertThat(first.attribute("q_start")).isEqualTo(LocalDate.of(1980, 1, 1));
        assertThat(set.features().get(2).attribute("q_start")).isNull();
        Feature nullShape = set.features().get(5);
        assertThat(nullShape.geometry()).isNull();
        assertThat(nullShape.attribute("area")).isNull();
        assertThat(nullShape.number("area")).isNaN();
        assertThat(nullShape.attribute("snowy")).isNull();
    }

    @Test
    void assumesWgs84WithWarningWhenPrjMissingAndCoordinatesAreLonLat() throws Exception {
        FeatureSet set = ShapefileReader.read(shapes("noprj_lonlat"));
        assertThat(set.size()).isEqualTo(5);
        assertThat(CoordinateSystems.isGeographic(set.crs())).isTrue();
        assertThat(set.warnings()).singleElement().asString().contains("no .prj").contains("assuming WGS84");
    }

    @Test
    void refusesProjectedCoordinatesWithoutPrj() {
        assertThatThrownBy(() -> ShapefileReader.read(shapes("noprj_projected")))
                .isInstanceOf(MapDataException.class)
                .hasMessageContaining("noprj_projected.shp: coordinate system: no .prj file")
                .hasMessageContaining("not longitude/latitude");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "truncated | truncated.shp | header | header declares 12284 bytes but the file has 11284 (truncated)",
        "wrong_code | wrong_code.shp | header | wrong file code 9995 (expected 9994)",
        "record_length | record_length.shp | record 2 | record-length mismatch",
        "bad_dbf_header | bad_dbf_header.dbf | header | bad .dbf header: record length is 80 bytes but the "
                + "fields add up to 81",
        "count_mismatch | count_mismatch.dbf | header | record count 1 disagrees with 2 shapes in "
                + "count_mismatch.shp"})
    void badFilesGiveAClearErrorNamingFileAndRecord(String name, String file, String record, String message) {
        Path shp = TestData.fixtures().resolve("bad/" + name + ".shp");
        assertThatThrownBy(() -> ShapefileReader.read(shp))
                .isInstanceOfSatisfying(MapDataException.class, e -> {
                    assertThat(e.file().getFileName().toString()).isEqualTo(file);
                    assertThat(e.record()).isEqualTo(record);
                    assertThat(e.reason()).contains(message);
                    assertThat(e.getMessage()).startsWith(e.file() + ": " + record + ": ");
                });
    }

    @Test
    void refusesShapefileWithoutDbf(@TempDir Path dir) throws Exception {
        Path src = TestData.twoBasins();
        Files.copy(src, dir.resolve("x.shp"));
        Files.copy(src.resolveSibling("camels_01022500_01031500.shx"), dir.resolve("x.shx"));
        assertThatThrownBy(() -> ShapefileReader.read(dir.resolve("x.shp")))
                .isInstanceOf(MapDataException.class)
                .hasMessageContaining("x.dbf is missing");
    }

    @Test
    void roundTripsThroughTheWriter(@TempDir Path dir) throws Exception {
        FeatureSet in = ShapefileReader.read(TestData.twoBasins());
        ShapefileWriter.write(dir.resolve("copy.shp"), ShapeType.POLYGON,
                in.features().stream().map(Feature::geometry).toList(), in.fields(),
                in.features().stream().map(Feature::attributes).toList(), null,
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(Files.readAllBytes(dir.resolve("copy.shp")))
                .isEqualTo(Files.readAllBytes(TestData.twoBasins()));
        FeatureSet out = ShapefileReader.read(dir.resolve("copy.shp"));
        assertThat(out.features().get(1).geometry().equalsExact(in.features().get(1).geometry())).isTrue();
        assertThat(out.features().get(1).text("gauge_id")).isEqualTo("camels_01031500");
    }
}
