package org.hydrodelta.core.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Physical bounds of daily forcing and flow values, checked by the readers with file, line and field: a value
 * outside them is a data error (a unit mix-up, a corrupted file), never trained on. Missing-value sentinels
 * (-999, -9999) are handled before this check.
 */
public final class PhysicalBounds {
    /**
     * A variable's bounds.
     *
     * @param min  smallest plausible value
     * @param max  largest plausible value
     * @param unit unit of the values
     */
    public record Range(double min, double max, String unit) {
    }

    /** By lower-case column name as in CAMELS forcing files (and the model's variable names). */
    private static final Map<String, Range> BY_NAME = Map.ofEntries(
            Map.entry("prcp", new Range(0, 2000, "mm/d")),
            Map.entry("tmax", new Range(-90, 60, "°C")),
            Map.entry("tmin", new Range(-90, 60, "°C")),
            Map.entry("tmean", new Range(-90, 60, "°C")),
            Map.entry("pet", new Range(0, 100, "mm/d")),
            Map.entry("srad", new Range(0, 1500, "W/m²")),
            Map.entry("dayl", new Range(0, 86400, "s")),
            Map.entry("vp", new Range(0, 20000, "Pa")),
            Map.entry("swe", new Range(0, 100000, "mm")),
            Map.entry("qobs", new Range(0, 1000, "mm/d")),
            // USGS daily flow in ft³/s: the Amazon's mean is about 7.4e6 ft³/s
            Map.entry("flow_cfs", new Range(0, 1e8, "ft³/s")));

    private PhysicalBounds() {
    }

    /**
     * @param name a lower-case variable or column name
     * @return its bounds, or null when it has none
     */
    public static Range of(String name) {
        return BY_NAME.get(name);
    }

    /**
     * Checks one value.
     *
     * @param file   the file
     * @param line   its line
     * @param column the column as written in the file
     * @param name   the lower-case name the bounds are kept under
     * @param v      the value (NaN passes: it is a gap)
     * @throws DataFormatException naming file, line and column when the value is infinite or out of bounds
     */
    public static void check(Path file, long line, String column, String name, double v) {
        if (Double.isNaN(v)) {
            return;
        }
        if (Double.isInfinite(v)) {
            throw new DataFormatException(file, line, column, "value " + (v > 0 ? "inf" : "-inf")
                    + " is not a number; a missing day must be -999 or NaN");
        }
        Range r = BY_NAME.get(name);
        if (r != null && (v < r.min() || v > r.max())) {
            throw new DataFormatException(file, line, column, String.format(Locale.ROOT,
                    "value %s %s is outside the physical range [%s, %s] %s", num(v), r.unit(), num(r.min()),
                    num(r.max()), r.unit()));
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
