package org.hydrodelta.core.hbv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hydrodelta.core.conceptual.ConceptualModel;
import org.hydrodelta.core.conceptual.OutputSpec;
import org.hydrodelta.core.conceptual.OutputSpec.Role;
import org.hydrodelta.core.conceptual.ParameterSpec;

/**
 * δHBV 1.0 (Feng et al. 2022) behind the {@link ConceptualModel} seam: the vectorised {@link HbvKernel} with 12
 * parameters (linear ET factor) or 13 (ET shape exponent γ), gamma unit-hydrograph routing, and the states and
 * fluxes of {@link HbvOutput}.
 */
public final class HbvModel implements ConceptualModel {
    /** Forcing columns the kernel reads, in order. */
    static final List<String> FORCINGS = List.of("PRCP", "TMEAN", "PET");

    private final HbvConfig cfg;
    private final List<ParameterSpec> parameters;

    /** @param cfg the structure (parameters, dynamic flags, components, routing; diagnostics are per kernel) */
    public HbvModel(HbvConfig cfg) {
        this.cfg = cfg;
        List<ParameterSpec> p = new ArrayList<>();
        HbvParameter[] all = HbvParameter.values();
        for (int i = 0; i < cfg.nParams(); i++) {
            HbvParameter h = all[i];
            p.add(new ParameterSpec(h.name(), h.lo(), h.hi(), h.unit(), h.description(), cfg.isDynamic(i)));
        }
        this.parameters = Collections.unmodifiableList(p);
    }

    /** @return the structure */
    public HbvConfig config() {
        return cfg;
    }

    @Override
    public String displayName() {
        return "HBV 1.0";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return parameters;
    }

    @Override
    public int components() {
        return cfg.nmul();
    }

    @Override
    public int routingColumns() {
        return 2;
    }

    @Override
    public List<OutputSpec> outputs() {
        return OUTPUTS;
    }

    @Override
    public List<String> trainableOutputs() {
        List<String> out = new ArrayList<>();
        out.add(HbvOutput.Q_ROUTED.name());
        out.addAll(HbvKernel.SEEDABLE);
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<String> requiredForcings() {
        return FORCINGS;
    }

    @Override
    public HbvKernel newKernel(int nBasins, int nWarmup, int nWindow, int threads, boolean diagnostics) {
        return new HbvKernel(cfg.withDiagnostics(diagnostics), nBasins, nWarmup, nWindow, threads);
    }

    /**
     * The routed streamflow. Pure networks name their flow the same way, so every run's output files and the app
     * compare runs column by column.
     */
    public static final OutputSpec DISCHARGE = spec(HbvOutput.Q_ROUTED);

    /** The outputs of {@link HbvOutput} with units, kinds and roles, in its order. */
    static final List<OutputSpec> OUTPUTS = specs();

    private static List<OutputSpec> specs() {
        List<OutputSpec> o = new ArrayList<>();
        for (HbvOutput h : HbvOutput.values()) {
            o.add(spec(h));
        }
        return Collections.unmodifiableList(o);
    }

    static OutputSpec spec(HbvOutput h) {
        return switch (h) {
            case Q_ROUTED -> OutputSpec.flux(h.name(), Role.DISCHARGE, "routed streamflow");
            case Q -> OutputSpec.flux(h.name(), Role.UNROUTED_DISCHARGE, "streamflow before routing");
            case Q0 -> OutputSpec.flux(h.name(), Role.NONE, "fast flow above UZL");
            case Q1 -> OutputSpec.flux(h.name(), Role.NONE, "interflow");
            case Q2 -> OutputSpec.flux(h.name(), Role.BASEFLOW, "baseflow");
            case ET -> OutputSpec.flux(h.name(), Role.EVAPOTRANSPIRATION, "actual evapotranspiration");
            case RAIN -> OutputSpec.flux(h.name(), Role.NONE, "rainfall");
            case SNOWFALL -> OutputSpec.flux(h.name(), Role.NONE, "snowfall");
            case MELT -> OutputSpec.flux(h.name(), Role.NONE, "snowmelt");
            case REFREEZE -> OutputSpec.flux(h.name(), Role.NONE, "refreezing");
            case TOSOIL -> OutputSpec.flux(h.name(), Role.NONE, "snowpack outflow to the soil");
            case RECHARGE -> OutputSpec.flux(h.name(), Role.NONE, "recharge from soil to upper zone");
            case EXCESS -> OutputSpec.flux(h.name(), Role.NONE, "soil water above field capacity");
            case PERC -> OutputSpec.flux(h.name(), Role.NONE, "percolation to the lower zone");
            case SNOWPACK -> OutputSpec.store(h.name(), Role.SNOW, "snowpack");
            case MELTWATER -> OutputSpec.store(h.name(), Role.NONE, "liquid water in the snowpack");
            case SM -> OutputSpec.store(h.name(), Role.SOIL_MOISTURE, "soil moisture");
            case SUZ -> OutputSpec.store(h.name(), Role.UPPER_STORE, "upper zone storage");
            case SLZ -> OutputSpec.store(h.name(), Role.LOWER_STORE, "lower zone storage");
        };
    }
}
