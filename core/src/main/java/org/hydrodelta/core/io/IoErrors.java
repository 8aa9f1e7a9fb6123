package org.hydrodelta.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * An I/O failure as a short phrase a user can act on ("no such file", "permission denied", "No space left on
 * device"), instead of the JDK's message, which for a missing file is the bare path.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /**
     * @param e an I/O failure
     * @return what went wrong in a few words, with the file the JDK names when it is not the caller's own
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (e instanceof FileSystemException fse) {
            return fse.getReason() == null ? e.getClass().getSimpleName() : fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * @param e an I/O failure
     * @return {@link #reason} followed by the file it concerns, when the JDK names one
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fse && fse.getFile() != null) {
            return reason(e) + " (" + fse.getFile() + ")";
        }
        return reason(e);
    }
}
