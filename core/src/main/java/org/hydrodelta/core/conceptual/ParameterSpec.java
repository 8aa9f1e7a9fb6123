package org.hydrodelta.core.conceptual;

/**
 * One parameter of a conceptual model as the network sees it: a value u ∈ [0, 1] scaled linearly to a physical
 * range.
 *
 * @param name        short name, unique within the model (used in files and on screen)
 * @param lo          lower bound of the physical range
 * @param hi          upper bound of the physical range
 * @param unit        physical unit ({@code -} for dimensionless)
 * @param description what it does, one line
 * @param dynamic     whether this run takes a value per day (otherwise one value for the whole window)
 */
public record ParameterSpec(String name, double lo, double hi, String unit, String description, boolean dynamic) {
    /**
     * Maps a network value to the physical value in float32 exactly as the kernels do: {@code lo + u·(hi − lo)}
     * with both constants rounded to float first.
     *
     * @param u the sigmoid output
     * @return the physical value
     */
    public float toPhysical(float u) {
        return (float) lo + u * (float) (hi - lo);
    }

    /** @return (hi − lo) rounded to float: d(physical)/du */
    public float rangeF() {
        return (float) (hi - lo);
    }
}
