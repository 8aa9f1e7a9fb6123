package org.hydrodelta.core.data;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names of the attribute columns that the workbench needs by role (the gauge name, the area used for flow
 * conversion, the gauge coordinates, the snow fraction), which columns are free text or categorical, and what each
 * column means and is measured in. CAMELS-US and Caravan name some of these differently.
 *
 * @param idColumn           the key column (gauge_id in both layouts)
 * @param nameColumn         the gauge name column
 * @param areaColumn         the catchment area column in km²
 * @param latColumn          the gauge latitude column (degrees north)
 * @param lonColumn          the gauge longitude column (degrees east)
 * @param fracSnowColumn     the fraction of precipitation falling as snow
 * @param textColumns        columns kept as text only (never encoded as numbers), e.g. names and HUC codes
 * @param categoricalColumns columns always factorised even if a value happens to look numeric
 * @param descriptions       what columns mean and their units, by column name (those the data set documents)
 */
public record AttributeSchema(String idColumn, String nameColumn, String areaColumn, String latColumn,
        String lonColumn, String fracSnowColumn, Set<String> textColumns, Set<String> categoricalColumns,
        Map<String, Description> descriptions) {

    /**
     * What an attribute is, in its data set's own words, and its unit.
     *
     * @param text the data set's description, empty when only the unit is known
     * @param unit the unit, empty for fractions, ratios and indices without one
     */
    public record Description(String text, String unit) {
        /**
         * @return the description's first phrase, without the details that follow in parentheses or after a
         *         comma ("mean daily PET", "volumetric porosity"); a single word keeps the start of its
         *         parenthesis ("aridity (PET /P)")
         */
        public String brief() {
            int cut = firstOf(text, " (", ", ");
            String b = cut < 0 ? text : text.substring(0, cut);
            if (cut >= 0 && !b.contains(" ") && text.startsWith(" (", cut)) {
                int end = firstOf(text.substring(cut), ",", ";", ")");
                return end < 0 ? text : text.substring(0, cut + end).trim() + ")";
            }
            return b;
        }

        /**
         * @param column the column name
         * @return e.g. {@code elev_mean — catchment mean elevation above sea level (m)}; the name and unit alone
         *         when there is no description
         */
        public String label(String column) {
            String u = unit.isEmpty() ? "" : " (" + unit + ")";
            return text.isEmpty() ? column + u : column + " — " + brief() + u;
        }

        private static int firstOf(String s, String... needles) {
            int best = -1;
            for (String n : needles) {
                int i = s.indexOf(n);
                if (i >= 0 && (best < 0 || i < best)) {
                    best = i;
                }
            }
            return best;
        }
    }

    /** Keeps the text and categorical columns and documents no column (data sets without documentation). */
    public AttributeSchema(String idColumn, String nameColumn, String areaColumn, String latColumn,
            String lonColumn, String fracSnowColumn, Set<String> textColumns, Set<String> categoricalColumns) {
        this(idColumn, nameColumn, areaColumn, latColumn, lonColumn, fracSnowColumn, textColumns, categoricalColumns,
                Map.of());
    }

    /** Freezes the description table. */
    public AttributeSchema {
        descriptions = Map.copyOf(descriptions);
    }

    /**
     * @param column an attribute column
     * @return its description and unit, empty when the data set does not document it
     */
    public Optional<Description> describe(String column) {
        return Optional.ofNullable(descriptions.get(column));
    }

    /**
     * @param column an attribute column
     * @return its unit, or the empty string when it has none (a fraction, an index) or is undocumented
     */
    public String unit(String column) {
        Description d = descriptions.get(column);
        return d == null ? "" : d.unit();
    }

    private static Map.Entry<String, Description> d(String column, String unit, String text) {
        return Map.entry(column, new Description(text, unit));
    }

    /**
     * The CAMELS-US v2.0 attributes in the words of Addor et al. (2017, HESS 21, 5293-5313, tables 1 to 6, as
     * quoted with their units in the NOAA-OWP LSTM configuration README and in the comments of the authors'
     * signature code), units moved out of the text; "N15" is Newman et al. (2015). Columns whose documentation
     * is not at hand here carry their unit alone.
     */
    private static final Map<String, Description> CAMELS_US_DESCRIPTIONS = Map.ofEntries(
            // climate (camels_clim)
            d("p_mean", "mm/d", "mean daily precipitation"),
            d("pet_mean", "mm/d", "mean daily PET, estimated by N15 using Priestley–Taylor formulation calibrated"
                    + " for each catchment"),
            d("aridity", "", "aridity (PET /P, ratio of mean PET, estimated by N15 using Priestley–Taylor"
                    + " formulation calibrated for each catchment, to mean precipitation)"),
            d("frac_snow", "", "fraction of precipitation falling as snow (i.e., on days colder than 0 °C)"),
            d("high_prec_freq", "d/yr", "frequency of high precipitation days (≥ 5 times mean daily"
                    + " precipitation)"),
            d("high_prec_dur", "d", "average duration of high precipitation events (number of consecutive days"
                    + " ≥ 5 times mean daily precipitation)"),
            d("low_prec_freq", "d/yr", "frequency of dry days (< 1 mm/d)"),
            d("low_prec_dur", "d", "average duration of dry periods (number of consecutive days < 1 mm/d)"),
            // topography (camels_topo)
            d("elev_mean", "m", "catchment mean elevation above sea level"),
            d("slope_mean", "m/km", "catchment mean slope"),
            d("area_gages2", "km²", "catchment area (GAGESII estimate)"),
            d("gauge_lat", "°N", ""),
            d("gauge_lon", "°E", ""),
            d("area_geospa_fabric", "km²", ""),
            // vegetation (camels_vege)
            d("frac_forest", "", "forest fraction"),
            d("lai_max", "", "maximum monthly mean of the leaf area index (based on 12 monthly means)"),
            d("lai_diff", "", "difference between the maximum and minimum monthly mean of the leaf area index"
                    + " (based on 12 monthly means)"),
            d("gvf_max", "", "maximum monthly mean of the green vegetation fraction (based on 12 monthly means)"),
            d("gvf_diff", "", "difference between the maximum and minimum monthly mean of the green vegetation"
                    + " fraction (based on 12 monthly means)"),
            d("root_depth_50", "m", ""),
            d("root_depth_99", "m", ""),
            // soil (camels_soil)
            d("soil_depth_pelletier", "m", "depth to bedrock (maximum 50 m)"),
            d("soil_depth_statsgo", "m", "soil depth (maximum 1.5 m; layers marked as water and bedrock were"
                    + " excluded)"),
            d("soil_porosity", "", "volumetric porosity (saturated volumetric water content estimated using a"
                    + " multiple linear regression based on sand and clay fraction for the layers marked as USDA"
                    + " soil texture class and a default value (0.9) for layers marked as organic material; layers"
                    + " marked as water, bedrock, and “other” were excluded)"),
            d("soil_conductivity", "cm/h", "saturated hydraulic conductivity (estimated using a multiple linear"
                    + " regression based on sand and clay fraction for the layers marked as USDA soil texture class"
                    + " and a default value (36 cm/h) for layers marked as organic material; layers marked as"
                    + " water, bedrock, and “other” were excluded)"),
            d("max_water_content", "m", "maximum water content (combination of porosity and soil depth statsgo;"
                    + " layers marked as water, bedrock, and “other” were excluded)"),
            d("sand_frac", "%", "sand fraction (of the soil material smaller than 2 mm; layers marked as organic"
                    + " material, water, bedrock, and “other” were excluded)"),
            d("silt_frac", "%", "silt fraction (of the soil material smaller than 2 mm; layers marked as organic"
                    + " material, water, bedrock, and “other” were excluded)"),
            d("clay_frac", "%", "clay fraction (of the soil material smaller than 2 mm; layers marked as organic"
                    + " material, water, bedrock, and “other” were excluded)"),
            d("water_frac", "%", ""),
            d("organic_frac", "%", ""),
            d("other_frac", "%", ""),
            // geology (camels_geol)
            d("carbonate_rocks_frac", "", "fraction of the catchment area characterized as “carbonate sedimentary"
                    + " rocks” (GLiM)"),
            d("geol_permeability", "log10(m²)", ""),
            // hydrological signatures (camels_hydro)
            d("q_mean", "mm/d", "mean daily discharge"),
            d("runoff_ratio", "", "runoff ratio (ratio of mean daily discharge to mean daily precipitation)"),
            d("stream_elas", "", "streamflow precipitation elasticity (sensitivity of streamflow to changes in"
                    + " precipitation at the annual time scale)"),
            d("slope_fdc", "", "slope of the flow duration curve (between 33rd and 66th streamflow percentiles)"),
            d("baseflow_index", "", "baseflow index (ratio of mean daily baseflow to mean daily discharge)"),
            d("hfd_mean", "day of water year", "mean half-flow date (date on which the cumulative discharge since"
                    + " October first reaches half of the annual discharge)"),
            d("q5", "mm/d", "5 % flow quantile (low flow)"),
            d("q95", "mm/d", "95 % flow quantile (high flow)"),
            d("high_q_freq", "d/yr", "frequency of high-flow days (> 9 times the median daily flow)"),
            d("high_q_dur", "d", ""),
            d("low_q_freq", "d/yr", "frequency of low-flow days (< 0.2 times the mean daily flow)"),
            d("low_q_dur", "d", "average duration of low-flow events (number of consecutive days < 0.2 times the"
                    + " mean daily flow)"),
            d("zero_q_freq", "%", "frequency of days with Q = 0 mm/d"));

    /** CAMELS-US attributes v2.0 (Addor et al. 2017). */
    public static final AttributeSchema CAMELS_US = new AttributeSchema("gauge_id", "gauge_name", "area_gages2",
            "gauge_lat", "gauge_lon", "frac_snow", Set.of("gauge_name", "huc_02"),
            Set.of("high_prec_timing", "low_prec_timing", "geol_1st_class", "geol_2nd_class", "dom_land_cover"),
            CAMELS_US_DESCRIPTIONS);

    /** Caravan (Kratzert et al. 2023): attributes_other / attributes_caravan / attributes_hydroatlas tables. */
    public static final AttributeSchema CARAVAN = new AttributeSchema("gauge_id", "gauge_name", "area",
            "gauge_lat", "gauge_lon", "frac_snow", Set.of("gauge_name", "country"), Set.of());
}
