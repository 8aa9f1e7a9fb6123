package org.hydrodelta.maps.io;

import java.util.Objects;

/**
 * One attribute column.
 *
 * @param name     field name as stored in the file
 * @param type     value type
 * @param length   width in the .dbf (0 for GeoJSON)
 * @param decimals decimal places in the .dbf (0 for GeoJSON)
 */
public record FieldDefinition(String name, FieldType type, int length, int decimals) {
    /** Validates the name and type. */
    public FieldDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
