package org.hydrodelta.core.hbv;

/**
 * The 13 HBV parameters in the order of the network output (spec §2, Table 2), with their physical ranges.
 * The 12-parameter model uses the first twelve; {@link #BETAET} (γ) is the ET shape exponent of the
 * 13-parameter model.
 */
public enum HbvParameter {
    /** β, shape of the soil recharge curve [-]. */
    BETA(1.0, 6.0, "-", "shape of the soil recharge curve"),
    /** FC, field capacity [mm]. */
    FC(50, 1000, "mm", "field capacity"),
    /** K0, fast recession above UZL [1/d]. */
    K0(0.05, 0.9, "1/d", "fast recession above UZL"),
    /** K1, upper-zone recession [1/d]. */
    K1(0.01, 0.5, "1/d", "upper-zone recession"),
    /** K2, lower-zone recession [1/d]. */
    K2(0.001, 0.2, "1/d", "lower-zone recession"),
    /** LP, fraction of FC above which ET = PET [-]. */
    LP(0.2, 1.0, "-", "fraction of FC above which ET = PET"),
    /** PERC, maximum percolation [mm/d]. */
    PERC(0, 10, "mm/d", "maximum percolation"),
    /** UZL, threshold for Q0 [mm]. */
    UZL(0, 100, "mm", "threshold for Q0"),
    /** TT, rain/snow and melt threshold [°C]. */
    TT(-2.5, 2.5, "°C", "rain/snow and melt threshold"),
    /** CFMAX, degree-day factor [mm/°C/d]. */
    CFMAX(0.5, 10, "mm/°C/d", "degree-day factor"),
    /** CFR, refreezing coefficient [-]. */
    CFR(0, 0.1, "-", "refreezing coefficient"),
    /** CWH, liquid water holding capacity of snow [-]. */
    CWH(0, 0.2, "-", "liquid water holding capacity of snow"),
    /** γ, ET shape exponent (13-parameter model only) [-]. */
    BETAET(0.3, 5.0, "-", "ET shape exponent γ");

    /** Upper bound of routing parameter a (gamma shape α = a + 0.1). */
    public static final double ROUTING_A_MAX = 2.9;
    /** Upper bound of routing parameter b (gamma scale θ = b + 0.5, days). */
    public static final double ROUTING_B_MAX = 6.5;

    private final double lo;
    private final double hi;
    private final String unit;
    private final String description;
    private final float loF;
    private final float rangeF;

    HbvParameter(double lo, double hi, String unit, String description) {
        this.lo = lo;
        this.hi = hi;
        this.unit = unit;
        this.description = description;
        // The reference computes lo + u*(hi-lo) in float32 with both constants rounded to float first.
        this.loF = (float) lo;
        this.rangeF = (float) (hi - lo);
    }

    /** @return physical unit ({@code -} for dimensionless) */
    public String unit() {
        return unit;
    }

    /** @return what the parameter does, one line */
    public String description() {
        return description;
    }

    /** @return lower bound of the physical range */
    public double lo() {
        return lo;
    }

    /** @return upper bound of the physical range */
    public double hi() {
        return hi;
    }

    /** @return (hi − lo) rounded to float: d(physical)/du */
    public float rangeF() {
        return rangeF;
    }

    /**
     * Maps a network value u ∈ [0, 1] to the physical value, in float32 exactly as the reference does.
     *
     * @param u the sigmoid output
     * @return lo + u·(hi − lo)
     */
    public float toPhysical(float u) {
        return loF + u * rangeF;
    }
}
