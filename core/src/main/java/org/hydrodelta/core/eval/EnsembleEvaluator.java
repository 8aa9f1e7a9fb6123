package org.hydrodelta.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hydrodelta.core.conceptual.OutputSpec;
import org.hydrodelta.core.io.NpyWriter;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * The evaluation of an ensemble of evaluated runs (e.g. the members of a seed ensemble), written exactly like a run's
 * evaluation ({@link ResultsWriter}: {@code metrics.csv}, {@code metrics_summary.csv}, {@code outputs_mean.csv},
 * {@code outputs/*.npy} with {@code index.json}, {@code evaluation.json}) for the <b>ensemble mean</b> of flow and of
 * every output (states, fluxes, learned parameters), with the metrics of the mean flow computed by
 * {@link BasinMetrics} as for a single run, and those of the auxiliary observations the members' dataset declares
 * ({@code <observation>_nse}, ...) scored by the caller's {@link MeanScoring} against the mean of the members' series
 * of the output each observes, as a single run's evaluation scores its own. Besides them:
 * <ul>
 * <li>{@value #MEMBERS_METRICS}: header {@code basin_id,member,run,<every metric of BasinMetrics#COLUMNS>} and then the
 * members' other columns (auxiliary observations), one row
 * per basin and member (basins in the ensemble's order, then members in the order given);</li>
 * <li>{@code spread/<OUTPUT>_p05.npy} and {@code spread/<OUTPUT>_p95.npy}: the 5 % and 95 % quantiles across members
 * per basin and day, for flow and every output, in the same shapes as {@code outputs/<OUTPUT>.npy}
 * ({@code [basin][day]}, or {@code [basin][1]} for an output constant in time);</li>
 * <li>{@value #SPREAD_SUMMARY}: header {@code basin_id,spread_width,members}, per basin the mean relative width of the
 * flow band: Σ(p95 − p05) / Σ mean over the days where both are defined (the mean band width over the mean flow:
 * dividing day by day would let dry days with near-zero flow dominate); also appended to {@code outputs_mean.csv} as
 * its {@value #SPREAD_WIDTH} column, so that whatever colours by output means can colour by it.</li>
 * </ul>
 *
 * <p><b>Mean and quantiles.</b> Per basin and day the mean is taken over the members whose value is finite (NaN when
 * none is); quantiles likewise over the finite values, by linear interpolation between order statistics (Hyndman &amp;
 * Fan's definition 7, NumPy's and R's default): with the n finite values sorted x₀ ≤ … ≤ xₙ₋₁,
 * q(p) = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋) with h = (n − 1)p. With 3 members the 5-95 % band is therefore close to the
 * min-max band (p05 = x₀ + 0.1 (x₁ − x₀)); a band from few members is a rough picture of the seed spread, not a
 * calibrated predictive interval. One member gives a band of width zero.
 *
 * <p><b>Refusals.</b> Members must have been evaluated on the same period and hold the same basins in the same order,
 * the same outputs and the same observed flow; otherwise {@link #evaluate} refuses before writing anything, naming
 * the run and the basins, dates or outputs that differ. The result is written into a temporary sibling folder and
 * moved into place, so a failed or cancelled evaluation leaves the previous one (or none) and nothing half-written.
 *
 * <p>This class knows nothing of training (the layering of core): evaluating members that are not yet evaluated is
 * the caller's part ({@link #evaluateGroup} takes it as a {@link MemberEvaluation}; the training layer's
 * {@code EnsembleRuns.evaluateGroup(project, ...)} passes the run evaluator).
 */
public final class EnsembleEvaluator {
    /** Lower quantile of the band. */
    public static final double LOW = 0.05;
    /** Upper quantile of the band. */
    public static final double HIGH = 0.95;
    /** Folder of the band arrays inside an evaluation folder. */
    public static final String SPREAD = "spread";
    /** Suffix of the lower band array ({@code spread/<OUTPUT>_p05.npy}). */
    public static final String P05 = "_p05.npy";
    /** Suffix of the upper band array ({@code spread/<OUTPUT>_p95.npy}). */
    public static final String P95 = "_p95.npy";
    /** Per-member metrics table. */
    public static final String MEMBERS_METRICS = "members_metrics.csv";
    /** Per-basin spread table. */
    public static final String SPREAD_SUMMARY = "spread_summary.csv";
    /** Column of the mean relative band width of flow (in {@value #SPREAD_SUMMARY} and {@code outputs_mean.csv}). */
    public static final String SPREAD_WIDTH = "spread_width";
    /** File in a group folder listing its members. */
    public static final String GROUP_FILE = "group.json";

    private EnsembleEvaluator() {
    }

    /**
     * One member of an ensemble.
     *
     * @param label  its label, e.g. {@code member 1/3}
     * @param runDir its run folder (evaluated on the ensemble's period)
     */
    public record Member(String label, Path runDir) {
    }

    /** Evaluates a member run on a period when it has not been evaluated yet (the training layer's part). */
    @FunctionalInterface
    public interface MemberEvaluation {
        /**
         * @param runDir   the member's run folder
         * @param progress progress
         * @param cancel   cancellation
         * @throws IOException if the evaluation cannot be written
         */
        void evaluate(Path runDir, ProgressListener progress, CancellationToken cancel) throws IOException;
    }

    /**
     * Adds to the metrics of the ensemble mean those an evaluation folder holds no data for: the auxiliary
     * observations of the members' dataset, scored as a single run's evaluation scores them (the training layer's
     * part, like {@link MemberEvaluation}).
     */
    @FunctionalInterface
    public interface MeanScoring {
        /** Adds nothing: the streamflow metrics only. */
        MeanScoring NONE = (mean, metrics, cancel) -> {
        };

        /**
         * @param mean    the ensemble mean of every output, with the members' observed flow and inputs
         * @param metrics per basin in the simulation's order, the streamflow metrics of the mean (extended in place)
         * @param cancel  cancellation
         * @throws IOException if the data the scores need cannot be read
         */
        void score(Simulation mean, List<Map<String, Double>> metrics, CancellationToken cancel) throws IOException;
    }

    /**
     * What was written.
     *
     * @param dir            the ensemble's evaluation folder
     * @param basinIds       basins, in row order
     * @param metrics        per basin, the metrics of the ensemble mean
     * @param memberMetrics  per member (in order), per basin, its own metrics
     * @param spreadWidth    per basin, the mean relative width of the flow band (NaN when undefined)
     */
    public record Result(Path dir, List<String> basinIds, List<Map<String, Double>> metrics,
            List<Map<String, Map<String, Double>>> memberMetrics, double[] spreadWidth) {
        /**
         * @param metric a column of {@link BasinMetrics#COLUMNS}
         * @return its median across basins for the ensemble mean
         */
        public double median(String metric) {
            return BasinMetrics.median(metrics.stream().mapToDouble(m -> m.get(metric)).toArray());
        }

        /**
         * @param member index of a member
         * @param metric a column of {@link BasinMetrics#COLUMNS}
         * @return that member's median across basins
         */
        public double memberMedian(int member, String metric) {
            return BasinMetrics.median(memberMetrics.get(member).values().stream().mapToDouble(m -> m.get(metric))
                    .toArray());
        }
    }

    /** A member's evaluation as read back. */
    private record Loaded(Member member, Path evalDir, LocalDate start, int nDays, List<String> basins,
            List<String> outputs, List<String> inputs, Map<String, Map<String, Double>> metrics) {
    }

    /**
     * Evaluates a group of member runs: evaluates each member not yet evaluated on the period, then writes the
     * ensemble into {@code groupDir/eval/<period>/}, and after it, the first member's {@code config.json} into the
     * group folder unless it has one (so that {@link RunResults} reads the group folder like a run: outputs, units,
     * parameters) and {@value #GROUP_FILE} naming the members.
     *
     * @param members        the members, in order
     * @param groupDir       the group folder (created)
     * @param period         the evaluation's folder name ({@code test}, ...)
     * @param evaluateMember evaluates a member not yet evaluated on the period
     * @param progress       progress (per member, then the ensemble)
     * @param cancel         cancellation, checked between members and outputs
     * @return what was written
     * @throws IOException if a member cannot be evaluated or read, or files cannot be written
     * @throws IllegalArgumentException if the members differ (see {@link #evaluate})
     */
    public static Result evaluateGroup(List<Member> members, Path groupDir, String period,
            MemberEvaluation evaluateMember, ProgressListener progress, CancellationToken cancel) throws IOException {
        return evaluateGroup(members, groupDir, period, evaluateMember, MeanScoring.NONE, progress, cancel);
    }

    /**
     * As {@link #evaluateGroup(List, Path, String, MemberEvaluation, ProgressListener, CancellationToken)}, with the
     * ensemble mean scored on the auxiliary observations too.
     *
     * @param members        the members, in order
     * @param groupDir       the group folder (created)
     * @param period         the evaluation's folder name ({@code test}, ...)
     * @param evaluateMember evaluates a member not yet evaluated on the period
     * @param scoring        adds the metrics of the auxiliary observations to those of the ensemble mean
     * @param progress       progress (per member, then the ensemble)
     * @param cancel         cancellation, checked between members and outputs
     * @return what was written
     * @throws IOException if a member cannot be evaluated or read, or files cannot be written
     * @throws IllegalArgumentException if the members differ (see {@link #evaluate})
     */
    public static Result evaluateGroup(List<Member> members, Path groupDir, String period,
            MemberEvaluation evaluateMember, MeanScoring scoring, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member run");
        }
        for (int i = 0; i < members.size(); i++) {
            cancel.throwIfCancelled();
            Member m = members.get(i);
            if (!RunResults.of(m.runDir(), period).evaluated()) {
                progress.progress(i, members.size() + 1, "evaluating " + m.label() + " (" + m.runDir().getFileName()
                        + ")");
                evaluateMember.evaluate(m.runDir(), ProgressListener.NONE, cancel);
            }
        }
        progress.progress(members.size(), members.size() + 1, "ensemble of " + members.size() + " members");
        Result r = evaluate(members, period, RunResults.evaluationDir(groupDir, period), scoring, cancel);
        // after the ensemble: members that are refused leave no group folder that reads like a run
        Files.createDirectories(groupDir);
        Path config = members.get(0).runDir().resolve("config.json");
        // the group runner may have written the group's own configuration: kept
        if (Files.isRegularFile(config) && !Files.exists(groupDir.resolve("config.json"))) {
            Path tmp = groupDir.resolve("config.json.tmp");
            Files.copy(config, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, groupDir.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode group = json.createObjectNode();
        group.put("kind", "ensemble");
        com.fasterxml.jackson.databind.node.ArrayNode list = group.putArray("members");
        for (Member m : members) {
            list.addObject().put("label", m.label()).put("run", m.runDir().toAbsolutePath().normalize().toString());
        }
        Path tmp = groupDir.resolve(GROUP_FILE + ".tmp");
        json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), group);
        Files.move(tmp, groupDir.resolve(GROUP_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        progress.progress(members.size() + 1, members.size() + 1, "ensemble evaluated");
        return r;
    }

    /**
     * Writes the ensemble of evaluated members (layout in the class comment).
     *
     * @param members the members, in order, each evaluated on {@code period}
     * @param period  the evaluation's folder name in each member ({@code test}, ...)
     * @param out     the ensemble's evaluation folder (replaced as a whole)
     * @param cancel  cancellation, checked between outputs
     * @return what was written
     * @throws IOException if a member's evaluation cannot be read or the files cannot be written
     * @throws IllegalArgumentException if there are no members, a member is not evaluated on the period, or members
     *                                  differ in period, basins, outputs or observed flow (the run and what differs
     *                                  named)
     */
    public static Result evaluate(List<Member> members, String period, Path out, CancellationToken cancel)
            throws IOException {
        return evaluate(members, period, out, MeanScoring.NONE, cancel);
    }

    /**
     * As {@link #evaluate(List, String, Path, CancellationToken)}, with the ensemble mean scored on the auxiliary
     * observations too, before anything is written.
     *
     * @param members the members, in order, each evaluated on {@code period}
     * @param period  the evaluation's folder name in each member ({@code test}, ...)
     * @param out     the ensemble's evaluation folder (replaced as a whole)
     * @param scoring adds the metrics of the auxiliary observations to those of the ensemble mean
     * @param cancel  cancellation, checked between outputs
     * @return what was written
     * @throws IOException if a member's evaluation or the data of the scores cannot be read, or the files cannot be
     *                     written
     * @throws IllegalArgumentException as {@link #evaluate(List, String, Path, CancellationToken)}
     */
    public static Result evaluate(List<Member> members, String period, Path out, MeanScoring scoring,
            CancellationToken cancel) throws IOException {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member run");
        }
        List<Loaded> loaded = new ArrayList<>();
        for (Member m : members) {
            loaded.add(load(m, period));
        }
        Loaded first = loaded.get(0);
        for (Loaded l : loaded.subList(1, loaded.size())) {
            checkSame(first, l);
        }
        List<OutputSpec> specs = RunResults.of(first.member().runDir(), period).outputSpecs();
        if (specs.stream().noneMatch(s -> s.role() == OutputSpec.Role.DISCHARGE)) {
            throw new IllegalArgumentException("run " + first.member().runDir() + ": its configuration names no"
                    + " model with a streamflow output (config.json missing or unreadable?)");
        }
        int nBasins = first.basins().size();
        int nDays = first.nDays();
        int n = loaded.size();
        // observations and forcing: the same in every member (observed flow checked below)
        Map<String, float[][]> inputs = new LinkedHashMap<>();
        for (String in : first.inputs()) {
            inputs.put(in, readNpy(first.evalDir().resolve(RunResults.OUTPUTS).resolve(ResultsWriter.INPUT_PREFIX + in
                    + ".npy"), nBasins, nDays));
        }
        float[][] observed = inputs.remove("QOBS");
        if (observed == null) {
            throw new IllegalArgumentException("run " + first.member().runDir() + ": evaluation '" + period
                    + "' has no observed flow (outputs/input_QOBS.npy)");
        }
        for (Loaded l : loaded.subList(1, loaded.size())) {
            float[][] obs = readNpy(l.evalDir().resolve(RunResults.OUTPUTS).resolve(ResultsWriter.INPUT_PREFIX
                    + "QOBS.npy"), nBasins, nDays);
            for (int k = 0; k < nBasins; k++) {
                for (int d = 0; d < nDays; d++) {
                    if (Float.floatToIntBits(obs[k][d]) != Float.floatToIntBits(observed[k][d])) {
                        throw new IllegalArgumentException("run " + l.member().runDir() + " (" + l.member().label()
                                + "): observed flow of basin " + first.basins().get(k) + " on "
                                + first.start().plusDays(d) + " is " + obs[k][d] + ", in run "
                                + first.member().runDir() + " " + observed[k][d]
                                + ": the members were evaluated on different data");
                    }
                }
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
        try {
            Map<String, float[][]> means = new LinkedHashMap<>();
            Map<String, float[][][]> bands = new LinkedHashMap<>();
            float[] values = new float[n];
            for (String o : first.outputs()) {
                cancel.throwIfCancelled();
                float[][][] member = new float[n][][];
                for (int i = 0; i < n; i++) {
                    member[i] = readOutput(loaded.get(i).evalDir(), o, nBasins, nDays);
                }
                float[][] mean = new float[nBasins][nDays];
                float[][] lo = new float[nBasins][nDays];
                float[][] hi = new float[nBasins][nDays];
                for (int k = 0; k < nBasins; k++) {
                    for (int d = 0; d < nDays; d++) {
                        int m = 0;
                        double sum = 0;
                        for (int i = 0; i < n; i++) {
                            float v = member[i][k][d];
                            if (Float.isFinite(v)) {
                                values[m++] = v;
                                sum += v;
                            }
                        }
                        if (m == 0) {
                            mean[k][d] = lo[k][d] = hi[k][d] = Float.NaN;
                            continue;
                        }
                        Arrays.sort(values, 0, m);
                        mean[k][d] = (float) (sum / m);
                        lo[k][d] = quantile(values, m, LOW);
                        hi[k][d] = quantile(values, m, HIGH);
                    }
                }
                means.put(o, mean);
                bands.put(o, new float[][][] {lo, hi});
            }
            Simulation sim = new Simulation(first.basins(), first.start(), nDays, means, observed, inputs, specs);
            List<Map<String, Double>> metrics = new ArrayList<>();
            float[][] flow = sim.flow();
            for (int k = 0; k < nBasins; k++) {
                String id = first.basins().get(k);
                Double bfi = first.metrics().getOrDefault(id, Map.of()).get("bfi_obs");
                float[][] precip = inputs.get("PRCP");
                metrics.add(BasinMetrics.compute(flow[k], observed[k], row(sim, OutputSpec.Role.BASEFLOW, k),
                        row(sim, OutputSpec.Role.UNROUTED_DISCHARGE, k), row(sim, OutputSpec.Role.EVAPOTRANSPIRATION, k),
                        precip == null ? new float[nDays] : precip[k], bfi == null ? Double.NaN : bfi));
            }
            cancel.throwIfCancelled();
            scoring.score(sim, metrics, cancel);
            ResultsWriter.write(tmp, sim, metrics, false);
            // the band arrays, in the shapes of the outputs written beside them
            JsonNode index = new ObjectMapper().readTree(tmp.resolve(RunResults.OUTPUTS)
                    .resolve(ResultsWriter.OUTPUTS_INDEX).toFile());
            java.util.Set<String> constant = new java.util.HashSet<>();
            index.path("constantInTime").forEach(c -> constant.add(c.asText()));
            Files.createDirectories(tmp.resolve(SPREAD));
            for (Map.Entry<String, float[][][]> e : bands.entrySet()) {
                boolean c = constant.contains(e.getKey()) && constantInTime(e.getValue()[0])
                        && constantInTime(e.getValue()[1]);
                writeBand(tmp.resolve(SPREAD).resolve(e.getKey() + P05), e.getValue()[0], c);
                writeBand(tmp.resolve(SPREAD).resolve(e.getKey() + P95), e.getValue()[1], c);
            }
            String flowName = specs.stream().filter(s -> s.role() == OutputSpec.Role.DISCHARGE).findFirst()
                    .orElseThrow().name();
            double[] width = new double[nBasins];
            for (int k = 0; k < nBasins; k++) {
                width[k] = relativeWidth(means.get(flowName)[k], bands.get(flowName)[0][k], bands.get(flowName)[1][k]);
            }
            writeSpreadSummary(tmp, first.basins(), width, n);
            appendSpreadWidth(tmp.resolve(ResultsWriter.OUTPUTS_MEAN), width);
            List<Map<String, Map<String, Double>>> memberMetrics = new ArrayList<>();
            loaded.forEach(l -> memberMetrics.add(l.metrics()));
            writeMembersMetrics(tmp.resolve(MEMBERS_METRICS), loaded);
            Map<String, String> info = new LinkedHashMap<>();
            Map<String, String> firstInfo = RunResults.of(first.member().runDir(), period).info();
            info.put("kind", "ensemble");
            info.put("period", firstInfo.getOrDefault("period", period));
            info.put("members", Integer.toString(n));
            info.put("memberRuns", String.join(";", loaded.stream().map(l -> l.member().runDir().getFileName()
                    .toString()).toList()));
            info.put("memberLabels", String.join(";", loaded.stream().map(l -> l.member().label()).toList()));
            info.put("combination", "mean over members with finite values");
            info.put("band", "5-95 % across members, linear interpolation between order statistics"
                    + " (Hyndman-Fan 7)");
            for (String k : List.of("scored", "runUp", "dataset")) {
                if (firstInfo.containsKey(k)) {
                    info.put(k, firstInfo.get(k));
                }
            }
            info.put("basins", Integer.toString(nBasins));
            ResultsWriter.writeInfo(tmp, info);
            replace(tmp, out);
            return new Result(out, first.basins(), metrics, memberMetrics, width);
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    /**
     * The quantile of sorted values by linear interpolation between order statistics (Hyndman &amp; Fan 7).
     *
     * @param sorted values, ascending, finite, in {@code [0, n)}
     * @param n      how many
     * @param p      probability in [0, 1]
     * @return the quantile
     */
    public static float quantile(float[] sorted, int n, double p) {
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        return (float) (sorted[lo] + (h - lo) * ((double) sorted[lo + 1] - sorted[lo]));
    }

    /** Σ(hi − lo) / Σ mean over the days where all three are finite; NaN when the mean flow sums to zero. */
    static double relativeWidth(float[] mean, float[] lo, float[] hi) {
        double w = 0;
        double m = 0;
        for (int d = 0; d < mean.length; d++) {
            if (Float.isFinite(mean[d]) && Float.isFinite(lo[d]) && Float.isFinite(hi[d])) {
                w += hi[d] - lo[d];
                m += mean[d];
            }
        }
        return m > 0 ? w / m : Double.NaN;
    }

    private static Loaded load(Member m, String period) throws IOException {
        RunResults r = RunResults.of(m.runDir(), period);
        Path index = r.dir().resolve(RunResults.OUTPUTS).resolve(ResultsWriter.OUTPUTS_INDEX);
        if (!r.evaluated() || !Files.isRegularFile(index)) {
            throw new IllegalArgumentException("run " + m.runDir() + " (" + m.label() + ") has no evaluation '"
                    + period + "' with outputs (" + index + " missing): evaluate it first");
        }
        JsonNode n = new ObjectMapper().readTree(index.toFile());
        List<String> basins = new ArrayList<>();
        n.path("basins").forEach(b -> basins.add(b.asText()));
        List<String> outputs = new ArrayList<>();
        n.path("outputs").forEach(b -> outputs.add(b.asText()));
        List<String> inputs = new ArrayList<>();
        n.path("inputs").forEach(b -> inputs.add(b.asText()));
        LocalDate start;
        try {
            start = LocalDate.parse(n.path("start").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException(index + ": field 'start': not a date: " + n.path("start").asText(), e);
        }
        return new Loaded(m, r.dir(), start, n.path("nDays").asInt(), basins, outputs, inputs, r.metrics());
    }

    private static void checkSame(Loaded a, Loaded b) {
        String who = "run " + b.member().runDir() + " (" + b.member().label() + ")";
        String ref = " than run " + a.member().runDir() + " (" + a.member().label() + ")";
        if (!a.start().equals(b.start()) || a.nDays() != b.nDays()) {
            throw new IllegalArgumentException(who + " was evaluated on " + b.start() + ".."
                    + b.start().plusDays(b.nDays() - 1L) + ", a different period" + ref + ": " + a.start() + ".."
                    + a.start().plusDays(a.nDays() - 1L));
        }
        if (!a.basins().equals(b.basins())) {
            List<String> missing = new ArrayList<>(a.basins());
            missing.removeAll(b.basins());
            List<String> extra = new ArrayList<>(b.basins());
            extra.removeAll(a.basins());
            throw new IllegalArgumentException(who + " has other basins" + ref
                    + (missing.isEmpty() ? "" : "; lacks " + missing) + (extra.isEmpty() ? "" : "; has also " + extra)
                    + (missing.isEmpty() && extra.isEmpty() ? "; the same basins in another order" : ""));
        }
        if (!a.outputs().equals(b.outputs())) {
            throw new IllegalArgumentException(who + " has outputs " + b.outputs() + ", other" + ref + ": "
                    + a.outputs() + " (members must be the same model)");
        }
    }

    private static float[] row(Simulation s, OutputSpec.Role role, int k) {
        float[][] a = s.byRole(role);
        return a == null ? null : a[k];
    }

    /** An output as {@code [basin][day]}, a constant one ({@code [basin][1]}) repeated over the days. */
    private static float[][] readOutput(Path evalDir, String output, int nBasins, int nDays) throws IOException {
        Path f = evalDir.resolve(RunResults.OUTPUTS).resolve(output + ".npy");
        float[][] a = readNpy(f, nBasins, -1);
        if (a.length > 0 && a[0].length == 1 && nDays != 1) {
            float[][] full = new float[nBasins][nDays];
            for (int k = 0; k < nBasins; k++) {
                Arrays.fill(full[k], a[k][0]);
            }
            return full;
        }
        if (a.length > 0 && a[0].length != nDays) {
            throw new IOException(f + ": " + a[0].length + " days, its index says " + nDays);
        }
        return a;
    }

    /**
     * Reads a 2-D float32 {@code .npy} file as written by {@link NpyWriter}.
     *
     * @param f       the file
     * @param rows    expected rows
     * @param columns expected columns, or -1 for any
     */
    static float[][] readNpy(Path f, int rows, int columns) throws IOException {
        if (!Files.isRegularFile(f)) {
            throw new IOException(f + ": missing");
        }
        try (FileChannel ch = FileChannel.open(f)) {
            ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            if (ch.read(head, 0) != 10 || head.get(0) != (byte) 0x93 || head.get(6) != 1) {
                throw new IOException(f + ": not a version 1.0 .npy file");
            }
            int headerLen = Short.toUnsignedInt(head.getShort(8));
            ByteBuffer hb = ByteBuffer.allocate(headerLen);
            ch.read(hb, 10);
            String header = new String(hb.array(), StandardCharsets.ISO_8859_1);
            if (!header.contains("'<f4'")) {
                throw new IOException(f + ": not little-endian float32 ('<f4'): " + header.trim());
            }
            java.util.regex.Matcher mt = java.util.regex.Pattern.compile("'shape': \\((\\d+), (\\d+)\\)")
                    .matcher(header);
            if (!mt.find()) {
                throw new IOException(f + ": not a 2-D array: " + header.trim());
            }
            int r = Integer.parseInt(mt.group(1));
            int c = Integer.parseInt(mt.group(2));
            if (r != rows || columns >= 0 && c != columns) {
                throw new IOException(f + ": shape (" + r + ", " + c + "), expected (" + rows + ", "
                        + (columns < 0 ? "any" : Integer.toString(columns)) + ")");
            }
            ByteBuffer buf = ByteBuffer.allocate(r * c * 4).order(ByteOrder.LITTLE_ENDIAN);
            long pos = 10L + headerLen;
            while (buf.hasRemaining()) {
                if (ch.read(buf, pos + buf.position()) < 0) {
                    throw new IOException(f + ": shorter than its shape (" + r + ", " + c + ")");
                }
            }
            buf.flip();
            float[][] out = new float[r][c];
            for (int k = 0; k < r; k++) {
                for (int d = 0; d < c; d++) {
                    out[k][d] = buf.getFloat();
                }
            }
            return out;
        }
    }

    /**
     * Reads one row of a 2-D float32 {@code .npy} file without loading the others.
     *
     * @param f   the file
     * @param row the row
     * @return its values
     * @throws IOException if the file is missing, malformed or has no such row
     */
    static float[] readNpyRow(Path f, int row) throws IOException {
        if (!Files.isRegularFile(f)) {
            throw new IOException(f + ": missing");
        }
        try (FileChannel ch = FileChannel.open(f)) {
            ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            if (ch.read(head, 0) != 10 || head.get(0) != (byte) 0x93 || head.get(6) != 1) {
                throw new IOException(f + ": not a version 1.0 .npy file");
            }
            int headerLen = Short.toUnsignedInt(head.getShort(8));
            ByteBuffer hb = ByteBuffer.allocate(headerLen);
            ch.read(hb, 10);
            String header = new String(hb.array(), StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher mt = java.util.regex.Pattern.compile("'shape': \\((\\d+), (\\d+)\\)")
                    .matcher(header);
            if (!header.contains("'<f4'") || !mt.find()) {
                throw new IOException(f + ": not a 2-D little-endian float32 array: " + header.trim());
            }
            int r = Integer.parseInt(mt.group(1));
            int c = Integer.parseInt(mt.group(2));
            if (row < 0 || row >= r) {
                throw new IOException(f + ": no row " + row + " (shape (" + r + ", " + c + "))");
            }
            ByteBuffer buf = ByteBuffer.allocate(c * 4).order(ByteOrder.LITTLE_ENDIAN);
            long pos = 10L + headerLen + (long) row * c * 4;
            while (buf.hasRemaining()) {
                if (ch.read(buf, pos + buf.position()) < 0) {
                    throw new IOException(f + ": shorter than its shape (" + r + ", " + c + ")");
                }
            }
            buf.flip();
            float[] out = new float[c];
            buf.asFloatBuffer().get(out);
            return out;
        }
    }

    private static boolean constantInTime(float[][] a) {
        for (float[] row : a) {
            for (int d = 1; d < row.length; d++) {
                if (Float.floatToIntBits(row[d]) != Float.floatToIntBits(row[0])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void writeBand(Path f, float[][] a, boolean constant) throws IOException {
        int cols = constant ? 1 : (a.length == 0 ? 0 : a[0].length);
        float[] flat = new float[a.length * cols];
        for (int k = 0; k < a.length; k++) {
            System.arraycopy(a[k], 0, flat, k * cols, cols);
        }
        NpyWriter.write(f, flat, a.length, cols);
    }

    private static void writeSpreadSummary(Path dir, List<String> basins, double[] width, int members)
            throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve(SPREAD_SUMMARY), StandardCharsets.UTF_8)) {
            w.write("basin_id," + SPREAD_WIDTH + ",members\n");
            for (int k = 0; k < basins.size(); k++) {
                w.write(basins.get(k) + "," + format(width[k]) + "," + members + "\n");
            }
        }
    }

    private static void appendSpreadWidth(Path csv, double[] width) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        out.add(lines.get(0) + "," + SPREAD_WIDTH);
        for (int i = 1; i < lines.size(); i++) {
            out.add(lines.get(i) + "," + format(width[i - 1]));
        }
        Files.write(csv, out, StandardCharsets.UTF_8);
    }

    private static void writeMembersMetrics(Path f, List<Loaded> loaded) throws IOException {
        // the streamflow metrics, then every other column the members' tables have (auxiliary observations,
        // e.g. baseflow_nse), so that a member's row is its own metrics.csv row
        List<String> columns = new ArrayList<>(List.of(BasinMetrics.COLUMNS));
        for (Loaded l : loaded) {
            for (Map<String, Double> m : l.metrics().values()) {
                m.keySet().stream().filter(c -> !columns.contains(c)).forEach(columns::add);
            }
        }
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("basin_id,member,run," + String.join(",", columns) + "\n");
            for (String id : loaded.get(0).basins()) {
                for (Loaded l : loaded) {
                    StringBuilder row = new StringBuilder(id).append(',').append(csvField(l.member().label()))
                            .append(',').append(csvField(l.member().runDir().getFileName().toString()));
                    Map<String, Double> m = l.metrics().getOrDefault(id, Map.of());
                    for (String c : columns) {
                        Double v = m.get(c);
                        row.append(',').append(format(v == null ? Double.NaN : v));
                    }
                    w.write(row.append('\n').toString());
                }
            }
        }
    }

    /** Labels and run names go into a comma-separated table: commas would split them. */
    private static String csvField(String s) {
        return s.replace(',', ';');
    }

    private static void replace(Path tmp, Path out) throws IOException {
        Path old = null;
        if (Files.exists(out)) {
            old = Files.createTempDirectory(out.toAbsolutePath().getParent(), "." + out.getFileName() + ".old-");
            Files.delete(old);
            Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
