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

    /**
     * Checks that the dataset's data are where it says ({@link org.hydrodelta.core.data.DatasetType#checkAvailable}),
     * before any basin is read: the one check {@code inspect}, training, evaluation and the window make, so a
     * project moved without its data fails once with the path looked for. A dataset of unknown type is left to the
     * callers' own message.
     *
     * @throws org.hydrodelta.core.data.DataFormatException naming the dataset, the file (and line and key of a
     *         mapping) and the path looked for
     */
    public void checkAvailable() {
        java.util.Optional<org.hydrodelta.core.data.DatasetType> t = org.hydrodelta.core.data.DatasetTypes.find(type);
        if (t.isEmpty()) {
            return;
        }
        try {
            t.get().checkAvailable(path);
        } catch (org.hydrodelta.core.data.DataFormatException e) {
            throw new org.hydrodelta.core.data.DataFormatException(e.file(), e.line(), e.column(), "dataset '" + name
                    + "': " + e.reason());
        }
    }
}
