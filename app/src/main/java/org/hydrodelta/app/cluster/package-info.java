/**
 * Cluster jobs from the workbench: the command lines of the cluster module's own distribution
 * ({@code hydrodelta-cluster}), written as {@code job.sh} and {@code job.json} beside the project and run as child
 * processes. The workbench does not depend on the cluster module or on Spark.
 */
package org.hydrodelta.app.cluster;
