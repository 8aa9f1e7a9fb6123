package org.hydrodelta.maps.style;

import java.util.Arrays;
import java.util.Locale;

/** How numeric values become colours: a continuous ramp, or classes by quantiles or equal intervals. */
public enum Classification {
    /** Linear ramp between the minimum and maximum. */
    CONTINUOUS,
    /** Classes holding (about) the same number of features. */
    QUANTILES,
    /** Classes of equal width between the minimum and maximum. */
    EQUAL_INTERVAL;

    /**
     * @param name "continuous", "quantiles" or "equal-interval" (case and separators ignored)
     * @return the classification
     */
    public static Classification parse(String name) {
        String n = name.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (n.equals("QUANTILE")) {
            return QUANTILES;
        }
        if (n.equals("EQUAL") || n.equals("EQUAL_INTERVALS")) {
            return EQUAL_INTERVAL;
        }
        return valueOf(n);
    }

    /**
     * Builds the colour scale for the given values.
     *
     * @param ramp    colours
     * @param values  data values, NaN for missing
     * @param classes number of classes (ignored for CONTINUOUS)
     * @return the scale
     */
    public ColorScale scale(ColorRamp ramp, double[] values, int classes) {
        return switch (this) {
            case CONTINUOUS -> ContinuousColorScale.spanning(ramp, values);
            case QUANTILES -> new ClassedColorScale(ramp, quantileBreaks(values, classes),
                    ColorScale.DEFAULT_NAN_COLOR);
            case EQUAL_INTERVAL -> new ClassedColorScale(ramp, equalIntervalBreaks(values, classes),
                    ColorScale.DEFAULT_NAN_COLOR);
        };
    }

    /**
     * @param values  data (NaN ignored)
     * @param classes number of classes, at least 1
     * @return classes + 1 breaks from the minimum to the maximum at quantile positions (type 7 interpolation)
     */
    public static double[] quantileBreaks(double[] values, int classes) {
        double[] v = finiteSorted(values);
        double[] b = new double[classes + 1];
        for (int i = 0; i <= classes; i++) {
            double pos = (v.length - 1) * (double) i / classes;
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, v.length - 1);
            b[i] = v[lo] + (v[hi] - v[lo]) * (pos - lo);
        }
        return b;
    }

    /**
     * @param values  data (NaN ignored)
     * @param classes number of classes, at least 1
     * @return classes + 1 evenly spaced breaks from the minimum to the maximum
     */
    public static double[] equalIntervalBreaks(double[] values, int classes) {
        double[] v = finiteSorted(values);
        double lo = v[0];
        double hi = v[v.length - 1];
        double[] b = new double[classes + 1];
        for (int i = 0; i <= classes; i++) {
            b[i] = i == classes ? hi : lo + (hi - lo) * i / classes;
        }
        return b;
    }

    private static double[] finiteSorted(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            throw new IllegalArgumentException("no finite values to classify");
        }
        return v;
    }
}
