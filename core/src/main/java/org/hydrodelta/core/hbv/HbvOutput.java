package org.hydrodelta.core.hbv;

/**
 * The outputs of a run, each a float array laid out {@code [windowDay][basin]} (index {@code t·B + b}), all means
 * over the components. States are end-of-day values in mm; fluxes are mm/d.
 */
public enum HbvOutput {
    /** Routed streamflow (equal to {@link #Q} when routing is off). The trained output. */
    Q_ROUTED,
    /** Unrouted streamflow Q0 + Q1 + Q2. */
    Q,
    /** Fast flow above UZL. */
    Q0,
    /** Interflow. */
    Q1,
    /** Baseflow. */
    Q2,
    /** Actual evapotranspiration. */
    ET,
    /** Rainfall (precipitation at T ≥ TT). */
    RAIN,
    /** Snowfall (precipitation at T &lt; TT). */
    SNOWFALL,
    /** Snowmelt. */
    MELT,
    /** Refreezing of liquid water in the snowpack. */
    REFREEZE,
    /** Water released from the snowpack to the soil. */
    TOSOIL,
    /** Recharge from soil to the upper zone. */
    RECHARGE,
    /** Soil water above field capacity. */
    EXCESS,
    /** Percolation from upper to lower zone. */
    PERC,
    /** Snowpack (frozen) state. */
    SNOWPACK,
    /** Liquid water held in the snowpack. */
    MELTWATER,
    /** Soil moisture. */
    SM,
    /** Upper zone storage. */
    SUZ,
    /** Lower zone storage. */
    SLZ;

    /**
     * Number of outputs produced only with diagnostics on: all but the two streamflows, which come first, so
     * output {@code o} is per-lane diagnostic {@code o.ordinal() − 2}.
     */
    static final int N_DIAGNOSTIC = values().length - 2;
}
