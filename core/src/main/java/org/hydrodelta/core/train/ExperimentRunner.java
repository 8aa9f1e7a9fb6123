package org.hydrodelta.core.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.model.BatchAssembler;
import org.hydrodelta.core.conceptual.OutputSpec.Role;
import org.hydrodelta.core.data.NormalizationStats;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.eval.AttributeRangeCheck;
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.eval.BasinMetrics;
import org.hydrodelta.core.eval.Evaluator;
import org.hydrodelta.core.eval.Metrics;
import org.hydrodelta.core.eval.ResultsWriter;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.eval.Simulation;
import org.hydrodelta.core.model.HydroModel;
import org.hydrodelta.core.model.ModelRegistry;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.hydrodelta.core.nn.optim.Adadelta;
import org.hydrodelta.core.nn.optim.Adam;
import org.hydrodelta.core.nn.optim.Optimizer;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;

/**
 * Runs an experiment end to end, the same way for the command line and the workbench: load data, compute
 * normalisation statistics on the training basins and period, build the model by name, train with checkpoints,
 * resume, and evaluate with the test protocol writing metrics and outputs into the run folder.
 */
public final class ExperimentRunner implements AutoCloseable {
    private final ExperimentConfig config;
    private final ExperimentData data;
    private final NormalizationStats stats;
    private final WorkerPool pool;
    private final HydroModel model;
    private final BatchAssembler assembler;
    private final int threads;
    private final AuxiliaryTargets auxiliary;

    private ExperimentRunner(ExperimentConfig config, ExperimentData data, NormalizationStats stats) {
        this.config = config;
        this.data = data;
        this.stats = stats;
        this.threads = effectiveThreads(config.training().threads());
        this.pool = new WorkerPool(threads);
        this.assembler = new BatchAssembler(data.dataset(), stats,
                ModelRegistry.get(config.model()).capabilities().needsNetwork());
        this.auxiliary = AuxiliaryTargets.load(config, data);
        assembler.withAuxiliary(auxiliary.observations(), auxiliary.trainingSd(data));
        this.model = ModelRegistry.create(config, stats.nFeatures(), data.dataset().nBasins(), new Gemm(pool), threads);
    }

    /**
     * Applies command-line overrides to a configuration.
     *
     * @param c       the experiment's configuration
     * @param epochs  epochs, or {@code null} to keep
     * @param threads threads, or {@code null} to keep
     * @param seed    seed, or {@code null} to keep
     * @return the effective configuration (validated)
     */
    public static ExperimentConfig override(ExperimentConfig c, Integer epochs, Integer threads, Long seed) {
        return override(c, epochs, null, threads, seed);
    }

    /**
     * As {@link #override(ExperimentConfig, Integer, Integer, Long)}, with iterations per epoch too.
     *
     * @param c          the experiment's configuration
     * @param epochs     epochs, or {@code null} to keep
     * @param iterations iterations per epoch, or {@code null} to keep
     * @param threads    threads, or {@code null} to keep
     * @param seed       seed, or {@code null} to keep
     * @return the effective configuration (validated)
     */
    public static ExperimentConfig override(ExperimentConfig c, Integer epochs, Integer iterations, Integer threads,
            Long seed) {
        ExperimentConfig.Training t = c.training();
        ExperimentConfig.Training t2 = new ExperimentConfig.Training(t.loss(), t.lossAlpha(), t.optimizer(),
                t.learningRate(), epochs != null ? epochs : t.epochs(), t.batchSize(),
                iterations != null ? iterations : t.iterationsPerEpoch(),
                seed != null ? seed : t.seed(), threads != null ? threads : t.threads(), t.checkpointEvery(),
                t.earlyStopping(), t.strata());
        ExperimentConfig out = new ExperimentConfig(c.model(), c.dataset(), c.basins(), c.trainPeriod(),
                c.validationPeriod(), c.testPeriod(), c.warmupDays(), c.windowDays(), c.forcings(), c.attributes(),
                c.hbv(), c.network(), t2).withHoldout(c.holdout()).withEnsemble(c.ensemble())
                .withTargets(c.targets());
        List<String> errors = out.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return out;
    }

    static List<Variable> forcings(ExperimentConfig c) {
        List<Variable> v = new ArrayList<>();
        for (String f : c.forcings()) {
            v.add(Variable.valueOf(f.toUpperCase(java.util.Locale.ROOT)));
        }
        return v;
    }

    /**
     * Starts a new run.
     *
     * @param project    the project (its folder holds {@code runs/})
     * @param projectDir folder of the project file
     * @param experiment experiment name
     * @param config     effective configuration (after overrides)
     * @param progress   progress of loading and training
     * @param cancel     cancellation
     * @param listener   loss and validation events
     * @return the run folder, finished
     * @throws IOException if files cannot be written
     * @throws CancelledException if cancelled (the run folder keeps its last checkpoint)
     */
    public static RunFolder train(Project project, Path projectDir, String experiment, ExperimentConfig config,
            ProgressListener progress, CancellationToken cancel, TrainingListener listener) throws IOException {
        return train(project, projectDir, experiment, config, false, progress, cancel, listener);
    }

    /**
     * Starts a new run. Before anything is written, every requested basin is checked ({@link
     * org.hydrodelta.core.data.Usability}, the same check as the data doctor's): when some cannot be used, training
     * refuses to start ({@link ExperimentData.UnusableBasinsException} lists them with file, line and field) unless
     * {@code skipUnusable}, and then {@link TrainingListener#basinsSkipped} hears which are skipped and why; the run
     * folder records what it used ({@code basins_used.txt}, {@code basins_skipped.csv}).
     *
     * @param project      the project (its folder holds {@code runs/})
     * @param projectDir   folder of the project file
     * @param experiment   experiment name
     * @param config       effective configuration (after overrides)
     * @param skipUnusable whether to train without the basins that cannot be used
     * @param progress     progress of loading and training
     * @param cancel       cancellation
     * @param listener     loss and validation events
     * @return the run folder, finished
     * @throws IOException if files cannot be written
     * @throws CancelledException if cancelled (the run folder keeps its last checkpoint)
     */
    public static RunFolder train(Project project, Path projectDir, String experiment, ExperimentConfig config,
            boolean skipUnusable, ProgressListener progress, CancellationToken cancel, TrainingListener listener)
            throws IOException {
        return train(project, projectDir, experiment, config, skipUnusable, progress, cancel, listener, null);
    }

    /**
     * Builds the gradient computation of a run whose minibatch gradients are computed elsewhere (the cluster
     * module's data-parallel training); the run is otherwise trained, logged and checkpointed as locally.
     */
    @FunctionalInterface
    public interface GradientStepFactory {
        /**
         * @param config the effective configuration
         * @param data   the run's data as loaded in this process (its rows are the trainer's rows)
         * @param stats  the run's normalisation statistics
         * @param model  the model whose parameters the optimiser updates
         * @return the gradient computation
         */
        Trainer.GradientStep create(ExperimentConfig config, ExperimentData data, NormalizationStats stats,
                HydroModel model);
    }

    /**
     * As {@link #train(Project, Path, String, ExperimentConfig, boolean, ProgressListener, CancellationToken,
     * TrainingListener)}, with the minibatch gradients computed by {@code gradients} (null: locally).
     *
     * @param project      the project
     * @param projectDir   folder of the project file
     * @param experiment   experiment name
     * @param config       effective configuration
     * @param skipUnusable whether to train without the basins that cannot be used
     * @param progress     progress
     * @param cancel       cancellation
     * @param listener     events
     * @param gradients    where minibatch gradients are computed, or {@code null} for this process
     * @return the run folder, finished
     * @throws IOException if files cannot be written
     */
    public static RunFolder train(Project project, Path projectDir, String experiment, ExperimentConfig config,
            boolean skipUnusable, ProgressListener progress, CancellationToken cancel, TrainingListener listener,
            GradientStepFactory gradients) throws IOException {
        ExperimentData data = ExperimentData.load(project, config, skipUnusable, progress, cancel);
        if (!data.skipped().isEmpty()) {
            listener.basinsSkipped(data.skipped());
        }
        NormalizationStats stats = NormalizationStats.compute(data.dataset(), data.dataset().basinIds(),
                config.trainPeriod(), forcings(config));
        RunFolder run = RunFolder.create(projectDir.resolve("runs"), experiment, config, data.dataset().fingerprint());
        stats.write(run.dir().resolve("normalization.json"));
        run.recordBasins(data.dataset().basinIds(), data.skipped());
        run.putInfo("pet", petRecord(data));
        run.recordDataSize(data.dataset());
        // held from before the run is announced until it ends: a run without a live holder is interrupted
        try (org.hydrodelta.core.project.RunLock lock = org.hydrodelta.core.project.RunLock.acquire(run.dir())) {
            listener.runStarted(run.dir());
            try (ExperimentRunner r = open(config, data, stats, progress)) {
                if (!r.auxiliary.observations().series().isEmpty()) {
                    run.putInfo("auxiliaryObservations", r.auxiliary.describe());
                }
                r.trainInto(run, null, progress, cancel, listener, gradients);
            }
        }
        return run;
    }

    /**
     * @param data the loaded training data
     * @return where PET came from: the dataset's choice and how many basins got each method, e.g.
     *         {@code the data's PET column (...); file: 241 basins}
     */
    static String petRecord(ExperimentData data) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (org.hydrodelta.core.data.BasinInfo b : data.dataset().basinInfo()) {
            String m = b.petMethod() == null ? "none" : b.petMethod().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-');
            counts.merge(m, 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder(ExperimentData.petChoice(data.datasetRef()).describe()).append(';');
        counts.forEach((m, n) -> sb.append(' ').append(m).append(": ").append(n).append(n == 1 ? " basin" : " basins")
                .append(','));
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /**
     * Continues a cancelled, failed or interrupted run from its last complete checkpoint; the result is
     * bit-identical to an uninterrupted run with the same thread count. A finished run is refused
     * ({@link #resumeProblem}).
     *
     * @param project  the project
     * @param runDir   the run folder
     * @param progress progress
     * @param cancel   cancellation
     * @param listener events
     * @return the run folder
     * @throws IOException if the run folder is incomplete
     * @throws IllegalStateException if the run is finished
     */
    public static RunFolder resume(Project project, Path runDir, ProgressListener progress, CancellationToken cancel,
            TrainingListener listener) throws IOException {
        return resume(project, runDir, progress, cancel, listener, null);
    }

    /**
     * As {@link #resume(Project, Path, ProgressListener, CancellationToken, TrainingListener)}, with the minibatch
     * gradients computed by {@code gradients} (null: locally).
     *
     * @param project   the project
     * @param runDir    the run folder
     * @param progress  progress
     * @param cancel    cancellation
     * @param listener  events
     * @param gradients where minibatch gradients are computed, or {@code null} for this process
     * @return the run folder
     * @throws IOException if the run folder is incomplete
     * @throws IllegalStateException if the run is finished
     */
    public static RunFolder resume(Project project, Path runDir, ProgressListener progress, CancellationToken cancel,
            TrainingListener listener, GradientStepFactory gradients) throws IOException {
        return resume(project, runDir, ResumeOptions.KEEP, progress, cancel, listener, gradients);
    }

    /**
     * What a resumption changes; null keeps the run's own.
     *
     * @param epochs  the run's new total of epochs (to train on further or stop earlier than planned): more than
     *                its checkpoint has completed ({@link #epochsProblem}); written into the run's
     *                {@code config.json}, so a later resumption, its evaluation and the window see the same total,
     *                and noted in {@code run.json}'s {@code changes}. Nothing else in training depends on the
     *                total (the learning rate is constant, the minibatches and dropout follow the checkpoint's
     *                random states): epochs up to the old total are what they would have been, and early stopping
     *                goes on counting its patience from the best epoch recorded
     * @param threads worker threads for this resumption only: a resource choice, so {@code config.json} keeps the
     *                run's own; a count other than the run's is noted in {@code run.json}'s {@code changes}, since
     *                training is bit-identical only for a fixed thread count
     */
    public record ResumeOptions(Integer epochs, Integer threads) {
        /** Continues the run as it is configured. */
        public static final ResumeOptions KEEP = new ResumeOptions(null, null);
    }

    /**
     * Why a run cannot be resumed at all, whatever a resumption would change: a {@code finished} run is kept as it
     * is. Its last (or best) checkpoint is the model its evaluation results, the project's comparisons and any group
     * merge were computed from, and an early-stopped run decided to stop there; training it on would leave them
     * describing a model the run no longer ends with (a plain resumption of a run that ran all its epochs would
     * train nothing and only mark it finished again). A new run with more epochs costs only time: with the same
     * seed and threads its first epochs are bit-identical, since nothing in training depends on the total.
     *
     * @param run the run folder
     * @return the reason, naming the run, its completed epochs and how to train longer, or null when it can be
     *         resumed
     * @throws IOException if the run folder cannot be read
     */
    public static String resumeProblem(RunFolder run) throws IOException {
        if (!"finished".equals(run.status())) {
            return null;
        }
        int done = run.completedEpochs();
        String name = run.dir().getFileName().toString();
        String experiment = run.experiment();
        boolean early = run.readJson("run.json").has("stoppedEarlyAfterEpoch");
        return "run " + name + " is finished after " + done + " epoch" + (done == 1 ? "" : "s")
                + (early ? " (early stopping ended it before its " + run.config().training().epochs() + ")" : "")
                + " and is kept as it is, with its checkpoints and evaluation; to train longer, start a new run of"
                + " its experiment" + (experiment == null ? "" : " " + experiment) + " with more epochs";
    }

    /**
     * What a command line's resumption checked: the run's own experiment and, with a new total of epochs, the line
     * that announces it once it is in the run's configuration.
     *
     * @param experiment the run's experiment (from its config.json, else its entry in the project), or the one named
     *                   when neither records it; null when there is none
     * @param epochsLine {@code resume: epochs A -> B (run's configuration updated)}, or null without a new total
     */
    public record ResumeCheck(String experiment, String epochsLine) {
    }

    /**
     * The refusals of a resumption asked for on a command line ({@code train --resume}, {@code cluster train
     * --resume}), before anything is loaded: an experiment other than the run's own, a finished run (with the
     * command that trains longer), and a total of epochs the run cannot take (not above its completed epochs, or for
     * a part of a group, whose parts share one configuration).
     *
     * @param project     the project
     * @param run         the run to resume
     * @param named       the experiment named on the command line, or null
     * @param option      how the command line names an experiment, for the message ({@code the experiment})
     * @param epochs      the new total of epochs, or null
     * @param trainLonger the command that trains a new run of the given experiment (null: unknown) longer, for
     *                    the refusal of a finished run
     * @param groupHint   what continues the given group as configured, appended to the refusal of a part of a
     *                    group, or null for nothing
     * @return what was checked
     * @throws IOException if the run folder cannot be read
     * @throws IllegalArgumentException naming the option and the run when the resumption is refused
     */
    public static ResumeCheck checkResumption(Project project, RunFolder run, String named, String option,
            Integer epochs, java.util.function.Function<String, String> trainLonger,
            java.util.function.Function<String, String> groupHint) throws IOException {
        String name = run.dir().getFileName().toString();
        org.hydrodelta.core.project.RunRef entry = project.runs().stream()
                .filter(r -> r.path().toAbsolutePath().normalize().equals(run.dir().toAbsolutePath().normalize()))
                .findFirst().orElse(null);
        String own = run.experiment() != null ? run.experiment() : entry != null ? entry.experiment() : null;
        if (named != null && own != null && !named.equals(own)) {
            // the run continues its own frozen configuration; the name would only file it under another experiment
            throw new IllegalArgumentException("experiment '" + named + "' given with --resume, but run " + name
                    + " is a run of experiment '" + own + "' (its config.json): a resumption continues the run's own"
                    + " experiment; name '" + own + "' or leave " + option + " out");
        }
        String finished = resumeProblem(run);
        if (finished != null) {
            throw new IllegalArgumentException((epochs == null ? "--resume: " : "--epochs " + epochs
                    + " with --resume: ") + finished + " (" + trainLonger.apply(own) + ")");
        }
        if (epochs == null) {
            return new ResumeCheck(own != null ? own : named, null);
        }
        String problem = epochsProblem(run, epochs);
        if (problem != null) {
            throw new IllegalArgumentException("--epochs " + epochs + " with --resume: " + problem);
        }
        if (entry != null && entry.group() != null) {
            // the parts of a group share one configuration: one part trained longer would be merged and compared
            // with the others as if it were alike
            throw new IllegalArgumentException("--epochs " + epochs + " with --resume: run " + name + " is "
                    + (entry.member() == null ? "a part" : entry.member()) + " of group " + entry.group()
                    + ", whose parts share one configuration" + (groupHint == null ? "" : groupHint.apply(
                    entry.group())));
        }
        int was = run.config().training().epochs();
        // training depends on the total only through where it ends and the progress shown: there is no
        // learning-rate schedule, and the minibatches and dropout follow the checkpoint's random states
        return new ResumeCheck(own != null ? own : named, epochs == was ? "resume: epochs " + was + ", as run " + name
                + " is configured" : "resume: epochs " + was + " -> " + epochs + " (run's configuration updated)");
    }

    /**
     * Why a run cannot be resumed to a new total of epochs.
     *
     * @param run    the run folder
     * @param epochs the new total
     * @return the reason, naming the run and its completed epochs, or null when it can
     * @throws IOException if the run folder cannot be read
     */
    public static String epochsProblem(RunFolder run, int epochs) throws IOException {
        String finished = resumeProblem(run);
        if (finished != null) {
            return finished;
        }
        int done = run.completedEpochs();
        String name = run.dir().getFileName().toString();
        if (epochs <= done) {
            return "run " + name + " has completed " + done + " epoch" + (done == 1 ? "" : "s") + ": the new total"
                    + " must be greater than " + done;
        }
        return null;
    }

    /**
     * As {@link #resume(Project, Path, ProgressListener, CancellationToken, TrainingListener, GradientStepFactory)},
     * with the run's total of epochs or this resumption's threads changed. A finished run ({@link #resumeProblem})
     * and a new total that cannot be taken ({@link #epochsProblem}) are refused before anything is loaded or
     * written, and again under the run's lock; the new total is written into {@code config.json} under the lock
     * before {@link TrainingListener#runStarted}.
     *
     * @param project   the project
     * @param runDir    the run folder
     * @param options   what changes
     * @param progress  progress
     * @param cancel    cancellation
     * @param listener  events
     * @param gradients where minibatch gradients are computed, or {@code null} for this process
     * @return the run folder
     * @throws IOException if the run folder is incomplete
     * @throws IllegalStateException if the run is finished
     * @throws IllegalArgumentException if the new total of epochs is refused or out of range
     */
    public static RunFolder resume(Project project, Path runDir, ResumeOptions options, ProgressListener progress,
            CancellationToken cancel, TrainingListener listener, GradientStepFactory gradients) throws IOException {
        RunFolder run = RunFolder.open(runDir);
        refuseFinished(run);
        ExperimentConfig stored = run.config();
        checkEpochs(run, options.epochs());
        // a plain resumption takes the frozen configuration as it is, without validating it again
        ExperimentConfig config = options.epochs() == null && options.threads() == null ? stored
                : override(stored, options.epochs(), null, options.threads(), null);
        ExperimentData data = loadAsRecorded(project, run, config, ExperimentData.spans(config), progress, cancel);
        NormalizationStats stats = NormalizationStats.read(run.dir().resolve("normalization.json"));
        try (org.hydrodelta.core.project.RunLock lock = org.hydrodelta.core.project.RunLock.acquire(run.dir())) {
            // again under the lock: another process may have trained the run on (or to its end) while the data
            // loaded
            refuseFinished(run);
            checkEpochs(run, options.epochs());
            int epochs = stored.training().epochs();
            if (options.epochs() != null && options.epochs() != epochs) {
                run.changeConfig(override(stored, options.epochs(), null, null, null), "training.epochs " + epochs
                        + " -> " + options.epochs() + " on resuming");
            }
            int before = effectiveThreads(stored.training().threads());
            int now = effectiveThreads(config.training().threads());
            if (now != before) {
                run.recordChange("threads " + before + " -> " + now + " for the resumption (the configuration keeps "
                        + stored.training().threads() + "): not bit-identical to an uninterrupted run from here on");
            }
            listener.runStarted(run.dir());
            try (ExperimentRunner r = open(config, data, stats, progress)) {
                r.trainInto(run, run.latestCheckpoint().orElse(null), progress, cancel, listener, gradients);
            }
        }
        return run;
    }

    /**
     * A runner for the configuration. Building a network model makes its first matrix products, and the first of a
     * process on a new machine times both engines (GemmEngine, about 8 s, once per machine): the progress says so
     * rather than standing still.
     */
    private static ExperimentRunner open(ExperimentConfig config, ExperimentData data, NormalizationStats stats,
            ProgressListener progress) {
        if (ModelRegistry.get(config.model()).capabilities().needsNetwork()
                && org.hydrodelta.core.nn.gemm.GemmEngine.willMeasure()) {
            progress.progress(1, 1, "measuring which engine computes matrix products fastest on this machine (once"
                    + " per machine, about 8 s)");
            org.hydrodelta.core.nn.gemm.GemmEngine.choice();
        }
        return new ExperimentRunner(config, data, stats);
    }

    /**
     * Records in run.json which engine computes which matrix products: they decide the last bits of every product, so
     * a run is bit-reproducible only where the same engines are chosen; a resumption under other engines (another
     * machine) is noted as a change.
     */
    private static void recordEngines(RunFolder run) throws IOException {
        String engines = org.hydrodelta.core.nn.gemm.GemmEngine.choice().engines();
        String before = run.readJson("run.json").path("matrixProducts").asText(null);
        if (before != null && !before.equals(engines)) {
            run.recordChange("matrix products from here on: " + engines + " (were: " + before + "); not"
                    + " bit-identical to an uninterrupted run");
        }
        run.putInfo("matrixProducts", engines);
    }

    private static void refuseFinished(RunFolder run) throws IOException {
        String problem = resumeProblem(run);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    private static void checkEpochs(RunFolder run, Integer epochs) throws IOException {
        String problem = epochs == null ? null : epochsProblem(run, epochs);
        if (problem != null) {
            throw new IllegalArgumentException("training.epochs " + epochs + ": " + problem);
        }
    }

    /**
     * @param configured {@code training.threads}
     * @return the worker threads a run uses for it: the configured count, or every core of this machine for 0
     */
    public static int effectiveThreads(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    /** Loads a run's data with the basins it recorded: the same ones, or an error naming the difference. */
    private static ExperimentData loadAsRecorded(Project project, RunFolder run, ExperimentConfig config,
            Map<String, org.hydrodelta.core.data.Period> spans, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        List<String> used = run.basinsUsed();
        boolean skipped = !run.basinsSkipped().isEmpty();
        ExperimentData data = ExperimentData.load(project, config, spans, skipped, progress, cancel);
        if (!used.isEmpty() && !used.equals(data.dataset().basinIds())) {
            List<String> missing = new ArrayList<>(used);
            missing.removeAll(data.dataset().basinIds());
            throw new IOException(run.dir().resolve(RunFolder.BASINS_USED) + ": the run trained on " + used.size()
                    + " basins but the data now gives " + data.dataset().nBasins()
                    + (missing.isEmpty() ? "" : "; no longer usable: " + missing));
        }
        return data;
    }

    private void trainInto(RunFolder run, Path checkpoint, ProgressListener progress, CancellationToken cancel,
            TrainingListener listener, GradientStepFactory gradients) throws IOException {
        boolean network = ModelRegistry.get(config.model()).capabilities().needsNetwork();
        int trainStart = data.startIndex(config.trainPeriod());
        int trainDays = config.trainPeriod().days();
        int nBasins = data.dataset().nBasins();
        int batch = config.training().batchSize();
        int iterations = config.training().iterationsPerEpoch() > 0 ? config.training().iterationsPerEpoch()
                : EpochLength.iterations(batch, config.windowDays(), nBasins, trainDays, config.warmupDays());
        Optimizer optimizer = "adam".equals(config.training().optimizer())
                ? new Adam(config.training().learningRate().floatValue(), 0.9f, 0.999f, 1e-8f)
                : new Adadelta(config.training().learningRate().floatValue(), 0.9f, 1e-6f);
        MinibatchSampler sampler = new MinibatchSampler(nBasins, trainDays, config.warmupDays(), config.windowDays(),
                config.training().seed(), config.training().strata());
        Trainer.Validation validation = config.validationPeriod() == null ? null : m -> {
            Simulation s = simulate(config.validationPeriod(), ProgressListener.NONE, cancel);
            Map<String, Double> nse = new LinkedHashMap<>();
            for (int k = 0; k < s.basinIds().size(); k++) {
                nse.put(s.basinIds().get(k), Metrics.nse(s.flow()[k], s.observed()[k]));
            }
            return nse;
        };
        Trainer trainer = new Trainer(model, optimizer, assembler, sampler, data.allRows(), trainStart, batch,
                config.warmupDays(), config.windowDays(), config.training().epochs(), iterations, run, validation)
                .earlyStopping(config.training().earlyStopping())
                .gradientStep(gradients == null ? null : gradients.create(config, data, stats, model));
        {
            int done = checkpoint == null ? 0 : trainer.restore(checkpoint);
            // rows of an epoch the checkpoint does not cover are logged again: cut them so each iteration is once
            run.truncateLogs((long) done * iterations);
            if (network) {
                recordEngines(run);
            }
            run.setStatus("running", null);
            try {
                trainer.train(done, progress, cancel, listener);
                run.setStatus("finished", null);
            } catch (CancelledException e) {
                run.setStatus("cancelled", "cancelled by the user; resume continues from the last checkpoint");
                throw e;
            } catch (RuntimeException | IOException | Error e) {
                try {
                    run.setStatus("failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                } catch (IOException | RuntimeException again) {
                    e.addSuppressed(again); // e.g. a full disk: the caller reports the first failure
                }
                throw e;
            }
        }
    }

    private Simulation simulate(org.hydrodelta.core.data.Period scoring, ProgressListener progress,
            CancellationToken cancel) {
        Evaluator ev = new Evaluator(model, assembler, data.dataset(), model.coldStartOverRecord(), 25);
        org.hydrodelta.core.data.Period runUp = ExperimentData.runUp(config, scoring);
        return ev.run(data.allRows(), data.startIndex(runUp), data.endIndex(runUp), data.startIndex(scoring),
                data.endIndex(scoring), progress, cancel);
    }

    /**
     * Evaluates a run's last checkpoint on its test period and writes its results ({@link RunResults}) into the run folder.
     *
     * @param project  the project
     * @param runDir   the run folder
     * @param progress progress
     * @param cancel   cancellation
     * @return per-basin metrics, in basin order
     * @throws IOException if the run has no checkpoint or files cannot be written
     */
    public static EvaluationResult evaluate(Project project, Path runDir, ProgressListener progress,
            CancellationToken cancel) throws IOException {
        return evaluate(project, runDir, AttributeSensitivity.Mode.AUTO, progress, cancel);
    }

    /**
     * Evaluates a run's last checkpoint on its test period and writes its results ({@link RunResults}) into the run folder.
     *
     * @param project     the project
     * @param runDir      the run folder
     * @param sensitivity whether to write the attribute sensitivity of a δ model (its cost grows with basins ×
     *                    parameters × days × hidden², so {@code AUTO} skips it for paper-size runs)
     * @param progress    progress
     * @param cancel      cancellation
     * @return per-basin metrics, in basin order
     * @throws IOException if the run has no checkpoint or files cannot be written
     */
    public static EvaluationResult evaluate(Project project, Path runDir, AttributeSensitivity.Mode sensitivity,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        return evaluate(project, runDir, sensitivity, true, progress, cancel);
    }

    /**
     * Evaluates a run on its test period: the best validation epoch's checkpoint when the run chose one, else the
     * last; writes the test evaluation folder into the run folder.
     *
     * @param project     the project
     * @param runDir      the run folder
     * @param sensitivity whether to write the attribute sensitivity of a δ model
     * @param perBasinCsv whether to write {@code outputs/<basin>.csv} besides the compact {@code .npy} outputs
     * @param progress    progress
     * @param cancel      cancellation
     * @return per-basin metrics, in basin order
     * @throws IOException if the run has no checkpoint or files cannot be written
     */
    public static EvaluationResult evaluate(Project project, Path runDir, AttributeSensitivity.Mode sensitivity,
            boolean perBasinCsv, ProgressListener progress, CancellationToken cancel) throws IOException {
        return evaluate(project, runDir, EvaluationPeriod.TEST, null, sensitivity, perBasinCsv, progress, cancel);
    }

    /**
     * Evaluates a run on any period with any of its checkpoints: the period warms up as {@link ExperimentData#runUp}
     * says (after the training period: the test protocol; otherwise over data before the period), and the results
     * go to the evaluation folder of the period and epoch ({@link EvaluationPeriod#folder}; by default the test
     * period's).
     *
     * @param project     the project
     * @param runDir      the run folder
     * @param period      {@code train}, {@code validation}, {@code test} or {@code START:END}
     * @param epoch       the checkpoint's epoch, or null for the best validation epoch's (else the last)
     * @param sensitivity whether to write the attribute sensitivity of a δ model
     * @param perBasinCsv whether to write {@code outputs/<basin>.csv} besides the compact {@code .npy} outputs
     * @param progress    progress
     * @param cancel      cancellation
     * @return per-basin metrics, in basin order
     * @throws IOException if the epoch has no checkpoint (the message names those there are) or files cannot be
     *                     written
     * @throws IllegalArgumentException if the period, warm-up included, runs off the data (naming its first or last
     *                                  usable day)
     */
    public static EvaluationResult evaluate(Project project, Path runDir, String period, Integer epoch,
            AttributeSensitivity.Mode sensitivity, boolean perBasinCsv, ProgressListener progress,
            CancellationToken cancel) throws IOException {
        RunFolder run = RunFolder.open(runDir);
        ExperimentConfig config = run.config();
        EvaluationPeriod target = EvaluationPeriod.parse(period, config);
        Path checkpoint = run.checkpoint(epoch);
        ExperimentData data = periodData(project, run, config, target, cancel);
        NormalizationStats stats = NormalizationStats.read(run.dir().resolve("normalization.json"));
        try (ExperimentRunner r = open(config, data, stats, progress)) {
            Trainer.loadWeights(r.model, checkpoint);
            Path out = RunResults.evaluationDir(run.dir(), target.folder(epoch));
            Map<String, String> info = new LinkedHashMap<>();
            info.put("kind", "evaluation");
            info.put("period", target.name());
            return r.simulateAndWrite(project, out, target.period(), checkpoint, info, sensitivity, perBasinCsv,
                    progress, cancel);
        }
    }

    /** The run's data as it trained on them, spanning its periods and the evaluated one. */
    private static ExperimentData periodData(Project project, RunFolder run, ExperimentConfig config,
            EvaluationPeriod target, CancellationToken cancel) throws IOException {
        Map<String, org.hydrodelta.core.data.Period> spans = new LinkedHashMap<>(ExperimentData.spans(config));
        spans.put("--period " + target.text(), target.span(config));
        ExperimentData data = loadAsRecorded(project, run, config, spans, ProgressListener.NONE, cancel);
        if (!target.checkedByTraining()) {
            ExperimentData.checkSpanEveryBasin(data.dataset(), "--period " + target.text(), target.span(config),
                    data.datasetRef().name());
        }
        return data;
    }

    /**
     * Scores a simulation of a run's basins on a period, such as the mean of an ensemble whose members are runs of
     * the same configuration, on the auxiliary observations of the run's dataset, exactly as the run's own
     * evaluation does ({@link AuxiliaryTargets#score}, {@code <observation>_<metric>} per basin). Loads the run's
     * data only when the dataset declares observations.
     *
     * @param project the project
     * @param runDir  the run folder whose configuration and data the simulation shares
     * @param period  {@code train}, {@code validation}, {@code test} or {@code START:END}, as evaluated
     * @param sim     the simulation, over that period
     * @param metrics per basin in the simulation's order (extended in place)
     * @param cancel  cancellation
     * @throws IOException if the run's data cannot be loaded as it trained on them
     */
    static void scoreAuxiliary(Project project, Path runDir, String period, Simulation sim,
            List<Map<String, Double>> metrics, CancellationToken cancel) throws IOException {
        RunFolder run = RunFolder.open(runDir);
        ExperimentConfig config = run.config();
        org.hydrodelta.core.project.DatasetRef ref = ExperimentData.dataset(project, config.dataset());
        if (org.hydrodelta.core.data.auxiliary.ObservationSpec.fromOptions(ref.options()).isEmpty()) {
            return;
        }
        ExperimentData data = periodData(project, run, config, EvaluationPeriod.parse(period, config), cancel);
        AuxiliaryTargets.load(config, data).score(sim, data.dataset(), metrics);
    }

    /**
     * Simulates a period with the loaded weights and writes its results (metrics where flow was observed, every
     * output, the attribute sensitivity when asked, {@code evaluation.json}) into {@code out}.
     */
    private EvaluationResult simulateAndWrite(Project project, Path out, org.hydrodelta.core.data.Period scoring,
            Path checkpoint, Map<String, String> info, AttributeSensitivity.Mode sensitivity, boolean perBasinCsv,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        Simulation sim = simulate(scoring, progress, cancel);
        List<Map<String, Double>> metrics = new ArrayList<>();
        org.hydrodelta.core.project.ProjectAttributes attrs;
        try {
            attrs = org.hydrodelta.core.project.ProjectAttributes.of(project);
        } catch (RuntimeException e) {
            // unreadable attribute tables: evaluation goes on, the observed baseflow index stays unknown
            attrs = org.hydrodelta.core.project.ProjectAttributes.of(List.of());
        }
        int filtered = 0;
        for (int k = 0; k < sim.basinIds().size(); k++) {
            String id = sim.basinIds().get(k);
            double bfiObs = attrs.value(id, "baseflow_index");
            filtered += Double.isNaN(bfiObs) ? 1 : 0;
            metrics.add(BasinMetrics.compute(sim.flow()[k], sim.observed()[k], row(sim, Role.BASEFLOW, k),
                    row(sim, Role.UNROUTED_DISCHARGE, k), row(sim, Role.EVAPOTRANSPIRATION, k),
                    sim.forcing().get(Variable.PRCP.name())[k], bfiObs));
        }
        auxiliary.score(sim, data.dataset(), metrics);
        ResultsWriter.write(out, sim, metrics, perBasinCsv);
        org.hydrodelta.core.data.Period runUp = ExperimentData.runUp(config, scoring);
        Map<String, String> all = new LinkedHashMap<>(info);
        all.put("scored", scoring.start() + ".." + scoring.lastDay());
        all.put("runUp", runUp.start() + ".." + runUp.lastDay());
        all.put("checkpoint", checkpoint.getFileName().toString());
        all.put("dataset", data.datasetRef().name());
        all.put("basins", Integer.toString(sim.basinIds().size()));
        // where the observed baseflow index of each basin comes from
        all.put("bfiObs", filtered == 0 ? "attribute baseflow_index"
                : (filtered == sim.basinIds().size() ? "" : "attribute baseflow_index; for the " + filtered
                        + " basins without it, ") + "the Lyne-Hollick filter (Ladson et al. 2013: 0.925, 3 passes,"
                        + " 30 days reflected) of the observed flow over the scored period");
        ResultsWriter.writeInfo(out, all);
        // which attributes drive each learned parameter (δ models only; nothing for the others)
        double flops = AttributeSensitivity.estimatedFlops(model, data.dataset(), data.allRows().length, runUp,
                scoring);
        Files.deleteIfExists(out.resolve(AttributeSensitivity.FILE_NAME));
        if (sensitivity == AttributeSensitivity.Mode.ALWAYS || sensitivity == AttributeSensitivity.Mode.AUTO
                && flops <= AttributeSensitivity.AUTO_LIMIT_FLOPS) {
            java.util.Optional<AttributeSensitivity.Table> sens = AttributeSensitivity.compute(model, stats,
                    data.dataset(), data.allRows(), runUp, scoring, progress, cancel);
            if (sens.isPresent()) {
                ResultsWriter.writeSensitivity(out, sens.get());
            }
        } else if (flops > 0 && sensitivity == AttributeSensitivity.Mode.AUTO) {
            progress.progress(1, 1, String.format(java.util.Locale.ROOT, "attribute sensitivity skipped: "
                    + "%.1e FLOP (limit %.0e); evaluate with --attribute-sensitivity=always to compute it",
                    flops, AttributeSensitivity.AUTO_LIMIT_FLOPS));
        }
        return new EvaluationResult(out, sim, metrics, checkpoint);
    }

    /**
     * Simulates basins a run did not train on, observed flow or not (ungauged basins): streamflow and every other
     * output of the model, written like an evaluation into {@code eval/<name>/} (metrics only where flow was
     * observed), normalised with the run's own statistics. Basins whose attributes lie outside the training basins'
     * range are flagged per attribute in {@value AttributeRangeCheck#FILE_NAME}.
     *
     * @param project      the project
     * @param runDir       the run folder
     * @param request      what to predict
     * @param progress     progress
     * @param cancel       cancellation
     * @return the results and the flags
     * @throws IOException if the run has no such checkpoint or files cannot be written
     * @throws IllegalArgumentException if the model calibrates each training basin (it has nothing for others),
     *                                  the data lacks the run's attributes, or the period runs off the forcing
     */
    public static PredictionResult predict(Project project, Path runDir, PredictionRequest request,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        RunFolder run = RunFolder.open(runDir);
        ExperimentConfig config = run.config();
        if (ModelRegistry.get(config.model()).capabilities().perBasin()) {
            throw new IllegalArgumentException("model '" + config.model() + "' has parameters calibrated for each"
                    + " training basin: it cannot predict for other basins");
        }
        org.hydrodelta.core.data.Period period = request.period() != null ? request.period() : config.testPeriod();
        Path checkpoint = run.checkpoint(request.epoch());
        NormalizationStats stats = NormalizationStats.read(run.dir().resolve("normalization.json"));
        org.hydrodelta.core.data.Period span = new org.hydrodelta.core.data.Period(ExperimentData.runUp(config,
                period).start(), period.end());
        ExperimentData data = ExperimentData.loadForPrediction(project, request.dataset(), request.basins(), config,
                span, request.skipUnusable(), ProgressListener.NONE, cancel);
        ExperimentData.checkSpanEveryBasin(data.dataset(), "the prediction period " + period, span,
                data.datasetRef().name());
        if (ModelRegistry.get(config.model()).capabilities().needsNetwork()
                && !data.dataset().attributeNames().equals(stats.attributeNames())) {
            List<String> missing = new ArrayList<>(stats.attributeNames());
            missing.removeAll(data.dataset().attributeNames());
            throw new IllegalArgumentException("dataset '" + data.datasetRef().name() + "' has attributes "
                    + data.dataset().attributeNames() + ", the run was trained on " + stats.attributeNames()
                    + (missing.isEmpty() ? "" : "; missing: " + missing));
        }
        List<String> lacking = ModelRegistry.get(config.model()).capabilities().needsNetwork()
                ? missingAttributes(data.dataset()) : List.of();
        if (!request.fillMissingAttributes()) {
            if (!lacking.isEmpty()) {
                throw new IllegalArgumentException(lacking.size() + " attribute value" + (lacking.size() == 1
                        ? " is" : "s are") + " missing and the network needs them: " + String.join(", ", lacking)
                        + "; leave the basin out, supply the value, or predict with the training basins' mean"
                        + " in its place (--fill-missing-attributes; training does the same for its own basins)");
            }
        }
        Map<String, double[]> ranges = stats.attributeRanges();
        if (ranges.isEmpty()) {
            // a run trained before the ranges were kept: its training basins' attributes, as they are in its data
            ExperimentData training = loadAsRecorded(project, run, config, ExperimentData.spans(config),
                    ProgressListener.NONE, cancel);
            ranges = NormalizationStats.attributeRanges(training.dataset(), stats.trainBasins());
        }
        List<AttributeRangeCheck.Flag> flags = AttributeRangeCheck.check(data.dataset(), ranges);
        String name = request.name() != null ? request.name() : "predict_" + data.datasetRef().name()
                .replaceAll("[^A-Za-z0-9._-]+", "-") + "_" + period.start() + "_" + period.lastDay();
        Path out = RunResults.evaluationDir(run.dir(), name);
        try (ExperimentRunner r = open(config, data, stats, progress)) {
            Trainer.loadWeights(r.model, checkpoint);
            Map<String, String> info = new LinkedHashMap<>();
            info.put("kind", "prediction");
            info.put("period", period.start() + ":" + period.lastDay());
            info.put("attributesOutOfRange", Integer.toString(flags.size()));
            EvaluationResult result = r.simulateAndWrite(project, out, period, checkpoint, info,
                    request.sensitivity(), request.perBasinCsv(), progress, cancel);
            AttributeRangeCheck.write(out, flags);
            return new PredictionResult(result, flags, data.skipped(), lacking);
        }
    }

    /**
     * What to predict.
     *
     * @param dataset      a dataset of the project, or null for the run's own
     * @param basins       basins, or null for every basin of the dataset
     * @param period       the period to simulate, or null for the run's test period
     * @param epoch        the checkpoint's epoch, or null for the run's chosen one
     * @param name         the output folder's name under {@code eval/}, or null for
     *                     {@code predict_<dataset>_<first>_<last>}
     * @param skipUnusable whether to go on without basins that cannot be simulated
     * @param sensitivity  whether to write the attribute sensitivity of a δ model
     * @param perBasinCsv  whether to write per-basin CSV tables too
     * @param fillMissingAttributes whether a basin lacking an attribute value the network needs is simulated with
     *                     the training basins' mean in its place (as training does); otherwise it is refused, every
     *                     basin and attribute named
     */
    public record PredictionRequest(String dataset, List<String> basins, org.hydrodelta.core.data.Period period,
            Integer epoch, String name, boolean skipUnusable, AttributeSensitivity.Mode sensitivity,
            boolean perBasinCsv, boolean fillMissingAttributes) {
        /** A request that refuses basins lacking an attribute value the network needs. */
        public PredictionRequest(String dataset, List<String> basins, org.hydrodelta.core.data.Period period,
                Integer epoch, String name, boolean skipUnusable, AttributeSensitivity.Mode sensitivity,
                boolean perBasinCsv) {
            this(dataset, basins, period, epoch, name, skipUnusable, sensitivity, perBasinCsv, false);
        }
    }

    /**
     * @param ds a data set
     * @return {@code basin: attribute} for every attribute value that is missing (NaN), in basin order
     */
    static List<String> missingAttributes(org.hydrodelta.core.data.BasinDataset ds) {
        List<String> out = new ArrayList<>();
        float[][] a = ds.attributes();
        for (int b = 0; b < a.length; b++) {
            for (int j = 0; j < a[b].length; j++) {
                if (Float.isNaN(a[b][j])) {
                    out.add(ds.basinIds().get(b) + ": " + ds.attributeNames().get(j));
                }
            }
        }
        return out;
    }

    /**
     * @param result  the simulation and what was written
     * @param flags   attributes outside the training range
     * @param skipped basins that could not be simulated (with {@code skipUnusable})
     * @param filled  {@code basin: attribute} for every value the network needs that was missing and took the
     *                training basins' mean ({@code fillMissingAttributes}); empty otherwise
     */
    public record PredictionResult(EvaluationResult result, List<AttributeRangeCheck.Flag> flags,
            List<org.hydrodelta.core.data.Usability.UnusableBasin> skipped, List<String> filled) {
    }

    private static float[] row(Simulation s, Role role, int k) {
        float[][] a = s.byRole(role);
        return a == null ? null : a[k];
    }

    /**
     * @param dir        folder holding metrics.csv and outputs
     * @param sim        the simulation
     * @param metrics    per basin
     * @param checkpoint the checkpoint evaluated, or null
     */
    public record EvaluationResult(Path dir, Simulation sim, List<Map<String, Double>> metrics, Path checkpoint) {
        /**
         * @param dir     folder holding metrics.csv and outputs
         * @param sim     the simulation
         * @param metrics per basin
         */
        public EvaluationResult(Path dir, Simulation sim, List<Map<String, Double>> metrics) {
            this(dir, sim, metrics, null);
        }

        /**
         * @param metric a column of {@link BasinMetrics#COLUMNS}
         * @return its median across basins
         */
        public double median(String metric) {
            return BasinMetrics.median(metrics.stream().mapToDouble(m -> m.get(metric)).toArray());
        }
    }

    @Override
    public void close() {
        model.close();
        pool.close();
    }
}
