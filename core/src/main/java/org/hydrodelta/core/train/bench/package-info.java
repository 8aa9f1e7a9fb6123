/** Benchmark of a whole δ-model training iteration in the paper's configuration. */
package org.hydrodelta.core.train.bench;
