package org.hydrodelta.core.data;

/**
 * The daily variables a {@link BasinDataset} can hold, each in one fixed unit (readers convert on the way in).
 */
public enum Variable {
    /** Precipitation, mm/d. */
    PRCP("mm/d"),
    /** Daily mean air temperature, °C ((tmax + tmin) / 2 for CAMELS). */
    TMEAN("°C"),
    /** Potential evapotranspiration, mm/d. */
    PET("mm/d"),
    /** Observed streamflow, mm/d over the basin area; NaN gaps are masked in the loss, never filled. */
    QOBS("mm/d"),
    /** Daily maximum temperature, °C. */
    TMAX("°C"),
    /** Daily minimum temperature, °C. */
    TMIN("°C"),
    /** Shortwave radiation (daylight average as in CAMELS), W/m². */
    SRAD("W/m²"),
    /** Day length, s. */
    DAYL("s"),
    /** Vapour pressure, Pa. */
    VP("Pa"),
    /** Snow water equivalent as provided by the forcing product, mm. */
    SWE("mm");

    private final String unit;

    Variable(String unit) {
        this.unit = unit;
    }

    /** @return the unit values are stored in */
    public String unit() {
        return unit;
    }

    /** @return whether this is a model forcing (as opposed to the observed target) */
    public boolean isForcing() {
        return this != QOBS;
    }
}
