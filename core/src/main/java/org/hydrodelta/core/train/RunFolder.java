package org.hydrodelta.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.hydrodelta.core.Version;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ProjectStore;

/**
 * A training run's folder, which describes itself (neuralhydrology's run directories): {@code config.json}
 * (the frozen experiment configuration; a resumption may change its total of epochs), {@code run.json}
 * (application version, data fingerprint, seed, status, and the {@code changes} made after creation),
 * {@code normalization.json}, {@code log.csv} (one row per iteration) and {@code checkpoints/epoch_NNN/} with
 * weights, optimiser state and trainer state.
 */
public final class RunFolder {
    /** Header of {@code log.csv}: only what is reproducible, so a resumed run's log is byte-identical. */
    public static final String LOG_HEADER = "iteration,epoch,loss,validation_nse";
    /** Header of {@code timing.csv}: per-iteration wall time, which differs from run to run. */
    public static final String TIMING_HEADER = "iteration,seconds";
    /** Basins a run trained on, one id a line. */
    public static final String BASINS_USED = "basins_used.txt";
    /** Requested basins a run could not use, with the reason (file, line, message). */
    public static final String BASINS_SKIPPED = "basins_skipped.csv";

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates a new run folder with a unique name under {@code runsDir}.
     *
     * @param runsDir         parent folder, usually {@code <project>/runs}
     * @param experiment      experiment name, the start of the run's name
     * @param config          configuration to freeze
     * @param dataFingerprint fingerprint of the training data
     * @return the new run folder
     * @throws IOException if it cannot be created
     */
    public static RunFolder create(Path runsDir, String experiment, ExperimentConfig config, String dataFingerprint)
            throws IOException {
        Files.createDirectories(runsDir);
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "");
        Path dir = runsDir.resolve(experiment + "_" + stamp);
        // created atomically: runs of one experiment started in the same second by concurrent processes (a sweep on
        // a cluster) each get a folder of their own
        for (int i = 2; ; i++) {
            try {
                Files.createDirectory(dir);
                break;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                dir = runsDir.resolve(experiment + "_" + stamp + "_" + i);
            }
        }
        Files.createDirectories(dir.resolve("checkpoints"));
        RunFolder run = new RunFolder(dir);
        ObjectNode frozen = ProjectStore.mapper().createObjectNode();
        frozen.put("experiment", experiment);
        frozen.set("config", ProjectStore.mapper().valueToTree(config));
        run.writeJson("config.json", frozen);
        ObjectNode info = ProjectStore.mapper().createObjectNode();
        info.put("application", "HydroDelta Workbench " + Version.get());
        info.put("java", System.getProperty("java.version"));
        info.put("created", Instant.now().toString());
        info.put("dataFingerprint", dataFingerprint);
        info.put("seed", config.training().seed());
        info.put("status", "created");
        run.writeJson("run.json", info);
        Files.writeString(dir.resolve("log.csv"), LOG_HEADER + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("timing.csv"), TIMING_HEADER + "\n", StandardCharsets.UTF_8);
        return run;
    }

    /**
     * Opens an existing run folder.
     *
     * @param dir the folder
     * @return the run folder
     * @throws IOException if it lacks {@code config.json}
     */
    public static RunFolder open(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IOException(dir + ": not a run folder (no config.json)");
        }
        if (org.hydrodelta.core.project.RunLock.isStale(dir)) {
            cleanTemporaryFiles(dir);
        }
        return new RunFolder(dir);
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /**
     * @return the frozen configuration
     * @throws IOException if {@code config.json} cannot be read or is invalid
     */
    public ExperimentConfig config() throws IOException {
        JsonNode n = readJson("config.json");
        try {
            return ProjectStore.parseConfig(n.get("config"), dir.resolve("config.json").toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * @param name file name inside the run folder
     * @return its JSON content
     * @throws IOException if missing or malformed
     */
    public JsonNode readJson(String name) throws IOException {
        return ProjectStore.mapper().readTree(dir.resolve(name).toFile());
    }

    /**
     * Writes a JSON file atomically.
     *
     * @param name file path relative to the run folder
     * @param node content
     * @throws IOException if writing fails
     */
    public void writeJson(String name, JsonNode node) throws IOException {
        Path target = dir.resolve(name);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            ProjectStore.mapper().writeValue(tmp.toFile(), node);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write " + target + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * @return the run's status in {@code run.json} ({@code created}, {@code running}, {@code finished},
     *         {@code cancelled}, {@code failed}; empty when none is recorded)
     * @throws IOException if {@code run.json} cannot be read
     */
    public String status() throws IOException {
        return readJson("run.json").path("status").asText("");
    }

    /**
     * @return the experiment the run was trained from, as {@code config.json} records it; null when it records none
     * @throws IOException if {@code config.json} cannot be read
     */
    public String experiment() throws IOException {
        JsonNode name = readJson("config.json").path("experiment");
        return name.isTextual() && !name.asText().isEmpty() ? name.asText() : null;
    }

    /**
     * @return the epochs the newest complete checkpoint covers, where a resumption continues; 0 when there is none
     * @throws IOException if the folder cannot be listed
     */
    public int completedEpochs() throws IOException {
        java.util.List<Integer> epochs = checkpointEpochs();
        return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1);
    }

    /**
     * Replaces the frozen configuration in {@code config.json} (atomically, the other fields kept) and notes the
     * change in {@code run.json} ({@link #recordChange}), so the run's own files say what it was trained with.
     *
     * @param config the configuration from now on
     * @param change what changed, e.g. {@code training.epochs 200 -> 300}
     * @throws IOException if writing fails
     */
    public void changeConfig(ExperimentConfig config, String change) throws IOException {
        ObjectNode frozen = (ObjectNode) readJson("config.json");
        frozen.set("config", ProjectStore.mapper().valueToTree(config));
        writeJson("config.json", frozen);
        recordChange(change);
    }

    /**
     * Appends a note to {@code run.json}'s {@code changes}: what changed in the run after it was created (its total
     * of epochs on a resumption, the threads of a resumption), when, and after which completed epoch.
     *
     * @param change what changed
     * @throws IOException if writing fails
     */
    public void recordChange(String change) throws IOException {
        ObjectNode info = (ObjectNode) readJson("run.json");
        com.fasterxml.jackson.databind.node.ArrayNode changes = info.has("changes") && info.get("changes").isArray()
                ? (com.fasterxml.jackson.databind.node.ArrayNode) info.get("changes") : info.putArray("changes");
        ObjectNode c = changes.addObject();
        c.put("time", Instant.now().toString());
        c.put("afterEpoch", completedEpochs());
        c.put("change", change);
        writeJson("run.json", info);
    }

    /**
     * Records one fact about the run in {@code run.json} (e.g. where its PET came from).
     *
     * @param field the field name
     * @param value its value
     * @throws IOException if writing fails
     */
    public void putInfo(String field, String value) throws IOException {
        ObjectNode info = (ObjectNode) readJson("run.json");
        info.put(field, value);
        writeJson("run.json", info);
    }

    /**
     * Updates fields of {@code run.json} (status, epochs completed, message).
     *
     * @param status  e.g. {@code running}, {@code finished}, {@code cancelled}, {@code failed}
     * @param message a one-line explanation, or {@code null}
     * @throws IOException if writing fails
     */
    public void setStatus(String status, String message) throws IOException {
        ObjectNode info = (ObjectNode) readJson("run.json");
        info.put("status", status);
        info.put("updated", Instant.now().toString());
        if (message != null) {
            info.put("message", message);
        } else {
            info.remove("message");
        }
        writeJson("run.json", info);
    }

    /**
     * Appends one row to {@code log.csv}.
     *
     * @param iteration     global iteration number (1-based)
     * @param epoch         epoch (1-based)
     * @param loss          training loss
     * @param validationNse median validation NSE, NaN when not evaluated
     * @param seconds       wall time of the iteration
     * @throws IOException if writing fails
     */
    public void log(long iteration, int epoch, double loss, double validationNse, double seconds) throws IOException {
        try {
            appendLog(iteration, epoch, loss, validationNse, seconds);
        } catch (IOException e) {
            throw new IOException("cannot write the log in " + dir + ": " + (e instanceof
                    java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage()), e);
        }
    }

    private void appendLog(long iteration, int epoch, double loss, double validationNse, double seconds)
            throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve("log.csv"), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND)) {
            w.write(iteration + "," + epoch + "," + loss + "," + (Double.isNaN(validationNse) ? "" : validationNse)
                    + "\n");
        }
        Path timing = dir.resolve("timing.csv");
        boolean fresh = !Files.exists(timing);
        try (Writer w = Files.newBufferedWriter(timing, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            if (fresh) {
                w.write(TIMING_HEADER + "\n");
            }
            w.write(iteration + "," + String.format(java.util.Locale.ROOT, "%.3f", seconds) + "\n");
        }
    }

    /**
     * Cuts {@code log.csv} and {@code timing.csv} back to the iterations a checkpoint covers, so a resumed run
     * logs every iteration once; rows after it (from the interrupted epoch) and a half-written last row go.
     *
     * @param iterations iterations the checkpoint covers (0: none)
     * @throws IOException if the logs cannot be rewritten
     */
    public void truncateLogs(long iterations) throws IOException {
        truncate(dir.resolve("log.csv"), LOG_HEADER, iterations, 4);
        truncate(dir.resolve("timing.csv"), TIMING_HEADER, iterations, 2);
    }

    private void truncate(Path file, String header, long iterations, int fields) throws IOException {
        StringBuilder kept = new StringBuilder(header).append('\n');
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            long expected = 1;
            // the last element is what follows the final newline: a half-written row, never kept
            for (int i = 1; i < lines.length - 1 && expected <= iterations; i++) {
                String[] f = lines[i].split(",", -1);
                if (f.length != fields || !f[0].equals(Long.toString(expected))) {
                    break;
                }
                kept.append(lines[i]).append('\n');
                expected++;
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Removes temporary files a killed process left in a run folder (its checkpoints included). */
    static void cleanTemporaryFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir, 3)) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.getFileName().toString().endsWith(".tmp"))::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a read-only folder: the temporary files stay, they are never read
        }
    }

    /**
     * Records which basins the run trained on and which requested ones it could not use, with the reasons.
     *
     * @param used    basin ids trained on
     * @param skipped requested basins skipped
     * @throws IOException if writing fails
     */
    public void recordBasins(java.util.List<String> used,
            java.util.List<org.hydrodelta.core.data.Usability.UnusableBasin> skipped) throws IOException {
        Files.writeString(dir.resolve(BASINS_USED), used.isEmpty() ? "" : String.join("\n", used) + "\n",
                StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("basin,file,line,reason\n");
        for (org.hydrodelta.core.data.Usability.UnusableBasin u : skipped) {
            for (org.hydrodelta.core.data.DataIssue i : u.reasons()) {
                sb.append(u.basinId()).append(',').append(csv(i.file() == null ? "" : i.file().toString())).append(',')
                        .append(i.line() > 0 ? Long.toString(i.line()) : "").append(',').append(csv(i.message()))
                        .append('\n');
            }
        }
        Files.writeString(dir.resolve(BASINS_SKIPPED), sb, StandardCharsets.UTF_8);
        ObjectNode info = (ObjectNode) readJson("run.json");
        info.put("basinsUsed", used.size());
        info.put("basinsSkipped", skipped.size());
        writeJson("run.json", info);
    }

    private static String csv(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                ? '"' + s.replace("\"", "\"\"").replace('\n', ' ') + '"' : s;
    }

    /**
     * @return the basins the run trained on (empty for runs recorded before this was kept)
     * @throws IOException if the file cannot be read
     */
    public java.util.List<String> basinsUsed() throws IOException {
        Path f = dir.resolve(BASINS_USED);
        return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .toList() : java.util.List.of();
    }

    /**
     * @return the rows of {@code basins_skipped.csv} without its header (basin,file,line,reason), for the run's
     *         properties; empty when nothing was skipped
     * @throws IOException if the file cannot be read
     */
    public java.util.List<String> basinsSkipped() throws IOException {
        Path f = dir.resolve(BASINS_SKIPPED);
        return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8).stream().skip(1)
                .filter(l -> !l.isBlank()).toList() : java.util.List.of();
    }

    /**
     * Notes in {@code run.json} how much memory the loaded data takes: {@code dataBytes} in all and
     * {@code dataBytesPerBasin} (one float per variable and day, plus the attributes: bounded by the days loaded).
     *
     * @param ds the loaded data
     * @throws IOException if writing fails
     */
    public void recordDataSize(org.hydrodelta.core.data.BasinDataset ds) throws IOException {
        long bytes = 0;
        for (org.hydrodelta.core.data.Variable v : ds.variables()) {
            bytes += 4L * ds.values(v).length;
        }
        for (float[] row : ds.attributes()) {
            bytes += 4L * row.length;
        }
        ObjectNode info = (ObjectNode) readJson("run.json");
        info.put("dataBasins", ds.nBasins());
        info.put("dataDays", ds.nDays());
        info.put("dataBytes", bytes);
        info.put("dataBytesPerBasin", ds.nBasins() == 0 ? 0 : bytes / ds.nBasins());
        writeJson("run.json", info);
    }

    /** Per-epoch validation file: {@code epoch,median_nse,basins,best_epoch}. */
    public static final String VALIDATION_FILE = "validation.csv";

    /**
     * Records one epoch's validation: a row of {@value #VALIDATION_FILE} and the best epoch so far in
     * {@code run.json} ({@code bestEpoch}, {@code bestValidationNse}), which evaluation uses.
     *
     * @param epoch     the epoch
     * @param medianNse its median validation NSE
     * @param basins    basins with a finite NSE
     * @param bestEpoch best epoch so far (0 when none)
     * @param bestNse   its median NSE
     * @throws IOException if writing fails
     */
    public void recordValidation(int epoch, double medianNse, long basins, int bestEpoch, double bestNse)
            throws IOException {
        Path f = dir.resolve(VALIDATION_FILE);
        if (epoch == 1 || !Files.exists(f)) {
            Files.writeString(f, "epoch,median_nse,basins,best_epoch\n", StandardCharsets.UTF_8);
        }
        Files.writeString(f, epoch + "," + (Double.isNaN(medianNse) ? "" : medianNse) + "," + basins + ","
                + bestEpoch + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        if (bestEpoch > 0) {
            ObjectNode info = (ObjectNode) readJson("run.json");
            info.put("bestEpoch", bestEpoch);
            info.put("bestValidationNse", bestNse);
            writeJson("run.json", info);
        }
    }

    /**
     * Notes in {@code run.json} that training stopped early.
     *
     * @param epoch  the last epoch trained
     * @param reason why
     * @throws IOException if writing fails
     */
    public void recordEarlyStop(int epoch, String reason) throws IOException {
        ObjectNode info = (ObjectNode) readJson("run.json");
        info.put("stoppedEarlyAfterEpoch", epoch);
        info.put("earlyStopReason", reason);
        writeJson("run.json", info);
    }

    /**
     * @return the checkpoint to evaluate: the best validation epoch's when {@code run.json} names one and it is
     *         complete, else the newest complete one
     * @throws IOException if the folder cannot be read
     */
    public Optional<Path> chosenCheckpoint() throws IOException {
        JsonNode info = readJson("run.json");
        if (info.has("bestEpoch")) {
            Path best = checkpointDir(info.get("bestEpoch").asInt());
            if (Files.isRegularFile(best.resolve("state.json"))) {
                return Optional.of(best);
            }
        }
        return latestCheckpoint();
    }

    /**
     * @param epoch epoch number (1-based)
     * @return its checkpoint folder, {@code checkpoints/epoch_NNN}
     */
    public Path checkpointDir(int epoch) {
        return dir.resolve("checkpoints").resolve(String.format("epoch_%03d", epoch));
    }

    /**
     * @return the epochs that have a complete checkpoint (one holding {@code state.json}), ascending
     * @throws IOException if the folder cannot be listed
     */
    public java.util.List<Integer> checkpointEpochs() throws IOException {
        Path cps = dir.resolve("checkpoints");
        if (!Files.isDirectory(cps)) {
            return java.util.List.of();
        }
        try (Stream<Path> s = Files.list(cps)) {
            return s.filter(p -> p.getFileName().toString().matches("epoch_\\d{3,}"))
                    .filter(p -> Files.isRegularFile(p.resolve("state.json")))
                    .map(p -> Integer.parseInt(p.getFileName().toString().substring(6))).sorted().toList();
        }
    }

    /**
     * @param epoch an epoch (1-based), or null for {@link #chosenCheckpoint()}
     * @return that epoch's complete checkpoint
     * @throws IOException naming the epochs available when it has none (or the run has no checkpoint at all)
     */
    public Path checkpoint(Integer epoch) throws IOException {
        if (epoch == null) {
            return chosenCheckpoint().orElseThrow(() -> new IOException(dir
                    + ": no complete checkpoint to evaluate (train at least one epoch)"));
        }
        java.util.List<Integer> epochs = checkpointEpochs();
        if (!epochs.contains(epoch)) {
            throw new IOException(dir + ": no checkpoint of epoch " + epoch + (epochs.isEmpty()
                    ? "; the run has no complete checkpoint (train at least one epoch)"
                    : "; checkpoints exist for epoch" + (epochs.size() == 1 ? " " : "s ") + epochs.stream()
                            .map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))));
        }
        return checkpointDir(epoch);
    }

    /**
     * @return the newest complete checkpoint (one holding {@code state.json}, written last), if any
     * @throws IOException if the folder cannot be listed
     */
    public Optional<Path> latestCheckpoint() throws IOException {
        java.util.List<Integer> epochs = checkpointEpochs();
        return epochs.isEmpty() ? Optional.empty() : Optional.of(checkpointDir(epochs.get(epochs.size() - 1)));
    }
}
