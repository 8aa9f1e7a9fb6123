package org.hydrodelta.core.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.hydrodelta.core.Version;

/**
 * Reads and writes project files. Reading is all or nothing: a malformed file, an unknown or newer
 * {@code formatVersion}, an unknown key or an invalid experiment gives a {@link ProjectException} naming the
 * file and the problem, never a half-loaded project. Saving writes a temporary file beside the target, keeps
 * the previous file as {@code <name>.bak}, and renames atomically, so a failure mid-save leaves the old file
 * intact (QuPath's {@code DefaultProject} does the same).
 */
public final class ProjectStore {
    /** The format version this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** File extension of project files. */
    public static final String EXTENSION = ".hdproj";

    private static final Set<String> PROJECT_KEYS = Set.of("formatVersion", "application", "created", "modified",
            "name", "description", "datasets", "basins", "layers", "experiments", "runs");
    private static final Set<String> DATASET_KEYS = Set.of("name", "type", "path", "forcing", "options");
    private static final Set<String> LAYER_KEYS = Set.of("name", "role", "path");
    private static final Set<String> EXPERIMENT_KEYS = Set.of("name", "config");
    private static final Set<String> RUN_KEYS = Set.of("name", "experiment", "path", "created");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(PeriodJson.module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ProjectStore() {
    }

    /** @return the JSON mapper used for project files and configurations (shared so formats agree) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads a project file.
     *
     * @param file the {@code .hdproj} file
     * @return the project with absolute paths
     * @throws ProjectException if the file is missing, malformed, of an unsupported version or invalid
     */
    public static Project load(Path file) throws ProjectException {
        Path abs = file.toAbsolutePath().normalize();
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(abs));
        } catch (NoSuchFileException e) {
            throw new ProjectException(abs, "file not found", e);
        } catch (JsonProcessingException e) {
            throw new ProjectException(abs, "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ProjectException(abs, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ProjectException(abs, "not a HydroDelta project file (expected a JSON object)", null);
        }
        checkVersion(abs, root.get("formatVersion"));
        try {
            return fromJson(abs, (ObjectNode) root);
        } catch (IllegalArgumentException e) {
            throw new ProjectException(abs, e.getMessage(), e);
        }
    }

    private static void checkVersion(Path file, JsonNode version) throws ProjectException {
        if (version == null) {
            throw new ProjectException(file, "no formatVersion: not a HydroDelta project file", null);
        }
        if (!version.isInt()) {
            throw new ProjectException(file, "unknown formatVersion " + version + " (this version reads "
                    + FORMAT_VERSION + ")", null);
        }
        int v = version.intValue();
        if (v > FORMAT_VERSION) {
            throw new ProjectException(file, "formatVersion " + v + " is newer than this HydroDelta "
                    + Version.get() + " supports (" + FORMAT_VERSION + "); open it with a newer workbench", null);
        }
        if (v < 1) {
            throw new ProjectException(file, "unknown formatVersion " + v + " (this version reads "
                    + FORMAT_VERSION + ")", null);
        }
    }

    private static Project fromJson(Path file, ObjectNode root) {
        Path base = file.getParent();
        onlyKeys(root, PROJECT_KEYS, "project");
        Project p = new Project(text(root, "name", "project", true));
        p.setDescription(text(root, "description", "project", false));
        // a hand-written project may omit both: they are then set now, and written on the next save
        Instant created = instant(root, "created");
        Instant modified = instant(root, "modified");
        created = created != null ? created : modified != null ? modified : p.created();
        p.setTimestamps(created, modified != null ? modified : created);
        int i = 0;
        for (JsonNode d : array(root, "datasets")) {
            String where = "datasets[" + i++ + "]";
            onlyKeys(d, DATASET_KEYS, where);
            Map<String, String> options = new LinkedHashMap<>();
            JsonNode o = d.get("options");
            if (o != null && !o.isNull()) {
                if (!o.isObject()) {
                    throw new IllegalArgumentException(where + ".options must be an object");
                }
                o.fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
            }
            p.datasets().add(new DatasetRef(text(d, "name", where, true), text(d, "type", where, true),
                    resolve(base, text(d, "path", where, true)), text(d, "forcing", where, false), options));
        }
        for (JsonNode b : array(root, "basins")) {
            if (!b.isTextual()) {
                throw new IllegalArgumentException("basins: ids must be strings (leading zeros matter), found " + b);
            }
            p.basins().add(b.asText());
        }
        i = 0;
        for (JsonNode l : array(root, "layers")) {
            String where = "layers[" + i++ + "]";
            onlyKeys(l, LAYER_KEYS, where);
            p.layers().add(new LayerRef(text(l, "name", where, true), text(l, "role", where, true),
                    resolve(base, text(l, "path", where, true))));
        }
        i = 0;
        for (JsonNode e : array(root, "experiments")) {
            String where = "experiments[" + i++ + "]";
            onlyKeys(e, EXPERIMENT_KEYS, where);
            String name = text(e, "name", where, true);
            p.experiments().add(new Experiment(name, parseConfig(e.get("config"), "experiment '" + name + "'")));
        }
        i = 0;
        for (JsonNode r : array(root, "runs")) {
            String where = "runs[" + i++ + "]";
            onlyKeys(r, RUN_KEYS, where);
            p.runs().add(new RunRef(text(r, "name", where, true), text(r, "experiment", where, false),
                    resolve(base, text(r, "path", where, true)), instant(r, "created")));
        }
        return p;
    }

    /**
     * Binds and validates an experiment configuration.
     *
     * @param node  the JSON object, or {@code null} for all defaults
     * @param where what to call it in messages, e.g. {@code experiment 'paper'}
     * @return the configuration
     * @throws IllegalArgumentException naming the unknown key or the invalid values
     */
    public static ExperimentConfig parseConfig(JsonNode node, String where) {
        ExperimentConfig config;
        try {
            config = node == null || node.isNull() ? ExperimentConfig.defaults()
                    : MAPPER.treeToValue(node, ExperimentConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]"
                    : r.getFieldName()).collect(Collectors.joining("."));
            throw new IllegalArgumentException(where + ": unknown key '" + path + "' (known keys here: "
                    + e.getKnownPropertyIds() + ")", e);
        } catch (JsonProcessingException e) {
            Throwable root = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException(where + ": " + (root == e ? e.getOriginalMessage() : root.getMessage()),
                    e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        List<String> errors = config.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + String.join("; ", errors));
        }
        return config;
    }

    /**
     * Saves a project atomically; the previous file, if any, is kept as {@code <file>.bak}.
     *
     * @param project the project
     * @param file    target file; paths are stored relative to its folder
     * @throws ProjectException if writing fails; the previous file is then untouched
     */
    public static void save(Project project, Path file) throws ProjectException {
        save(project, file, UnaryOperator.identity());
    }

    /**
     * As {@link #save(Project, Path)}, with a hook that wraps the output stream (tests inject failures here).
     *
     * @param project the project
     * @param file    target file
     * @param wrap    wraps the temporary file's stream
     * @throws ProjectException if writing fails
     */
    static void save(Project project, Path file, UnaryOperator<OutputStream> wrap) throws ProjectException {
        Path abs = file.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        Path tmp = dir.resolve(abs.getFileName() + ".tmp");
        Instant previousModified = project.modified();
        Instant now = Instant.now();
        project.setTimestamps(project.created(), now);
        try {
            Files.createDirectories(dir);
            byte[] json = MAPPER.writeValueAsBytes(toJson(project, dir));
            try (OutputStream out = wrap.apply(Files.newOutputStream(tmp))) {
                out.write(json);
                out.write('\n');
            }
            if (Files.exists(abs)) {
                Files.copy(abs, dir.resolve(abs.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            project.setTimestamps(project.created(), previousModified);
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one worth reporting
            }
            throw new ProjectException(abs, "could not save: " + e.getMessage(), e);
        }
    }

    private static ObjectNode toJson(Project p, Path base) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("application", "HydroDelta Workbench " + Version.get());
        root.put("created", p.created().toString());
        root.put("modified", p.modified().toString());
        root.put("name", p.name());
        root.put("description", p.description());
        ArrayNode datasets = root.putArray("datasets");
        for (DatasetRef d : p.datasets()) {
            ObjectNode n = datasets.addObject();
            n.put("name", d.name());
            n.put("type", d.type());
            n.put("path", relative(base, d.path()));
            if (d.forcing() != null) {
                n.put("forcing", d.forcing());
            }
            if (!d.options().isEmpty()) {
                ObjectNode o = n.putObject("options");
                d.options().forEach(o::put);
            }
        }
        ArrayNode basins = root.putArray("basins");
        p.basins().forEach(basins::add);
        ArrayNode layers = root.putArray("layers");
        for (LayerRef l : p.layers()) {
            layers.addObject().put("name", l.name()).put("role", l.role()).put("path", relative(base, l.path()));
        }
        ArrayNode experiments = root.putArray("experiments");
        for (Experiment e : p.experiments()) {
            ObjectNode n = experiments.addObject();
            n.put("name", e.name());
            n.set("config", MAPPER.valueToTree(e.config()));
        }
        ArrayNode runs = root.putArray("runs");
        for (RunRef r : p.runs()) {
            ObjectNode n = runs.addObject();
            n.put("name", r.name());
            if (r.experiment() != null) {
                n.put("experiment", r.experiment());
            }
            n.put("path", relative(base, r.path()));
            if (r.created() != null) {
                n.put("created", r.created().toString());
            }
        }
        return root;
    }

    /** Paths inside or beside the project folder are stored relative (with '/'), others absolute. */
    private static String relative(Path base, Path path) {
        Path abs = path.toAbsolutePath().normalize();
        if (abs.getRoot() != null && abs.getRoot().equals(base.getRoot())) {
            Path rel = base.relativize(abs);
            if (!rel.toString().startsWith("../../..")) {
                return rel.toString().replace('\\', '/');
            }
        }
        return abs.toString();
    }

    private static Path resolve(Path base, String stored) {
        return base.resolve(stored).normalize();
    }

    private static void onlyKeys(JsonNode node, Set<String> known, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object, found " + node.getNodeType());
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (known keys: "
                        + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    private static String text(JsonNode node, String key, String where, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": missing '" + key + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(where + "." + key + " must be a string, found " + v);
        }
        return v.asText();
    }

    private static Iterable<JsonNode> array(JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(key + " must be a JSON array, found " + v.getNodeType());
        }
        return v;
    }

    private static Instant instant(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": not an ISO-8601 instant: '" + v.asText() + "'", e);
        }
    }
}
