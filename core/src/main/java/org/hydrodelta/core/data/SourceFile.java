package org.hydrodelta.core.data;

/**
 * One input file a dataset was built from, for provenance.
 *
 * @param path     the path as given (relative paths keep fingerprints stable across machines)
 * @param bytes    file size
 * @param checksum CRC32C of the content
 */
public record SourceFile(String path, long bytes, long checksum) {
}
