package org.hydrodelta.core.data.archfixture;

import org.hydrodelta.core.project.ProjectStore;

/** Fixture for the layering rule: data code that knows project files (forbidden). */
public final class LoaderReadsAProject {
    /** @return the project files' JSON mapper */
    public Object mapper() {
        return ProjectStore.mapper();
    }
}
