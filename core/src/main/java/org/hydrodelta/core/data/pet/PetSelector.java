package org.hydrodelta.core.data.pet;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a PET method from what a basin's data holds, in the order Hargreaves (the reference code's method,
 * spec §5.2), Priestley–Taylor, Hamon, and explains why a method cannot apply. NLDAS and Maurer files carry
 * Tmax == Tmin (the daily mean written twice), where Hargreaves would give zero PET.
 */
public final class PetSelector {
    private PetSelector() {
    }

    /**
     * What the data offers for PET.
     *
     * @param hasTmaxTmin    tmax and tmin columns present
     * @param tmaxEqualsTmin they are equal on every day
     * @param hasSrad        shortwave radiation present
     * @param hasDayl        day length present
     * @param latitude       degrees north, NaN when unknown
     * @param elevation      metres, NaN when unknown
     */
    public record Availability(boolean hasTmaxTmin, boolean tmaxEqualsTmin, boolean hasSrad, boolean hasDayl,
            double latitude, double elevation) {
    }

    /**
     * The decision.
     *
     * @param method   the method to use, or null when none applies
     * @param warnings why preferred or requested methods were not used
     */
    public record Choice(PetMethod method, List<String> warnings) {
    }

    /**
     * @param a what the data holds
     * @param m a method
     * @return null when the method applies, otherwise why not
     */
    public static String whyNot(Availability a, PetMethod m) {
        boolean lat = !Double.isNaN(a.latitude());
        switch (m) {
            case HARGREAVES:
                if (!a.hasTmaxTmin()) {
                    return "Hargreaves needs daily Tmax and Tmin";
                }
                if (a.tmaxEqualsTmin()) {
                    return "Hargreaves cannot apply: Tmax == Tmin on every day (NLDAS/Maurer write the daily mean"
                            + " twice), it would give zero PET";
                }
                return lat ? null : "Hargreaves needs the basin latitude";
            case PRIESTLEY_TAYLOR:
                if (!a.hasSrad()) {
                    return "Priestley-Taylor needs shortwave radiation (srad)";
                }
                if (Double.isNaN(a.elevation())) {
                    return "Priestley-Taylor needs the basin elevation";
                }
                return lat ? null : "Priestley-Taylor needs the basin latitude";
            default:
                return a.hasDayl() || lat ? null : "Hamon needs day length or the basin latitude";
        }
    }

    /**
     * Picks a method.
     *
     * @param a         what the data holds
     * @param requested a method the user asked for, or null for automatic choice
     * @return the method (null when none applies) and warnings
     */
    public static Choice choose(Availability a, PetMethod requested) {
        List<String> warnings = new ArrayList<>();
        if (requested != null) {
            String why = whyNot(a, requested);
            if (why == null) {
                return new Choice(requested, warnings);
            }
            warnings.add(why);
        }
        for (PetMethod m : PetMethod.values()) {
            if (m == requested) {
                continue;
            }
            if (whyNot(a, m) == null) {
                String preferred = whyNot(a, PetMethod.HARGREAVES);
                if (m != PetMethod.HARGREAVES && requested == null) {
                    warnings.add(preferred);
                }
                if (!warnings.isEmpty()) {
                    // one line per basin: the reason and the fallback together
                    String joined = String.join("; ", warnings) + "; PET computed with "
                            + m.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " instead";
                    warnings.clear();
                    warnings.add(joined);
                }
                return new Choice(m, warnings);
            }
        }
        warnings.add("no PET method applies: the data lacks temperature range, radiation and day length/latitude");
        return new Choice(null, warnings);
    }
}
