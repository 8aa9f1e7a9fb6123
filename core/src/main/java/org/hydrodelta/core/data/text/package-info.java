/**
 * Low-level, allocation-free scanning of whitespace-separated numeric text files (CAMELS forcing and streamflow
 * files): the parsing hot loop behind the throughput benchmark.
 */
package org.hydrodelta.core.data.text;
