package org.hydrodelta.core.hbv;

import java.util.Arrays;

/**
 * Structure of an HBV run: 12 parameters (linear ET factor, spec §1.2 step 9) or 13 (ET exponent γ), which
 * parameters are dynamic (a value per day), the number of parallel components per basin, whether the averaged
 * flow is routed through the gamma unit hydrograph, and whether the component-averaged states and fluxes
 * ({@link HbvOutput}) are produced besides streamflow.
 */
public final class HbvConfig {
    private final int nParams;
    private final boolean[] dynamic;
    private final int nmul;
    private final boolean routing;
    private final boolean diagnostics;

    /**
     * @param nParams     12 or 13
     * @param dynamic     one flag per parameter (length nParams): true = value per day
     * @param nmul        components per basin (≥ 1)
     * @param routing     route the component mean with the gamma unit hydrograph
     * @param diagnostics also produce the component-averaged states and fluxes
     */
    public HbvConfig(int nParams, boolean[] dynamic, int nmul, boolean routing, boolean diagnostics) {
        if (nParams != 12 && nParams != 13) {
            throw new IllegalArgumentException("nParams must be 12 or 13, was " + nParams);
        }
        if (dynamic == null || dynamic.length != nParams) {
            throw new IllegalArgumentException("dynamic flags: expected " + nParams + " entries, got "
                    + (dynamic == null ? "null" : dynamic.length));
        }
        if (nmul < 1) {
            throw new IllegalArgumentException("nmul must be >= 1, was " + nmul);
        }
        this.nParams = nParams;
        this.dynamic = dynamic.clone();
        this.nmul = nmul;
        this.routing = routing;
        this.diagnostics = diagnostics;
    }

    /**
     * The paper's dynamic variant δ(βt, γt): 13 parameters, β and γ dynamic, routing on, diagnostics on.
     *
     * @param nmul components per basin
     * @return the configuration
     */
    public static HbvConfig dynamicBetaGamma(int nmul) {
        boolean[] dyn = new boolean[13];
        dyn[HbvParameter.BETA.ordinal()] = true;
        dyn[HbvParameter.BETAET.ordinal()] = true;
        return new HbvConfig(13, dyn, nmul, true, true);
    }

    /**
     * The static variant: 12 parameters, none dynamic, routing on, diagnostics on.
     *
     * @param nmul components per basin
     * @return the configuration
     */
    public static HbvConfig staticTwelve(int nmul) {
        return new HbvConfig(12, new boolean[12], nmul, true, true);
    }

    /**
     * @param on whether to compute component-averaged states and fluxes
     * @return a copy with that setting
     */
    public HbvConfig withDiagnostics(boolean on) {
        return new HbvConfig(nParams, dynamic, nmul, routing, on);
    }

    /**
     * @param on whether to route
     * @return a copy with that setting
     */
    public HbvConfig withRouting(boolean on) {
        return new HbvConfig(nParams, dynamic, nmul, on, diagnostics);
    }

    /** @return 12 or 13 */
    public int nParams() {
        return nParams;
    }

    /**
     * @param p parameter index
     * @return whether parameter p takes a value per day
     */
    public boolean isDynamic(int p) {
        return dynamic[p];
    }

    /** @return components per basin */
    public int nmul() {
        return nmul;
    }

    /** @return whether the averaged flow is routed */
    public boolean routing() {
        return routing;
    }

    /** @return whether averaged states and fluxes are produced */
    public boolean diagnostics() {
        return diagnostics;
    }

    /** @return whether the ET factor uses the exponent γ (13-parameter model) */
    public boolean hasEtExponent() {
        return nParams == 13;
    }

    /** @return columns per basin-day row of the parameter array: nParams·nmul + 2 */
    public int rowWidth() {
        return nParams * nmul + 2;
    }

    @Override
    public String toString() {
        return "HbvConfig[nParams=" + nParams + ", dynamic=" + Arrays.toString(dynamic) + ", nmul=" + nmul
                + ", routing=" + routing + ", diagnostics=" + diagnostics + "]";
    }
}
