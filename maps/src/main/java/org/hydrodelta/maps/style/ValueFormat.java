package org.hydrodelta.maps.style;

import java.util.Locale;

/** Compact number formatting for legends and tooltips. */
public final class ValueFormat {
    private ValueFormat() {
    }

    /**
     * @param v a value
     * @return up to 3 significant decimals, "no data" for NaN
     */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "no data";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        String s = String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }
}
