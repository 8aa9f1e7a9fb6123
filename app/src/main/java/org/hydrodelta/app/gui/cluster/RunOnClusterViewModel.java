package org.hydrodelta.app.gui.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.app.cluster.ClusterJob;
import org.hydrodelta.app.cluster.ClusterJob.Mode;
import org.hydrodelta.app.cluster.ClusterJobProcess;
import org.hydrodelta.app.gui.ClusterSettings;
import org.hydrodelta.app.gui.MessageLog;
import org.hydrodelta.app.task.TaskExecutor;
import org.hydrodelta.app.task.TaskHandle;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.GroupRunner;

/**
 * State of the "Run on cluster…" dialog: what runs (one data-parallel run, the experiment's group, a sweep, or an
 * evaluation of finished runs of the experiment on their test period or on a period {@code START:END}), the Spark
 * master and the cluster distribution (remembered in {@link ClusterSettings}), and what is wrong with them
 * ({@link ClusterJob#problems}, which reads the period with core's
 * {@link org.hydrodelta.core.train.EvaluationPeriod} as the local "Evaluate period…" form does). {@link #write()}
 * writes the job beside the project; {@link #submit()} runs it as a child process on the background executor, its
 * lines going into the messages prefixed with the job's name; at its end the project file is merged at once, so the
 * runs it added are listed without waiting for the next check.
 */
public final class RunOnClusterViewModel {
    private final Project project;
    private final Path projectFile;
    private final TaskExecutor tasks;
    private final ClusterSettings settings;
    private final MessageLog messages;
    private final Executor ui;
    private final Runnable mergeNow;
    private final ObservableList<String> experiments = FXCollections.observableArrayList();
    private final StringProperty experiment = new SimpleStringProperty();
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.TRAIN);
    private final ReadOnlyBooleanWrapper groupAllowed = new ReadOnlyBooleanWrapper();
    private final IntegerProperty partitions = new SimpleIntegerProperty(2);
    private final IntegerProperty executorThreads = new SimpleIntegerProperty(1);
    private final StringProperty epochs = new SimpleStringProperty("");
    private final StringProperty sweep = new SimpleStringProperty("");
    private final ObservableList<String> finishedRuns = FXCollections.observableArrayList();
    private final ObservableList<String> evaluateRuns = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper evaluateAllowed = new ReadOnlyBooleanWrapper();
    private final StringProperty period = new SimpleStringProperty("");
    private final StringProperty master = new SimpleStringProperty();
    private final StringProperty distribution = new SimpleStringProperty();
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ClusterJob> written = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper strataNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper strataSettable = new ReadOnlyBooleanWrapper();
    private Runnable onExperimentsChanged = () -> { };

    /**
     * @param project     the open project
     * @param projectFile its file (jobs are written beside it, runs are entered in it)
     * @param experiment  the experiment to run
     * @param tasks       the background executor (the job runs as {@link TaskExecutor#submitExternal} work)
     * @param settings    the remembered master and distribution
     * @param messages    where the job's lines, the path written and the outcome go
     * @param ui          runs work on the UI thread ({@code Platform::runLater}; {@code Runnable::run} in tests)
     * @param mergeNow    merges the project file into the open project at once (the window's disk check)
     */
    public RunOnClusterViewModel(Project project, Path projectFile, String experiment, TaskExecutor tasks,
            ClusterSettings settings, MessageLog messages, Executor ui, Runnable mergeNow) {
        this.project = project;
        this.projectFile = projectFile.toAbsolutePath().normalize();
        this.tasks = tasks;
        this.settings = settings;
        this.messages = messages;
        this.ui = ui;
        this.mergeNow = mergeNow;
        project.experiments().stream().map(Experiment::name).forEach(experiments::add);
        master.set(settings.master());
        distribution.set(settings.distribution().orElseGet(() -> ClusterJob.defaultDistribution(System::getenv,
                System::getProperty)).toString());
        this.experiment.addListener((o, a, b) -> {
            groupAllowed.set(project.experiment(b == null ? "" : b).map(e -> GroupRunner.isGroup(e.config()))
                    .orElse(false));
            // a group for an experiment that is no group is not offered
            if (mode.get() == Mode.GROUP && !groupAllowed.get()) {
                mode.set(Mode.TRAIN);
            }
            // the experiment's finished runs, the latest chosen; nor is an evaluation of none offered
            finishedRuns.setAll(project.runs().stream().filter(r -> r.experiment() != null && r.experiment().equals(b)
                    && RunRef.FINISHED.equals(r.status())).map(RunRef::name).toList());
            evaluateRuns.setAll(finishedRuns.isEmpty() ? List.of() : List.of(finishedRuns.get(finishedRuns.size()
                    - 1)));
            evaluateAllowed.set(!finishedRuns.isEmpty());
            if (mode.get() == Mode.EVALUATE && !evaluateAllowed.get()) {
                mode.set(Mode.TRAIN);
            }
            check();
        });
        this.experiment.set(experiment != null && experiments.contains(experiment) ? experiment
                : experiments.isEmpty() ? null : experiments.get(0));
        for (javafx.beans.Observable p : List.of(mode, partitions, executorThreads, epochs, sweep, master,
                distribution, evaluateRuns, period)) {
            p.addListener(o -> check());
        }
        check();
    }

    /** @return the request the dialog describes (epochs that are no number are left out; {@link #problems} says) */
    public ClusterJob.Request request() {
        Integer e = null;
        String text = epochs.get() == null ? "" : epochs.get().strip();
        if (!text.isEmpty()) {
            try {
                e = Integer.valueOf(text);
            } catch (NumberFormatException x) {
                e = null;
            }
        }
        String d = distribution.get() == null ? "" : distribution.get().strip();
        return new ClusterJob.Request(projectFile, experiment.get(), mode.get(), partitions.get(),
                executorThreads.get(), e, ClusterJob.sweepAxes(sweep.get()), master.get() == null ? "" : master.get()
                .strip(), d.isEmpty() ? null : Path.of(d), List.copyOf(evaluateRuns), period.get());
    }

    private void check() {
        List<String> out = new ArrayList<>();
        String text = epochs.get() == null ? "" : epochs.get().strip();
        if (mode.get() == Mode.TRAIN && !text.isEmpty() && !text.matches("-?\\d{1,9}")) {
            out.add("epochs '" + text + "' is not a whole number (leave it empty for the experiment's own)");
        }
        out.addAll(ClusterJob.problems(project, request()));
        problems.set(String.join("\n", out));
        strataNote.set(ClusterJob.strataNote(project, request()).orElse(""));
        strataSettable.set(ClusterJob.withEqualSlices(project, request()).isPresent());
    }

    /**
     * @param onExperimentsChanged told after {@link #setStrataToPartitions()} replaced the experiment in the
     *                             project, as the experiment editor tells after Save (the window refreshes the
     *                             explorer and marks the project modified)
     */
    public void setOnExperimentsChanged(Runnable onExperimentsChanged) {
        this.onExperimentsChanged = onExperimentsChanged;
    }

    /**
     * Sets the experiment's {@code training.strata} to the partitions for equal data-parallel slices: the
     * experiment is replaced in the project as the experiment editor's Save replaces it, and the note goes. The job
     * reads the project file, so the messages say to save the project before the job runs.
     *
     * @return whether the experiment changed (not when {@link #strataSettableProperty()} is false)
     */
    public boolean setStrataToPartitions() {
        java.util.Optional<org.hydrodelta.core.project.ExperimentConfig> c = ClusterJob.withEqualSlices(project,
                request());
        if (c.isEmpty()) {
            return false;
        }
        String name = experiment.get();
        List<Experiment> list = project.experiments();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                list.set(i, new Experiment(name, c.get()));
            }
        }
        onExperimentsChanged.run();
        messages.add(MessageLog.Severity.NOTICE, "Set training.strata = " + c.get().training().strata()
                + " in experiment '" + name + "' for equal data-parallel slices; the cluster job reads the project"
                + " file, so save the project before it runs");
        check();
        return true;
    }

    /**
     * Writes the job into {@code <project folder>/cluster-jobs/<experiment>_<time>/} and says where in the
     * messages; the master and distribution are remembered.
     *
     * @return the job, or empty when the request has problems (see {@link #problemsProperty}) or cannot be written
     */
    public Optional<ClusterJob> write() {
        check();
        if (!problems.get().isEmpty()) {
            messages.add(MessageLog.Severity.ERROR, "Cannot write the cluster job: " + problems.get().replace("\n",
                    "; "));
            return Optional.empty();
        }
        ClusterJob job = new ClusterJob(request(), LocalDateTime.now());
        try {
            job.write();
        } catch (IOException | RuntimeException e) {
            messages.add(MessageLog.Severity.ERROR, "Cannot write cluster job " + job.name() + " into "
                    + job.folder() + ": " + e.getMessage());
            return Optional.empty();
        }
        settings.remember(job.request().master(), job.request().distribution());
        written.set(job);
        messages.add(MessageLog.Severity.NOTICE, "Wrote cluster job " + job.name() + ": " + job.script()
                + " (what was asked: " + job.folder().resolve(ClusterJob.REQUEST) + ")");
        return Optional.of(job);
    }

    /**
     * Starts the job written for the request the dialog shows (writing it first when it was not written, or the
     * dialog changed since) as a child process in the project's folder, on the background executor: cancelling the
     * task destroys the process tree. Its lines go into the messages as they come, prefixed with the job's name; at
     * its end the project file is merged and the outcome said: the runs the job added, or the exit code and the
     * last lines of its error stream.
     *
     * @return the task's handle, or null when nothing was started
     */
    public TaskHandle submit() {
        ClusterJob job = written.get() != null && written.get().request().equals(request()) ? written.get()
                : write().orElse(null);
        if (job == null) {
            return null;
        }
        written.set(null); // a job runs once from the dialog; a second Submit writes a new one
        String name = job.name();
        Lines lines = new Lines(name);
        return tasks.submitExternal("Cluster job " + name, (progress, cancel) -> {
            Set<String> before = runNames();
            lines.add(MessageLog.Severity.INFO, "started: " + job.script());
            progress.progress(0, 0, "started");
            ClusterJobProcess.Outcome o;
            try {
                o = ClusterJobProcess.run(job, line -> {
                    lines.add(MessageLog.Severity.INFO, line);
                    progress.progress(0, 0, line);
                }, line -> {
                    lines.add(MessageLog.Severity.INFO, line);
                    progress.progress(0, 0, line);
                }, cancel);
            } catch (CancelledException e) {
                lines.add(MessageLog.Severity.WARNING, "cancelled: the job's processes were stopped");
                ui.execute(mergeNow);
                throw e;
            }
            List<String> added = new ArrayList<>(runNames());
            added.removeAll(before);
            if (!o.succeeded()) {
                throw new JobFailed("cluster job " + name + " failed with exit code " + o.exitCode()
                        + (o.stderrTail().isEmpty() ? "" : "; last lines of its error stream: " + String.join(" | ",
                                o.stderrTail())) + (added.isEmpty() ? "" : " (runs entered: " + String.join(", ",
                                        added) + ")"));
            }
            return added;
        }, added -> {
            lines.flush();
            mergeNow.run();
            String text = "cluster job " + name + " finished: " + (job.request().mode() == Mode.EVALUATE
                    ? evaluatedText(job.request())
                    : added.isEmpty() ? "no runs added"
                    : (added.size() == 1 ? "run " : "runs ") + String.join(", ", added) + " added");
            messages.add(MessageLog.Severity.NOTICE, text);
            outcome.set(text);
        }, e -> {
            lines.flush();
            mergeNow.run();
            String text = e instanceof JobFailed ? e.getMessage() : "cluster job " + name + " could not run: "
                    + e.getMessage();
            messages.add(MessageLog.Severity.ERROR, text);
            outcome.set(text);
        });
    }

    /** @return e.g. {@code runs a, b evaluated into eval/cluster_test/} */
    private static String evaluatedText(ClusterJob.Request r) {
        return (r.runs().size() == 1 ? "run " : "runs ") + String.join(", ", r.runs()) + " evaluated into eval/"
                + ClusterJob.evaluationName(r) + "/";
    }

    /** A job that ended with a non-zero exit code. */
    private static final class JobFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JobFailed(String message) {
            super(message);
        }
    }

    /** The names of the runs in the project file as it is on disk now (read without validating the rest). */
    private Set<String> runNames() {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (com.fasterxml.jackson.databind.JsonNode r : ProjectStore.mapper().readTree(projectFile.toFile())
                    .path("runs")) {
                names.add(r.path("name").asText());
            }
        } catch (IOException e) {
            // not readable now: no names, and the merge says why
        }
        return names;
    }

    /**
     * A job's lines on their way into the messages: collected from the reader threads and handed to the UI
     * thread in batches, at most one batch waiting, so a chatty job never floods it.
     */
    private final class Lines {
        private final String prefix;
        private final ConcurrentLinkedQueue<Object[]> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Lines(String job) {
            this.prefix = "[" + job + "] ";
        }

        void add(MessageLog.Severity s, String line) {
            queue.add(new Object[] {s, prefix + line});
            if (scheduled.compareAndSet(false, true)) {
                ui.execute(this::flush);
            }
        }

        /** On the UI thread. */
        void flush() {
            scheduled.set(false);
            Object[] e;
            while ((e = queue.poll()) != null) {
                messages.add((MessageLog.Severity) e[0], (String) e[1]);
            }
        }
    }

    /** @return the project's experiments */
    public ObservableList<String> experiments() {
        return experiments;
    }

    /** @return the experiment to run */
    public StringProperty experimentProperty() {
        return experiment;
    }

    /** @return what runs */
    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** @return whether the experiment is a group (a spatial holdout or several ensemble members) */
    public ReadOnlyBooleanProperty groupAllowedProperty() {
        return groupAllowed.getReadOnlyProperty();
    }

    /** @return basin partitions of a data-parallel run */
    public IntegerProperty partitionsProperty() {
        return partitions;
    }

    /** @return threads of each partition's model */
    public IntegerProperty executorThreadsProperty() {
        return executorThreads;
    }

    /** @return epochs of a data-parallel run as typed; empty for the experiment's own */
    public StringProperty epochsProperty() {
        return epochs;
    }

    /** @return the sweep, one {@code KEY=V1,V2,...} a line */
    public StringProperty sweepProperty() {
        return sweep;
    }

    /** @return the finished runs of the experiment, in the project's order: those an evaluation can choose */
    public ObservableList<String> finishedRuns() {
        return finishedRuns;
    }

    /** @return the runs to evaluate, in order (at first the experiment's latest finished run) */
    public ObservableList<String> evaluateRuns() {
        return evaluateRuns;
    }

    /** @return whether the experiment has a finished run to evaluate */
    public ReadOnlyBooleanProperty evaluateAllowedProperty() {
        return evaluateAllowed.getReadOnlyProperty();
    }

    /** @return the period to evaluate as typed, {@code START:END}; empty for each run's test period */
    public StringProperty periodProperty() {
        return period;
    }

    /** @return the Spark master URL */
    public StringProperty masterProperty() {
        return master;
    }

    /** @return the cluster distribution folder (holding {@code bin/hydrodelta-cluster}) */
    public StringProperty distributionProperty() {
        return distribution;
    }

    /** @return what keeps the job from being written, one problem a line; empty when it can be */
    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    /** @return the job last written and not yet submitted, or null */
    public ReadOnlyObjectProperty<ClusterJob> writtenProperty() {
        return written.getReadOnlyProperty();
    }

    /**
     * @return a note on the experiment's {@code training.strata} and the partitions of a data-parallel run
     *         ({@link ClusterJob#strataNote}); not a problem: the job may still be written. Empty when none
     */
    public ReadOnlyStringProperty strataNoteProperty() {
        return strataNote.getReadOnlyProperty();
    }

    /** @return whether {@link #setStrataToPartitions()} can set {@code training.strata} to the partitions */
    public ReadOnlyBooleanProperty strataSettableProperty() {
        return strataSettable.getReadOnlyProperty();
    }

    /** @return how the last submitted job ended (the message also in the log); empty while none has */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }
}
