package org.hydrodelta.maps.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A vector data file that cannot be read. The message always has the form {@code <file>: <record>: <reason>},
 * so the command line can print it verbatim after {@code ERROR }.
 */
public final class MapDataException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String record;
    private final String reason;

    /**
     * @param file   the offending file
     * @param record where in the file: {@code "header"}, {@code "record 12"}, {@code "features[3]"}, ...
     * @param reason what is wrong, in words a user can act on
     */
    public MapDataException(Path file, String record, String reason) {
        this(file, record, reason, null);
    }

    /**
     * @param file   the offending file
     * @param record where in the file
     * @param reason what is wrong
     * @param cause  the underlying exception, may be null
     */
    public MapDataException(Path file, String record, String reason, Throwable cause) {
        super(file + ": " + record + ": " + reason, cause);
        this.file = file;
        this.record = record;
        this.reason = reason;
    }

    /** @return the offending file */
    public Path file() {
        return file;
    }

    /** @return where in the file the problem is (header, record N, ...) */
    public String record() {
        return record;
    }

    /** @return the reason without file and record */
    public String reason() {
        return reason;
    }
}
