package org.hydrodelta.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.eval.BasinMetrics;
import org.hydrodelta.core.eval.ResultsWriter;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;

/**
 * Evaluation and prediction of a trained run over many basins as one Spark job partitioned by basin: each partition
 * loads only its basins and writes its outputs ({@code .npy} per variable, metrics) into
 * {@code eval/<name>_part-NNN/} of the run, in parallel, with the run's own prediction code
 * ({@link ExperimentRunner#predict}); memory per executor is bounded by its partition. The driver then writes
 * {@code eval/<name>/metrics.csv} and {@code metrics_summary.csv} over every basin, in the requested order, and
 * {@code evaluation.json} naming the parts.
 */
public final class ClusterEvaluation {
    private ClusterEvaluation() {
    }

    /** One partition's work. */
    record Part(int index, String projectFile, String runDir, String dataset, List<String> basins, String period,
            String name) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One partition's metrics, per basin in its order. */
    record PartResult(int index, String dir, List<String> basins, List<Map<String, Double>> metrics, String host)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What the job wrote.
     *
     * @param dir     the merged folder {@code eval/<name>/}
     * @param parts   the partitions' folders
     * @param basins  basins evaluated, in order
     * @param metrics their metrics
     */
    public record Result(Path dir, List<Path> parts, List<String> basins, List<Map<String, Double>> metrics) {
        /**
         * @param metric a column of {@link BasinMetrics#COLUMNS}
         * @return its median over basins
         */
        public double median(String metric) {
            return BasinMetrics.median(metrics.stream().mapToDouble(m -> m.get(metric)).toArray());
        }
    }

    /**
     * Runs the job.
     *
     * @param jsc         the Spark context
     * @param projectFile the project file (a path every executor reads)
     * @param runDir      the trained run
     * @param dataset     a dataset of the project, or {@code null} for the run's own
     * @param basins      basins, or {@code null} for the basins the run trained on
     * @param period      the period, or {@code null} for the run's test period
     * @param name        the merged folder's name under {@code eval/}
     * @param partitions  how many partitions
     * @return what was written
     * @throws IOException if the run cannot be read or the merged files cannot be written
     */
    public static Result run(JavaSparkContext jsc, Path projectFile, Path runDir, String dataset, List<String> basins,
            Period period, String name, int partitions) throws IOException {
        RunFolder run = RunFolder.open(runDir);
        List<String> all = basins != null ? basins : run.basinsUsed();
        if (all.isEmpty()) {
            throw new IllegalArgumentException(runDir + ": no basins given and the run records none it trained on");
        }
        Path merged = RunResults.evaluationDir(runDir, name);
        List<List<String>> split = DataParallelStep.partition(all, partitions);
        List<Part> parts = new ArrayList<>();
        String p = period == null ? null : period.start() + ":" + period.lastDay();
        for (int i = 0; i < split.size(); i++) {
            parts.add(new Part(i, projectFile.toAbsolutePath().normalize().toString(), runDir.toAbsolutePath()
                    .normalize().toString(), dataset, split.get(i), p, String.format(Locale.ROOT, "%s_part-%03d", name,
                    i)));
        }
        List<PartResult> results = jsc.parallelize(parts, parts.size()).map(ClusterEvaluation::evaluatePart)
                .collect();
        Map<String, Map<String, Double>> byBasin = new LinkedHashMap<>();
        List<Path> dirs = new ArrayList<>();
        for (PartResult r : results) {
            dirs.add(Path.of(r.dir()));
            for (int k = 0; k < r.basins().size(); k++) {
                byBasin.put(r.basins().get(k), r.metrics().get(k));
            }
        }
        List<Map<String, Double>> metrics = new ArrayList<>();
        for (String b : all) {
            Map<String, Double> m = byBasin.get(b);
            if (m == null) {
                throw new IllegalStateException("basin " + b + " is missing from the partitions' results");
            }
            metrics.add(m);
        }
        Files.createDirectories(merged);
        StringBuilder csv = new StringBuilder("basin_id," + String.join(",", BasinMetrics.COLUMNS) + "\n");
        for (int k = 0; k < all.size(); k++) {
            csv.append(all.get(k));
            for (String c : BasinMetrics.COLUMNS) {
                csv.append(',').append(format(metrics.get(k).get(c)));
            }
            csv.append('\n');
        }
        writeAtomically(merged.resolve("metrics.csv"), csv.toString());
        StringBuilder sum = new StringBuilder("metric,median,mean,basins\n");
        for (String c : BasinMetrics.COLUMNS) {
            double[] v = metrics.stream().mapToDouble(m -> m.get(c)).toArray();
            double[] finite = java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
            sum.append(c).append(',').append(format(BasinMetrics.median(v))).append(',')
                    .append(format(java.util.Arrays.stream(finite).average().orElse(Double.NaN))).append(',')
                    .append(finite.length).append('\n');
        }
        writeAtomically(merged.resolve("metrics_summary.csv"), sum.toString());
        Map<String, String> info = new LinkedHashMap<>();
        info.put("kind", "cluster evaluation");
        info.put("period", p == null ? run.config().testPeriod().start() + ":" + run.config().testPeriod().lastDay()
                : p);
        info.put("partitions", Integer.toString(parts.size()));
        info.put("outputs", String.join(",", dirs.stream().map(d -> d.getFileName().toString()).toList()));
        ResultsWriter.writeInfo(merged, info);
        return new Result(merged, dirs, all, metrics);
    }

    private static String format(Double v) {
        return v == null || !Double.isFinite(v) ? "" : Double.toString(v);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static PartResult evaluatePart(Part part) throws Exception {
        String host = PartitionWorker.host();
        Path file = Path.of(part.projectFile());
        Period period = null;
        if (part.period() != null) {
            String[] se = part.period().split(":");
            period = Period.inclusive(java.time.LocalDate.parse(se[0]), java.time.LocalDate.parse(se[1]));
        }
        ExperimentRunner.PredictionResult r;
        try {
            r = ExperimentRunner.predict(ProjectStore.load(file), Path.of(part.runDir()),
                    new ExperimentRunner.PredictionRequest(part.dataset(), part.basins(), period, null, part.name(),
                            // like evaluate: a missing attribute value takes the training mean (as in training)
                            false, AttributeSensitivity.Mode.NEVER, false, true), ProgressListener.NONE,
                    CancellationToken.NONE);
        } catch (Exception e) {
            throw new IllegalStateException("executor " + host + ", partition " + part.index() + " (" + part.basins()
                    .size() + " basins from " + part.basins().get(0) + "): " + e.getMessage()
                    + " (project, run and data must lie on a path every executor reads)", e);
        }
        return new PartResult(part.index(), r.result().dir().toString(), r.result().sim().basinIds(),
                r.result().metrics().stream().map(m -> (Map<String, Double>) new LinkedHashMap<>(m)).toList(), host);
    }
}
