/**
 * Caravan layout (Kratzert et al. 2023): {@code attributes/<prefix>/attributes_*_<prefix>.csv} keyed by
 * {@code gauge_id}, {@code timeseries/csv/<prefix>/<gauge_id>.csv} with a {@code date} column and ERA5-Land
 * variable names.
 */
package org.hydrodelta.core.data.caravan;
