package org.hydrodelta.core.combine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hydrodelta.core.Version;
import org.hydrodelta.core.conceptual.OutputSpec;
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.eval.BasinMetrics;
import org.hydrodelta.core.eval.Metrics;
import org.hydrodelta.core.eval.ResultsReader;
import org.hydrodelta.core.eval.ResultsWriter;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.eval.Simulation;
import org.hydrodelta.core.hbv.HbvModel;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectAttributes;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;

/**
 * Learned combination of evaluated runs (issue 17, differentiable model selection). From M ≥ 2 runs on the same
 * basins and periods it reads each run's simulated flow over the validation and test periods (evaluating a run on a
 * period first where that evaluation is missing), fits a {@link CombinationNetwork} that maps each basin's
 * standardised static attributes to softmax weights over the runs, so that the combined flow
 * {@code q = Σ_m w_m q_m} minimises the project's loss ({@link CombinationLoss}) on the validation period; full-batch
 * Adam in double precision, keeping the parameters of the lowest loss seen (the start is the plain mean, so the
 * result is never worse than the mean on the validation period). The combined series is evaluated on both periods
 * and written as a run folder {@code runs/<name>/} like any other:
 * <ul>
 * <li>{@code config.json}: {@code kind: combination}, the input runs, attributes and their standardisation, the
 *     network (sizes and every parameter), the temperature, the loss and fitting options;</li>
 * <li>{@code run.json}: application, creation time, status;</li>
 * <li>{@code eval/test/} and {@code eval/validation/} exactly as {@link ResultsWriter} writes them (the combined
 *     flow under the discharge output's name, with the first run's inputs and observed flow);</li>
 * <li>{@value #WEIGHTS}: {@code basin_id}, one column per input run (the weights; each row sums to 1);</li>
 * <li>{@value #COMPARISON}: per basin the test NSE of every input run, of their plain mean and of the combination.</li>
 * </ul>
 * The folder is written under a temporary name and moved into place, then entered in the project as a
 * {@link RunRef} (experiment {@value #EXPERIMENT}).
 */
public final class ModelCombiner {
    /** Per-basin weights file in the run folder. */
    public static final String WEIGHTS = "weights.csv";
    /** Per-basin test NSE of inputs, mean and combination. */
    public static final String COMPARISON = "comparison.csv";
    /** What {@code config.json} says under {@code kind}. */
    public static final String KIND = "combination";
    /** The experiment name a combination's run entry carries. */
    public static final String EXPERIMENT = "combination";
    /** Validation period folder name. */
    static final String VALIDATION = "validation";

    /** Most hidden units. */
    public static final int MAX_HIDDEN = 256;
    /** Most epochs. */
    public static final int MAX_EPOCHS = 100_000;

    private ModelCombiner() {
    }

    /**
     * What to combine and how.
     *
     * @param runs         names of the project's runs to combine (at least 2, distinct)
     * @param name         the combination's run name (letters, digits, '.', '_', '-'; new in the project)
     * @param hidden       hidden units of the network (1..{@value #MAX_HIDDEN})
     * @param epochs       full-batch gradient steps (1..{@value #MAX_EPOCHS})
     * @param seed         seed of the network's initial weights
     * @param learningRate Adam's step size, in (0, 1]
     * @param loss         {@code nse} or {@code rmse-comb}, or null for the first run's training loss
     * @param attributes   static attributes fed to the network, or null for the first run's attributes
     */
    public record Request(List<String> runs, String name, int hidden, int epochs, long seed, double learningRate,
            String loss, List<String> attributes) {
        /** Default hidden units. */
        public static final int DEFAULT_HIDDEN = 8;
        /** Default epochs. */
        public static final int DEFAULT_EPOCHS = 300;
        /** Default seed. */
        public static final long DEFAULT_SEED = 1;
        /** Default learning rate. */
        public static final double DEFAULT_LEARNING_RATE = 0.05;

        /** Copies the lists. */
        public Request {
            runs = runs == null ? List.of() : List.copyOf(runs);
            attributes = attributes == null ? null : List.copyOf(attributes);
        }

        /**
         * @param runs runs to combine
         * @param name the combination's name
         * @return a request with the defaults
         */
        public static Request of(List<String> runs, String name) {
            return new Request(runs, name, DEFAULT_HIDDEN, DEFAULT_EPOCHS, DEFAULT_SEED, DEFAULT_LEARNING_RATE, null,
                    null);
        }
    }

    /**
     * What a combination came to.
     *
     * @param dir                 the run folder
     * @param runs                the input runs, in column order
     * @param basins              basins, in row order
     * @param weights             {@code [basin][run]}
     * @param temperature         the learned temperature τ
     * @param validationLoss      the combination's validation loss
     * @param meanValidationLoss  the plain mean's validation loss
     * @param singleValidationLoss each input run's validation loss
     * @param singleTestNse       each input run's median test NSE
     * @param meanTestNse         the plain mean's median test NSE
     * @param testNse             the combination's median test NSE
     * @param bestEpoch           the epoch whose parameters were kept (0: the plain mean)
     * @param seconds             fitting time (reading and evaluating the inputs excluded)
     */
    public record Result(Path dir, List<String> runs, List<String> basins, double[][] weights, double temperature,
            double validationLoss, double meanValidationLoss, Map<String, Double> singleValidationLoss,
            Map<String, Double> singleTestNse, double meanTestNse, double testNse, int bestEpoch, double seconds) {
    }

    /**
     * Checks a request against the project without reading any run: the checks the command line and the window
     * share. Periods, basins and evaluations are checked by {@link #combine}.
     *
     * @param project the project
     * @param runsDir the project's runs folder
     * @param r       the request
     * @return problems, each naming the option and its allowed range; empty when fine
     */
    public static List<String> problems(Project project, Path runsDir, Request r) {
        List<String> out = new ArrayList<>();
        if (r.runs().size() < 2) {
            out.add("--runs: a combination needs at least 2 runs, got " + r.runs().size());
        }
        Set<String> seen = new HashSet<>();
        for (String run : r.runs()) {
            if (!seen.add(run)) {
                out.add("--runs: run '" + run + "' is named twice");
            } else if (project.run(run).isEmpty()) {
                out.add("--runs: the project has no run '" + run + "'");
            }
        }
        if (r.name() == null || r.name().isEmpty() || !r.name().matches("[A-Za-z0-9._-]+")
                || r.name().startsWith(".")) {
            out.add("--name: '" + r.name() + "' must be letters, digits, '.', '_' or '-' (not starting with '.')");
        } else if (project.run(r.name()).isPresent()) {
            out.add("--name: the project already has a run '" + r.name() + "'");
        } else if (Files.exists(runsDir.resolve(r.name()))) {
            out.add("--name: " + runsDir.resolve(r.name()) + " exists already");
        }
        if (r.hidden() < 1 || r.hidden() > MAX_HIDDEN) {
            out.add("--hidden must be in 1.." + MAX_HIDDEN + ", was " + r.hidden());
        }
        if (r.epochs() < 1 || r.epochs() > MAX_EPOCHS) {
            out.add("--epochs must be in 1.." + MAX_EPOCHS + ", was " + r.epochs());
        }
        if (!(r.learningRate() > 0 && r.learningRate() <= 1)) {
            out.add("--learning-rate must be in (0, 1], was " + r.learningRate());
        }
        if (r.loss() != null && !CombinationLoss.NAMES.contains(r.loss())) {
            out.add("--loss must be one of " + CombinationLoss.NAMES + ", was '" + r.loss() + "'");
        }
        if (r.attributes() != null && r.attributes().isEmpty()) {
            out.add("--attributes must name at least one attribute");
        }
        return out;
    }

    /** One run's flow over one period, basins in the run's order. */
    record PeriodSeries(String run, List<String> basins, LocalDate start, int nDays, float[][] flow, float[][] obs,
            Map<String, float[][]> forcing) {
        String text() {
            return start + ".." + start.plusDays(nDays - 1L);
        }
    }

    /**
     * Combines runs, writes the combination's run folder and enters it in the project file.
     *
     * @param project     the project (its runs are looked up by name); not changed, since this may run on a worker
     *                    while a window shows it: the new run is entered in the project file, from where
     *                    {@link ProjectStore#mergeFromDisk} takes it into an open project
     * @param projectFile the project file, updated under its lock
     * @param r           the request
     * @param progress    progress: evaluations of inputs, then fitting epochs
     * @param cancel      cancellation, checked every epoch
     * @return the result
     * @throws IOException              if a run cannot be read or evaluated, or the folder cannot be written
     * @throws IllegalArgumentException for a refused request: fewer than 2 runs, runs on different basins or
     *                                  periods (named), a run not evaluated and not evaluable, a missing attribute
     */
    public static Result combine(Project project, Path projectFile, Request r, ProgressListener progress,
            CancellationToken cancel) throws IOException {
        Path runsDir = projectFile.toAbsolutePath().getParent().resolve("runs");
        List<String> problems = problems(project, runsDir, r);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        int m = r.runs().size();
        List<Path> dirs = r.runs().stream().map(n -> project.run(n).orElseThrow().path()).toList();
        // evaluate where missing
        List<String[]> missing = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (String period : List.of(VALIDATION, RunResults.TEST)) {
                if (!RunResults.of(dirs.get(i), period).evaluated()) {
                    missing.add(new String[] {Integer.toString(i), period});
                }
            }
        }
        long total = missing.size() + (long) r.epochs() + 1;
        long done = 0;
        for (String[] job : missing) {
            int i = Integer.parseInt(job[0]);
            String run = r.runs().get(i);
            progress.progress(done, total, "evaluating " + run + " on its " + job[1] + " period");
            if (RunResults.of(dirs.get(i)).config().isEmpty()) {
                throw new IllegalArgumentException("run '" + run + "' is not evaluated on its " + job[1] + " period"
                        + " and cannot be evaluated: " + dirs.get(i).resolve("config.json") + " holds no experiment"
                        + " configuration");
            }
            try {
                ExperimentRunner.evaluate(project, dirs.get(i), job[1], null, AttributeSensitivity.Mode.NEVER, false,
                        ProgressListener.NONE, cancel);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("run '" + run + "' is not evaluated on its " + job[1] + " period"
                        + " and cannot be evaluated: " + e.getMessage(), e);
            }
            done++;
        }
        List<PeriodSeries> val = new ArrayList<>();
        List<PeriodSeries> test = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            val.add(read(r.runs().get(i), dirs.get(i), VALIDATION));
            test.add(read(r.runs().get(i), dirs.get(i), RunResults.TEST));
        }
        checkSame(val, "validation");
        checkSame(test, "test");
        List<String> basins = val.get(0).basins();
        Optional<ExperimentConfig> first = RunResults.of(dirs.get(0)).config();
        List<String> attributes = r.attributes() != null ? r.attributes()
                : first.map(ExperimentConfig::attributes).orElse(List.of());
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("run '" + r.runs().get(0) + "' names no static attributes; give"
                    + " them with --attributes");
        }
        String lossName = r.loss() != null ? r.loss() : first.map(c -> c.training().loss()).orElse("nse");
        double alpha = first.map(c -> c.training().lossAlpha()).orElse(0.25);
        CombinationLoss loss = new CombinationLoss(lossName, alpha);
        ProjectAttributes table = ProjectAttributes.of(project);
        double[][] raw = new double[basins.size()][attributes.size()];
        List<String> missingValues = new ArrayList<>();
        for (int a = 0; a < attributes.size(); a++) {
            int finite = 0;
            for (int b = 0; b < basins.size(); b++) {
                raw[b][a] = table.value(basins.get(b), attributes.get(a));
                if (Double.isFinite(raw[b][a])) {
                    finite++;
                } else {
                    missingValues.add(basins.get(b) + ":" + attributes.get(a));
                }
            }
            if (finite == 0) {
                throw new IllegalArgumentException("attribute '" + attributes.get(a) + "' has no value for any of"
                        + " the " + basins.size() + " basins in the project's attribute tables (choose others with"
                        + " --attributes)");
            }
        }
        if (!missingValues.isEmpty()) {
            // as in training (NormalizationStats: NaN → 0 after normalising), a missing value takes the mean
            progress.progress(done, total, missingValues.size() + " missing attribute values take the mean of the"
                    + " other basins: " + missingValues);
        }
        double[] mean = new double[attributes.size()];
        double[] sd = new double[attributes.size()];
        double[][] x = standardise(raw, mean, sd);
        double[][][] qVal = new double[m][][];
        double[][][] qTest = new double[m][][];
        for (int i = 0; i < m; i++) {
            qVal[i] = toDouble(val.get(i));
            qTest[i] = toDouble(test.get(i));
        }
        float[][] obsVal = val.get(0).obs();
        long start = System.nanoTime();
        long base = done;
        Fit fit = fit(x, qVal, obsVal, loss, r.hidden(), r.epochs(), r.seed(), r.learningRate(),
                (d, t, msg) -> progress.progress(base + d, total, msg), cancel);
        double seconds = (System.nanoTime() - start) / 1e9;
        double[][] w = fit.network().forward(x).weights();
        Map<String, Double> singleLoss = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            singleLoss.put(r.runs().get(i), loss.evaluate(qVal[i], obsVal, null));
        }
        double meanLoss = loss.evaluate(combine(qVal, uniform(basins.size(), m)), obsVal, null);
        // evaluate and write
        progress.progress(total - 1, total, "writing " + r.name());
        Path tmp = runsDir.resolve("." + r.name() + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        try {
            float[][] combVal = toFloat(combine(qVal, w));
            float[][] combTest = toFloat(combine(qTest, w));
            writeEvaluation(table, tmp, VALIDATION, val.get(0), combVal);
            List<Map<String, Double>> testMetrics = writeEvaluation(table, tmp, RunResults.TEST, test.get(0),
                    combTest);
            double[][] testNse = new double[m + 2][basins.size()];
            float[][] meanTest = toFloat(combine(qTest, uniform(basins.size(), m)));
            for (int b = 0; b < basins.size(); b++) {
                for (int i = 0; i < m; i++) {
                    testNse[i][b] = Metrics.nse(test.get(i).flow()[b], test.get(0).obs()[b]);
                }
                testNse[m][b] = Metrics.nse(meanTest[b], test.get(0).obs()[b]);
                testNse[m + 1][b] = testMetrics.get(b).get("nse");
            }
            writeTables(tmp, r.runs(), basins, w, testNse);
            writeConfig(tmp, r, attributes, mean, sd, loss, alpha, fit, val.get(0), test.get(0), basins, singleLoss,
                    meanLoss, seconds, missingValues);
            ObjectNode info = ProjectStore.mapper().createObjectNode();
            info.put("application", "HydroDelta Workbench " + Version.get());
            info.put("created", Instant.now().toString());
            info.put("status", RunRef.FINISHED);
            info.put("basinsUsed", basins.size());
            ProjectStore.mapper().writeValue(tmp.resolve("run.json").toFile(), info);
            // the basins, as a trained run records them (the properties pane lists them)
            Files.writeString(tmp.resolve(org.hydrodelta.core.train.RunFolder.BASINS_USED), String.join("\n", basins)
                    + "\n", StandardCharsets.UTF_8);
            Path dir = runsDir.resolve(r.name());
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            Path abs = dir.toAbsolutePath().normalize();
            RunRef ref = new RunRef(r.name(), EXPERIMENT, abs, Instant.now(), RunRef.FINISHED, null);
            try {
                ProjectStore.update(projectFile, p -> p.putRun(ref));
            } catch (org.hydrodelta.core.project.ProjectException e) {
                // not entered in the project: take the folder back, so nothing is left half-done
                deleteTree(dir);
                throw new IOException("combination " + r.name() + " not entered in " + projectFile + ": "
                        + e.getMessage(), e);
            }
            Map<String, Double> singleNse = new LinkedHashMap<>();
            for (int i = 0; i < m; i++) {
                singleNse.put(r.runs().get(i), BasinMetrics.median(testNse[i]));
            }
            progress.progress(total, total, "combined " + r.name());
            return new Result(abs, r.runs(), basins, w, fit.network().temperature(), fit.loss(), meanLoss,
                    singleLoss, singleNse, BasinMetrics.median(testNse[m]), BasinMetrics.median(testNse[m + 1]),
                    fit.bestEpoch(), seconds);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /**
     * A fitted network.
     *
     * @param network   the network with the kept parameters
     * @param loss      their validation loss
     * @param bestEpoch the epoch they come from (0: the start, the plain mean)
     * @param losses    the loss before each epoch's step, then after the last ({@code epochs + 1} values)
     */
    public record Fit(CombinationNetwork network, double loss, int bestEpoch, double[] losses) {
    }

    /**
     * Fits a network by full-batch Adam (β1 0.9, β2 0.999, ε 1e-8) and keeps the parameters of the lowest loss.
     * Deviation: {@code nn.optim.Adam} updates single-precision parameters; this network is double (see
     * {@link CombinationNetwork}), so the same update rule is written here for doubles.
     *
     * @param x        standardised attributes {@code [basin][attribute]}
     * @param q        each run's flow {@code [run][basin][day]}
     * @param obs      observed flow {@code [basin][day]}
     * @param loss     the loss
     * @param hidden   hidden units
     * @param epochs   steps
     * @param seed     seed of the initial weights
     * @param lr       step size
     * @param progress per epoch
     * @param cancel   checked every epoch
     * @return the fit
     */
    public static Fit fit(double[][] x, double[][][] q, float[][] obs, CombinationLoss loss, int hidden, int epochs,
            long seed, double lr, ProgressListener progress, CancellationToken cancel) {
        CombinationNetwork net = new CombinationNetwork(x[0].length, hidden, q.length, seed);
        double[] p = net.parameters();
        double[] mom = new double[p.length];
        double[] vel = new double[p.length];
        double[] best = p.clone();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        double[] losses = new double[epochs + 1];
        double b1 = 0.9;
        double b2 = 0.999;
        for (int e = 0; e <= epochs; e++) {
            double[] g = new double[p.length];
            double value = lossAndGradient(net, x, q, obs, loss, g);
            losses[e] = value;
            if (value < bestLoss) {
                bestLoss = value;
                best = p.clone();
                bestEpoch = e;
            }
            if (e == epochs) {
                break;
            }
            cancel.throwIfCancelled();
            double c1 = 1 - Math.pow(b1, e + 1);
            double c2 = 1 - Math.pow(b2, e + 1);
            for (int i = 0; i < p.length; i++) {
                mom[i] = b1 * mom[i] + (1 - b1) * g[i];
                vel[i] = b2 * vel[i] + (1 - b2) * g[i] * g[i];
                p[i] -= lr * (mom[i] / c1) / (Math.sqrt(vel[i] / c2) + 1e-8);
            }
            if ((e + 1) % 10 == 0 || e + 1 == epochs) {
                progress.progress(e + 1, epochs, String.format(Locale.ROOT, "combining: epoch %d/%d, validation"
                        + " loss %.4f (best %.4f)", e + 1, epochs, value, bestLoss));
            }
        }
        System.arraycopy(best, 0, p, 0, p.length);
        return new Fit(net, bestLoss, bestEpoch, losses);
    }

    /**
     * The loss of the combined flow and its exact gradient: dL/dw_m = Σ_d dL/dq_d · q_m,d per basin, then
     * {@link CombinationNetwork#backward}.
     *
     * @param net  the network
     * @param x    attributes {@code [basin][attribute]}
     * @param q    each run's flow {@code [run][basin][day]}
     * @param obs  observed flow
     * @param loss the loss
     * @param grad receives dLoss/dparameters (overwritten), or null
     * @return the loss
     */
    public static double lossAndGradient(CombinationNetwork net, double[][] x, double[][][] q, float[][] obs,
            CombinationLoss loss, double[] grad) {
        CombinationNetwork.Forward f = net.forward(x);
        double[][] sim = combine(q, f.weights());
        double[][] dq = grad == null ? null : new double[sim.length][sim[0].length];
        double value = loss.evaluate(sim, obs, dq);
        if (grad != null) {
            double[][] dw = new double[sim.length][q.length];
            for (int b = 0; b < sim.length; b++) {
                for (int i = 0; i < q.length; i++) {
                    double s = 0;
                    for (int d = 0; d < sim[b].length; d++) {
                        s += dq[b][d] * q[i][b][d];
                    }
                    dw[b][i] = s;
                }
            }
            double[] g = net.backward(x, f, dw);
            System.arraycopy(g, 0, grad, 0, g.length);
        }
        return value;
    }

    /**
     * @param q each run's flow {@code [run][basin][day]}
     * @param w weights {@code [basin][run]}
     * @return {@code Σ_m w_m q_m} per basin and day
     */
    public static double[][] combine(double[][][] q, double[][] w) {
        int nb = q[0].length;
        double[][] out = new double[nb][];
        for (int b = 0; b < nb; b++) {
            out[b] = new double[q[0][b].length];
            for (int i = 0; i < q.length; i++) {
                double wi = w[b][i];
                double[] qi = q[i][b];
                for (int d = 0; d < qi.length; d++) {
                    out[b][d] += wi * qi[d];
                }
            }
        }
        return out;
    }

    /**
     * Standardises columns with the mean and standard deviation of the rows' finite values; a constant column and
     * a missing (non-finite) value become 0, the mean.
     *
     * @param raw  values {@code [basin][attribute]}
     * @param mean receives each column's mean
     * @param sd   receives each column's standard deviation (population)
     * @return the standardised values
     */
    public static double[][] standardise(double[][] raw, double[] mean, double[] sd) {
        int n = raw.length;
        int k = mean.length;
        double[][] x = new double[n][k];
        for (int a = 0; a < k; a++) {
            double s = 0;
            int count = 0;
            for (double[] row : raw) {
                if (Double.isFinite(row[a])) {
                    s += row[a];
                    count++;
                }
            }
            mean[a] = count == 0 ? Double.NaN : s / count;
            double v = 0;
            for (double[] row : raw) {
                if (Double.isFinite(row[a])) {
                    v += (row[a] - mean[a]) * (row[a] - mean[a]);
                }
            }
            sd[a] = count == 0 ? Double.NaN : Math.sqrt(v / count);
            for (int b = 0; b < n; b++) {
                x[b][a] = sd[a] > 0 && Double.isFinite(raw[b][a]) ? (raw[b][a] - mean[a]) / sd[a] : 0;
            }
        }
        return x;
    }

    private static double[][] uniform(int basins, int m) {
        double[][] w = new double[basins][m];
        for (double[] row : w) {
            java.util.Arrays.fill(row, 1.0 / m);
        }
        return w;
    }

    private static double[][] toDouble(PeriodSeries s) {
        double[][] out = new double[s.flow().length][];
        for (int b = 0; b < out.length; b++) {
            out[b] = new double[s.nDays()];
            for (int d = 0; d < s.nDays(); d++) {
                out[b][d] = s.flow()[b][d];
            }
        }
        return out;
    }

    private static float[][] toFloat(double[][] a) {
        float[][] out = new float[a.length][];
        for (int b = 0; b < a.length; b++) {
            out[b] = new float[a[b].length];
            for (int d = 0; d < a[b].length; d++) {
                out[b][d] = (float) a[b][d];
            }
        }
        return out;
    }

    /** Reads one run's evaluation of a period; a simulated flow that is not finite is refused. */
    static PeriodSeries read(String run, Path runDir, String period) throws IOException {
        Path evalDir = RunResults.evaluationDir(runDir, period);
        Path indexFile = evalDir.resolve("outputs").resolve(ResultsWriter.OUTPUTS_INDEX);
        if (!Files.isRegularFile(indexFile)) {
            throw new IllegalArgumentException("run '" + run + "': its " + period + " evaluation " + evalDir
                    + " has no " + indexFile.getFileName() + " (evaluated before the compact outputs existed?"
                    + " evaluate it again)");
        }
        JsonNode index = ProjectStore.mapper().readTree(indexFile.toFile());
        List<String> basins = new ArrayList<>();
        index.path("basins").forEach(b -> basins.add(b.asText()));
        LocalDate start = LocalDate.parse(index.path("start").asText());
        int nDays = index.path("nDays").asInt();
        String flowName = RunResults.of(runDir).outputSpecs().stream()
                .filter(o -> o.role() == OutputSpec.Role.DISCHARGE).map(OutputSpec::name).findFirst()
                .orElse(HbvModel.DISCHARGE.name()).toLowerCase(Locale.ROOT);
        List<String> inputs = new ArrayList<>();
        index.path("inputs").forEach(n -> inputs.add(n.asText()));
        float[][] flow = new float[basins.size()][];
        float[][] obs = new float[basins.size()][];
        Map<String, float[][]> forcing = new LinkedHashMap<>();
        for (String in : inputs) {
            if (!in.equals("QOBS")) {
                forcing.put(in, new float[basins.size()][]);
            }
        }
        for (int b = 0; b < basins.size(); b++) {
            ResultsReader.BasinSeries s = ResultsReader.readBasin(evalDir, basins.get(b));
            float[] q = s == null ? null : s.series().get(flowName);
            if (q == null) {
                throw new IOException(evalDir + ": no simulated flow '" + flowName + "' for basin " + basins.get(b));
            }
            for (int d = 0; d < q.length; d++) {
                if (!Float.isFinite(q[d])) {
                    throw new IllegalArgumentException("run '" + run + "' simulates no finite flow for basin "
                            + basins.get(b) + " on " + start.plusDays(d) + " (" + period + " period): the"
                            + " combination needs every run's flow on every day");
                }
            }
            flow[b] = q;
            obs[b] = s.series().get("qobs");
            for (String in : forcing.keySet()) {
                forcing.get(in)[b] = s.series().get(in.toLowerCase(Locale.ROOT));
            }
        }
        return new PeriodSeries(run, basins, start, nDays, flow, obs, forcing);
    }

    /** Refuses runs on different basins or periods (naming them), and puts every run's basins in the first's order. */
    static void checkSame(List<PeriodSeries> runs, String period) {
        PeriodSeries a = runs.get(0);
        for (int i = 1; i < runs.size(); i++) {
            PeriodSeries b = runs.get(i);
            Set<String> onlyA = new java.util.TreeSet<>(a.basins());
            onlyA.removeAll(b.basins());
            Set<String> onlyB = new java.util.TreeSet<>(b.basins());
            onlyB.removeAll(a.basins());
            if (!onlyA.isEmpty() || !onlyB.isEmpty()) {
                throw new IllegalArgumentException("runs '" + a.run() + "' and '" + b.run() + "' are on different"
                        + " basins: only in '" + a.run() + "': " + onlyA + "; only in '" + b.run() + "': " + onlyB);
            }
            if (!a.start().equals(b.start()) || a.nDays() != b.nDays()) {
                throw new IllegalArgumentException("runs '" + a.run() + "' and '" + b.run() + "' have different "
                        + period + " periods: " + a.text() + " and " + b.text());
            }
            float[][] flow = new float[a.basins().size()][];
            float[][] obs = new float[a.basins().size()][];
            for (int k = 0; k < a.basins().size(); k++) {
                int j = b.basins().indexOf(a.basins().get(k));
                flow[k] = b.flow()[j];
                obs[k] = b.obs()[j];
                for (int d = 0; d < a.nDays(); d++) {
                    float x = a.obs()[k][d];
                    float y = obs[k][d];
                    if (Float.isNaN(x) != Float.isNaN(y) || !Float.isNaN(x) && Math.abs(x - y) > 1e-4 * (1 + Math.abs(x))) {
                        throw new IllegalArgumentException("runs '" + a.run() + "' and '" + b.run() + "' were"
                                + " scored against different observed flow: basin " + a.basins().get(k) + " on "
                                + a.start().plusDays(d) + " (" + x + " and " + y + " mm/d); different datasets?");
                    }
                }
            }
            runs.set(i, new PeriodSeries(b.run(), a.basins(), b.start(), b.nDays(), flow, obs, b.forcing()));
        }
    }

    private static List<Map<String, Double>> writeEvaluation(ProjectAttributes table, Path runDir, String period,
            PeriodSeries first, float[][] combined) throws IOException {
        Map<String, float[][]> outputs = new LinkedHashMap<>();
        outputs.put(HbvModel.DISCHARGE.name(), combined);
        // forcing in the first run's basin order (checkSame keeps that order for all)
        Simulation sim = new Simulation(first.basins(), first.start(), first.nDays(), outputs, first.obs(),
                first.forcing(), List.of(HbvModel.DISCHARGE));
        List<Map<String, Double>> metrics = new ArrayList<>();
        float[][] prcp = first.forcing().get("PRCP");
        for (int b = 0; b < first.basins().size(); b++) {
            float[] p = prcp != null ? prcp[b] : nans(first.nDays());
            metrics.add(BasinMetrics.compute(combined[b], first.obs()[b], null, null, null, p,
                    table.value(first.basins().get(b), "baseflow_index")));
        }
        Path out = RunResults.evaluationDir(runDir, period);
        ResultsWriter.write(out, sim, metrics, false);
        Map<String, String> info = new LinkedHashMap<>();
        info.put("kind", KIND);
        info.put("period", period);
        info.put("scored", first.text());
        info.put("basins", Integer.toString(first.basins().size()));
        ResultsWriter.writeInfo(out, info);
        return metrics;
    }

    private static float[] nans(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, Float.NaN);
        return a;
    }

    private static void writeTables(Path dir, List<String> runs, List<String> basins, double[][] w,
            double[][] testNse) throws IOException {
        try (Writer out = Files.newBufferedWriter(dir.resolve(WEIGHTS), StandardCharsets.UTF_8)) {
            out.write("basin_id," + String.join(",", runs) + "\n");
            for (int b = 0; b < basins.size(); b++) {
                StringBuilder row = new StringBuilder(basins.get(b));
                for (double v : w[b]) {
                    row.append(',').append(String.format(Locale.ROOT, "%.6f", v));
                }
                out.write(row.append('\n').toString());
            }
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve(COMPARISON), StandardCharsets.UTF_8)) {
            StringBuilder h = new StringBuilder("basin_id");
            runs.forEach(r -> h.append(",nse_").append(r));
            out.write(h.append(",nse_mean,nse_combination\n").toString());
            for (int b = 0; b < basins.size(); b++) {
                StringBuilder row = new StringBuilder(basins.get(b));
                for (double[] col : testNse) {
                    row.append(',').append(Double.isNaN(col[b]) ? "" : String.format(Locale.ROOT, "%.6g", col[b]));
                }
                out.write(row.append('\n').toString());
            }
        }
    }

    private static void writeConfig(Path dir, Request r, List<String> attributes, double[] mean, double[] sd,
            CombinationLoss loss, double alpha, Fit fit, PeriodSeries val, PeriodSeries test, List<String> basins,
            Map<String, Double> singleLoss, double meanLoss, double seconds, List<String> missingValues)
            throws IOException {
        ObjectNode n = ProjectStore.mapper().createObjectNode();
        n.put("kind", KIND);
        n.put("experiment", EXPERIMENT);
        n.put("name", r.name());
        r.runs().forEach(n.putArray("inputs")::add);
        basins.forEach(n.putArray("basins")::add);
        n.put("validationPeriod", val.text());
        n.put("testPeriod", test.text());
        ObjectNode st = n.putObject("attributes");
        for (int a = 0; a < attributes.size(); a++) {
            ObjectNode s = st.putObject(attributes.get(a));
            s.put("mean", mean[a]);
            s.put("sd", sd[a]);
        }
        // basin:attribute pairs without a value, standardised to 0 (the mean of the others), as training does
        missingValues.forEach(n.putArray("missingAttributeValues")::add);
        ObjectNode net = n.putObject("network");
        net.put("inputs", attributes.size());
        net.put("hidden", r.hidden());
        net.put("models", r.runs().size());
        net.put("activation", "tanh");
        net.put("layout", "W1[hidden][inputs], b1[hidden], W2[models][hidden], b2[models], logTemperature");
        ArrayNode ps = net.putArray("parameters");
        for (double v : fit.network().parameters()) {
            ps.add(v);
        }
        n.put("temperature", fit.network().temperature());
        ObjectNode t = n.putObject("training");
        t.put("loss", loss.name());
        if (loss.name().equals("rmse-comb")) {
            t.put("lossAlpha", alpha);
        }
        t.put("optimizer", "adam");
        t.put("learningRate", r.learningRate());
        t.put("epochs", r.epochs());
        t.put("seed", r.seed());
        t.put("bestEpoch", fit.bestEpoch());
        t.put("validationLoss", fit.loss());
        t.put("meanValidationLoss", meanLoss);
        ObjectNode sl = t.putObject("singleValidationLoss");
        singleLoss.forEach(sl::put);
        t.put("seconds", seconds);
        ProjectStore.mapper().writeValue(dir.resolve("config.json").toFile(), n);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
