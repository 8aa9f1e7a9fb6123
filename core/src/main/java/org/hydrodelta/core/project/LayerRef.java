package org.hydrodelta.core.project;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A map layer of the project (shapefile or GeoJSON).
 *
 * @param name display name
 * @param role {@code backdrop}, {@code basins} or {@code gauges}
 * @param path absolute location in memory (stored relative to the project file)
 */
public record LayerRef(String name, String role, Path path) {
    /** Validates. */
    public LayerRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
    }
}
