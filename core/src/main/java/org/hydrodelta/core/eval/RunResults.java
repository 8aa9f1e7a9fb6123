package org.hydrodelta.core.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluation results of one run, read from its run folder: the one place that knows where evaluation writes
 * (the run's test-period folder) and what its files are called. The app reads results only through this class.
 */
public final class RunResults {
    /** Per-basin metrics table. */
    static final String METRICS = "metrics.csv";
    /** Median metrics table. */
    static final String SUMMARY = "metrics_summary.csv";
    /** Folder of the per-basin output tables. */
    static final String OUTPUTS = "outputs";

    /** What an evaluation or prediction was: period, run-up, checkpoint, dataset (JSON, one level). */
    static final String INFO = "evaluation.json";
    /** The default evaluation: the run's test period with its chosen checkpoint. */
    public static final String TEST = "test";

    private final Path runDir;
    private final Path dir;
    private final String name;

    private RunResults(Path runDir, String name) {
        this.runDir = runDir;
        this.name = name;
        this.dir = evaluationDir(runDir, name);
    }

    /**
     * @param runDir a run folder
     * @return the folder its test-period evaluation writes into
     */
    public static Path evaluationDir(Path runDir) {
        return evaluationDir(runDir, TEST);
    }

    /**
     * @param runDir     a run folder
     * @param evaluation an evaluation's name ({@code test}, {@code validation_epoch_003}, a prediction's name)
     * @return the folder it writes into, {@code eval/<name>}
     * @throws IllegalArgumentException when the name is not a plain folder name
     */
    public static Path evaluationDir(Path runDir, String evaluation) {
        if (evaluation.isEmpty() || !evaluation.matches("[A-Za-z0-9._-]+") || evaluation.startsWith(".")) {
            throw new IllegalArgumentException("evaluation name '" + evaluation + "' must be letters, digits, '.',"
                    + " '_' or '-'");
        }
        return runDir.resolve("eval").resolve(evaluation);
    }

    /**
     * @param runDir a run folder (evaluated or not)
     * @return its test-period results
     */
    public static RunResults of(Path runDir) {
        return new RunResults(runDir, TEST);
    }

    /**
     * @param runDir     a run folder
     * @param evaluation one of {@link #evaluations}
     * @return that evaluation's results
     */
    public static RunResults of(Path runDir, String evaluation) {
        return new RunResults(runDir, evaluation);
    }

    /**
     * @param runDir a run folder
     * @return the names of its evaluations and predictions that have metrics, {@code test} first, the others
     *         by name
     */
    public static List<String> evaluations(Path runDir) {
        Path eval = runDir.resolve("eval");
        if (!Files.isDirectory(eval)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> s = Files.list(eval)) {
            // a name starting with '.' is an evaluation being written (EnsembleEvaluator's temporary folder)
            return s.filter(d -> Files.isRegularFile(d.resolve(METRICS)) && !d.getFileName().toString()
                    .startsWith(".")).map(d -> d.getFileName().toString())
                    .sorted(java.util.Comparator.comparing((String n) -> !n.equals(TEST))
                            .thenComparing(java.util.Comparator.naturalOrder())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** @return this evaluation's name */
    public String name() {
        return name;
    }

    /**
     * @return what the evaluation was (kind, period, scored days, run-up, checkpoint, dataset, ...); empty for
     *         evaluations written before this was kept
     * @throws IOException if the file exists but cannot be read
     */
    public Map<String, String> info() throws IOException {
        Path f = dir.resolve(INFO);
        Map<String, String> out = new LinkedHashMap<>();
        if (Files.isRegularFile(f)) {
            org.hydrodelta.core.project.ProjectStore.mapper().readTree(f.toFile()).fields()
                    .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    /**
     * @return the basins flagged with attributes outside the training range (a prediction's
     *         {@value AttributeRangeCheck#FILE_NAME}), one message per line; empty when none or not a prediction
     * @throws IOException if the file cannot be read
     */
    public List<String> attributeRangeFlags() throws IOException {
        Path f = dir.resolve(AttributeRangeCheck.FILE_NAME);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        return lines.subList(Math.min(1, lines.size()), lines.size()).stream().filter(l -> !l.isBlank())
                .map(l -> l.substring(0, l.indexOf(',')) + ": " + l.substring(l.indexOf('"') + 1, l.lastIndexOf('"')))
                .toList();
    }

    /**
     * @return the run's frozen configuration, or empty when it cannot be read
     */
    public Optional<org.hydrodelta.core.project.ExperimentConfig> config() {
        Path file = runDir.resolve("config.json");
        try {
            com.fasterxml.jackson.databind.JsonNode n = org.hydrodelta.core.project.ProjectStore.mapper()
                    .readTree(file.toFile());
            return Optional.of(org.hydrodelta.core.project.ProjectStore.parseConfig(n.get("config"),
                    file.toString()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the run's model outputs (names, units, stores or fluxes, roles); empty when unknown */
    public List<org.hydrodelta.core.conceptual.OutputSpec> outputSpecs() {
        return config().map(c -> org.hydrodelta.core.model.ModelRegistry.find(c.model()).isPresent()
                ? org.hydrodelta.core.model.ModelRegistry.outputs(c)
                : List.<org.hydrodelta.core.conceptual.OutputSpec>of()).orElse(List.of());
    }

    /** @return the run's learned or calibrated parameters (names, ranges, units); empty when none or unknown */
    public List<org.hydrodelta.core.conceptual.ParameterSpec> parameterSpecs() {
        return config().map(c -> org.hydrodelta.core.model.ModelRegistry.find(c.model()).isPresent()
                ? org.hydrodelta.core.model.ModelRegistry.parameters(c)
                : List.<org.hydrodelta.core.conceptual.ParameterSpec>of()).orElse(List.of());
    }

    /** @return the evaluation folder */
    public Path dir() {
        return dir;
    }

    /** @return whether the run has been evaluated (its metrics table exists) */
    public boolean evaluated() {
        return Files.isRegularFile(dir.resolve(METRICS));
    }

    /**
     * @return per basin, every metric of {@link BasinMetrics#COLUMNS}; empty when not evaluated
     * @throws IOException if the table is malformed (file and line named)
     */
    public Map<String, Map<String, Double>> metrics() throws IOException {
        Path csv = dir.resolve(METRICS);
        return Files.isRegularFile(csv) ? ResultsReader.readMetrics(csv) : Map.of();
    }

    /**
     * @return per basin, the test-period mean of every state, flux and learned parameter; empty when absent
     * @throws IOException if the table is malformed
     */
    public Map<String, Map<String, Double>> outputMeans() throws IOException {
        Path csv = dir.resolve(ResultsWriter.OUTPUTS_MEAN);
        return Files.isRegularFile(csv) ? ResultsReader.readMetrics(csv) : Map.of();
    }

    /**
     * @return metric name → median over basins, in file order; empty when not evaluated
     * @throws IOException if the file cannot be read
     */
    public Map<String, String> medians() throws IOException {
        Path csv = dir.resolve(SUMMARY);
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(csv)) {
            return out;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length >= 2) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }

    /**
     * @param basinId a basin
     * @return whether the run wrote that basin's outputs
     */
    public boolean hasOutputs(String basinId) {
        if (Files.isRegularFile(outputsFile(basinId))) {
            return true;
        }
        try {
            return ResultsReader.readBasin(dir, basinId) != null;
        } catch (IOException e) {
            return true; // there is something, and outputs() will say what is wrong with it
        }
    }

    /**
     * @param basinId a basin
     * @return its simulated series, observations and forcing (learned parameters as {@code param_*} columns),
     *         or empty when the run has none for it
     * @throws IOException if the table is malformed
     */
    public Optional<ResultsReader.BasinSeries> outputs(String basinId) throws IOException {
        // the per-basin table, or the compact .npy outputs of a command-line evaluation
        return Optional.ofNullable(ResultsReader.readBasin(dir, basinId));
    }

    /**
     * @param basinId a basin
     * @return its learned parameters per day (column name without the prefix, lower case); empty without them
     * @throws IOException if the table is malformed
     */
    public Map<String, float[]> learnedParameters(String basinId) throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        String prefix = org.hydrodelta.core.model.LearnedParameters.PREFIX.toLowerCase(java.util.Locale.ROOT);
        Optional<ResultsReader.BasinSeries> s = outputs(basinId);
        if (s.isPresent()) {
            s.get().series().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    out.put(k.substring(prefix.length()), v);
                }
            });
        }
        return out;
    }

    /**
     * @return the attribute-sensitivity table's file (it may not exist: not a δ run, or evaluated without it);
     *         callers that cache the table key it by this file's modification time
     */
    public Path sensitivityFile() {
        return dir.resolve(AttributeSensitivity.FILE_NAME);
    }

    /**
     * @return the attribute sensitivities, or empty when the run has none
     * @throws IOException if the file exists but cannot be read
     */
    public Optional<AttributeSensitivity.Table> sensitivities() throws IOException {
        Path csv = sensitivityFile();
        return Files.isRegularFile(csv) ? Optional.of(ResultsReader.readSensitivity(csv)) : Optional.empty();
    }

    /**
     * @return whether this evaluation is an ensemble's ({@link EnsembleEvaluator}): it has a member spread
     *         ({@code spread/})
     */
    public boolean isEnsemble() {
        return Files.isDirectory(dir.resolve(EnsembleEvaluator.SPREAD));
    }

    /**
     * @return per member label (in file order), per basin, every metric of that member; empty when not an ensemble
     * @throws IOException if {@value EnsembleEvaluator#MEMBERS_METRICS} is malformed (file and line named)
     */
    public Map<String, Map<String, Map<String, Double>>> memberMetrics() throws IOException {
        Path csv = dir.resolve(EnsembleEvaluator.MEMBERS_METRICS);
        Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(csv)) {
            return out;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("basin_id,member,run,")) {
            throw new IOException(csv + ":1: not a members' metrics table (expected 'basin_id,member,run' first)");
        }
        String[] names = lines.get(0).split(",", -1);
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String[] f = lines.get(i).split(",", -1);
            if (f.length != names.length) {
                throw new IOException(csv + ":" + (i + 1) + ": " + f.length + " fields, header has " + names.length);
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int j = 3; j < f.length; j++) {
                try {
                    row.put(names[j], f[j].isEmpty() ? Double.NaN : Double.parseDouble(f[j]));
                } catch (NumberFormatException e) {
                    throw new IOException(csv + ":" + (i + 1) + ": column '" + names[j] + "': not a number: " + f[j], e);
                }
            }
            out.computeIfAbsent(f[1], k -> new LinkedHashMap<>()).put(f[0], row);
        }
        return out;
    }

    /**
     * @return per basin, the mean relative width of the ensemble's flow band ({@value EnsembleEvaluator#SPREAD_WIDTH},
     *         see {@link EnsembleEvaluator}); empty when not an ensemble
     * @throws IOException if the table is malformed
     */
    public Map<String, Double> spreadWidths() throws IOException {
        Path csv = dir.resolve(EnsembleEvaluator.SPREAD_SUMMARY);
        Map<String, Double> out = new LinkedHashMap<>();
        if (Files.isRegularFile(csv)) {
            ResultsReader.readMetrics(csv).forEach((k, v) -> out.put(k, v.getOrDefault(EnsembleEvaluator.SPREAD_WIDTH,
                    Double.NaN)));
        }
        return out;
    }

    /**
     * One basin's member spread: per output (lower-case name as in {@link #outputs}, learned parameters with their
     * {@code param_} prefix), its 5 % and 95 % quantiles across members per day ({@code [0]} and {@code [1]}; an
     * output constant in time repeated over the days).
     *
     * @param basinId a basin
     * @return the bands; empty when not an ensemble or the basin is not in it
     * @throws IOException if a file is malformed
     */
    public Map<String, float[][]> spread(String basinId) throws IOException {
        Map<String, float[][]> out = new LinkedHashMap<>();
        Path index = dir.resolve(OUTPUTS).resolve(ResultsWriter.OUTPUTS_INDEX);
        if (!isEnsemble() || !Files.isRegularFile(index)) {
            return out;
        }
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(index.toFile());
        int row = -1;
        int k = 0;
        for (com.fasterxml.jackson.databind.JsonNode b : n.path("basins")) {
            if (b.asText().equals(basinId)) {
                row = k;
            }
            k++;
        }
        if (row < 0) {
            return out;
        }
        int nDays = n.path("nDays").asInt();
        for (com.fasterxml.jackson.databind.JsonNode o : n.path("outputs")) {
            Path lo = dir.resolve(EnsembleEvaluator.SPREAD).resolve(o.asText() + EnsembleEvaluator.P05);
            Path hi = dir.resolve(EnsembleEvaluator.SPREAD).resolve(o.asText() + EnsembleEvaluator.P95);
            if (Files.isRegularFile(lo) && Files.isRegularFile(hi)) {
                out.put(o.asText().toLowerCase(java.util.Locale.ROOT), new float[][] {
                    days(EnsembleEvaluator.readNpyRow(lo, row), nDays),
                    days(EnsembleEvaluator.readNpyRow(hi, row), nDays)});
            }
        }
        return out;
    }

    private static float[] days(float[] v, int nDays) {
        if (v.length == 1 && nDays != 1) {
            float[] full = new float[nDays];
            java.util.Arrays.fill(full, v[0]);
            return full;
        }
        return v;
    }

    private Path outputsFile(String basinId) {
        return dir.resolve(OUTPUTS).resolve(basinId + ".csv");
    }
}
