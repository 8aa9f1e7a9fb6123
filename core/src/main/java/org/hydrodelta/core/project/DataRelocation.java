package org.hydrodelta.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DatasetType;
import org.hydrodelta.core.data.DatasetTypes;

/**
 * Points a dataset at the folder its data now live in, as a GIS relinks a moved layer: a project copied without its
 * data, or data moved to another disk, fail {@link DatasetRef#checkAvailable} naming the path looked for; the user
 * names the folder that holds them now. For a folder dataset (CAMELS-US, Caravan) the project's dataset path
 * becomes that folder. For a CSV mapping the files keep their places relative to one another: the folder that
 * held them all (the deepest folder common to the basin list, the data files' folder and the attribute tables) is
 * replaced by the chosen one, and the mapping is written again with paths relative to its own folder (the previous
 * mapping kept as {@code <mapping>.bak}; a folder that holds a folder of the old one's name is looked into). Nothing
 * is written unless every file is found in the new place.
 */
public final class DataRelocation {
    private DataRelocation() {
    }

    /**
     * @param projectFile the project file
     * @param dataset     the dataset's name
     * @param folder      where its data are now
     * @return what was changed, for the user
     * @throws IllegalArgumentException naming what the folder lacks (nothing written), or an unknown dataset
     * @throws IOException      if the mapping cannot be read or written
     * @throws ProjectException if the project file cannot be read or updated
     */
    public static String relocate(Path projectFile, String dataset, Path folder) throws IOException, ProjectException {
        Project project = ProjectStore.load(projectFile);
        DatasetRef d = project.datasets().stream().filter(x -> x.name().equals(dataset)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no dataset '" + dataset + "' in " + projectFile + " (it has "
                        + project.datasets().stream().map(DatasetRef::name).toList() + ")"));
        DatasetType type = DatasetTypes.find(d.type()).orElseThrow(() -> new IllegalArgumentException("dataset '"
                + dataset + "' has unknown type '" + d.type() + "'"));
        Path to = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(to)) {
            throw new IllegalArgumentException(to + " is not a folder");
        }
        if (type.describedByFile()) {
            String said = relocateMapping(d, to);
            return said + relinkLayers(projectFile, to);
        }
        Path root = type.locate(to).orElseThrow(() -> new IllegalArgumentException(to + " holds no " + type.label()
                + " data (" + type.expectedLayout() + "): dataset '" + dataset + "' unchanged"));
        ProjectStore.update(projectFile, p -> {
            for (int i = 0; i < p.datasets().size(); i++) {
                DatasetRef x = p.datasets().get(i);
                if (x.name().equals(dataset)) {
                    p.datasets().set(i, new DatasetRef(x.name(), x.type(), root, x.forcing(), x.options()));
                }
            }
        });
        return "dataset '" + dataset + "' now reads its " + type.label() + " data from " + root + " (was "
                + d.path().toAbsolutePath().normalize() + ")" + relinkLayers(projectFile, to);
    }

    /** How deep below the chosen folder missing map layers are looked for. */
    static final int LAYER_DEPTH = 6;
    /** How many files and folders below the chosen folder are looked at, at most, for each missing layer. */
    static final long LAYER_ENTRIES = 50_000;

    /**
     * Map layers whose files are missing are looked for by file name below the folder the data were located in
     * (the data and their shapefiles often travel together); each found is pointed there (with a shapefile, its
     * {@code .dbf}, {@code .shx} and {@code .prj} beside it).
     *
     * @return what was relinked, "" when nothing
     */
    static String relinkLayers(Path projectFile, Path folder) throws IOException, ProjectException {
        Project project = ProjectStore.load(projectFile);
        Map<String, Path> found = new LinkedHashMap<>();
        for (LayerRef l : project.layers()) {
            if (Files.isRegularFile(l.path())) {
                continue;
            }
            String fileName = l.path().getFileName().toString();
            // at most LAYER_ENTRIES entries: a folder as wide as a home folder answers in a second, not minutes
            try (java.util.stream.Stream<Path> all = Files.walk(folder, LAYER_DEPTH)) {
                all.limit(LAYER_ENTRIES).filter(f -> f.getFileName().toString().equals(fileName)
                        && Files.isRegularFile(f)).sorted().findFirst()
                        .ifPresent(f -> found.put(l.name(), f.toAbsolutePath().normalize()));
            } catch (java.io.UncheckedIOException e) {
                // an unreadable folder below: the layers found so far are kept
            }
        }
        if (found.isEmpty()) {
            return "";
        }
        ProjectStore.update(projectFile, p -> {
            for (int i = 0; i < p.layers().size(); i++) {
                LayerRef l = p.layers().get(i);
                if (found.containsKey(l.name())) {
                    p.layers().set(i, new LayerRef(l.name(), l.role(), found.get(l.name())));
                }
            }
        });
        List<String> names = new ArrayList<>();
        found.forEach((n, f) -> names.add("'" + n + "' (" + folder.relativize(f) + ")"));
        return "; map layer" + (found.size() == 1 ? " " : "s ") + String.join(", ", names) + " found there too";
    }

    /** The path keys of a CSV mapping, in the order they are checked. */
    private static final List<String> KEYS = List.of("basinList", "files", "attributes", "extraAttributes");

    private static String relocateMapping(DatasetRef d, Path to) throws IOException {
        Path mapping = d.path().toAbsolutePath().normalize();
        if (!Files.isRegularFile(mapping)) {
            throw new IllegalArgumentException("dataset '" + d.name() + "': its column mapping " + mapping + " is"
                    + " missing itself, so where its files were is unknown: import the data again");
        }
        Path base = mapping.getParent();
        ObjectNode json = (ObjectNode) ProjectStore.mapper().readTree(mapping.toFile());
        // every path the mapping names, as written, and the file or folder it stands for
        Map<String, String> written = new LinkedHashMap<>();
        for (String key : KEYS) {
            JsonNode v = json.get(key);
            if (v != null && v.isTextual()) {
                written.put(key, v.asText());
            } else if (v != null && v.isArray()) {
                for (int i = 0; i < v.size(); i++) {
                    written.put(key + "[" + i + "]", v.get(i).asText());
                }
            }
        }
        Map<String, Path> old = new LinkedHashMap<>();
        written.forEach((k, v) -> old.put(k, base.resolve(fixedPart(v)).normalize()));
        Path common = null;
        for (Map.Entry<String, Path> e : old.entrySet()) {
            // the folder of the data files itself, the folder of any other file
            Path dir = e.getKey().equals("files") ? e.getValue() : e.getValue().getParent();
            common = common == null ? dir : commonAncestor(common, dir);
        }
        if (common == null) {
            throw new IllegalArgumentException("dataset '" + d.name() + "': " + mapping + " names no files");
        }
        List<String> missing = new ArrayList<>();
        Map<String, String> relocated = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : written.entrySet()) {
            Path now = to.resolve(common.relativize(old.get(e.getKey())));
            boolean folder = e.getKey().equals("files");
            if (folder ? !Files.isDirectory(now) : !Files.isRegularFile(now)) {
                missing.add(e.getKey() + " (" + to.relativize(now) + (folder ? "/" : "") + ")");
            }
            String fixed = fixedPart(e.getValue());
            String rest = e.getValue().substring(fixed.length()); // "/{id}.csv" for the files, else empty
            if (rest.startsWith("/") || rest.startsWith("\\")) {
                rest = rest.substring(1);
            }
            String rel = relative(base, now);
            relocated.put(e.getKey(), rest.isEmpty() ? rel : rel.isEmpty() ? rest : rel + "/" + rest);
        }
        if (!missing.isEmpty() && common.getFileName() != null
                && Files.isDirectory(to.resolve(common.getFileName().toString()))) {
            // the folder above the data's folder (e.g. data/ for data/caravan-camels-241/): look in the one of the
            // old name
            return relocateMapping(d, to.resolve(common.getFileName().toString()));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(to + " does not hold what " + mapping.getFileName() + " of dataset '"
                    + d.name() + "' names, placed as they were under " + common + ": no " + String.join(", ", missing)
                    + "; choose the folder that holds them (nothing was changed)");
        }
        for (String key : KEYS) {
            JsonNode v = json.get(key);
            if (v != null && v.isTextual()) {
                json.put(key, relocated.get(key));
            } else if (v != null && v.isArray()) {
                ArrayNode a = json.putArray(key);
                for (int i = 0; i < v.size(); i++) {
                    a.add(relocated.get(key + "[" + i + "]"));
                }
            }
        }
        Files.copy(mapping, mapping.resolveSibling(mapping.getFileName() + ".bak"),
                StandardCopyOption.REPLACE_EXISTING);
        Path tmp = mapping.resolveSibling(mapping.getFileName() + ".tmp");
        Files.writeString(tmp, ProjectStore.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        Files.move(tmp, mapping, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try {
            d.checkAvailable();
        } catch (DataFormatException e) {
            // checked above file by file; should the mapping still fail, the user learns why
            throw new IllegalArgumentException("relocated, but " + e.getMessage(), e);
        }
        return "dataset '" + d.name() + "' now reads its files from " + to + " (was " + common + "): "
                + mapping.getFileName() + " rewritten, the previous one kept as " + mapping.getFileName() + ".bak";
    }

    /** @return the part of a mapping path before the folder that holds {@code {id}}, or the whole path */
    private static String fixedPart(String path) {
        int id = path.indexOf("{id}");
        if (id < 0) {
            return path;
        }
        int slash = Math.max(path.lastIndexOf('/', id), path.lastIndexOf('\\', id));
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static Path commonAncestor(Path a, Path b) {
        Path c = a;
        while (c != null && !b.startsWith(c)) {
            c = c.getParent();
        }
        return c;
    }

    private static String relative(Path base, Path target) {
        try {
            return base.relativize(target).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return target.toString(); // another drive or root: the absolute path
        }
    }
}
