package org.hydrodelta.core.data.csv;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.data.DataFormatException;

/**
 * Converts mapped columns to the dataset's units (mm/d, °C). Flow in volume units needs the basin area.
 */
public final class UnitConversion {
    private static final Map<String, List<String>> UNITS = Map.of(
            "prcp", List.of("mm/d", "in/d"),
            "pet", List.of("mm/d", "in/d"),
            "tmean", List.of("degC", "degF", "K"),
            "tmax", List.of("degC", "degF", "K"),
            "tmin", List.of("degC", "degF", "K"),
            "flow", List.of("mm/d", "m3/s", "ft3/s", "l/s"));

    private UnitConversion() {
    }

    /**
     * @param role a role of {@link CsvMapping#ROLES}
     * @return the units a mapping may give for it, the model's unit first; empty for an unknown role
     */
    public static List<String> units(String role) {
        return UNITS.getOrDefault(role, List.of());
    }

    static void check(Path mappingFile, String role, String unit) {
        List<String> ok = UNITS.get(role);
        if (unit == null || !ok.contains(unit)) {
            throw new DataFormatException(mappingFile, "role '" + role + "': unknown unit '" + unit + "'; use one of "
                    + ok);
        }
    }

    /**
     * @param unit a flow unit
     * @return whether converting it needs the basin area
     */
    public static boolean needsArea(String unit) {
        return !"mm/d".equals(unit);
    }

    /**
     * Converts in place.
     *
     * @param role    the role
     * @param unit    the unit
     * @param values  values (modified)
     * @param areaKm2 basin area for flow in volume units
     */
    public static void toStandard(String role, String unit, float[] values, double areaKm2) {
        double scale = 1;
        double offset = 0;
        switch (unit) {
            case "in/d": scale = 25.4; break;
            case "degF": scale = 5.0 / 9.0; offset = -32.0 * 5.0 / 9.0; break;
            case "K": offset = -273.15; break;
            case "m3/s": scale = 86400.0 / (areaKm2 * 1e6) * 1e3; break;
            case "ft3/s": scale = 0.0283168 * 86400.0 / (areaKm2 * 1e6) * 1e3; break;
            case "l/s": scale = 1e-3 * 86400.0 / (areaKm2 * 1e6) * 1e3; break;
            default: return;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (values[i] * scale + offset);
        }
    }
}
