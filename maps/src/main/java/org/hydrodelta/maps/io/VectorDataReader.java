package org.hydrodelta.maps.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads any supported vector file, choosing the reader by extension (.shp, .geojson, .json). */
public final class VectorDataReader {
    private VectorDataReader() {
    }

    /**
     * @param file a shapefile (.shp) or GeoJSON (.geojson, .json) file
     * @return its features
     * @throws MapDataException for an unsupported extension or a malformed file
     * @throws IOException      when the file cannot be read
     */
    public static FeatureSet read(Path file) throws IOException {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new MapDataException(file, "file", "is a folder, not a map layer; choose the .shp, .geojson or .json"
                    + " file inside it");
        }
        if (!java.nio.file.Files.exists(file)) {
            throw new MapDataException(file, "file", "no such file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".shp")) {
            return ShapefileReader.read(file);
        }
        if (name.endsWith(".geojson") || name.endsWith(".json")) {
            return GeoJsonReader.read(file);
        }
        throw new MapDataException(file, "file", "unsupported file type; expected .shp, .geojson or .json");
    }
}
