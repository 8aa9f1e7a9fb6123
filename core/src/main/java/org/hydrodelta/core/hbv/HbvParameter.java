package org.hydrodelta.core.hbv;

/**
 * The 13 HBV parameters in the order of the network output (spec §2, Table 2), with their physical ranges.
 * The 12-parameter model uses the first twelve; {@link #BETAET} (γ) is the ET shape exponent of the
 * 13-parameter model.
 */
public enum HbvParameter {
    /** β, shape of the soil recharge curve [-]. */
    BETA(1.0, 6.0),
    /** FC, field capacity [mm]. */
    FC(50, 1000),
    /** K0, fast recession above UZL [1/d]. */
    K0(0.05, 0.9),
    /** K1, upper-zone recession [1/d]. */
    K1(0.01, 0.5),
    /** K2, lower-zone recession [1/d]. */
    K2(0.001, 0.2),
    /** LP, fraction of FC above which ET = PET [-]. */
    LP(0.2, 1.0),
    /** PERC, maximum percolation [mm/d]. */
    PERC(0, 10),
    /** UZL, threshold for Q0 [mm]. */
    UZL(0, 100),
    /** TT, rain/snow and melt threshold [°C]. */
    TT(-2.5, 2.5),
    /** CFMAX, degree-day factor [mm/°C/d]. */
    CFMAX(0.5, 10),
    /** CFR, refreezing coefficient [-]. */
    CFR(0, 0.1),
    /** CWH, liquid water holding capacity of snow [-]. */
    CWH(0, 0.2),
    /** γ, ET shape exponent (13-parameter model only) [-]. */
    BETAET(0.3, 5.0);

    /** Upper bound of routing parameter a (gamma shape α = a + 0.1). */
    public static final double ROUTING_A_MAX = 2.9;
    /** Upper bound of routing parameter b (gamma scale θ = b + 0.5, days). */
    public static final double ROUTING_B_MAX = 6.5;

    private final double lo;
    private final double hi;
    private final float loF;
    private final float rangeF;

    HbvParameter(double lo, double hi) {
        this.lo = lo;
        this.hi = hi;
        // The reference computes lo + u*(hi-lo) in float32 with both constants rounded to float first.
        this.loF = (float) lo;
        this.rangeF = (float) (hi - lo);
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
