/**
 * Scale-out of HydroDelta experiments on Apache Spark: data-parallel training of one run, many runs (sweeps,
 * folds, ensemble members) as Spark tasks, and evaluation partitioned by basin. The module depends on core only.
 */
package org.hydrodelta.cluster;
