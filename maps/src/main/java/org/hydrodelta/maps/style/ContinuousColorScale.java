package org.hydrodelta.maps.style;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Linear mapping of [min, max] onto a ramp. With a diverging ramp the range is made symmetric around zero so
 * that zero gets the neutral centre colour.
 */
public final class ContinuousColorScale implements ColorScale {
    private final ColorRamp ramp;
    private final double min;
    private final double max;
    private final Color nanColor;

    /**
     * @param ramp     colours
     * @param min      value drawn with the low end
     * @param max      value drawn with the high end
     * @param nanColor colour for missing values
     */
    public ContinuousColorScale(ColorRamp ramp, double min, double max, Color nanColor) {
        this.ramp = ramp;
        if (ramp.diverging()) {
            double m = Math.max(Math.abs(min), Math.abs(max));
            this.min = -m;
            this.max = m;
        } else {
            this.min = min;
            this.max = max;
        }
        this.nanColor = nanColor;
    }

    /**
     * @param ramp   colours
     * @param values data values (NaN ignored)
     * @return a scale spanning the finite values
     */
    public static ContinuousColorScale spanning(ColorRamp ramp, double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        return new ContinuousColorScale(ramp, lo, hi, DEFAULT_NAN_COLOR);
    }

    @Override
    public Color colorFor(double value) {
        if (Double.isNaN(value)) {
            return nanColor;
        }
        double t = max > min ? (value - min) / (max - min) : 0.5;
        return ramp.at(t);
    }

    @Override
    public Color nanColor() {
        return nanColor;
    }

    @Override
    public ColorRamp ramp() {
        return ramp;
    }

    @Override
    public double min() {
        return min;
    }

    @Override
    public double max() {
        return max;
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public List<LegendEntry> entries() {
        List<LegendEntry> out = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double v = min + (max - min) * i / 4.0;
            out.add(new LegendEntry(colorFor(v), ValueFormat.format(v)));
        }
        return out;
    }
}
