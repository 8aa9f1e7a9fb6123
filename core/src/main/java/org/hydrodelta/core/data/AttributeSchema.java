package org.hydrodelta.core.data;

import java.util.Set;

/**
 * Names of the attribute columns that the workbench needs by role (the gauge name, the area used for flow
 * conversion, the gauge coordinates, the snow fraction), and which columns are free text or categorical. CAMELS-US
 * and Caravan name some of these differently.
 *
 * @param idColumn          the key column (gauge_id in both layouts)
 * @param nameColumn        the gauge name column
 * @param areaColumn        the catchment area column in km²
 * @param latColumn         the gauge latitude column (degrees north)
 * @param lonColumn         the gauge longitude column (degrees east)
 * @param fracSnowColumn    the fraction of precipitation falling as snow
 * @param textColumns       columns kept as text only (never encoded as numbers), e.g. names and HUC codes
 * @param categoricalColumns columns always factorised even if a value happens to look numeric
 */
public record AttributeSchema(String idColumn, String nameColumn, String areaColumn, String latColumn,
        String lonColumn, String fracSnowColumn, Set<String> textColumns, Set<String> categoricalColumns) {

    /** CAMELS-US attributes v2.0 (Addor et al. 2017). */
    public static final AttributeSchema CAMELS_US = new AttributeSchema("gauge_id", "gauge_name", "area_gages2",
            "gauge_lat", "gauge_lon", "frac_snow", Set.of("gauge_name", "huc_02"),
            Set.of("high_prec_timing", "low_prec_timing", "geol_1st_class", "geol_2nd_class", "dom_land_cover"));

    /** Caravan (Kratzert et al. 2023): attributes_other / attributes_caravan / attributes_hydroatlas tables. */
    public static final AttributeSchema CARAVAN = new AttributeSchema("gauge_id", "gauge_name", "area",
            "gauge_lat", "gauge_lon", "frac_snow", Set.of("gauge_name", "country"), Set.of());
}
