package org.hydrodelta.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.eval.BasinMetrics;
import org.hydrodelta.core.eval.ResultsMerger;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectException;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;

/**
 * Runs an experiment as a group of ordinary runs when it has a spatial holdout ({@code holdout.type} pub, pur or
 * custom) and/or a seed ensemble ({@code ensemble.members} &gt; 1): one run folder per fold × member, one after
 * another, each recorded in the project ({@link RunRecorder} with the group's name and the part's label, e.g.
 * {@code fold 2/3}, {@code member 1/3} or {@code fold 2/3 member 1/3}). Each part trains on its fold's training
 * basins ({@code basins} of its frozen configuration) with its member's seed ({@link #memberSeed}), is evaluated on
 * its training basins over the test period as any run ({@code eval/test/}), and predicts its fold's held-out basins
 * over the test period into {@code eval/}{@value #HELD_OUT_EVALUATION}{@code /} (metrics where flow is observed).
 *
 * <p>The group folder {@code runs/<group>/} holds {@value #GROUP_FILE} (experiment, kind, design, folds, members,
 * every part's run and status), {@value HoldoutPlan#FOLDS_FILE}, the effective configuration ({@code config.json},
 * as in a run folder, so that {@link RunResults#config()} reads it) and, for a spatial holdout, the merged held-out
 * result in {@code eval/test/} ({@link ResultsMerger}: every held-out basin exactly once, with its fold). The merged
 * result is entered in the project as a run of the group with member {@value #HELD_OUT_MEMBER}.
 *
 * <p>A group stopped part-way (cancelled, failed, process killed) is continued with {@link #resume}: finished parts
 * are kept, the part that was training resumes from its last checkpoint ({@link ExperimentRunner#resume}), the
 * others start. The plan is not recomputed: it is read back from {@value #GROUP_FILE}.
 *
 * <p>Deviation: with both a spatial holdout and several members, the merged held-out result is made from member 1
 * of each fold (each basin must appear once); the members' held-out predictions are all in their runs, and the
 * ensemble evaluation (mean and spread) of the members is wired at the marked hook.
 */
public final class GroupRunner {
    /** The group's description file. */
    public static final String GROUP_FILE = "group.json";
    /** The member label of a spatial holdout's merged held-out result in the project. */
    public static final String HELD_OUT_MEMBER = "held-out (all folds)";
    /** The member label of a seed ensemble's combined result (mean and spread of the members) in the project. */
    public static final String ENSEMBLE_MEMBER = "ensemble mean";
    /** The folder of a seed ensemble's combined result inside the group folder: the group's name and this. */
    public static final String ENSEMBLE_SUFFIX = "_ensemble";
    /** The evaluation folder (under a part's {@code eval/}) of its held-out basins. */
    public static final String HELD_OUT_EVALUATION = "heldout";
    /** Seed step between ensemble members. */
    public static final long MEMBER_SEED_STEP = 1000;

    /** A part waiting to start. */
    public static final String PENDING = "pending";
    /** A part training (or whose process died while training). */
    public static final String TRAINING = "training";
    /** A part trained, not yet evaluated. */
    public static final String TRAINED = "trained";
    /** A part trained and evaluated (held-out basins predicted). */
    public static final String FINISHED = "finished";

    private GroupRunner() {
    }

    /**
     * @param config an experiment configuration
     * @return whether it runs as a group (spatial holdout or more than one ensemble member)
     */
    public static boolean isGroup(ExperimentConfig config) {
        return config.holdout().spatial() || config.ensemble().members() > 1;
    }

    /**
     * @param plan    the group's folds
     * @param members ensemble members per fold
     * @return the group's kind as {@value #GROUP_FILE} records it: holdout, ensemble or holdout+ensemble
     */
    public static String kind(HoldoutPlan plan, int members) {
        return plan.spatial() && members > 1 ? "holdout+ensemble" : plan.spatial() ? "holdout" : "ensemble";
    }

    /**
     * Seeds of ensemble members: member 1 keeps the training seed (a one-member ensemble is the single run), member
     * {@code m} gets {@code seed + 1000·(m − 1)}.
     *
     * @param seed   the training seed
     * @param member the member, from 1
     * @return its seed
     */
    public static long memberSeed(long seed, int member) {
        return seed + MEMBER_SEED_STEP * (member - 1);
    }

    /**
     * The label of a part in the project ({@link RunRef#member()}).
     *
     * @param fold    fold from 1
     * @param folds   folds
     * @param member  member from 1
     * @param members members
     * @return {@code fold 2/3}, {@code member 1/3} or {@code fold 2/3 member 1/3}
     */
    public static String label(int fold, int folds, int member, int members) {
        String f = folds > 1 || members == 1 ? "fold " + fold + "/" + folds : null;
        String m = members > 1 ? "member " + member + "/" + members : null;
        return f == null ? m : m == null ? f : f + " " + m;
    }

    /**
     * Applies command-line (or window) overrides of the holdout and ensemble keys to a configuration, with the
     * configuration's own validation. A new {@code type} starts from that type's defaults (keys of the old type are
     * dropped, so that {@code --holdout custom} on a PUB experiment does not keep its {@code folds}); a region
     * attribute replaces a region layer and the other way round.
     *
     * @param c               the configuration
     * @param type            {@code temporal}, {@code pub}, {@code pur} or {@code custom}, or null to keep
     * @param folds           PUB folds, or null to keep
     * @param regionAttribute PUR attribute, or null to keep
     * @param regionLayer     PUR polygon layer, or null to keep
     * @param regionField     PUR layer field, or null to keep
     * @param testBasins      custom test basins, or null to keep
     * @param members         ensemble members, or null to keep
     * @return the effective configuration
     * @throws IllegalArgumentException naming each invalid key and its allowed values
     */
    public static ExperimentConfig override(ExperimentConfig c, String type, Integer folds, String regionAttribute,
            String regionLayer, String regionField, List<String> testBasins, Integer members) {
        ExperimentConfig.Holdout h = c.holdout();
        if (type != null && !type.equals(h.type())) {
            h = new ExperimentConfig.Holdout(type, null, "pub".equals(type) ? h.seed() : null, null, null, null,
                    null);
        }
        if (regionAttribute != null) {
            h = new ExperimentConfig.Holdout(h.type(), h.folds(), h.seed(), regionAttribute, null, null,
                    h.testBasins());
        }
        if (regionLayer != null || regionField != null) {
            h = new ExperimentConfig.Holdout(h.type(), h.folds(), h.seed(), regionLayer != null ? null
                    : h.regionAttribute(), regionLayer != null ? regionLayer : h.regionLayer(),
                    regionField != null ? regionField : h.regionField(), h.testBasins());
        }
        if (folds != null) {
            h = new ExperimentConfig.Holdout(h.type(), folds, h.seed(), h.regionAttribute(), h.regionLayer(),
                    h.regionField(), h.testBasins());
        }
        if (testBasins != null) {
            h = new ExperimentConfig.Holdout(h.type(), h.folds(), h.seed(), h.regionAttribute(), h.regionLayer(),
                    h.regionField(), testBasins);
        }
        ExperimentConfig out = c.withHoldout(h);
        if (members != null) {
            out = out.withEnsemble(new ExperimentConfig.Ensemble(members));
        }
        List<String> errors = out.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return out;
    }

    /**
     * How a group is run.
     *
     * @param skipUnusable whether to leave out the experiment's basins that cannot be used (named to
     *                     {@link TrainingListener#basinsSkipped}); without it any unusable basin stops the group
     *                     before it starts
     * @param sensitivity  whether evaluations write the attribute sensitivity of a δ model
     * @param perBasinCsv  whether evaluations write per-basin CSV tables too
     * @param regions      reads regions from a polygon layer (PUR by layer); null when the caller cannot
     */
    public record Options(boolean skipUnusable, AttributeSensitivity.Mode sensitivity, boolean perBasinCsv,
            HoldoutPlan.RegionLookup regions) {
        /** Defaults: refuse unusable basins, sensitivity never, compact outputs only, no layer lookup. */
        public static final Options DEFAULTS = new Options(false, AttributeSensitivity.Mode.NEVER, false, null);
    }

    /** Hears the group's progress besides the training events of each part. */
    public interface Listener extends TrainingListener {
        /**
         * The group folder exists and its plan is fixed.
         *
         * @param group the group's state
         */
        default void planned(GroupState group) {
        }

        /**
         * A part starts (or resumes, or is evaluated again).
         *
         * @param part  the part
         * @param index its position from 1
         * @param total parts
         */
        default void partStarting(Part part, int index, int total) {
        }

        /**
         * A part is trained and evaluated.
         *
         * @param part  the part, with its run folder
         * @param index its position from 1
         * @param total parts
         */
        default void partFinished(Part part, int index, int total) {
        }

        /**
         * A resumption found the run of a part that {@value #GROUP_FILE} still called pending (see
         * {@link #recoverParts}) and continues it there.
         *
         * @param part the part, with the run found
         * @param note what was found and why, for the user
         */
        default void partRecovered(Part part, String note) {
        }
    }

    /**
     * One run of the group.
     *
     * @param fold    fold from 1
     * @param member  member from 1
     * @param label   its label in the project
     * @param seed    its training seed
     * @param run     its run folder's name, or null before it started
     * @param status  {@value #PENDING}, {@value #TRAINING}, {@value #TRAINED}, {@value #FINISHED}, or the run's
     *                {@code cancelled} / {@code failed}
     * @param heldOutMedianNse median NSE of its held-out basins, NaN when none or not yet predicted
     */
    public record Part(int fold, int member, String label, long seed, String run, String status,
            double heldOutMedianNse) {
        Part with(String newRun, String newStatus, double nse) {
            return new Part(fold, member, label, seed, newRun, newStatus, nse);
        }
    }

    /**
     * A group as {@value #GROUP_FILE} describes it.
     *
     * @param name       group name (its folder's name under {@code runs/})
     * @param dir        the group folder
     * @param experiment experiment name
     * @param kind       {@code holdout}, {@code ensemble} or {@code holdout+ensemble}
     * @param plan       the folds
     * @param members    ensemble members per fold
     * @param parts      fold-major: fold 1 member 1, fold 1 member 2, ...
     * @param status     {@code running}, {@code finished}, {@code cancelled} or {@code failed}
     * @param reason     why it stopped, or null
     */
    public record GroupState(String name, Path dir, String experiment, String kind, HoldoutPlan plan, int members,
            List<Part> parts, String status, String reason) {
        /**
         * @param runsDir the project's {@code runs/} folder
         * @param part    a part
         * @return its run folder, or null before it started
         */
        public Path runDir(Path runsDir, Part part) {
            return part.run() == null ? null : runsDir.resolve(part.run());
        }

        /** @return the merged held-out result's folder ({@code eval/test/}; exists once a spatial group ended) */
        public Path heldOutDir() {
            return RunResults.evaluationDir(dir);
        }
    }

    /**
     * What a finished group gives.
     *
     * @param state            the group
     * @param heldOut          merged held-out metrics per basin (with {@value ResultsMerger#FOLD_COLUMN}); empty
     *                         for an ensemble without spatial holdout
     * @param foldMedianNse    fold → median held-out NSE of its basins (member 1)
     * @param mergedMedianNse  median held-out NSE over every basin, NaN without spatial holdout
     */
    public record GroupResult(GroupState state, Map<String, Map<String, Double>> heldOut,
            Map<Integer, Double> foldMedianNse, double mergedMedianNse) {
    }

    /**
     * Plans and runs a group: checks the basins (as training does), plans the folds ({@link HoldoutPlan}), writes
     * the group folder, then trains, evaluates and predicts each part in turn.
     *
     * @param project     the project
     * @param projectFile its file (runs go to {@code runs/} beside it; parts are recorded in it)
     * @param experiment  experiment name
     * @param config      effective configuration (after overrides); must be valid
     * @param options     options
     * @param progress    progress (messages start with the part's label)
     * @param cancel      cancellation: the part under way keeps its last checkpoint, the group can be resumed
     * @param listener    group and training events
     * @return the result
     * @throws IOException if files cannot be written or read
     * @throws ProjectException if the project file cannot be updated
     * @throws IllegalArgumentException for an invalid configuration or an impossible plan (naming why)
     * @throws CancelledException when cancelled
     */
    public static GroupResult run(Project project, Path projectFile, String experiment, ExperimentConfig config,
            Options options, ProgressListener progress, CancellationToken cancel, Listener listener)
            throws IOException, ProjectException {
        List<String> errors = config.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        // the usability check, once for the whole group: folds are made of usable basins only
        ExperimentData data = ExperimentData.load(project, config, options.skipUnusable(),
                (done, all, message) -> progress.progress(done, all, "checking basins: " + message), cancel);
        if (!data.skipped().isEmpty()) {
            listener.basinsSkipped(data.skipped());
        }
        List<String> basins = data.dataset().basinIds();
        data = null; // the parts load their own
        HoldoutPlan plan = HoldoutPlan.plan(project, config, basins, options.regions());
        int members = config.ensemble().members();
        String kind = kind(plan, members);
        Path runsDir = runsDir(projectFile);
        Files.createDirectories(runsDir);
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "");
        String base = experiment + "_" + plan.design() + (members > 1 ? "-x" + members : "") + "_" + stamp;
        Path dir = runsDir.resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = runsDir.resolve(base + "_" + i);
        }
        Files.createDirectories(dir);
        List<Part> parts = new ArrayList<>();
        for (HoldoutPlan.Fold f : plan.folds()) {
            for (int m = 1; m <= members; m++) {
                parts.add(new Part(f.index(), m, label(f.index(), plan.size(), m, members),
                        memberSeed(config.training().seed(), m), null, PENDING, Double.NaN));
            }
        }
        ObjectNode frozen = ProjectStore.mapper().createObjectNode();
        frozen.put("experiment", experiment);
        frozen.set("config", ProjectStore.mapper().valueToTree(config));
        writeJsonAtomically(dir.resolve("config.json"), frozen);
        plan.write(dir);
        GroupState state = new GroupState(dir.getFileName().toString(), dir, experiment, kind, plan, members, parts,
                RunRef.RUNNING, null);
        write(state);
        listener.planned(state);
        return continueGroup(project, projectFile, state, config, options, progress, cancel, listener);
    }

    /**
     * Continues a group stopped part-way: finished parts are kept, a part stopped while training resumes from its
     * last checkpoint, a trained part is evaluated, the others start; then the held-out results are merged.
     *
     * @param project     the project
     * @param projectFile its file
     * @param group       the group's name (its folder under {@code runs/}) or its folder
     * @param options     options (the plan is the recorded one; {@code regions} is not used)
     * @param progress    progress
     * @param cancel      cancellation
     * @param listener    events
     * @return the result
     * @throws IOException if the group folder is incomplete or files cannot be written
     * @throws ProjectException if the project file cannot be updated
     */
    public static GroupResult resume(Project project, Path projectFile, String group, Options options,
            ProgressListener progress, CancellationToken cancel, Listener listener)
            throws IOException, ProjectException {
        return resume(project, projectFile, group, null, null, options, progress, cancel, listener);
    }

    /**
     * As {@link #resume(Project, Path, String, Options, ProgressListener, CancellationToken, Listener)}, with the
     * experiment the caller named checked against the group's own ({@link #checkResumption}) before anything is
     * written.
     *
     * @param project     the project
     * @param projectFile its file
     * @param group       the group's name (its folder under {@code runs/}) or its folder
     * @param named       the experiment the caller named, or null
     * @param option      how the caller names an experiment, for the message (e.g. {@code the experiment})
     * @param options     options (the plan is the recorded one; {@code regions} is not used)
     * @param progress    progress
     * @param cancel      cancellation
     * @param listener    events
     * @return the result
     * @throws IOException if the group folder is incomplete or files cannot be written
     * @throws ProjectException if the project file cannot be updated
     * @throws IllegalArgumentException when {@code named} is not the group's experiment
     */
    public static GroupResult resume(Project project, Path projectFile, String group, String named, String option,
            Options options, ProgressListener progress, CancellationToken cancel, Listener listener)
            throws IOException, ProjectException {
        Path dir = Path.of(group).isAbsolute() ? Path.of(group) : runsDir(projectFile).resolve(group);
        GroupState state = read(dir);
        checkResumption(state, named, option);
        RunFolder frozen = RunFolder.open(dir);
        ExperimentConfig config = frozen.config();
        listener.planned(state);
        List<String> notes = new ArrayList<>();
        state = recoverParts(state, ProjectStore.load(projectFile), runsDir(projectFile), notes);
        for (int i = 0; i < notes.size(); i++) {
            if (notes.get(i) != null) {
                listener.partRecovered(state.parts().get(i), notes.get(i));
            }
        }
        state = new GroupState(state.name(), state.dir(), state.experiment(), state.kind(), state.plan(),
                state.members(), state.parts(), RunRef.RUNNING, null);
        write(state);
        return continueGroup(project, projectFile, state, config, options, progress, cancel, listener);
    }

    /**
     * Gives each part that {@value #GROUP_FILE} calls pending the run the project records for it, if any: the Spark
     * driver learns a part's run folder only when its task returns, so a driver that died while the tasks ran (or a
     * process killed between entering a part's run in the project and writing the group file) leaves parts pending
     * whose runs exist, some trained to the end. Without this a resumption would train them again beside their
     * runs. Among several runs of one part (a task Spark retried) the one trained to the end is taken, else the
     * one with the most checkpointed epochs, else the newest; the others stay in the project as they are. A run is
     * taken only when its folder is in the project's {@code runs/} folder and is a run folder of the group's
     * experiment.
     *
     * @param state   the group as read
     * @param project the project as it is on disk now
     * @param runsDir the project's {@code runs/} folder
     * @param notes   receives, per part in order, what was recovered or null
     * @return the group with those parts {@value #TRAINING} in their runs (a resumption continues a run from its
     *         last checkpoint, or only evaluates it when its training had ended)
     * @throws IOException if a run folder cannot be read
     */
    public static GroupState recoverParts(GroupState state, Project project, Path runsDir, List<String> notes)
            throws IOException {
        List<Part> parts = new ArrayList<>(state.parts());
        Path runs = runsDir.toAbsolutePath().normalize();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            String note = null;
            if (part.run() == null && !FINISHED.equals(part.status())) {
                RunFolder best = null;
                String bestStatus = null;
                int bestEpochs = -1;
                Instant bestCreated = null;
                int found = 0;
                for (RunRef r : project.runs()) {
                    Path dir = r.path().toAbsolutePath().normalize();
                    if (!state.name().equals(r.group()) || !part.label().equals(r.member())
                            || !runs.equals(dir.getParent()) || !Files.isRegularFile(dir.resolve("config.json"))) {
                        continue;
                    }
                    RunFolder run = RunFolder.open(dir);
                    if (!state.experiment().equals(run.experiment())) {
                        continue;
                    }
                    found++;
                    String status = run.status();
                    int epochs = run.completedEpochs();
                    boolean better = best == null
                            || ("finished".equals(status) && !"finished".equals(bestStatus))
                            || ("finished".equals(status) == "finished".equals(bestStatus)
                                    && (epochs > bestEpochs || (epochs == bestEpochs && r.created() != null
                                            && (bestCreated == null || r.created().isAfter(bestCreated)))));
                    if (better) {
                        best = run;
                        bestStatus = status;
                        bestEpochs = epochs;
                        bestCreated = r.created();
                    }
                }
                if (best != null) {
                    String run = best.dir().getFileName().toString();
                    parts.set(i, part.with(run, TRAINING, Double.NaN));
                    note = part.label() + ": " + GROUP_FILE + " had no run for it, but the project has "
                            + (found == 1 ? "its run " + run : found + " runs of it; continuing " + run)
                            + ("finished".equals(bestStatus) ? ", trained to the end: only evaluated"
                                    : bestEpochs > 0 ? ", from its checkpoint of epoch " + bestEpochs
                                    : ", from its start (no checkpoint)")
                            + " (its process ended before the group file named it, e.g. a Spark driver that died)";
                }
            }
            notes.add(note);
        }
        return new GroupState(state.name(), state.dir(), state.experiment(), state.kind(), state.plan(),
                state.members(), parts, state.status(), state.reason());
    }

    /**
     * Checks a group's resumption against the experiment the caller named, as
     * {@link ExperimentRunner#checkResumption} does for one run: a group continues the plan and configuration of
     * the experiment it was planned from ({@value #GROUP_FILE}), so another experiment's name would only file its
     * parts under that experiment.
     *
     * @param group  the group
     * @param named  the experiment named (command line, window), or null
     * @param option how the caller names an experiment, for the message (e.g. {@code the experiment})
     * @throws IllegalArgumentException naming both experiments and the group when they differ
     */
    public static void checkResumption(GroupState group, String named, String option) {
        String own = group.experiment();
        if (named != null && own != null && !named.equals(own)) {
            throw new IllegalArgumentException("experiment '" + named + "' given with --resume-group, but group "
                    + group.name() + " is a group of experiment '" + own + "' (its " + GROUP_FILE + "): a resumption"
                    + " continues the group's own experiment; name '" + own + "' or leave " + option + " out");
        }
    }

    private static GroupResult continueGroup(Project project, Path projectFile, GroupState start,
            ExperimentConfig config, Options options, ProgressListener progress, CancellationToken cancel,
            Listener listener) throws IOException, ProjectException {
        Path projectDir = projectFile.toAbsolutePath().normalize().getParent();
        Path runsDir = runsDir(projectFile);
        List<Part> parts = new ArrayList<>(start.parts());
        GroupState[] state = {start};
        int total = parts.size();
        for (int i = 0; i < total; i++) {
            Part part = parts.get(i);
            if (FINISHED.equals(part.status())) {
                continue;
            }
            HoldoutPlan.Fold fold = start.plan().fold(part.fold());
            listener.partStarting(part, i + 1, total);
            String prefix = part.label() + " (" + (i + 1) + " of " + total + "): ";
            ProgressListener partProgress = (done, all, message) -> progress.progress(done, all, prefix + message);
            RunRecorder recorder = new RunRecorder(projectFile, start.experiment(), start.name(), part.label());
            final int at = i;
            TrainingListener training = new TrainingListener() {
                @Override
                public void basinsSkipped(List<org.hydrodelta.core.data.Usability.UnusableBasin> skipped) {
                    listener.basinsSkipped(skipped);
                }

                @Override
                public void runStarted(Path runDir) {
                    try {
                        recorder.started(runDir);
                        parts.set(at, parts.get(at).with(runDir.getFileName().toString(), TRAINING, Double.NaN));
                        state[0] = withParts(state[0], parts, RunRef.RUNNING, null);
                        write(state[0]);
                    } catch (IOException | ProjectException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                    listener.runStarted(runDir);
                }

                @Override
                public void iteration(long iteration, int epoch, double loss) {
                    listener.iteration(iteration, epoch, loss);
                }

                @Override
                public void epoch(int epoch, double meanLoss, Map<String, Double> validationNse) {
                    listener.epoch(epoch, meanLoss, validationNse);
                }
            };
            Path runDir = state[0].runDir(runsDir, part);
            try {
                cancel.throwIfCancelled();
                // a part whose run finished is kept as it is (ExperimentRunner.resume refuses finished runs): it is
                // only evaluated and its held-out basins predicted, should the group have stopped before that
                boolean trained = runDir != null && "finished".equals(RunFolder.open(runDir).status());
                if (runDir == null) {
                    ExperimentConfig partConfig = partConfig(config, fold.train(), part.seed());
                    runDir = ExperimentRunner.train(project, projectDir, start.experiment(), partConfig, false,
                            partProgress, cancel, training).dir();
                    recorder.ended(RunRef.FINISHED, null);
                } else if (!trained) {
                    runDir = ExperimentRunner.resume(project, runDir, partProgress, cancel, training).dir();
                    recorder.ended(RunRef.FINISHED, null);
                } else {
                    recorder.started(runDir); // trained before: its entry stays, finished
                    recorder.ended(RunRef.FINISHED, null);
                }
                parts.set(i, parts.get(i).with(runDir.getFileName().toString(), TRAINED, Double.NaN));
                state[0] = withParts(state[0], parts, RunRef.RUNNING, null);
                write(state[0]);
                ExperimentRunner.evaluate(project, runDir, options.sensitivity(), options.perBasinCsv(),
                        partProgress, cancel);
                double nse = Double.NaN;
                if (!fold.test().isEmpty()) {
                    ExperimentRunner.PredictionResult pr = ExperimentRunner.predict(project, runDir,
                            new ExperimentRunner.PredictionRequest(config.dataset(), fold.test(),
                                    config.testPeriod(), null, HELD_OUT_EVALUATION, false, options.sensitivity(),
                                    // the experiment's own basins: a missing attribute value takes the training
                                    // mean, as training and temporal evaluation do for the same basins
                                    options.perBasinCsv(), true), partProgress, cancel);
                    nse = pr.result().median("nse");
                }
                parts.set(i, parts.get(i).with(runDir.getFileName().toString(), FINISHED, nse));
                state[0] = withParts(state[0], parts, RunRef.RUNNING, null);
                write(state[0]);
                listener.partFinished(parts.get(i), i + 1, total);
            } catch (CancelledException e) {
                endPart(recorder, state, parts, i, RunRef.CANCELLED, "cancelled by the user; train --resume-group "
                        + start.name() + " continues the group");
                throw e;
            } catch (Exception | Error e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                try {
                    endPart(recorder, state, parts, i, RunRef.FAILED, part.label() + ": " + why);
                } catch (IOException | RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
        }
        if (state[0].members() > 1 && !start.plan().spatial()) {
            // a seed ensemble: the members' test evaluations combined (ensemble mean and 5-95 % spread) into the
            // group's <group>_ensemble/ folder, which reads like a run and is entered in the project as the group's result.
            // Its own folder, because the group folder's group.json is this runner's (resume) and not the
            // evaluator's member list. Deviation: under a spatial holdout the merged held-out result uses member 1
            // of each fold (each basin once); the other members' held-out predictions stay in their run folders.
            List<Path> memberDirs = new ArrayList<>();
            for (Part p : parts) {
                memberDirs.add(state[0].runDir(runsDir, p));
            }
            Path ensembleDir = start.dir().resolve(start.name() + ENSEMBLE_SUFFIX); // its name is its project entry
            EnsembleRuns.evaluateGroup(project, memberDirs, ensembleDir, "test", progress, cancel);
            RunRecorder whole = new RunRecorder(projectFile, start.experiment(), start.name(), ENSEMBLE_MEMBER);
            whole.started(ensembleDir);
            whole.ended(RunRef.FINISHED, null);
        }
        Map<String, Map<String, Double>> heldOut = Map.of();
        Map<Integer, Double> foldNse = new LinkedHashMap<>();
        double merged = Double.NaN;
        if (start.plan().spatial()) {
            List<ResultsMerger.Part> sources = new ArrayList<>();
            for (Part p : parts) {
                if (p.member() == 1) {
                    sources.add(new ResultsMerger.Part(p.fold(), RunResults.evaluationDir(state[0].runDir(runsDir,
                            p), HELD_OUT_EVALUATION)));
                    foldNse.put(p.fold(), p.heldOutMedianNse());
                }
            }
            Map<String, String> info = new LinkedHashMap<>();
            info.put("kind", "held-out");
            info.put("group", start.name());
            info.put("design", start.plan().design());
            info.put("folds", Integer.toString(start.plan().size()));
            heldOut = ResultsMerger.merge(sources, state[0].heldOutDir(), info);
            merged = BasinMetrics.median(heldOut.values().stream().mapToDouble(m -> m.getOrDefault("nse",
                    Double.NaN)).toArray());
            // the group folder describes itself as a run folder does (the properties view reads run.json)
            ObjectNode self = ProjectStore.mapper().createObjectNode();
            self.put("kind", "held-out result of a run group");
            self.put("group", start.name());
            self.put("experiment", start.experiment());
            self.put("design", start.plan().design());
            self.put("folds", start.plan().size());
            self.put("members", start.members());
            self.put("heldOutBasins", heldOut.size());
            self.put("medianHeldOutNse", merged);
            self.put("status", "finished");
            ArrayNode runNames = self.putArray("runs");
            parts.forEach(x -> runNames.add(x.run()));
            writeJsonAtomically(start.dir().resolve("run.json"), self);
            RunRecorder whole = new RunRecorder(projectFile, start.experiment(), start.name(), HELD_OUT_MEMBER);
            whole.started(start.dir());
            whole.ended(RunRef.FINISHED, null);
        }
        state[0] = withParts(state[0], parts, RunRef.FINISHED, null);
        write(state[0]);
        return new GroupResult(state[0], heldOut, foldNse, merged);
    }

    private static void endPart(RunRecorder recorder, GroupState[] state, List<Part> parts, int i, String status,
            String reason) throws IOException {
        Part p = parts.get(i);
        if (recorder.runDir() != null) {
            try {
                // a run whose training ended stays finished: only its evaluation was stopped
                boolean trained = TRAINED.equals(p.status());
                recorder.ended(trained ? RunRef.FINISHED : status, trained ? null : reason);
            } catch (ProjectException again) {
                // the group file below still says where the group stopped
            }
        }
        // a part that trained to the end keeps that: resume only evaluates it
        String partStatus = TRAINED.equals(p.status()) ? TRAINED : p.run() == null ? PENDING : TRAINING;
        parts.set(i, p.with(p.run(), partStatus, Double.NaN));
        state[0] = withParts(state[0], parts, status, reason);
        write(state[0]);
    }

    private static GroupState withParts(GroupState s, List<Part> parts, String status, String reason) {
        return new GroupState(s.name(), s.dir(), s.experiment(), s.kind(), s.plan(), s.members(), List.copyOf(parts),
                status, reason);
    }

    /**
     * A part's configuration: the experiment's, with the fold's training basins and the member's seed, as an
     * ordinary temporal single run (the group, not the run, knows the holdout).
     *
     * @param c      the experiment's effective configuration
     * @param basins the fold's training basins
     * @param seed   the member's seed
     * @return the part's configuration
     */
    static ExperimentConfig partConfig(ExperimentConfig c, List<String> basins, long seed) {
        ExperimentConfig.Training t = c.training();
        ExperimentConfig.Training t2 = new ExperimentConfig.Training(t.loss(), t.lossAlpha(), t.optimizer(),
                t.learningRate(), t.epochs(), t.batchSize(), t.iterationsPerEpoch(), seed, t.threads(),
                t.checkpointEvery(), t.earlyStopping(), t.strata());
        return new ExperimentConfig(c.model(), c.dataset(), basins, c.trainPeriod(), c.validationPeriod(),
                c.testPeriod(), c.warmupDays(), c.windowDays(), c.forcings(), c.attributes(), c.hbv(), c.network(),
                t2).withTargets(c.targets());
    }

    private static Path runsDir(Path projectFile) {
        return projectFile.toAbsolutePath().normalize().getParent().resolve("runs");
    }

    /**
     * Reads a group folder's {@value #GROUP_FILE}.
     *
     * @param dir the group folder
     * @return the group
     * @throws IOException if it is missing or malformed (naming the file)
     */
    public static GroupState read(Path dir) throws IOException {
        Path file = dir.resolve(GROUP_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + ": not a run group (no " + GROUP_FILE + ")");
        }
        try {
            JsonNode n = ProjectStore.mapper().readTree(file.toFile());
            List<HoldoutPlan.Fold> folds = new ArrayList<>();
            for (JsonNode f : n.path("foldPlan")) {
                folds.add(new HoldoutPlan.Fold(f.get("fold").asInt(), f.get("label").asText(), texts(f.get("train")),
                        texts(f.get("test"))));
            }
            HoldoutPlan plan = new HoldoutPlan(n.get("design").asText(), texts(n.get("basins")), folds);
            List<Part> parts = new ArrayList<>();
            for (JsonNode p : n.path("runs")) {
                parts.add(new Part(p.get("fold").asInt(), p.get("member").asInt(), p.get("label").asText(),
                        p.get("seed").asLong(), p.hasNonNull("run") ? p.get("run").asText() : null,
                        p.get("status").asText(), p.hasNonNull("heldOutMedianNse")
                                ? p.get("heldOutMedianNse").asDouble() : Double.NaN));
            }
            return new GroupState(dir.getFileName().toString(), dir, n.get("experiment").asText(),
                    n.get("kind").asText(), plan, n.get("members").asInt(), parts, n.get("status").asText(),
                    n.hasNonNull("reason") ? n.get("reason").asText() : null);
        } catch (RuntimeException e) {
            throw new IOException(file + ": malformed (" + e + ")", e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    /**
     * Writes a group's {@value #GROUP_FILE} through a temporary file: the group runner after each step, and the
     * Spark module for a group whose parts ran as Spark tasks, so that {@link #resume} continues either.
     *
     * @param s the group's state
     * @throws IOException if it cannot be written
     */
    public static void write(GroupState s) throws IOException {
        ObjectNode n = ProjectStore.mapper().createObjectNode();
        n.put("experiment", s.experiment());
        n.put("group", s.name());
        n.put("kind", s.kind());
        n.put("design", s.plan().design());
        n.put("folds", s.plan().size());
        n.put("members", s.members());
        n.put("status", s.status());
        if (s.reason() != null) {
            n.put("reason", s.reason());
        }
        if (s.plan().spatial()) {
            n.put("heldOut", "eval/" + RunResults.TEST);
        }
        ArrayNode runs = n.putArray("runs");
        for (Part p : s.parts()) {
            ObjectNode r = runs.addObject();
            r.put("fold", p.fold());
            r.put("member", p.member());
            r.put("label", p.label());
            r.put("seed", p.seed());
            if (p.run() != null) {
                r.put("run", p.run());
            } else {
                r.putNull("run");
            }
            r.put("status", p.status());
            if (Double.isFinite(p.heldOutMedianNse())) {
                r.put("heldOutMedianNse", p.heldOutMedianNse());
            }
        }
        s.plan().basins().forEach(n.putArray("basins")::add);
        ArrayNode folds = n.putArray("foldPlan");
        for (HoldoutPlan.Fold f : s.plan().folds()) {
            ObjectNode o = folds.addObject();
            o.put("fold", f.index());
            o.put("label", f.label());
            f.train().forEach(o.putArray("train")::add);
            f.test().forEach(o.putArray("test")::add);
        }
        writeJsonAtomically(s.dir().resolve(GROUP_FILE), n);
    }

    private static void writeJsonAtomically(Path file, JsonNode node) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ProjectStore.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), node);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
