/**
 * Reading vector data into JTS geometries with attribute rows: a strict ESRI shapefile reader (.shp, .shx, .dbf,
 * .cpg, .prj), a GeoJSON reader, a small shapefile writer (benchmarks and test fixtures) and the feature model
 * ({@link org.hydrodelta.maps.io.FeatureSet}, {@link org.hydrodelta.maps.io.Feature}). Bad files raise
 * {@link org.hydrodelta.maps.io.MapDataException} naming the file and the record; nothing is returned half read.
 */
package org.hydrodelta.maps.io;
