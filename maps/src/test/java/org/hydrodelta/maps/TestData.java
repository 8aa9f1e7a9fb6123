package org.hydrodelta.maps;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates committed test data: the repository's sample geo files and this module's fixtures. */
public final class TestData {
    private TestData() {
    }

    /** @return repository root from the surefire property {@code hydrodelta.repo.root} */
    public static Path repoRoot() {
        String root = System.getProperty("hydrodelta.repo.root");
        Path p = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("sample-projects"))) {
            p = Path.of("").toAbsolutePath().getParent();
        }
        return p;
    }

    /** @return sample-projects/camels-regions/data/geo */
    public static Path geo() {
        return repoRoot().resolve("sample-projects/camels-regions/data/geo");
    }

    /** @return the two-basin shapefile (01022500 polygon, 01031500 multipolygon) */
    public static Path twoBasins() {
        return geo().resolve("basin_polygons/camels_01022500_01031500.shp");
    }

    /** @return the 671 gauges GeoJSON */
    public static Path gauges() {
        return geo().resolve("camels_gauges_671.geojson");
    }

    /** @return CONUS state outlines GeoJSON */
    public static Path conusStates() {
        return geo().resolve("us_states/conus_states.geojson");
    }

    /** @return maps/src/test/resources/fixtures */
    public static Path fixtures() {
        return repoRoot().resolve("maps/src/test/resources/fixtures");
    }
}
