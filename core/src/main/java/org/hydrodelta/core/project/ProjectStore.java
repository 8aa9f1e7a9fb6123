package org.hydrodelta.core.project;

import com.fasterxml.jackson.core.JsonLocation;
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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
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
    private static final Set<String> RUN_KEYS = Set.of("name", "experiment", "path", "created", "status", "reason",
            "group", "member");
    private static final Object SAVE_MUTEX = new Object();

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
        cleanStaleTemp(abs);
        byte[] bytes;
        try {
            if (Files.isDirectory(abs)) {
                throw new ProjectException(abs, "is a folder, not a project file", null);
            }
            bytes = Files.readAllBytes(abs);
        } catch (NoSuchFileException e) {
            throw new ProjectException(abs, "file not found", e);
        } catch (IOException e) {
            throw new ProjectException(abs, "cannot read: " + describe(e), e);
        } catch (OutOfMemoryError e) {
            throw new ProjectException(abs, "too large to be a project file", null);
        }
        Project p = parse(abs, bytes);
        p.markSynced(fingerprint(bytes), List.copyOf(p.runs()), List.copyOf(p.experiments()));
        markStaleRuns(p);
        return p;
    }

    /** Decodes and binds a project file's bytes; every problem is one sentence naming the file. */
    private static Project parse(Path abs, byte[] bytes) throws ProjectException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProjectException(abs, "not a HydroDelta project file: it is not UTF-8 text (a binary file?)",
                    null);
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (text.indexOf('\0') >= 0) {
            throw new ProjectException(abs, "not a HydroDelta project file: it holds NUL bytes (a binary file?)", null);
        }
        JsonNode root;
        try {
            try (com.fasterxml.jackson.core.JsonParser parser = MAPPER.createParser(text)) {
                root = MAPPER.readTree(parser);
                if (root != null && parser.nextToken() != null) {
                    JsonLocation at = parser.currentLocation();
                    throw new ProjectException(abs, "not valid JSON at line " + at.getLineNr() + ", column "
                            + at.getColumnNr() + ": unexpected text after the end of the project object", null);
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            String why = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
            if (why.contains("nesting depth")) {
                why = "nested too deeply (more than 1000 levels)";
            } else if (why.contains("Trailing token")) {
                why = "unexpected text after the end of the project object";
            }
            throw new ProjectException(abs, "not valid JSON" + where + ": " + firstLine(why), e);
        } catch (StackOverflowError e) {
            throw new ProjectException(abs, "not valid JSON: nested too deeply", null);
        } catch (IOException e) {
            throw new ProjectException(abs, "cannot read: " + describe(e), e);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new ProjectException(abs, "not a HydroDelta project file (expected a JSON object)", null);
        }
        checkVersion(abs, root.get("formatVersion"));
        try {
            return fromJson(abs, (ObjectNode) root);
        } catch (IllegalArgumentException e) {
            throw new ProjectException(abs, e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new ProjectException(abs, "not a valid project file (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** An I/O failure as one phrase, with the file it concerns when the JDK names one. */
    static String describe(IOException e) {
        return org.hydrodelta.core.io.IoErrors.describe(e);
    }

    /**
     * Runs recorded as running whose process is gone become interrupted (in memory; saved with the project). A run
     * whose own {@code run.json} already says it ended (its training released the lock a moment before its
     * recorder wrote the end into the project) takes that end instead: a finished run is never marked interrupted.
     */
    private static void markStaleRuns(Project p) {
        for (RunRef r : List.copyOf(p.runs())) {
            if (RunRef.RUNNING.equals(r.status()) && RunLock.isStale(r.path())) {
                String[] ended = endedInRunFolder(r.path());
                p.putRun(ended != null ? r.withStatus(ended[0], ended[1])
                        : r.withStatus(RunRef.INTERRUPTED, "its training process ended without recording an end"
                                + " (killed or power loss); resume continues from the last checkpoint"));
            }
        }
    }

    /** @return status and message of a run folder's {@code run.json} when it records an end, else null */
    private static String[] endedInRunFolder(Path runDir) {
        try {
            JsonNode info = MAPPER.readTree(runDir.resolve("run.json").toFile());
            String status = info.path("status").asText("");
            if (status.equals(RunRef.FINISHED) || status.equals(RunRef.CANCELLED) || status.equals(RunRef.FAILED)) {
                JsonNode m = info.path("message");
                return new String[] {status, m.isTextual() && !m.asText().isEmpty() ? m.asText() : null};
            }
        } catch (IOException | RuntimeException e) {
            // unreadable or absent: the run did not record an end
        }
        return null;
    }

    /**
     * A fingerprint of a project file's content, to notice that another program changed it.
     *
     * @param bytes the file's bytes
     * @return length and CRC-32
     */
    static String fingerprint(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        return bytes.length + ":" + Long.toHexString(crc.getValue());
    }

    /**
     * Whether the file on disk differs from what this project last read or saved (another program, e.g. a
     * command-line training, saved it since). The window polls this and then calls {@link #mergeFromDisk}.
     *
     * @param project the open project
     * @param file    its file
     * @return true when the file changed (or vanished)
     */
    public static boolean changedOnDisk(Project project, Path file) {
        try {
            return !fingerprint(Files.readAllBytes(file.toAbsolutePath().normalize()))
                    .equals(project.diskFingerprint());
        } catch (IOException e) {
            return project.diskFingerprint() != null;
        }
    }

    /**
     * Merges what another program saved into an open project: runs and experiments it added or changed are taken,
     * those this project added or changed are kept (by name, three-way against what was last read or saved).
     *
     * @param project the open project (modified)
     * @param file    its file
     * @return whether anything changed in the project
     * @throws ProjectException if the file cannot be read
     */
    public static boolean mergeFromDisk(Project project, Path file) throws ProjectException {
        Path abs = file.toAbsolutePath().normalize();
        synchronized (SAVE_MUTEX) {
            try (FileChannel ch = lockChannel(abs); FileLock l = ch.lock()) {
                return mergeLocked(project, abs);
            } catch (IOException e) {
                throw new ProjectException(abs, "cannot read: " + describe(e), e);
            }
        }
    }

    private static boolean mergeLocked(Project project, Path abs) throws ProjectException {
        if (!Files.isRegularFile(abs)) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(abs);
        } catch (IOException e) {
            throw new ProjectException(abs, "cannot read: " + describe(e), e);
        }
        String fp = fingerprint(bytes);
        if (fp.equals(project.diskFingerprint())) {
            return false;
        }
        Project disk = parse(abs, bytes);
        boolean changed = false;
        Map<String, RunRef> baseRuns = project.baselineRuns();
        for (RunRef d : disk.runs()) {
            java.util.Optional<RunRef> o = project.run(d.name());
            if (o.isPresent()) {
                if (o.get().equals(baseRuns.get(d.name())) && !o.get().equals(d)) {
                    project.putRun(d); // unchanged here since read: theirs is newer
                    changed = true;
                }
            } else if (!baseRuns.containsKey(d.name())) {
                project.runs().add(d); // added by the other program
                changed = true;
            }
        }
        // deleted by the other program: gone there, and not changed here since read
        java.util.Set<String> onDisk = disk.runs().stream().map(RunRef::name).collect(Collectors.toSet());
        changed |= project.runs().removeIf(r -> !onDisk.contains(r.name()) && r.equals(baseRuns.get(r.name())));
        Map<String, Experiment> baseExp = project.baselineExperiments();
        for (Experiment d : disk.experiments()) {
            java.util.Optional<Experiment> o = project.experiment(d.name());
            if (o.isPresent()) {
                if (o.get().equals(baseExp.get(d.name())) && !o.get().equals(d)) {
                    project.experiments().set(project.experiments().indexOf(o.get()), d);
                    changed = true;
                }
            } else if (!baseExp.containsKey(d.name())) {
                project.experiments().add(d);
                changed = true;
            }
        }
        java.util.Set<String> expOnDisk = disk.experiments().stream().map(Experiment::name)
                .collect(Collectors.toSet());
        changed |= project.experiments().removeIf(e -> !expOnDisk.contains(e.name())
                && e.equals(baseExp.get(e.name())));
        project.markSynced(fp, List.copyOf(disk.runs()), List.copyOf(disk.experiments()));
        return changed;
    }

    /**
     * Reads the file, applies a change and saves, all under the project's lock: what the command line uses to
     * record a run, so two trainings on one project both keep their runs.
     *
     * @param file   the project file
     * @param change the change
     * @return the saved project
     * @throws ProjectException if reading or writing fails (the file is then unchanged)
     */
    public static Project update(Path file, java.util.function.Consumer<Project> change) throws ProjectException {
        Path abs = file.toAbsolutePath().normalize();
        synchronized (SAVE_MUTEX) {
            try (FileChannel ch = lockChannel(abs); FileLock l = ch.lock()) {
                Project p = load(abs);
                change.accept(p);
                write(p, abs, UnaryOperator.identity());
                return p;
            } catch (IOException e) {
                throw new ProjectException(abs, "cannot lock " + lockFile(abs) + ": " + describe(e), e);
            }
        }
    }

    private static Path lockFile(Path abs) {
        return abs.resolveSibling(abs.getFileName() + ".lock");
    }

    private static FileChannel lockChannel(Path abs) throws IOException {
        Files.createDirectories(abs.getParent());
        return FileChannel.open(lockFile(abs), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** A temporary file left by a save that was killed is removed, unless a save is going on now. */
    private static void cleanStaleTemp(Path abs) {
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        if (!Files.exists(tmp) || !Files.isDirectory(abs.getParent())) {
            return;
        }
        synchronized (SAVE_MUTEX) {
            try (FileChannel ch = lockChannel(abs); FileLock l = ch.tryLock()) {
                if (l != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
                // a save is going on, or the folder is read-only: leave it
            }
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
                if (options.containsKey(org.hydrodelta.core.data.pet.PetChoice.KEY)) {
                    try {
                        org.hydrodelta.core.data.pet.PetChoice.parse(options.get(
                                org.hydrodelta.core.data.pet.PetChoice.KEY));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ".options." + e.getMessage());
                    }
                }
                // auxiliary observations (issue 18): "observation.<name>": "<source>[:<argument>...]", strictly
                try {
                    org.hydrodelta.core.data.auxiliary.ObservationSpec.fromOptions(options);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ".options." + e.getMessage());
                }
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
                    resolve(base, text(r, "path", where, true)), instant(r, "created"), text(r, "status", where,
                    false), text(r, "reason", where, false), text(r, "group", where, false), text(r, "member", where,
                    false)));
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
            String key = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]"
                    : r.getFieldName()).collect(Collectors.joining(".")).replace(".[", "[") : null;
            String msg = root == e ? e.getOriginalMessage() : root.getMessage();
            msg = msg == null ? "invalid value" : msg.split("\n")[0];
            if (key != null) {
                com.fasterxml.jackson.databind.exc.InvalidFormatException f = e instanceof
                        com.fasterxml.jackson.databind.exc.InvalidFormatException x ? x : null;
                ConfigBounds.Bound b = ConfigBounds.of(key);
                msg = key + ": " + (f != null ? "'" + f.getValue() + "' is not a valid " + f.getTargetType()
                        .getSimpleName().toLowerCase(java.util.Locale.ROOT) : msg.replaceAll(" \\(through reference"
                        + " chain.*", "")) + (b == null ? "" : "; allowed range " + b.range());
            }
            throw new IllegalArgumentException(where + ": " + msg, e);
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
        synchronized (SAVE_MUTEX) {
            try {
                Files.createDirectories(abs.getParent());
            } catch (IOException e) {
                throw new ProjectException(abs, "could not save: cannot create the folder: " + describe(e), e);
            }
            try (FileChannel ch = lockChannel(abs); FileLock l = ch.lock()) {
                try {
                    mergeLocked(project, abs);
                } catch (ProjectException unreadable) {
                    // the file on disk is damaged: this save replaces it, and it is kept as .bak
                }
                write(project, abs, wrap);
            } catch (IOException e) {
                throw new ProjectException(abs, "could not save: cannot lock " + lockFile(abs) + ": " + describe(e),
                        e);
            }
        }
    }

    /** Writes under the lock: temporary file, flushed to disk, previous file kept as .bak, atomic rename. */
    private static void write(Project project, Path abs, UnaryOperator<OutputStream> wrap) throws ProjectException {
        Path dir = abs.getParent();
        Path tmp = dir.resolve(abs.getFileName() + ".tmp");
        Path bak = dir.resolve(abs.getFileName() + ".bak");
        Instant previousModified = project.modified();
        Instant now = Instant.now();
        project.setTimestamps(project.created(), now);
        Path writing = tmp;
        try {
            byte[] json;
            try {
                java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
                MAPPER.writeValue(buf, toJson(project, dir));
                buf.write('\n');
                json = buf.toByteArray();
            } catch (IOException e) {
                throw new IOException("cannot encode the project: " + e.getMessage(), e);
            }
            try (FileChannel fc = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = wrap.apply(java.nio.channels.Channels.newOutputStream(fc))) {
                out.write(json);
                out.flush();
                fc.force(true);
            }
            if (Files.exists(abs)) {
                writing = bak;
                Files.copy(abs, bak, StandardCopyOption.REPLACE_EXISTING);
            }
            writing = abs;
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            project.markSynced(fingerprint(json), List.copyOf(project.runs()), List.copyOf(project.experiments()));
        } catch (IOException | RuntimeException e) {
            project.setTimestamps(project.created(), previousModified);
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one worth reporting
            }
            String why = e instanceof IOException io ? describe(io) : e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new ProjectException(abs, "could not save: cannot write " + writing + ": " + why
                    + (writing == abs ? "" : "; the project file is unchanged"), e);
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
            n.put("status", r.status());
            if (r.reason() != null) {
                n.put("reason", r.reason());
            }
            if (r.group() != null) {
                n.put("group", r.group());
            }
            if (r.member() != null) {
                n.put("member", r.member());
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
