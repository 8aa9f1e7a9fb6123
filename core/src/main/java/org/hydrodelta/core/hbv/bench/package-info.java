/** Throughput benchmark of the HBV kernel ({@code hydrodelta bench hbv}). */
package org.hydrodelta.core.hbv.bench;
