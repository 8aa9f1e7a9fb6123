package org.hydrodelta.core.data;

import java.util.Map;

/** Units of static basin attributes, for display and messages. */
public final class AttributeUnits {
    private AttributeUnits() {
    }

    /**
     * Units of the CAMELS-US attributes that have one (Addor et al. 2017, HESS 21, 5293-5313, tables 1-6); the
     * others are fractions or indices without unit.
     */
    public static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("p_mean", "mm/d"), Map.entry("pet_mean", "mm/d"),
            Map.entry("high_prec_freq", "d/yr"), Map.entry("high_prec_dur", "d"),
            Map.entry("low_prec_freq", "d/yr"), Map.entry("low_prec_dur", "d"),
            Map.entry("geol_permeability", "log10(m²)"),
            Map.entry("q_mean", "mm/d"), Map.entry("q5", "mm/d"), Map.entry("q95", "mm/d"),
            Map.entry("high_q_freq", "d/yr"), Map.entry("high_q_dur", "d"),
            Map.entry("low_q_freq", "d/yr"), Map.entry("low_q_dur", "d"),
            Map.entry("zero_q_freq", "%"), Map.entry("hfd_mean", "day of water year"),
            Map.entry("soil_depth_pelletier", "m"), Map.entry("soil_depth_statsgo", "m"),
            Map.entry("soil_conductivity", "cm/h"), Map.entry("max_water_content", "m"),
            Map.entry("sand_frac", "%"), Map.entry("silt_frac", "%"),
            Map.entry("clay_frac", "%"), Map.entry("water_frac", "%"),
            Map.entry("organic_frac", "%"), Map.entry("other_frac", "%"),
            Map.entry("gauge_lat", "°N"), Map.entry("gauge_lon", "°E"),
            Map.entry("elev_mean", "m"), Map.entry("slope_mean", "m/km"),
            Map.entry("area_gages2", "km²"), Map.entry("area_geospa_fabric", "km²"),
            Map.entry("root_depth_50", "m"), Map.entry("root_depth_99", "m"));

    /**
     * @param attribute an attribute name
     * @return its unit, or the empty string when it has none (a fraction, an index) or is unknown
     */
    public static String of(String attribute) {
        return UNITS.getOrDefault(attribute, "");
    }
}
