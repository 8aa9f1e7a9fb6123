package org.hydrodelta.core.data;

import java.nio.file.Path;

/**
 * A malformed input file. The message always names the file and, where it applies, the line (1-based) and the
 * column, in the form {@code <file>:<line>: column '<name>': <reason>}, so the user can open the file and fix it.
 * Unchecked because readers are called from lambdas and parallel loops; callers that load many basins catch it
 * per basin and report it (loading is all or nothing per basin).
 */
public class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String column;
    private final String reason;

    /**
     * Creates an error located in a file.
     *
     * @param file   the offending file (never null)
     * @param line   1-based line number, or 0 when the problem concerns the whole file
     * @param column the column name or 1-based field number, or null when not specific to a column
     * @param reason what is wrong, in the user's terms
     */
    public DataFormatException(Path file, long line, String column, String reason) {
        super(format(file, line, column, reason));
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /**
     * Creates an error concerning a whole file.
     *
     * @param file   the offending file
     * @param reason what is wrong
     */
    public DataFormatException(Path file, String reason) {
        this(file, 0, null, reason);
    }

    private static String format(Path file, long line, String column, String reason) {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (column != null) {
            sb.append("column '").append(column).append("': ");
        }
        return sb.append(reason).toString();
    }

    /** @return the offending file */
    public Path file() {
        return file;
    }

    /** @return the 1-based line, or 0 when the problem concerns the whole file */
    public long line() {
        return line;
    }

    /** @return the column name, or null */
    public String column() {
        return column;
    }

    /** @return the reason without the location prefix */
    public String reason() {
        return reason;
    }
}
