package org.hydrodelta.core.data.pet;

/** The PET methods the workbench can compute. */
public enum PetMethod {
    /** Hargreaves–Samani (spec §5.2): needs the daily temperature range and latitude. */
    HARGREAVES,
    /** Priestley–Taylor (α = 1.26): needs shortwave radiation, temperature, elevation and latitude. */
    PRIESTLEY_TAYLOR,
    /** Hamon (Lu et al. 2005 form): needs day length (or latitude) and temperature. */
    HAMON
}
