package org.hydrodelta.core.data.camels;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * One USGS streamflow file of CAMELS as read, still in ft³/s. Missing days (-999, flag M, or any negative value)
 * are NaN; the quality flag of every day is kept as an index into {@link #flagNames()} (A = approved, A:e =
 * approved estimated, M = missing).
 *
 * @param basinId   gauge id
 * @param file      the file
 * @param start     first date
 * @param nDays     number of consecutive days
 * @param flowCfs   daily mean flow in ft³/s, NaN where missing
 * @param flags     per-day flag index into flagNames
 * @param flagNames distinct flags in order of first appearance
 * @param sentinels number of -999 (or other negative) values turned into NaN
 * @param checksum  CRC32C of the file bytes
 * @param bytes     file size
 */
public record CamelsStreamflow(String basinId, Path file, LocalDate start, int nDays, float[] flowCfs, byte[] flags,
        List<String> flagNames, int sentinels, long checksum, long bytes) {

    /**
     * Converts ft³/s to mm/d over a basin area (spec §5.1):
     * {@code Q_mm = Q_cfs · 0.0283168 · 86400 / (A_km² · 10⁶) · 10³}.
     *
     * @param areaKm2 basin area in km²
     * @return a new array in mm/d, NaN kept
     */
    public float[] flowMmPerDay(double areaKm2) {
        float[] out = new float[nDays];
        flowMmPerDay(areaKm2, out, 0, 0, nDays);
        return out;
    }

    /**
     * Converts a range of days to mm/d into an existing array (no intermediate copy).
     *
     * @param areaKm2 basin area in km²
     * @param dst     destination
     * @param dstPos  where day {@code from} goes
     * @param from    first day of this record
     * @param count   number of days
     */
    public void flowMmPerDay(double areaKm2, float[] dst, int dstPos, int from, int count) {
        double f = cfsToMmPerDayFactor(areaKm2);
        for (int i = 0; i < count; i++) {
            dst[dstPos + i] = (float) (flowCfs[from + i] * f);
        }
    }

    /**
     * @param areaKm2 basin area in km²
     * @return the factor that turns ft³/s into mm/d over that area
     */
    public static double cfsToMmPerDayFactor(double areaKm2) {
        return 0.0283168 * 86400.0 / (areaKm2 * 1e6) * 1e3;
    }
}
