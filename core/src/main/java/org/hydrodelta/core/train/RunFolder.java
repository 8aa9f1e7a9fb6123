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
 * (the frozen experiment configuration), {@code run.json} (application version, data fingerprint, seed,
 * threads, status), {@code normalization.json}, {@code log.csv} (one row per iteration) and
 * {@code checkpoints/epoch_NNN/} with weights, optimiser state and trainer state.
 */
public final class RunFolder {
    /** Header of {@code log.csv}. */
    public static final String LOG_HEADER = "iteration,epoch,loss,validation_nse,seconds";

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
        for (int i = 2; Files.exists(dir); i++) {
            dir = runsDir.resolve(experiment + "_" + stamp + "_" + i);
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
        ProjectStore.mapper().writeValue(tmp.toFile(), node);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
        try (Writer w = Files.newBufferedWriter(dir.resolve("log.csv"), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND)) {
            w.write(iteration + "," + epoch + "," + loss + "," + (Double.isNaN(validationNse) ? "" : validationNse)
                    + "," + String.format(java.util.Locale.ROOT, "%.3f", seconds) + "\n");
        }
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
     * @return the newest complete checkpoint (one holding {@code state.json}, written last), if any
     * @throws IOException if the folder cannot be listed
     */
    public Optional<Path> latestCheckpoint() throws IOException {
        Path cps = dir.resolve("checkpoints");
        if (!Files.isDirectory(cps)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(cps)) {
            return s.filter(p -> p.getFileName().toString().matches("epoch_\\d{3,}"))
                    .filter(p -> Files.isRegularFile(p.resolve("state.json")))
                    .max(java.util.Comparator.comparing(p -> Integer.parseInt(p.getFileName().toString()
                            .substring(6))));
        }
    }
}
