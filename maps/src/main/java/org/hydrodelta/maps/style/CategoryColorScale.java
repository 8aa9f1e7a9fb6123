package org.hydrodelta.maps.style;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Named categories: value {@code k} (0, 1, …) takes colour {@code k} and is labelled {@code k} in the legend, e.g.
 * "in the experiment" and "not". Values that are not a category index get the NaN colour.
 */
public final class CategoryColorScale implements ColorScale {
    private final List<String> labels;
    private final List<Color> colors;
    private final ColorRamp ramp;

    /**
     * @param ramp   the ramp the colours were taken from (reported by {@link #ramp()})
     * @param labels one label per category
     * @param colors one colour per category
     */
    public CategoryColorScale(ColorRamp ramp, List<String> labels, List<Color> colors) {
        if (labels.size() != colors.size() || labels.isEmpty()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + colors.size() + " colours");
        }
        this.ramp = ramp;
        this.labels = List.copyOf(labels);
        this.colors = List.copyOf(colors);
    }

    @Override
    public Color colorFor(double value) {
        int k = (int) value;
        return value == k && k >= 0 && k < colors.size() ? colors.get(k) : nanColor();
    }

    @Override
    public Color nanColor() {
        return DEFAULT_NAN_COLOR;
    }

    @Override
    public ColorRamp ramp() {
        return ramp;
    }

    @Override
    public double min() {
        return 0;
    }

    @Override
    public double max() {
        return colors.size() - 1;
    }

    @Override
    public boolean continuous() {
        return false;
    }

    @Override
    public List<LegendEntry> entries() {
        List<LegendEntry> out = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            out.add(new LegendEntry(colors.get(k), labels.get(k)));
        }
        return out;
    }
}
