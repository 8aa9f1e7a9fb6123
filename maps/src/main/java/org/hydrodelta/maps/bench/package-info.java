/**
 * Benchmark mains for the maps module: frame time of the renderer on the CONUS sample map and shapefile reading
 * throughput on a generated 671 x 1,000-vertex polygon file. Reachable from the command line through
 * {@code hydrodelta bench map}.
 */
package org.hydrodelta.maps.bench;
