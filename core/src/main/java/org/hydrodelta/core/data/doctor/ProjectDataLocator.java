package org.hydrodelta.core.data.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hydrodelta.core.data.DataFormatException;

/**
 * Finds the data a project file points at, without depending on the project model (owned by the project-file
 * code): the project is read as JSON and the first of the entries {@code data.path}, {@code dataPath},
 * {@code data} (a string), {@code csvMapping} is taken, resolved against the project's folder. When none is there
 * the project's own folder is inspected (sample projects keep their data under {@code data/}).
 */
public final class ProjectDataLocator {
    private static final List<String> KEYS = List.of("dataPath", "data", "csvMapping", "mapping");

    private ProjectDataLocator() {
    }

    /**
     * @param project a {@code *.hdproj} file
     * @return the data folder or mapping file
     * @throws DataFormatException when the file is not JSON or the location does not exist
     */
    public static Path dataPath(Path project) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(project.toFile());
        } catch (IOException e) {
            throw new DataFormatException(project, "not a readable project file (" + e.getMessage().split("\n")[0] + ")");
        }
        Path dir = project.toAbsolutePath().getParent();
        String rel = null;
        JsonNode data = root.path("data");
        if (data.isObject() && data.path("path").isTextual()) {
            rel = data.path("path").asText();
        }
        for (String k : KEYS) {
            if (rel == null && root.path(k).isTextual()) {
                rel = root.path(k).asText();
            }
        }
        Path p = rel == null ? dir : dir.resolve(rel);
        if (!Files.exists(p)) {
            throw new DataFormatException(project, "the project's data location " + p + " does not exist");
        }
        return p;
    }
}
