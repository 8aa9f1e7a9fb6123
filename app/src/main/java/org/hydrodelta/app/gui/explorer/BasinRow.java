package org.hydrodelta.app.gui.explorer;

/**
 * One basin as the explorer lists it.
 *
 * @param id           gauge id, a string with its leading zeros
 * @param name         gauge name, or empty when the attributes do not have it
 * @param areaKm2      drainage area in km², NaN when unknown
 * @param snowFraction fraction of precipitation falling as snow, NaN when unknown
 */
public record BasinRow(String id, String name, double areaKm2, double snowFraction) {
    /**
     * @param text filter text, matched case-insensitively against id and name
     * @return whether this row matches
     */
    public boolean matches(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        return id.toLowerCase(java.util.Locale.ROOT).contains(t) || name.toLowerCase(java.util.Locale.ROOT).contains(t);
    }
}
