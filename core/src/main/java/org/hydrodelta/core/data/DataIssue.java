package org.hydrodelta.core.data;

import java.nio.file.Path;

/**
 * One problem found while loading or inspecting data, kept instead of thrown when loading can go on (a bad basin
 * is skipped, a missing attribute becomes NaN). The data doctor prints these as
 * {@code ERROR <file>:<line>: <message>} and {@code WARN <file>: <message>}.
 *
 * @param severity ERROR (the basin or file cannot be used) or WARN (usable, but the user should know)
 * @param file     the file concerned, or null when the issue is not tied to one file
 * @param line     1-based line, or 0
 * @param basinId  the basin concerned, or null
 * @param message  the reason, including the column name where it applies
 */
public record DataIssue(Severity severity, Path file, long line, String basinId, String message) {

    /** How serious an issue is. */
    public enum Severity {
        /** The basin (or file) cannot be used. */
        ERROR,
        /** Usable, but worth the user's attention. */
        WARN
    }

    /**
     * Turns a format error into an ERROR issue for a basin.
     *
     * @param basinId the basin that is skipped because of it
     * @param e       the error
     * @return the issue
     */
    public static DataIssue of(String basinId, DataFormatException e) {
        String msg = e.column() == null ? e.reason() : "column '" + e.column() + "': " + e.reason();
        return new DataIssue(Severity.ERROR, e.file(), e.line(), basinId, msg);
    }

    /**
     * Creates a warning.
     *
     * @param file    file concerned, or null
     * @param basinId basin concerned, or null
     * @param message reason
     * @return the issue
     */
    public static DataIssue warn(Path file, String basinId, String message) {
        return new DataIssue(Severity.WARN, file, 0, basinId, message);
    }

    /**
     * Formats the issue the way the command line prints it.
     *
     * @return {@code ERROR <file>:<line>: <message>} or {@code WARN <file>: <message>}
     */
    public String format() {
        StringBuilder sb = new StringBuilder(severity.name()).append(' ');
        sb.append(file == null ? (basinId == null ? "-" : "basin " + basinId) : file.toString());
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (file != null && basinId != null && !message.contains(basinId)) {
            sb.append("basin ").append(basinId).append(": ");
        }
        return sb.append(message).toString();
    }
}
