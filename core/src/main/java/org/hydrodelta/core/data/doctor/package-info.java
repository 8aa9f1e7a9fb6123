/**
 * The data doctor behind {@code hydrodelta inspect}: loads a CAMELS or Caravan folder or a CSV mapping, and
 * reports per basin the period, coverage and gaps of each variable, sentinels, suspicious units, Tmax == Tmin,
 * missing attributes and the basin-days training would drop, plus a summary.
 */
package org.hydrodelta.core.data.doctor;
