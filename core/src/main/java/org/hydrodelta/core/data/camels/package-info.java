/**
 * CAMELS-US readers: folder layout discovery, the seven attribute tables, forcing files of every product
 * (daymet, maurer, maurer_extended, nldas, with their header variants) and USGS streamflow files.
 */
package org.hydrodelta.core.data.camels;
