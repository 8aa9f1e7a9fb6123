/**
 * Coordinate systems through Apache SIS: parsing .prj WKT, the display projections (CONUS Albers for the United
 * States, a Lambert azimuthal equal-area projection centred on the data elsewhere) and reprojection of JTS
 * geometries. Works without the EPSG database: every projected CRS is built from WKT.
 */
package org.hydrodelta.maps.crs;
