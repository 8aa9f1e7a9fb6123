/**
 * Potential evapotranspiration for data that has none: Hargreaves–Samani (spec §5.2), Priestley–Taylor with
 * FAO-56 net radiation, and Hamon; {@link org.hydrodelta.core.data.pet.PetSelector} picks one from what the data
 * holds and explains why the others cannot apply.
 */
package org.hydrodelta.core.data.pet;
