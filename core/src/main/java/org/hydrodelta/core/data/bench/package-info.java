/**
 * Benchmark mains (not tests): parsing throughput of CAMELS text files on a generated 671-basin × 35-year set.
 */
package org.hydrodelta.core.data.bench;
