package org.hydrodelta.core.data.pet;

import java.util.Locale;

/**
 * Where a dataset's PET comes from: its own PET column (computed automatically only where it has none), or
 * computed from temperature (and radiation) even where a column exists. ERA5-Land's {@code potential_evaporation_sum}
 * (Caravan) is about five times the CAMELS PET, and a hydrologist may prefer a temperature-based estimate; the
 * choice is stored with the dataset in the project ({@code "pet"} option) and recorded in every run.
 *
 * @param method   the method to compute with, or null for the automatic choice ({@link PetSelector})
 * @param override true: compute even where the data has a PET column; false: use the column where present
 */
public record PetChoice(PetMethod method, boolean override) {
    /** The key of the choice in a dataset's options. */
    public static final String KEY = "pet";
    /** The values the key accepts. */
    public static final String ALLOWED = "column, auto, hargreaves, priestley-taylor, hamon";
    /** The default: the data's PET column, computed automatically where there is none. */
    public static final PetChoice COLUMN = new PetChoice(null, false);

    /**
     * @param value {@code column} (default, also for null or blank), {@code auto} (always computed, method chosen
     *              from the data), or a method name ({@code hargreaves}, {@code priestley-taylor}, {@code hamon};
     *              case and {@code _}/{@code -} do not matter)
     * @return the choice
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static PetChoice parse(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("column")) {
            return COLUMN;
        }
        String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (v.equals("auto")) {
            return new PetChoice(null, true);
        }
        for (PetMethod m : PetMethod.values()) {
            if (name(m).equals(v)) {
                return new PetChoice(m, true);
            }
        }
        throw new IllegalArgumentException("pet: '" + value + "' is not a PET choice (allowed: " + ALLOWED + ")");
    }

    /**
     * @param m a method
     * @return its name as written in projects and on the command line, e.g. {@code priestley-taylor}
     */
    public static String name(PetMethod m) {
        return m.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return !override ? "column" : method == null ? "auto" : name(method);
    }

    /** @return a sentence for reports and run records */
    public String describe() {
        return !override ? "the data's PET column (computed automatically where a basin has none)"
                : "computed with " + (method == null ? "the automatic method choice" : name(method))
                        + ", even where the data has a PET column";
    }
}
