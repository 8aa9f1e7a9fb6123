package org.hydrodelta.maps.style;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Values grouped into classes by break values; class i covers [breaks[i], breaks[i+1]) (the last class is closed).
 * With a sequential ramp the classes take evenly spaced ramp colours; with a diverging ramp each class takes the
 * colour of its middle value on a range symmetric about zero.
 */
public final class ClassedColorScale implements ColorScale {
    private final ColorRamp ramp;
    private final double[] breaks;
    private final Color[] colors;
    private final Color nanColor;

    /**
     * @param ramp     colours
     * @param breaks   ascending class limits, n + 1 values for n classes
     * @param nanColor colour for missing values
     */
    public ClassedColorScale(ColorRamp ramp, double[] breaks, Color nanColor) {
        if (breaks.length < 2) {
            throw new IllegalArgumentException("need at least two breaks");
        }
        for (int i = 1; i < breaks.length; i++) {
            if (!(breaks[i] >= breaks[i - 1])) {
                throw new IllegalArgumentException("breaks must ascend: " + Arrays.toString(breaks));
            }
        }
        this.ramp = ramp;
        this.breaks = breaks.clone();
        this.nanColor = nanColor;
        int n = breaks.length - 1;
        this.colors = new Color[n];
        double extent = Math.max(Math.abs(breaks[0]), Math.abs(breaks[n]));
        for (int i = 0; i < n; i++) {
            if (ramp.diverging() && extent > 0) {
                // Signed data: a class's colour follows its middle value on a scale symmetric about zero, so
                // negative classes are always on the low side of the neutral centre and positive on the high.
                double mid = (breaks[i] + breaks[i + 1]) / 2;
                colors[i] = ramp.at(0.5 + mid / (2 * extent));
            } else {
                colors[i] = ramp.at(n == 1 ? 0.5 : (double) i / (n - 1));
            }
        }
    }

    /** @return the class limits (copy) */
    public double[] breaks() {
        return breaks.clone();
    }

    /**
     * @param value a finite value
     * @return its class index, values outside the range clamp to the first or last class
     */
    public int classOf(double value) {
        int n = colors.length;
        for (int i = 0; i < n - 1; i++) {
            if (value < breaks[i + 1]) {
                return i;
            }
        }
        return n - 1;
    }

    @Override
    public Color colorFor(double value) {
        return Double.isNaN(value) ? nanColor : colors[classOf(value)];
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
        return breaks[0];
    }

    @Override
    public double max() {
        return breaks[breaks.length - 1];
    }

    @Override
    public boolean continuous() {
        return false;
    }

    /** Labels read "low to high" in plain Latin-1 text: the PDF target's standard fonts have no en dash. */
    @Override
    public List<LegendEntry> entries() {
        List<LegendEntry> out = new ArrayList<>();
        for (int i = 0; i < colors.length; i++) {
            out.add(new LegendEntry(colors[i], ValueFormat.format(breaks[i]) + " to "
                    + ValueFormat.format(breaks[i + 1])));
        }
        return out;
    }
}
