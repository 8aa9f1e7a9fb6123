package org.hydrodelta.core.data.csv;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * A daily table read from a delimiter-separated file: consecutive dates and numeric columns.
 *
 * @param file      the file
 * @param start     first date
 * @param nDays     number of consecutive days
 * @param columns   numeric columns by header name (NaN for empty cells and sentinels)
 * @param sentinels number of -999 / -9999 values turned into NaN
 * @param checksum  CRC32C of the bytes
 * @param bytes     file size
 */
public record DailyTable(Path file, LocalDate start, int nDays, Map<String, float[]> columns, int sentinels,
        long checksum, long bytes) {
}
