package org.hydrodelta.core.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;

/**
 * What the user may do about forcing gaps, never done silently: either drop the training windows that touch a gap
 * ({@link #validWindowStarts}) or fill gaps by linear interpolation in time between the last value before and the
 * first value after the gap, for gaps up to a maximum length ({@link #fillLinear}). Gaps at the start or end of
 * a series and longer gaps stay NaN. Observed flow is never filled: its gaps are masked in the loss.
 */
public final class ForcingGaps {
    private ForcingGaps() {
    }

    /**
     * Fills interior gaps of one series by linear interpolation.
     *
     * @param a      values (modified)
     * @param off    first index of the series in a
     * @param n      series length
     * @param maxGap longest gap (days) to fill
     * @return the number of values filled
     */
    public static int fillLinear(float[] a, int off, int n, int maxGap) {
        int filled = 0;
        int t = 0;
        while (t < n) {
            if (!Float.isNaN(a[off + t])) {
                t++;
                continue;
            }
            int s = t;
            while (t < n && Float.isNaN(a[off + t])) {
                t++;
            }
            int len = t - s;
            if (s > 0 && t < n && len <= maxGap) {
                float before = a[off + s - 1];
                float after = a[off + t];
                for (int k = 0; k < len; k++) {
                    a[off + s + k] = before + (after - before) * (k + 1) / (float) (len + 1);
                }
                filled += len;
            }
        }
        return filled;
    }

    /**
     * A copy of the dataset with forcing gaps filled by {@link #fillLinear}, reporting what was filled per basin
     * and variable as WARN issues.
     *
     * @param ds     the dataset
     * @param vars   forcings to fill (QOBS is refused)
     * @param maxGap longest gap to fill, days
     * @param issues where the report goes
     * @return the filled copy
     * @throws IllegalArgumentException when asked to fill observed flow
     */
    public static BasinDataset fillLinear(BasinDataset ds, List<Variable> vars, int maxGap, List<DataIssue> issues) {
        EnumMap<Variable, float[]> data = new EnumMap<>(Variable.class);
        for (Variable v : ds.variables()) {
            data.put(v, ds.values(v));
        }
        for (Variable v : vars) {
            if (v == Variable.QOBS) {
                throw new IllegalArgumentException("observed flow is never filled: its gaps are masked in the loss");
            }
            float[] copy = ds.values(v).clone();
            for (int b = 0; b < ds.nBasins(); b++) {
                int n = fillLinear(copy, ds.offset(b), ds.nDays(), maxGap);
                if (n > 0) {
                    issues.add(DataIssue.warn(null, ds.basinIds().get(b), String.format(Locale.ROOT,
                            "%d days of %s filled by linear interpolation (gaps up to %d days)", n,
                            v.name().toLowerCase(Locale.ROOT), maxGap)));
                }
            }
            data.put(v, copy);
        }
        return new BasinDataset(ds.basinIds(), ds.start(), ds.nDays(), data, ds.attributes(), ds.attributeNames(),
                ds.basinInfo(), ds.sources());
    }

    /**
     * Which training windows of one basin have complete forcing (the "drop the affected windows" choice).
     *
     * @param ds     the dataset
     * @param basin  row
     * @param window window length in days
     * @param vars   forcings that must be complete
     * @return for every start day t, whether days t .. t+window-1 have all forcings (false when the window runs
     *     past the end)
     */
    public static boolean[] validWindowStarts(BasinDataset ds, int basin, int window, List<Variable> vars) {
        int n = ds.nDays();
        int[] badPrefix = new int[n + 1];
        int off = ds.offset(basin);
        for (int t = 0; t < n; t++) {
            boolean bad = false;
            for (Variable v : vars) {
                bad |= Float.isNaN(ds.values(v)[off + t]);
            }
            badPrefix[t + 1] = badPrefix[t] + (bad ? 1 : 0);
        }
        boolean[] ok = new boolean[n];
        for (int t = 0; t + window <= n; t++) {
            ok[t] = badPrefix[t + window] - badPrefix[t] == 0;
        }
        return ok;
    }
}
