package org.hydrodelta.maps.io;

/** Attribute field types, named after the dBase type letters that shapefiles use. */
public enum FieldType {
    /** 'C': text. */
    CHARACTER('C'),
    /** 'N': number (integer when the field has no decimals). */
    NUMERIC('N'),
    /** 'F': floating point number. */
    FLOAT('F'),
    /** 'L': logical (true, false or unknown). */
    LOGICAL('L'),
    /** 'D': date as yyyyMMdd. */
    DATE('D');

    private final char code;

    FieldType(char code) {
        this.code = code;
    }

    /** @return the dBase type letter */
    public char code() {
        return code;
    }

    /** @return true for the numeric types N and F */
    public boolean isNumeric() {
        return this == NUMERIC || this == FLOAT;
    }

    /**
     * @param code a dBase type letter
     * @return the type, or null when the letter is not one of C, N, F, L, D
     */
    public static FieldType fromCode(char code) {
        for (FieldType t : values()) {
            if (t.code == Character.toUpperCase(code)) {
                return t;
            }
        }
        return null;
    }
}
