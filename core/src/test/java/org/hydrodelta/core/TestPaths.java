package org.hydrodelta.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates committed test data: the repository root is passed in by surefire as {@code hydrodelta.repo.root}. */
public final class TestPaths {
    private TestPaths() {
    }

    /** @return the repository root (the folder holding the parent pom and sample-projects/) */
    public static Path repoRoot() {
        String prop = System.getProperty("hydrodelta.repo.root");
        Path root = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(root.resolve("sample-projects"))) {
            throw new IllegalStateException("cannot find sample-projects/ under " + root);
        }
        return root;
    }

    /**
     * @param name sample project folder name, e.g. {@code camels-regions}
     * @return its folder
     */
    public static Path sampleProject(String name) {
        return repoRoot().resolve("sample-projects").resolve(name);
    }
}
