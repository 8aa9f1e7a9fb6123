package org.hydrodelta.core.conceptual;

/**
 * One output series of a model, {@code [day][basin]}: a state (end-of-day storage) or a flux.
 *
 * @param name        short name, unique within the model (output file columns and map fields)
 * @param unit        {@code mm} for stores, {@code mm/d} for fluxes
 * @param kind        store or flux
 * @param role        what evaluation reads it as, or {@link Role#NONE}
 * @param description one line for legends and tables
 */
public record OutputSpec(String name, String unit, Kind kind, Role role, String description) {
    /** Whether an output is a storage or a flow. */
    public enum Kind {
        /** A storage at the end of the day, mm. */
        STORE,
        /** A flow over the day, mm/d. */
        FLUX
    }

    /** What model-independent code (metrics, hydrographs, maps) reads an output as. */
    public enum Role {
        /** The simulated streamflow at the outlet: what is trained and scored. Every model has exactly one. */
        DISCHARGE,
        /** Streamflow before routing (for the baseflow index). */
        UNROUTED_DISCHARGE,
        /** Slow flow from the deepest store (for the baseflow index). */
        BASEFLOW,
        /** Actual evapotranspiration (for the Budyko check). */
        EVAPOTRANSPIRATION,
        /** Snow water equivalent. */
        SNOW,
        /** Soil moisture. */
        SOIL_MOISTURE,
        /** The upper (fast) groundwater store. */
        UPPER_STORE,
        /** The lower (slow) groundwater store. */
        LOWER_STORE,
        /** No special meaning. */
        NONE
    }

    /**
     * A store in mm.
     *
     * @param name        the name
     * @param role        its role
     * @param description one line
     * @return the spec
     */
    public static OutputSpec store(String name, Role role, String description) {
        return new OutputSpec(name, "mm", Kind.STORE, role, description);
    }

    /**
     * A flux in mm/d.
     *
     * @param name        the name
     * @param role        its role
     * @param description one line
     * @return the spec
     */
    public static OutputSpec flux(String name, Role role, String description) {
        return new OutputSpec(name, "mm/d", Kind.FLUX, role, description);
    }

    /** @return whether this is a store */
    public boolean isStore() {
        return kind == Kind.STORE;
    }
}
