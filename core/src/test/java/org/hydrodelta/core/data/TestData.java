package org.hydrodelta.core.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the committed sample data from tests (never ../shared). */
public final class TestData {
    private TestData() {
    }

    /** @return the repository root, from the surefire property {@code hydrodelta.repo.root} */
    public static Path repoRoot() {
        String p = System.getProperty("hydrodelta.repo.root");
        Path root = p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(root.resolve("sample-projects"))) {
            throw new IllegalStateException("repo root not found (hydrodelta.repo.root=" + p + ")");
        }
        return root;
    }

    /** @return sample-projects/camels-regions/data/camels-us */
    public static Path camelsRegions() {
        return repoRoot().resolve("sample-projects/camels-regions/data/camels-us");
    }

    /** @return sample-projects/piscataquis-01031500/data/camels-us */
    public static Path piscataquis() {
        return repoRoot().resolve("sample-projects/piscataquis-01031500/data/camels-us");
    }

    /** @return core/src/test/resources/camels-format-samples */
    public static Path formatSamples() {
        return repoRoot().resolve("core/src/test/resources/camels-format-samples");
    }
}
