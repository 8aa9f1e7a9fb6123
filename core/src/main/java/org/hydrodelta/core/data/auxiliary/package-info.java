/**
 * Auxiliary observations (issue 18): per-basin daily series of snow water equivalent, actual evapotranspiration,
 * soil moisture or baseflow, declared per dataset and read like forcings, to constrain a model's states and fluxes
 * besides streamflow.
 */
package org.hydrodelta.core.data.auxiliary;
