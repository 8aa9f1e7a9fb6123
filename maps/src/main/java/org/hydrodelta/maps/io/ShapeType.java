package org.hydrodelta.maps.io;

/** ESRI shape types with their codes; MultiPatch (31) is deliberately absent: it is not supported. */
public enum ShapeType {
    /** 0: null shape. */
    NULL(0, Kind.NULL, false, false),
    /** 1: point. */
    POINT(1, Kind.POINT, false, false),
    /** 3: polyline. */
    POLYLINE(3, Kind.POLYLINE, false, false),
    /** 5: polygon. */
    POLYGON(5, Kind.POLYGON, false, false),
    /** 8: multipoint. */
    MULTIPOINT(8, Kind.MULTIPOINT, false, false),
    /** 11: point with z (and m). */
    POINT_Z(11, Kind.POINT, true, true),
    /** 13: polyline with z (and optional m). */
    POLYLINE_Z(13, Kind.POLYLINE, true, true),
    /** 15: polygon with z (and optional m). */
    POLYGON_Z(15, Kind.POLYGON, true, true),
    /** 18: multipoint with z (and optional m). */
    MULTIPOINT_Z(18, Kind.MULTIPOINT, true, true),
    /** 21: point with m. */
    POINT_M(21, Kind.POINT, false, true),
    /** 23: polyline with m. */
    POLYLINE_M(23, Kind.POLYLINE, false, true),
    /** 25: polygon with m. */
    POLYGON_M(25, Kind.POLYGON, false, true),
    /** 28: multipoint with m. */
    MULTIPOINT_M(28, Kind.MULTIPOINT, false, true);

    /** Geometry family regardless of z/m. */
    public enum Kind {
        /** no geometry. */
        NULL,
        /** single point. */
        POINT,
        /** lines. */
        POLYLINE,
        /** polygons. */
        POLYGON,
        /** points. */
        MULTIPOINT
    }

    private final int code;
    private final Kind kind;
    private final boolean hasZ;
    private final boolean hasM;

    ShapeType(int code, Kind kind, boolean hasZ, boolean hasM) {
        this.code = code;
        this.kind = kind;
        this.hasZ = hasZ;
        this.hasM = hasM;
    }

    /** @return the shapefile code */
    public int code() {
        return code;
    }

    /** @return the geometry family */
    public Kind kind() {
        return kind;
    }

    /** @return true for the Z variants */
    public boolean hasZ() {
        return hasZ;
    }

    /** @return true for the Z and M variants (M is optional in Z shapes) */
    public boolean hasM() {
        return hasM;
    }

    /**
     * @param code a shapefile shape type code
     * @return the type, or null for an unknown or unsupported code
     */
    public static ShapeType fromCode(int code) {
        for (ShapeType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
