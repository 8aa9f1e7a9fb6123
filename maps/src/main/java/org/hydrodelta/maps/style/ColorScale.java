package org.hydrodelta.maps.style;

import java.awt.Color;
import java.util.List;

/** Maps a value to a colour; NaN (missing) always maps to {@link #nanColor()}. */
public interface ColorScale {
    /** Grey with a hint of pink: distinct from every colour of the built-in ramps. */
    Color DEFAULT_NAN_COLOR = new Color(0xBDB0B8);

    /**
     * @param value a value, NaN when missing
     * @return its colour
     */
    Color colorFor(double value);

    /** @return colour for missing values */
    Color nanColor();

    /** @return the ramp the colours come from */
    ColorRamp ramp();

    /** @return lowest value of the scale */
    double min();

    /** @return highest value of the scale */
    double max();

    /** @return true for a continuous scale (drawn as a gradient bar), false for classes (swatches) */
    boolean continuous();

    /** @return legend swatches: the classes, or a few ticks for a continuous scale (without the NaN entry) */
    List<LegendEntry> entries();
}
