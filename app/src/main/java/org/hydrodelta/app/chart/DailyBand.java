package org.hydrodelta.app.chart;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jfree.data.xy.YIntervalSeries;

/**
 * A band between two daily series (e.g. the 5-95 % spread of ensemble members around their mean), drawn as a
 * translucent area behind the series it belongs to. Days where either bound is NaN are left out.
 *
 * @param name   legend name, e.g. "5-95 % of 3 members"
 * @param series name of the series it belongs to (its colour), e.g. "Snowpack (SWE)"
 * @param start  date of the first value
 * @param lo     lower bound per day
 * @param hi     upper bound per day
 */
public record DailyBand(String name, String series, LocalDate start, float[] lo, float[] hi) {
    /** Validates. */
    public DailyBand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(lo, "lo");
        Objects.requireNonNull(hi, "hi");
        if (lo.length != hi.length) {
            throw new IllegalArgumentException("band '" + name + "': " + lo.length + " lower and " + hi.length
                    + " upper values");
        }
    }

    /**
     * @param floor smallest value drawn (a log axis cannot draw zero), or NaN for none
     * @return the band as a JFreeChart interval series
     */
    YIntervalSeries toSeries(double floor) {
        YIntervalSeries s = new YIntervalSeries(name, false, true);
        long day0 = start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        for (int i = 0; i < lo.length; i++) {
            if (Float.isFinite(lo[i]) && Float.isFinite(hi[i])) {
                double a = Double.isNaN(floor) ? lo[i] : Math.max(floor, lo[i]);
                double b = Double.isNaN(floor) ? hi[i] : Math.max(floor, hi[i]);
                s.add(day0 + i * 86_400_000.0, 0.5 * (a + b), a, b);
            }
        }
        return s;
    }
}
