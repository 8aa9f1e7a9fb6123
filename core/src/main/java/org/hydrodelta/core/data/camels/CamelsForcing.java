package org.hydrodelta.core.data.camels;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * One CAMELS basin-mean forcing file as read: the three header values and the daily columns, keyed by canonical
 * lower-case name without unit ({@code dayl} s, {@code prcp} mm/d, {@code srad} W/m², {@code swe} mm, {@code tmax}
 * °C, {@code tmin} °C, {@code vp} Pa). Sentinel values (-999, -9999) have been replaced by NaN and counted.
 *
 * @param basinId    gauge id from the file name
 * @param product    forcing product (daymet, maurer, maurer_extended, nldas), from the folder name
 * @param file       the file
 * @param latitude   header line 1, degrees north
 * @param elevation  header line 2, metres
 * @param areaM2     header line 3, basin area in m²
 * @param start      first date
 * @param nDays      number of consecutive days
 * @param columns    daily series by canonical name
 * @param sentinels  number of sentinel values replaced by NaN
 * @param checksum   CRC32C of the file bytes (for the data fingerprint)
 * @param bytes      file size
 */
public record CamelsForcing(String basinId, String product, Path file, double latitude, double elevation,
        double areaM2, LocalDate start, int nDays, Map<String, float[]> columns, int sentinels, long checksum,
        long bytes) {

    /**
     * @param name canonical column name
     * @return the series, or null when the file has no such column
     */
    public float[] column(String name) {
        return columns.get(name);
    }

    /** @return whether every day has Tmax equal to Tmin (the NLDAS and Maurer files: the daily mean twice) */
    public boolean tmaxEqualsTmin() {
        float[] a = columns.get("tmax");
        float[] b = columns.get("tmin");
        if (a == null || b == null) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && !(Float.isNaN(a[i]) && Float.isNaN(b[i]))) {
                return false;
            }
        }
        return true;
    }
}
