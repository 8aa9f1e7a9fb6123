package org.hydrodelta.app.cli;

import java.nio.file.Path;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectException;
import org.hydrodelta.core.project.ProjectStore;

/** Loads the project a command names, turning a bad file into a one-line error. */
final class ProjectArgs {
    private ProjectArgs() {
    }

    static Project load(Path file) {
        try {
            return ProjectStore.load(file);
        } catch (ProjectException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static Path dir(Path file) {
        return file.toAbsolutePath().normalize().getParent();
    }
}
