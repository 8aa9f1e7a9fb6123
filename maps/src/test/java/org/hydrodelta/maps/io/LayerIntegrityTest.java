package org.hydrodelta.maps.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hydrodelta.maps.TestData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part of the bad-input suite (issue 11) for map layers: the real two-basin shapefile cut at many offsets (each of
 * .shp, .shx, .dbf), an empty GeoJSON, a folder given as a layer, and a projected .prj on degree coordinates. Every
 * case is refused by one message naming the file, or read with a warning; never another exception.
 */
class LayerIntegrityTest {
    @TempDir
    static Path tmp;

    private static int counter;

    static Path copy(String cutExt, int cut) throws Exception {
        Path src = TestData.twoBasins();
        String base = src.getFileName().toString().replace(".shp", "");
        Path dir = tmp.resolve("c" + counter++);
        Files.createDirectories(dir);
        for (String ext : List.of("shp", "shx", "dbf", "prj", "cpg")) {
            Path f = src.resolveSibling(base + "." + ext);
            if (Files.exists(f)) {
                byte[] b = Files.readAllBytes(f);
                if (ext.equals(cutExt)) {
                    b = java.util.Arrays.copyOf(b, cut);
                }
                Files.write(dir.resolve(base + "." + ext), b);
            }
        }
        return dir.resolve(base + ".shp");
    }

    @TestFactory
    Stream<DynamicTest> truncatedShapefilesAreRefusedByName() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        Random rnd = new Random(29);
        Path src = TestData.twoBasins();
        String base = src.getFileName().toString().replace(".shp", "");
        for (String ext : List.of("shp", "shx", "dbf")) {
            long size = Files.size(src.resolveSibling(base + "." + ext));
            List<Integer> cuts = new ArrayList<>(List.of(0, 1, 50, 99, 100, 101));
            for (int k = 0; k < 8; k++) {
                cuts.add(rnd.nextInt((int) size - 1));
            }
            for (int cut : cuts) {
                tests.add(DynamicTest.dynamicTest(ext + " cut at " + cut, () -> {
                    Path shp = copy(ext, cut);
                    assertThatThrownBy(() -> VectorDataReader.read(shp)).isInstanceOf(MapDataException.class)
                            .hasMessageContaining(base + "." + ext).hasMessageNotContaining("Exception");
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void anEmptyGeoJsonIsRefusedByName() throws Exception {
        Path f = tmp.resolve("empty.geojson");
        Files.writeString(f, "{\"type\":\"FeatureCollection\",\"features\":[]}");
        assertThatThrownBy(() -> VectorDataReader.read(f)).isInstanceOf(MapDataException.class)
                .hasMessageContaining("empty.geojson").hasMessageContaining("no features");
    }

    @Test
    void aFolderIsNotALayer() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("layer.shp"));
        assertThatThrownBy(() -> VectorDataReader.read(d)).isInstanceOf(MapDataException.class)
                .hasMessageContaining("layer.shp").hasMessageContaining("is a folder");
    }

    @Test
    void aProjectedPrjOnDegreeCoordinatesIsWarned() throws Exception {
        Path shp = copy("none", 0);
        Files.writeString(shp.resolveSibling(shp.getFileName().toString().replace(".shp", ".prj")),
                "PROJCS[\"NAD83 / Conus Albers\",GEOGCS[\"NAD83\",DATUM[\"North_American_Datum_1983\",SPHEROID["
                + "\"GRS 1980\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],"
                + "PROJECTION[\"Albers_Conic_Equal_Area\"],PARAMETER[\"latitude_of_center\",23],PARAMETER["
                + "\"longitude_of_center\",-96],PARAMETER[\"standard_parallel_1\",29.5],PARAMETER["
                + "\"standard_parallel_2\",45.5],PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],"
                + "UNIT[\"metre\",1]]");
        FeatureSet set = VectorDataReader.read(shp);
        assertThat(set.warnings()).singleElement().asString().contains("projected").contains("degrees");
    }
}
