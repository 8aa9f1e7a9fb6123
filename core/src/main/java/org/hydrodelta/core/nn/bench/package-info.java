/** Throughput benchmarks of the networks (mains reachable from {@code hydrodelta bench}); no tests assert speed. */
package org.hydrodelta.core.nn.bench;
