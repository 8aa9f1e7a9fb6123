package org.hydrodelta.core.project;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset of the project: where it is and how to read it.
 *
 * @param name    unique name within the project, referred to by experiments
 * @param type    reader type: {@code camels-us}, {@code caravan} or {@code csv}
 * @param path    absolute location in memory (stored relative to the project file)
 * @param forcing forcing product for CAMELS-US ({@code daymet}, {@code maurer}, {@code maurer_extended},
 *                {@code nldas}), or {@code null}
 * @param options reader options, e.g. a CSV column mapping; never {@code null}
 */
public record DatasetRef(String name, String type, Path path, String forcing, Map<String, String> options) {
    /** Validates and copies. */
    public DatasetRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
