package org.hydrodelta.core.project;

import java.nio.file.Path;

/** A project file could not be read or written; the message names the file and the problem. */
public final class ProjectException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file    the project file concerned
     * @param message what is wrong, readable by a user
     * @param cause   the underlying exception, or {@code null}
     */
    public ProjectException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** @return the project file concerned */
    public Path file() {
        return file;
    }
}
