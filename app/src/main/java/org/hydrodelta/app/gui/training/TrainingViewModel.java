package org.hydrodelta.app.gui.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.app.task.TaskExecutor;
import org.hydrodelta.app.task.TaskHandle;
import org.hydrodelta.app.task.UiFeed;
import org.hydrodelta.core.data.Usability;
import org.hydrodelta.core.eval.BasinMetrics;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentData;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.RunRecorder;
import org.hydrodelta.core.train.TrainingListener;

/**
 * Training state machine (idle → running → cancelling → cancelled / finished / failed, or refused before
 * anything is written), a queue of further trainings, and the live series the view plots. Work runs on the
 * {@link TaskExecutor}; events from the training thread reach the UI through {@code ui} (the FX thread in the app,
 * the calling thread in tests) by a {@link UiFeed}: in order, every loss and epoch, but in batches with at most one
 * waiting, so a training whose iterations take microseconds never floods the window's thread.
 *
 * <p>Training goes through the same core path as {@code hydrodelta train}: the requested basins are checked by
 * {@link ExperimentRunner#train} before anything is written, and when some cannot be used the job is
 * {@link State#REFUSED refused} and {@link #unusable()} lists them (basin, file:line, reason). Only with
 * {@link #skipUnusableProperty()} ticked does the next Train go on without exactly those basins, which the run
 * folder records as {@code --skip-unusable} does. The run's entry in the project file is kept by the core
 * {@link RunRecorder} ({@code running} as soon as its folder exists, then finished, cancelled or failed with the
 * reason; a resumption continues the same entry), and the open project takes each record in by merging the file.
 *
 * <p>Train and Resume while a training runs put the job in the queue; when a job ends (finished, failed or
 * cancelled) the next one starts. Cancel stops the running job only: what is queued still runs, as in a print
 * queue; {@link #clearQueue()} drops the waiting jobs.
 */
public final class TrainingViewModel {
    /** States of a training. */
    public enum State {
        /** Nothing running. */
        IDLE,
        /** Training. */
        RUNNING,
        /** Cancel requested; stops at the next iteration. */
        CANCELLING,
        /** Stopped on request; the last checkpoint is kept and can be resumed. */
        CANCELLED,
        /** All epochs done and evaluated. */
        FINISHED,
        /** Ended with an error. */
        FAILED,
        /** Not started: requested basins cannot be used (see {@link #unusable()}); nothing was written. */
        REFUSED
    }

    /**
     * One point of the loss curve.
     *
     * @param iteration global iteration
     * @param loss      training loss
     */
    public record LossPoint(long iteration, double loss) {
    }

    /**
     * Validation after an epoch.
     *
     * @param epoch     the epoch
     * @param meanLoss  mean training loss over the epoch
     * @param medianNse median validation NSE (NaN without validation period)
     * @param nse       NSE per basin
     */
    public record EpochPoint(int epoch, double meanLoss, double medianNse, Map<String, Double> nse) {
    }

    /**
     * A training job: a new run of an experiment (or a new group, for an experiment with a spatial holdout or
     * ensemble members), the resumption of a run folder, or the continuation of a group.
     *
     * @param experiment     the experiment
     * @param epochs         epochs override, or null
     * @param iterations     iterations-per-epoch override, or null
     * @param resume         the run folder to resume, or null for a new run
     * @param skip           the unusable basins the user agreed to train without (a new run goes on without
     *                       them and no others), or null to refuse when any requested basin is unusable
     * @param group          the group folder to continue ({@link org.hydrodelta.core.train.GroupRunner#resume}),
     *                       or null
     */
    public record Job(String experiment, Integer epochs, Integer iterations, Path resume, List<String> skip,
            Path group) {
        /** Copies the agreed list. */
        public Job {
            skip = skip == null ? null : List.copyOf(skip);
        }

        /**
         * A new run or group, or the resumption of a run folder.
         *
         * @param experiment the experiment
         * @param epochs     epochs override, or null
         * @param iterations iterations-per-epoch override, or null
         * @param resume     the run folder to resume, or null for a new run
         * @param skip       the unusable basins agreed to train without, or null
         */
        public Job(String experiment, Integer epochs, Integer iterations, Path resume, List<String> skip) {
            this(experiment, epochs, iterations, resume, skip, null);
        }

        /**
         * The continuation of a group.
         *
         * @param experiment the group's experiment
         * @param group      the group folder
         * @return the job
         */
        public static Job continueGroup(String experiment, Path group) {
            return new Job(experiment, null, null, null, null, group);
        }

        /**
         * A job that refuses unusable basins.
         *
         * @param experiment the experiment
         * @param epochs     epochs override, or null
         * @param iterations iterations-per-epoch override, or null
         * @param resume     the run folder to resume, or null for a new run
         */
        public Job(String experiment, Integer epochs, Integer iterations, Path resume) {
            this(experiment, epochs, iterations, resume, null);
        }

        /** @return a one-line description for the queue list */
        public String label() {
            if (group != null) {
                return "Resume group " + group.getFileName() + " (" + experiment + ")";
            }
            if (resume != null) {
                return "Resume " + resume.getFileName() + " (" + experiment + ")";
            }
            return experiment + (epochs == null ? "" : ", " + epochs + " epochs")
                    + (iterations == null ? "" : ", " + iterations + " iterations/epoch")
                    + (skip == null || skip.isEmpty() ? "" : ", without " + basins(skip.size(), "unusable basin"));
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** Share of the progress bar for training; evaluation and attribute sensitivities share the rest. */
    static final double TRAIN_SHARE = 0.85;
    /** Where the attribute sensitivities start on the progress bar. */
    static final double SIMULATE_END = 0.90;

    /**
     * What a finished job left.
     *
     * @param dir       the run folder
     * @param medianNse median test NSE of its evaluation
     */
    private record Outcome(Path dir, double medianNse, boolean group) {
        Outcome(Path dir, double medianNse) {
            this(dir, medianNse, false);
        }
    }

    private final javafx.beans.property.StringProperty groupPart = new javafx.beans.property.SimpleStringProperty(
            "");

    /**
     * @return the part of a group being trained, e.g. {@code fold 2/3 (2 of 3)}; empty when the job is a single
     *         run
     */
    public javafx.beans.property.ReadOnlyStringProperty groupPartProperty() {
        return groupPart;
    }

    /**
     * Trains an experiment with a spatial holdout or several ensemble members through the core group runner
     * ({@link org.hydrodelta.core.train.GroupRunner}), on this worker: each fold (member) is a run of its own,
     * recorded in the project as part of the group; the loss curve and validation NSE show the part under way, the
     * progress bar the whole group (part i of n takes the i-th n-th of the bar), and the message the part.
     * Deviation: a part's own progress restarts for its evaluation and held-out prediction, so the bar can step back
     * within a part's share.
     */
    private Outcome runGroup(Job job, ExperimentConfig config, ProgressListener progress,
            org.hydrodelta.core.progress.CancellationToken cancel, UiFeed<LossPoint> feed) throws Exception {
        // with job.group(): the group continued as GroupRunner.resume continues it (train --resume-group), config
        // null (the group's own, recorded one is used)
        int[] at = {1, 1};
        ProgressListener overall = (done, all, text) -> {
            double f = all <= 0 ? 0 : Math.min(1, Math.max(0, done / (double) all));
            progress.progress(Math.round(((at[0] - 1) + f) * 1000), (long) at[1] * 1000, text);
        };
        TrainingListener base = listener(job, null, feed);
        Map<String, String> recovered = new java.util.concurrent.ConcurrentHashMap<>();
        org.hydrodelta.core.train.GroupRunner.Listener l = new org.hydrodelta.core.train.GroupRunner.Listener() {
            @Override
            public void planned(org.hydrodelta.core.train.GroupRunner.GroupState group) {
                // from now on Resume continues this group, not the run of the part under way
                Path dir = group.dir();
                feed.update(() -> lastGroup.set(dir));
            }

            @Override
            public void basinsSkipped(List<Usability.UnusableBasin> skipped) {
                base.basinsSkipped(skipped);
            }

            @Override
            public void runStarted(Path runDir) {
                feed.update(() -> {
                    lastRun.set(runDir);
                    sync(runDir);
                });
            }

            @Override
            public void iteration(long iteration, int epoch, double value) {
                base.iteration(iteration, epoch, value);
            }

            @Override
            public void epoch(int epoch, double meanLoss, Map<String, Double> nse) {
                base.epoch(epoch, meanLoss, nse);
            }

            @Override
            public void partStarting(org.hydrodelta.core.train.GroupRunner.Part part, int index, int total) {
                at[0] = index;
                at[1] = total;
                feed.update(() -> {
                    loss.clear();
                    epochs.clear();
                    groupPart.set(part.label() + " (" + index + " of " + total + ")");
                    String note = recovered.get(part.label());
                    message.set("Training " + job.experiment() + ": " + part.label() + " (" + index + " of " + total
                            + ")" + (queue.isEmpty() ? "" : " (" + queue.size() + " queued)")
                            + (note == null ? "" : "; " + note));
                });
            }

            @Override
            public void partRecovered(org.hydrodelta.core.train.GroupRunner.Part part, String note) {
                // said again when the part starts, so the part's own message does not hide it
                recovered.put(part.label(), note);
                feed.update(() -> message.set(note));
            }

            @Override
            public void partFinished(org.hydrodelta.core.train.GroupRunner.Part part, int index, int total) {
                feed.update(() -> {
                    if (part.run() != null) {
                        sync(projectFile.toAbsolutePath().getParent().resolve("runs").resolve(part.run()));
                    }
                    message.set(String.format(java.util.Locale.ROOT, "%s: %s done (%d of %d)%s", job.experiment(),
                            part.label(), index, total, Double.isNaN(part.heldOutMedianNse()) ? ""
                                    : String.format(java.util.Locale.ROOT, ", median held-out NSE %.3f",
                                            part.heldOutMedianNse())));
                });
            }
        };
        org.hydrodelta.core.train.GroupRunner.Options options = new org.hydrodelta.core.train.GroupRunner.Options(
                job.skip() != null, org.hydrodelta.core.eval.AttributeSensitivity.Mode.NEVER, true, regionLookup);
        org.hydrodelta.core.train.GroupRunner.GroupResult r = job.group() != null
                ? org.hydrodelta.core.train.GroupRunner.resume(project, projectFile, job.group().toString(),
                        job.experiment(), "the experiment", options, overall, cancel, l)
                : org.hydrodelta.core.train.GroupRunner.run(project, projectFile, job.experiment(), config, options,
                        overall, cancel, l);
        Path dir = r.state().dir();
        feed.update(() -> sync(dir));
        return new Outcome(dir, r.mergedMedianNse(), true);
    }

    /** Places basins in the regions of a polygon layer (PUR by layer); null: such a holdout is refused by name. */
    private org.hydrodelta.core.train.HoldoutPlan.RegionLookup regionLookup;

    /**
     * @param lookup places basins in the polygons of a map layer for a PUR holdout by layer (the window's
     *               maps module does this; core reads no layers)
     */
    public void setRegionLookup(org.hydrodelta.core.train.HoldoutPlan.RegionLookup lookup) {
        regionLookup = lookup;
    }


    /**
     * The window's least time between two hand-overs of a training's losses and epochs to the FX thread, in
     * milliseconds: the loss chart is redrawn at most this often, however fast the iterations come.
     */
    public static final long UI_INTERVAL = 50;

    /** Why a run is recorded as cancelled (the command line's words). */
    static final String CANCEL_REASON = "cancelled by the user; resume continues from the last checkpoint";

    /**
     * Raised (from the training thread, before the run folder exists) when the basins that cannot be used are not
     * the ones the user agreed to skip: the data changed since the refusal was shown.
     */
    static final class SkipNotAgreedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final transient List<Usability.UnusableBasin> unusable;

        SkipNotAgreedException(List<Usability.UnusableBasin> unusable) {
            super("the basins that cannot be used changed since they were listed; check the list again");
            this.unusable = List.copyOf(unusable);
        }
    }

    private final Project project;
    private final Path projectFile;
    private final Path projectDir;
    private final TaskExecutor executor;
    private final Consumer<Runnable> ui;
    private final long uiInterval;
    private final Consumer<RunRef> onRunAdded;
    private final ObservableList<String> experiments = FXCollections.observableArrayList();
    private final StringProperty experiment = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<LossPoint> loss = FXCollections.observableArrayList();
    private final ObservableList<EpochPoint> epochs = FXCollections.observableArrayList();
    private final ObjectProperty<Path> lastRun = new SimpleObjectProperty<>();
    /** The folder of the group the last job trained (a spatial holdout or ensemble), or null after a single run. */
    private final ObjectProperty<Path> lastGroup = new SimpleObjectProperty<>();
    private final ObservableList<Job> queue = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Job> current = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Usability.UnusableBasin> unusable = FXCollections.observableArrayList();
    private final BooleanProperty skipUnusable = new SimpleBooleanProperty();
    private final IntegerProperty requested = new SimpleIntegerProperty();
    /** The experiment {@link #unusable} was found for. */
    private String unusableExperiment;
    private Consumer<Path> onRunEvaluated = dir -> { };
    private Consumer<RunRef> onRunRecorded = r -> { };
    private Consumer<String> onFailed = m -> { };
    private Consumer<String> onCancelled = m -> { };
    private TaskHandle handle;
    // the running task's token, known from the task's first line (before submit() returns on a same-thread executor)
    private volatile org.hydrodelta.core.progress.CancellationToken token;

    /**
     * @param project     the project, as the window holds it (runs recorded in its file are merged into it)
     * @param projectFile its file: runs are recorded in it and go to {@code runs/} beside it
     * @param executor    background worker
     * @param ui          runs a UI update on the UI thread
     * @param onRunAdded  told when a new run was entered in the project file and merged into the project
     */
    public TrainingViewModel(Project project, Path projectFile, TaskExecutor executor, Consumer<Runnable> ui,
            Consumer<RunRef> onRunAdded) {
        this(project, projectFile, executor, ui, onRunAdded, 0);
    }

    /**
     * @param project     the project, as the window holds it (runs recorded in its file are merged into it)
     * @param projectFile its file: runs are recorded in it and go to {@code runs/} beside it
     * @param executor    background worker
     * @param ui          runs a UI update on the UI thread
     * @param onRunAdded  told when a new run was entered in the project file and merged into the project
     * @param uiInterval  the least time between two hand-overs of the training's losses and epochs to the UI
     *                    thread, in milliseconds (the window's {@link #UI_INTERVAL}); 0: each is handed over as soon
     *                    as the UI thread has taken the one before
     */
    public TrainingViewModel(Project project, Path projectFile, TaskExecutor executor, Consumer<Runnable> ui,
            Consumer<RunRef> onRunAdded, long uiInterval) {
        this.uiInterval = uiInterval;
        this.project = project;
        this.projectFile = projectFile.toAbsolutePath().normalize();
        this.projectDir = this.projectFile.getParent();
        this.executor = executor;
        this.ui = ui;
        this.onRunAdded = onRunAdded;
        project.experiments().forEach(e -> experiments.add(e.name()));
        if (!experiments.isEmpty()) {
            experiment.set(experiments.get(0));
        }
        // the list of unusable basins is about one experiment: another choice hides it and unticks the skip
        experiment.addListener((o, a, name) -> {
            if (unusableExperiment != null && !unusableExperiment.equals(name)) {
                clearUnusable();
            }
        });
    }

    private void clearUnusable() {
        unusable.clear();
        unusableExperiment = null;
        skipUnusable.set(false);
    }

    /**
     * Trains the selected experiment, with optional overrides: at once when nothing runs, else after the queued
     * jobs.
     *
     * @param epochsOverride epochs, or {@code null} for the experiment's
     * @param iterations     iterations per epoch, or {@code null} for the coverage formula
     */
    public void start(Integer epochsOverride, Integer iterations) {
        Experiment e = project.experiment(experiment.get()).orElseThrow(() -> new IllegalStateException(
                "choose an experiment"));
        // only a skip the user saw and ticked, for this experiment and exactly the basins listed
        List<String> skip = skipUnusable.get() && e.name().equals(unusableExperiment) && !unusable.isEmpty()
                ? unusable.stream().map(Usability.UnusableBasin::basinId).toList() : null;
        submit(new Job(e.name(), epochsOverride, iterations, null, skip));
    }

    /**
     * @param listener told on the UI thread when a run's entry in the project changed (entered as running, then
     *                 finished, cancelled or failed) and the project has taken it in
     */
    public void setOnRunRecorded(Consumer<RunRef> listener) {
        onRunRecorded = listener == null ? r -> { } : listener;
    }

    /**
     * @param listener told on the UI thread, with the message shown, when a job ends failed (or a resumption is
     *                 refused), so the window reports it where it reports other failures
     */
    public void setOnFailed(Consumer<String> listener) {
        onFailed = listener == null ? m -> { } : listener;
    }

    /**
     * @param listener told on the UI thread, with the message shown, when a job ends cancelled (what is kept, what
     *                 Resume does), so the window's status line stops showing what it said before the training
     */
    public void setOnCancelled(Consumer<String> listener) {
        onCancelled = listener == null ? m -> { } : listener;
    }

    /**
     * @param listener told on the UI thread when a run has been trained and evaluated (views showing the project's
     *                 runs refresh then)
     */
    public void setOnRunEvaluated(Consumer<Path> listener) {
        onRunEvaluated = listener == null ? dir -> { } : listener;
    }

    /**
     * Why Resume cannot continue the last run of this tab, from what its run folder says now (not from the tab's
     * state: a later job that failed or was refused before starting a run leaves the last run as it was, finished
     * or not). A cancelled, failed or interrupted run ({@code running} in its {@code run.json} with no live process
     * holding its lock) can be resumed; a finished one is kept as it is ({@link ExperimentRunner#resumeProblem},
     * the refusal the core makes itself).
     *
     * @return the reason, naming the run, or null when Resume can continue it
     */
    public String resumeProblem() {
        if (lastGroup.get() != null) {
            return groupResumeProblem(lastGroup.get());
        }
        Path dir = lastRun.get();
        if (dir == null) {
            return "no run to resume: Resume continues the last run trained here once it was cancelled, failed or"
                    + " interrupted";
        }
        return resumeProblem(dir);
    }

    /**
     * Why this tab cannot resume a run folder (its last run, or a run chosen in the runs list, e.g. one of an
     * earlier session or of the command line): the run is being trained here or waits in the queue to be resumed,
     * or what its folder says ({@link #folderResumeProblem}).
     *
     * @param dir a run folder
     * @return the reason, naming the run, or null when it can be resumed
     */
    public String resumeProblem(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        String name = d.getFileName().toString();
        Job now = current.get();
        if (busy() && now != null && d.equals(now.resume())) {
            return "run " + name + " is being trained in this window";
        }
        if (queue.stream().anyMatch(j -> d.equals(j.resume()))) {
            return "run " + name + " is already queued to be resumed";
        }
        if (busy() && d.equals(lastRun.get())) {
            try {
                if ("running".equals(RunFolder.open(d).status())) {
                    return "run " + name + " is being trained in this window";
                }
            } catch (java.io.IOException | RuntimeException e) {
                return "cannot read run " + name + ": " + e.getMessage();
            }
        }
        return folderResumeProblem(d);
    }

    /**
     * Why a run folder cannot be resumed, from what it says now: a cancelled, failed or interrupted run
     * ({@code running} in its {@code run.json} with no live process holding its lock) can be; a finished one is kept
     * as it is ({@link ExperimentRunner#resumeProblem}, the refusal the core makes itself), a live one is being
     * trained by another process.
     *
     * @param dir a run folder
     * @return the reason, naming the run, or null when it can be resumed
     */
    public static String folderResumeProblem(Path dir) {
        try {
            RunFolder run = RunFolder.open(dir);
            String finished = ExperimentRunner.resumeProblem(run);
            if (finished != null) {
                return finished;
            }
            if ("running".equals(run.status()) && !org.hydrodelta.core.project.RunLock.isStale(dir)) {
                return "run " + dir.getFileName() + " is being trained by another process ("
                        + org.hydrodelta.core.project.RunLock.holder(dir) + ")";
            }
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            return "cannot read run " + dir.getFileName() + ": " + e.getMessage();
        }
    }

    /**
     * Why this tab cannot continue a group: it is being continued here or waits in the queue, every part is trained
     * and evaluated, or a part is being trained by another process (a {@code train --resume-group}).
     *
     * @param dir the group folder
     * @return the reason, naming the group, or null when it can be continued
     */
    public String groupResumeProblem(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        String name = d.getFileName().toString();
        Job now = current.get();
        if (busy() && now != null && (d.equals(now.group()) || d.equals(lastGroup.get()))) {
            return "group " + name + " is being trained in this window";
        }
        if (queue.stream().anyMatch(j -> d.equals(j.group()))) {
            return "group " + name + " is already queued to be continued";
        }
        return groupFolderProblem(d);
    }

    /**
     * Why a group folder cannot be continued, from what it says now: every part is trained and evaluated, or a part
     * is being trained by another process (a {@code train --resume-group}).
     *
     * @param d the group folder
     * @return the reason, naming the group, or null when it can be continued
     */
    public static String groupFolderProblem(Path d) {
        String name = d.getFileName().toString();
        try {
            org.hydrodelta.core.train.GroupRunner.GroupState g = org.hydrodelta.core.train.GroupRunner.read(d);
            if (RunRef.FINISHED.equals(g.status())) {
                return "group " + name + " finished: every part is trained and evaluated";
            }
            Path runs = d.getParent();
            for (org.hydrodelta.core.train.GroupRunner.Part part : g.parts()) {
                Path run = g.runDir(runs, part);
                if (run != null && org.hydrodelta.core.train.GroupRunner.TRAINING.equals(part.status())
                        && java.nio.file.Files.isDirectory(run)
                        && !org.hydrodelta.core.project.RunLock.isStale(run)) {
                    return "group " + name + " is being trained by another process ("
                            + org.hydrodelta.core.project.RunLock.holder(run) + ")";
                }
            }
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            return "cannot read group " + name + ": " + e.getMessage();
        }
    }

    /**
     * What Resume does now, for its tooltip once {@link #resumeProblem()} has found nothing against it (that reads
     * the folders; this does not again).
     *
     * @return the description
     */
    public String resumeDescription() {
        if (lastGroup.get() != null) {
            return "Continue group " + lastGroup.get().getFileName() + ": its finished parts are kept, the part that"
                    + " stopped resumes from its last checkpoint, the others start, then the held-out results are"
                    + " merged";
        }
        Path last = lastRun.get();
        return hasCheckpoint(last) ? "Continue " + last.getFileName() + " from its last checkpoint"
                : "Start " + last.getFileName() + " again from iteration 1: it stopped before its first checkpoint";
    }

    /**
     * Continues the last run (cancelled, failed or interrupted) from its last checkpoint, now or after the queued
     * jobs; after a group (a spatial holdout or ensemble) the whole group, as {@code train --resume-group} does. A run cancelled before its first checkpoint has nothing to continue: it starts again from iteration 1,
     * and the message says so. A run the core refuses to resume (a finished one, see {@link #resumeProblem}) ends
     * the job as failed with the core's reason, nothing written.
     */
    public void resume() {
        Path group = lastGroup.get();
        if (group != null) {
            resumeGroup(group);
            return;
        }
        Path dir = lastRun.get();
        if (dir == null) {
            throw new IllegalStateException("no run to resume");
        }
        resumeRun(dir);
    }

    /**
     * Continues a run folder of the project (cancelled, failed or interrupted, e.g. in an earlier session or by the
     * command line) as {@link #resume()} continues the last run; once it has started it is this tab's last run. Its
     * entry in the project is updated under the run's own experiment.
     *
     * @param dir the run folder
     */
    public void resumeRun(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        String name = project.runs().stream().filter(r -> r.path().toAbsolutePath().normalize().equals(d))
                .map(RunRef::experiment).findFirst().orElseGet(() -> {
                    try {
                        String own = RunFolder.open(d).experiment();
                        return own != null ? own : experiment.get();
                    } catch (java.io.IOException | RuntimeException e) {
                        return experiment.get(); // the core's refusal says what is wrong with the folder
                    }
                });
        submit(new Job(name, null, null, d));
    }

    /**
     * Continues a group folder of the project (a spatial holdout or ensemble stopped part-way, in this or an earlier
     * session, or by the command line) as {@code train --resume-group} does, now or after the queued jobs; once
     * started it is this tab's last group, which Resume continues.
     *
     * @param dir the group folder ({@code runs/<group>/}, with its {@value org.hydrodelta.core.train.GroupRunner#GROUP_FILE})
     */
    public void resumeGroup(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        String own;
        try {
            own = org.hydrodelta.core.train.GroupRunner.read(d).experiment();
        } catch (java.io.IOException | RuntimeException e) {
            own = null; // the core's refusal says what is wrong with the folder
        }
        submit(Job.continueGroup(own != null ? own : experiment.get(), d));
    }

    /** @return for a resumption of a run without checkpoint, what the user must know; else null */
    private static String resumeNote(Job job) {
        if (job.resume() == null || hasCheckpoint(job.resume())) {
            return null;
        }
        return "no checkpoint was written before the cancel, so " + job.resume().getFileName()
                + " starts again from iteration 1";
    }

    /** @return whether a run folder holds a complete checkpoint to resume from */
    static boolean hasCheckpoint(Path dir) {
        try {
            return RunFolder.open(dir).latestCheckpoint().isPresent();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private void submit(Job job) {
        if (busy()) {
            queue.add(job);
            String note = resumeNote(job);
            message.set("Queued: " + job.label() + " (" + queue.size() + " waiting)" + (note == null ? ""
                    : "; " + note));
        } else {
            // the experiment box shows what trains now: a resumption (Resume, the runs list's Resume) continues the
            // run's or group's own experiment, which need not be the one selected
            if (job.experiment() != null && experiments.contains(job.experiment())) {
                experiment.set(job.experiment());
            }
            run(job);
        }
    }

    /** @return whether a job is running or being cancelled */
    public boolean busy() {
        return state.get() == State.RUNNING || state.get() == State.CANCELLING;
    }

    /**
     * Removes a job that has not started yet.
     *
     * @param job the job
     */
    public void removeQueued(Job job) {
        queue.remove(job);
    }

    /** Drops all jobs that have not started yet. */
    public void clearQueue() {
        queue.clear();
    }

    private void run(Job job) {
        Experiment e = project.experiment(job.experiment()).orElse(null);
        if (e == null && job.resume() == null && job.group() == null) {
            state.set(State.FAILED);
            message.set("Failed: the experiment '" + job.experiment() + "' no longer exists");
            onFailed.accept(message.get());
            next();
            return;
        }
        loss.clear();
        epochs.clear();
        current.set(job);
        state.set(State.RUNNING);
        String title = job.group() != null ? "Resuming group " + job.group().getFileName()
                : job.resume() == null ? "Training " + job.experiment()
                : "Resuming " + job.resume().getFileName();
        lastGroup.set(job.group());
        groupPart.set(""); // the part a cancelled or failed group stopped at is no longer the part under way
        String note = resumeNote(job);
        message.set(title + (note == null ? "" : ": " + note) + (queue.isEmpty() ? "" : " (" + queue.size()
                + " queued)"));
        handle = null;
        if (job.skip() == null) {
            clearUnusable();
        }
        RunRecorder recorder = new RunRecorder(projectFile, job.experiment());
        // what the training reports reaches the UI thread through one feed, in order and in batches (a tiny
        // experiment's iterations come faster than the window can draw them); the end of the job, reported by the
        // executor, first shows what the feed still holds
        UiFeed<LossPoint> feed = new UiFeed<>(ui, loss::addAll, uiInterval);
        TaskHandle h = executor.submitLong(title, (progress, cancel) -> {
            token = cancel;
            // one bar for train → evaluate → attribute sensitivities
            org.hydrodelta.app.task.ProgressChain chain = new org.hydrodelta.app.task.ProgressChain(progress);
            // the task's title already says training or resuming: its messages need no prefix
            ProgressListener training = chain.step(0, TRAIN_SHARE, "");
            if (job.group() != null) {
                return runGroup(job, null, progress, cancel, feed);
            }
            if (job.resume() == null) {
                ExperimentConfig groupConfig = ExperimentRunner.override(e.config(), job.epochs(), job.iterations(),
                        null, null);
                if (org.hydrodelta.core.train.GroupRunner.isGroup(groupConfig)) {
                    // a spatial holdout or an ensemble: the folds and members one after another (the group runner
                    // records each part in the project itself)
                    return runGroup(job, groupConfig, progress, cancel, feed);
                }
            }
            Path dir;
            try {
                if (job.resume() == null) {
                    ExperimentConfig config = ExperimentRunner.override(e.config(), job.epochs(), job.iterations(),
                            null, null);
                    dir = ExperimentRunner.train(project, projectDir, job.experiment(), config, job.skip() != null,
                            training, cancel, listener(job, recorder, feed)).dir();
                } else {
                    dir = ExperimentRunner.resume(project, job.resume(), training, cancel,
                            listener(job, recorder, feed)).dir();
                }
            } catch (CancelledException ex) {
                record(recorder, RunRef.CANCELLED, CANCEL_REASON, ex, feed);
                throw ex;
            } catch (Exception | Error ex) {
                record(recorder, RunRef.FAILED, ex.getMessage() == null ? ex.getClass().getSimpleName()
                        : ex.getMessage(), ex, feed);
                throw ex;
            }
            recorder.ended(RunRef.FINISHED, null);
            feed.update(() -> sync(dir));
            ExperimentRunner.EvaluationResult result = ExperimentRunner.evaluate(project, dir,
                    chain.evaluation(TRAIN_SHARE, SIMULATE_END), cancel);
            return new Outcome(dir, result.median("nse"));
        }, out -> ended(job, feed, () -> {
            lastRun.set(out.dir());
            state.set(State.FINISHED);
            groupPart.set("");
            message.set(out.group() ? String.format(java.util.Locale.ROOT, "Finished group %s: %s", out.dir()
                    .getFileName(), Double.isNaN(out.medianNse()) ? "every part trained and evaluated"
                            : String.format(java.util.Locale.ROOT, "median held-out NSE %.3f", out.medianNse()))
                    : String.format(java.util.Locale.ROOT, "Finished and evaluated: %s, median test NSE %.3f",
                    out.dir().getFileName(), out.medianNse()));
            onRunEvaluated.accept(out.dir());
        }), error -> ended(job, feed, () -> {
            // a resumption keeps the basins its run recorded: it has nothing to skip, so it fails as before
            if (job.resume() == null && error instanceof ExperimentData.UnusableBasinsException u) {
                refused(job, e, u.unusable());
            } else if (job.resume() == null && error instanceof SkipNotAgreedException s) {
                refused(job, e, s.unusable);
            } else {
                state.set(State.FAILED);
                // a resumption refused or failing before its run started (a finished run, data that changed since)
                // trained and wrote nothing: it was not resumed rather than a run that failed
                message.set((job.resume() != null && recorder.runDir() == null ? "Not resumed: " : "Failed: ")
                        + error.getMessage());
                onFailed.accept(message.get());
            }
        }));
        h.stateProperty().addListener((o, a, st) -> {
            if (st == TaskHandle.State.CANCELLED) {
                ended(job, feed, () -> cancelled(recorder.runDir()));
            }
        });
        if (h.stateProperty().get() == TaskHandle.State.CANCELLED) {
            ended(job, feed, () -> cancelled(recorder.runDir()));
        }
        if (current.get() == job) {
            handle = h;
        }
    }

    /** @param dir the run the cancelled job trained, or null (none started, or a group) */
    private void cancelled(Path dir) {
        state.set(State.CANCELLED);
        boolean finished;
        try {
            finished = dir != null && "finished".equals(RunFolder.open(dir).status());
        } catch (java.io.IOException | RuntimeException e) {
            finished = false;
        }
        // a Cancel that comes after the last epoch stops the evaluation only: the run is finished, and Resume is
        // not offered for it (resumeProblem)
        message.set(finished ? "Cancelled during the evaluation: " + dir.getFileName() + " finished training and is"
                + " kept, not evaluated (Evaluate period… in the runs list evaluates it)"
                : lastGroup.get() != null ? "Cancelled group " + lastGroup.get().getFileName() + ": its finished"
                        + " parts and the last checkpoint are kept; Resume continues the group"
                : "Cancelled; the last checkpoint is kept and can be resumed");
        onCancelled.accept(message.get());
    }

    /**
     * Records the end of {@code job} once (cancellation can be seen twice), after what its training reported, and
     * starts the next queued job.
     */
    private void ended(Job job, UiFeed<LossPoint> feed, Runnable outcome) {
        if (current.get() != job) {
            return;
        }
        // the last losses and epochs come before the end (and before the next job clears them)
        feed.drain();
        current.set(null);
        handle = null;
        token = null;
        outcome.run();
        next();
    }

    private void next() {
        if (!queue.isEmpty()) {
            run(queue.remove(0));
        }
    }

    /**
     * Records the end of a run that had started (a failure before its folder existed leaves the project alone).
     * A record that cannot be written is added to the error the user sees.
     */
    private void record(RunRecorder recorder, String status, String reason, Throwable cause,
            UiFeed<LossPoint> feed) {
        if (recorder.runDir() == null) {
            return;
        }
        try {
            recorder.ended(status, reason);
        } catch (org.hydrodelta.core.project.ProjectException again) {
            cause.addSuppressed(again);
        }
        Path dir = recorder.runDir();
        feed.update(() -> sync(dir));
    }

    /**
     * Takes what the recorder wrote into the project file into the open project (a merge: unsaved edits stay),
     * and tells the window.
     */
    private void sync(Path dir) {
        String name = dir.getFileName().toString();
        boolean known = project.run(name).isPresent();
        try {
            ProjectStore.mergeFromDisk(project, projectFile);
        } catch (org.hydrodelta.core.project.ProjectException ex) {
            message.set("Cannot read the run's record back: " + ex.getMessage());
        }
        project.run(name).ifPresent(ref -> {
            if (!known) {
                onRunAdded.accept(ref);
            }
            onRunRecorded.accept(ref);
        });
    }

    /** A job that did not start because requested basins cannot be used: the list, and how to go on. */
    private void refused(Job job, Experiment e, List<Usability.UnusableBasin> list) {
        int n = (e.config().basins() != null ? e.config().basins() : project.basins()).size();
        // the count first: views of the list read it when the list changes
        requested.set(n);
        unusable.setAll(list);
        unusableExperiment = job.experiment();
        skipUnusable.set(false);
        state.set(State.REFUSED);
        message.set(list.size() >= n
                ? "Not started: none of the " + basins(n, "requested basin") + " of " + job.experiment()
                        + " can be used (listed below); fix the data or the experiment's basins"
                : "Not started: " + list.size() + " of " + basins(n, "requested basin") + " of " + job.experiment()
                        + " cannot be used (listed below, nothing was written); fix the data, remove them from the"
                        + " experiment, or tick \"" + skipLabel() + "\" and press Train to train on the "
                        + (n - list.size()) + " usable");
    }

    /**
     * @param u an unusable basin
     * @return one line per reason: the basin, then {@code file:line: reason} (the reason names the field)
     */
    public static List<String> reasonLines(Usability.UnusableBasin u) {
        return u.reasons().stream().map(r -> u.basinId() + "  " + (r.file() == null ? "" : r.file()
                + (r.line() > 0 ? ":" + r.line() : "") + ": ") + r.message()).toList();
    }

    /** @return the text of the skip box for the basins listed now */
    public String skipLabel() {
        return "Skip the " + basins(unusable.size(), "unusable basin");
    }

    private static String basins(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private TrainingListener listener(Job job, RunRecorder recorder, UiFeed<LossPoint> feed) {
        return new TrainingListener() {
            @Override
            public void basinsSkipped(List<Usability.UnusableBasin> skipped) {
                // before the run folder exists: skip only what the user saw listed, nothing new
                List<String> ids = skipped.stream().map(Usability.UnusableBasin::basinId).toList();
                if (job.skip() == null || !job.skip().containsAll(ids)) {
                    throw new SkipNotAgreedException(skipped);
                }
                feed.update(() -> message.set("Training " + job.experiment() + " without " + basins(ids.size(),
                        "unusable basin") + " (" + String.join(", ", ids) + "; recorded in the run)"));
            }

            @Override
            public void runStarted(Path runDir) {
                // entered in the project file as running, as the command line does, before the first iteration
                try {
                    recorder.started(runDir);
                } catch (org.hydrodelta.core.project.ProjectException ex) {
                    throw new IllegalStateException(ex.getMessage(), ex);
                }
                feed.update(() -> {
                    lastRun.set(runDir);
                    sync(runDir);
                });
            }

            @Override
            public void iteration(long iteration, int epoch, double value) {
                feed.point(new LossPoint(iteration, value));
            }

            @Override
            public void epoch(int epoch, double meanLoss, Map<String, Double> nse) {
                double median = BasinMetrics.median(nse.values().stream().mapToDouble(Double::doubleValue).toArray());
                feed.update(() -> epochs.add(new EpochPoint(epoch, meanLoss, median, nse)));
            }
        };
    }

    /** Requests cancellation of the running training. */
    public void cancel() {
        if (state.get() != State.RUNNING) {
            return;
        }
        state.set(State.CANCELLING);
        if (handle != null) {
            handle.cancel();
        } else if (token != null) {
            token.cancel();
        }
    }

    /** @return jobs waiting to run, in order */
    public ObservableList<Job> queue() {
        return queue;
    }

    /** @return the job running now, or null */
    public ReadOnlyObjectProperty<Job> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** @return experiment names */
    public ObservableList<String> experiments() {
        return experiments;
    }

    /** @return the experiment to train */
    public StringProperty experimentProperty() {
        return experiment;
    }

    /** @return the state */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** @return a one-line description of what is happening */
    public StringProperty messageProperty() {
        return message;
    }

    /** @return loss per iteration of the current run */
    public ObservableList<LossPoint> loss() {
        return loss;
    }

    /** @return per-epoch results of the current run */
    public ObservableList<EpochPoint> epochs() {
        return epochs;
    }

    /** @return the requested basins the last refused job cannot use (empty when none was refused) */
    public ObservableList<Usability.UnusableBasin> unusable() {
        return unusable;
    }

    /** @return how many basins the refused experiment requested */
    public javafx.beans.value.ObservableIntegerValue requestedBasins() {
        return requested;
    }

    /**
     * @return whether the next Train of the refused experiment goes on without the basins in {@link #unusable()}
     *         (as {@code train --skip-unusable}); unticked whenever a new list is shown
     */
    public BooleanProperty skipUnusableProperty() {
        return skipUnusable;
    }

    /** @return the folder of the last run started or finished */
    public ObjectProperty<Path> lastRunProperty() {
        return lastRun;
    }

    /** @return the folder of the group the last job trained or continued, or null after a single run */
    public ObjectProperty<Path> lastGroupProperty() {
        return lastGroup;
    }

}
