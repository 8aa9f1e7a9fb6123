package org.hydrodelta.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * One input file a dataset was built from, for provenance.
 *
 * @param path     the path as given (relative paths keep fingerprints stable across machines)
 * @param bytes    file size
 * @param checksum CRC32C of the content
 */
public record SourceFile(String path, long bytes, long checksum) {
    /**
     * Reads a whole input file, for the byte-level readers.
     *
     * @param file the file
     * @return its bytes
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            // a per-file problem (unreadable, a folder, vanished): the basin is skipped with the reason, not the load
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new DataFormatException(file, "cannot read: " + why);
        }
    }

    /**
     * @param buf file contents
     * @return 3 when they start with a UTF-8 byte-order mark (accepted and skipped), else 0
     */
    public static int bomLength(byte[] buf) {
        return buf.length >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF ? 3 : 0;
    }

    /**
     * @param buf file contents
     * @return their CRC32C, the {@link #checksum} of provenance records
     */
    public static long checksum(byte[] buf) {
        CRC32C crc = new CRC32C();
        crc.update(buf, 0, buf.length);
        return crc.getValue();
    }
}
