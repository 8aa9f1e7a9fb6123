package org.hydrodelta.app.chart;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A named daily series on a date axis, NaN for gaps.
 *
 * @param name   legend name, e.g. "Observed"
 * @param unit   unit for the axis label, e.g. "mm/d"
 * @param start  date of the first value
 * @param values one value per day
 */
public record DailySeries(String name, String unit, LocalDate start, float[] values) {
    /** Validates. */
    public DailySeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(values, "values");
    }

    /** @return x values (epoch milliseconds at midnight UTC) and y values, as JFreeChart's {@code double[2][n]} */
    double[][] xy() {
        long day0 = start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        double[][] xy = new double[2][values.length];
        for (int i = 0; i < values.length; i++) {
            xy[0][i] = day0 + i * 86_400_000.0;
            xy[1][i] = values[i];
        }
        return xy;
    }

    /** @return the largest finite value, 0 if none */
    double max() {
        double m = 0;
        for (float v : values) {
            if (Float.isFinite(v) && v > m) {
                m = v;
            }
        }
        return m;
    }
}
