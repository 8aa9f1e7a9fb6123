package org.hydrodelta.app.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.hydrodelta.core.Version;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ExperimentKeys;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.EvaluationPeriod;
import org.hydrodelta.core.train.GroupRunner;

/**
 * A job for the cluster module's own distribution ({@code hydrodelta-cluster train|group|sweep PROJECT --experiment
 * NAME ... --master URL}, or {@code hydrodelta-cluster evaluate PROJECT --run RUN ...} once for each run chosen),
 * written by the workbench into {@code <project folder>/cluster-jobs/<job>/} as {@code job.sh} (the commands, with
 * commented {@code spark-submit} lines that do the same) and {@code job.json} (what was asked). The workbench never
 * links the cluster module or Spark: a job is a child process, and the runs it makes reach the window through the
 * project file, as those of a command-line {@code hydrodelta train} do.
 * No JavaFX here: the command lines, the checks and the writing are tested on their own.
 */
public final class ClusterJob {
    /** The launcher inside a cluster distribution ({@code cluster/target/dist}). */
    public static final String LAUNCHER = "bin/hydrodelta-cluster";

    /** The folder beside the project file that holds the jobs written. */
    public static final String JOBS_FOLDER = "cluster-jobs";

    /** The script of a job. */
    public static final String SCRIPT = "job.sh";

    /** What was asked, as JSON. */
    public static final String REQUEST = "job.json";

    /** The time stamp of a job's name: {@code <experiment>_<yyyyMMdd-HHmmss>}. */
    public static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    /** The environment variable naming a cluster distribution (as the {@code hydrodelta} launcher reads it). */
    public static final String HOME_VARIABLE = "HYDRODELTA_CLUSTER_HOME";

    /** Grids larger than this are validated value by value only (the cluster validates every run before any runs). */
    static final int GRID_CHECKED = 1000;

    /**
     * The JVM flags Spark 3.5 needs on Java 17, on driver and executors (the README's {@code OPENS}, the list of
     * the {@code hydrodelta-cluster} launcher).
     */
    public static final List<String> SPARK_JAVA_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Xss4m");

    /** What runs. */
    public enum Mode {
        /** One run, data-parallel: {@code hydrodelta-cluster train}. */
        TRAIN("train", "one run, data-parallel"),
        /** Holdout folds and ensemble members as Spark tasks: {@code hydrodelta-cluster group}. */
        GROUP("group", "group (holdout folds, ensemble members)"),
        /** A grid of runs over experiment keys: {@code hydrodelta-cluster sweep}. */
        SWEEP("sweep", "sweep over experiment keys"),
        /** Finished runs evaluated partitioned by basin, one after another: {@code hydrodelta-cluster evaluate}. */
        EVALUATE("evaluate", "evaluate runs");

        private final String command;
        private final String label;

        Mode(String command, String label) {
            this.command = command;
            this.label = label;
        }

        /** @return the subcommand of {@code hydrodelta-cluster} */
        public String command() {
            return command;
        }

        /** @return what the mode is called in the window */
        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The output name under a run's {@code eval/} that {@code hydrodelta-cluster evaluate} gives by default. */
    public static final String EVALUATION_NAME = "cluster_test";

    /**
     * What the dialog asks for.
     *
     * @param projectFile     the project file (made absolute in the job)
     * @param experiment      the experiment
     * @param mode            what runs
     * @param partitions      basin partitions ({@link Mode#TRAIN}, {@link Mode#EVALUATE}), at least 1
     * @param executorThreads threads of each partition's model ({@link Mode#TRAIN}), at least 1
     * @param epochs          overrides {@code training.epochs} ({@link Mode#TRAIN}); null keeps the experiment's
     * @param sweepAxes       {@code KEY=V1,V2,...} each ({@link Mode#SWEEP})
     * @param master          the Spark master URL, e.g. {@code local[*]} or {@code spark://host:7077}
     * @param distribution    the cluster distribution folder (holding {@value #LAUNCHER})
     * @param runs            the finished runs of the experiment to evaluate ({@link Mode#EVALUATE}), in order
     * @param period          {@code START:END} to evaluate ({@link Mode#EVALUATE}); null or blank for each run's
     *                        test period
     */
    public record Request(Path projectFile, String experiment, Mode mode, int partitions, int executorThreads,
            Integer epochs, List<String> sweepAxes, String master, Path distribution, List<String> runs,
            String period) {
        /** Copies the axes and runs, makes the paths absolute, strips the period (blank: none). */
        public Request {
            projectFile = projectFile.toAbsolutePath().normalize();
            distribution = distribution == null ? null : distribution.toAbsolutePath().normalize();
            sweepAxes = sweepAxes == null ? List.of() : List.copyOf(sweepAxes);
            runs = runs == null ? List.of() : List.copyOf(runs);
            period = period == null || period.isBlank() ? null : period.strip();
        }

        /**
         * A request that evaluates no runs (train, group, sweep).
         *
         * @param projectFile     the project file
         * @param experiment      the experiment
         * @param mode            what runs
         * @param partitions      basin partitions
         * @param executorThreads threads of each partition's model
         * @param epochs          overrides {@code training.epochs}, or null
         * @param sweepAxes       {@code KEY=V1,V2,...} each
         * @param master          the Spark master URL
         * @param distribution    the cluster distribution folder
         */
        public Request(Path projectFile, String experiment, Mode mode, int partitions, int executorThreads,
                Integer epochs, List<String> sweepAxes, String master, Path distribution) {
            this(projectFile, experiment, mode, partitions, executorThreads, epochs, sweepAxes, master, distribution,
                    List.of(), null);
        }
    }

    private final Request request;
    private final LocalDateTime created;
    private final String name;

    /**
     * Plans a job; nothing is written until {@link #write()}.
     *
     * @param request what runs
     * @param created when it was asked (gives the job's name)
     */
    public ClusterJob(Request request, LocalDateTime created) {
        this.request = request;
        this.created = created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String base = safe(request.experiment()) + "_" + STAMP.format(created);
        String n = base;
        // two jobs of one experiment within a second get -2, -3, ...
        for (int i = 2; Files.exists(jobsFolder().resolve(n)); i++) {
            n = base + "-" + i;
        }
        name = n;
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** @return the job's name, {@code <experiment>_<yyyyMMdd-HHmmss>} */
    public String name() {
        return name;
    }

    /** @return what runs */
    public Request request() {
        return request;
    }

    /** @return {@code <project folder>/cluster-jobs} */
    public Path jobsFolder() {
        return request.projectFile().getParent().resolve(JOBS_FOLDER);
    }

    /** @return the job's folder, {@code <project folder>/cluster-jobs/<name>} */
    public Path folder() {
        return jobsFolder().resolve(name);
    }

    /** @return the job's script in its folder */
    public Path script() {
        return folder().resolve(SCRIPT);
    }

    /**
     * @param distribution a cluster distribution folder
     * @return its launcher, {@code <distribution>/bin/hydrodelta-cluster}
     */
    public static Path launcher(Path distribution) {
        return distribution.resolve(LAUNCHER);
    }

    /**
     * What is wrong with a cluster distribution folder.
     *
     * @param distribution the folder, or null
     * @return the problem, naming the missing {@value #LAUNCHER}; empty when it can run
     */
    public static Optional<String> distributionProblem(Path distribution) {
        if (distribution == null) {
            return Optional.of("choose the cluster distribution folder (the one holding " + LAUNCHER + ", e.g."
                    + " cluster/target/dist)");
        }
        Path l = launcher(distribution.toAbsolutePath().normalize());
        if (!Files.isRegularFile(l)) {
            return Optional.of("no " + LAUNCHER + " in " + distribution.toAbsolutePath().normalize() + ": build the"
                    + " cluster module (mvn -B package -pl cluster -am) or choose its target/dist folder (or set "
                    + HOME_VARIABLE + ")");
        }
        if (!Files.isExecutable(l)) {
            return Optional.of(l + " is not executable (chmod +x)");
        }
        return Optional.empty();
    }

    /**
     * The cluster distribution to offer when none was remembered: {@value #HOME_VARIABLE}, else beside the
     * workbench's own distribution ({@code hydrodelta.home/../../../cluster/target/dist}, as the {@code hydrodelta}
     * launcher looks), else {@code cluster/target/dist} under the working directory. The first that has the
     * launcher, else the first named.
     *
     * @param env        reads an environment variable (e.g. {@code System::getenv})
     * @param properties reads a system property (e.g. {@code System::getProperty})
     * @return the folder
     */
    public static Path defaultDistribution(UnaryOperator<String> env, UnaryOperator<String> properties) {
        List<Path> candidates = new ArrayList<>();
        String home = env.apply(HOME_VARIABLE);
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home));
        }
        String app = properties.apply("hydrodelta.home");
        if (app != null && !app.isBlank()) {
            candidates.add(Path.of(app).resolve("../../../cluster/target/dist"));
        }
        candidates.add(Path.of("cluster/target/dist"));
        List<Path> abs = candidates.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        return abs.stream().filter(p -> distributionProblem(p).isEmpty()).findFirst().orElse(abs.get(0));
    }

    /**
     * The sweep axes of the dialog's text: one {@code KEY=V1,V2,...} a line; blank lines and lines starting with
     * {@code #} are left out.
     *
     * @param text the text area's content
     * @return the axes
     */
    public static List<String> sweepAxes(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /**
     * Expands sweep axes into the grid of their combinations, as the cluster's sweep does (the first axis varies
     * slowest; {@code KEY=V} or {@code KEY=} applies to every run).
     *
     * @param axes {@code KEY=V1,V2,...} each
     * @return one list of {@code KEY=VALUE} settings per run
     * @throws IllegalArgumentException for an axis that is not KEY=VALUES, an empty value or a key given twice
     */
    public static List<List<String>> grid(List<String> axes) {
        return org.hydrodelta.core.project.ExperimentKeys.grid(axes);
    }

    /**
     * What keeps a request from being written or run, each naming the option, key or file: an unknown
     * experiment, a group for an experiment that is no group, sweep keys that core's {@link ExperimentKeys}
     * refuses (naming the key and its allowed range), runs to evaluate that are missing, of another experiment or
     * not finished, a period that core's {@link EvaluationPeriod} cannot read ({@code period: ...}), counts below 1,
     * a missing master or distribution.
     *
     * @param project the open project
     * @param r       the request
     * @return the problems; empty when the job can be written and run
     */
    public static List<String> problems(Project project, Request r) {
        List<String> out = new ArrayList<>();
        Optional<Experiment> e = project.experiment(r.experiment() == null ? "" : r.experiment());
        if (e.isEmpty()) {
            out.add("no experiment '" + r.experiment() + "' in the project");
        }
        if (r.mode() == Mode.GROUP && e.isPresent() && !isGroup(e.get())) {
            out.add("experiment '" + r.experiment() + "' is no group: a group needs a spatial holdout (holdout.type pub,"
                    + " pur or custom) or ensemble.members > 1");
        }
        if (r.mode() == Mode.TRAIN) {
            if (r.partitions() < 1) {
                out.add("partitions must be at least 1, was " + r.partitions());
            }
            if (r.executorThreads() < 1) {
                out.add("executor threads must be at least 1, was " + r.executorThreads());
            }
            if (r.epochs() != null && e.isPresent()) {
                try {
                    ExperimentKeys.apply(e.get().config(), List.of("training.epochs=" + r.epochs()), r.experiment());
                } catch (IllegalArgumentException x) {
                    out.add("epochs: " + x.getMessage());
                }
            }
        }
        if (r.mode() == Mode.SWEEP && e.isPresent()) {
            out.addAll(sweepProblems(e.get(), r.sweepAxes()));
        }
        if (r.mode() == Mode.EVALUATE) {
            if (r.partitions() < 1) {
                out.add("partitions must be at least 1, was " + r.partitions());
            }
            out.addAll(evaluateProblems(project, r));
            if (r.period() != null && e.isPresent()) {
                try {
                    evaluationPeriod(r.period(), e.get().config());
                } catch (IllegalArgumentException x) {
                    out.add("period: " + x.getMessage());
                }
            }
        }
        if (r.master() == null || r.master().isBlank()) {
            out.add("give the Spark master URL, e.g. local[*] or spark://HOST:7077");
        } else if (!r.master().strip().equals(r.master()) || r.master().chars().anyMatch(Character::isWhitespace)) {
            out.add("the master URL '" + r.master() + "' has spaces");
        }
        distributionProblem(r.distribution()).ifPresent(out::add);
        return out;
    }

    /**
     * A note, not a problem (the job may still be written): in a data-parallel run whose experiment's
     * {@code training.strata} differs from the partitions, the minibatch slices differ in size from one iteration
     * to the next and the slowest partition sets the pace (about 20 % slower with strata 1 on 2 partitions, as
     * measured by {@code hydrodelta cluster bench}); {@code hydrodelta cluster train} notes the same.
     *
     * @param project the open project
     * @param r       the request
     * @return e.g. {@code training.strata = 1 and 2 partitions: ...; set training.strata = 2 in the experiment for
     *         equal slices}; empty for another mode, an unknown experiment or strata equal to the partitions
     */
    public static Optional<String> strataNote(Project project, Request r) {
        Optional<ExperimentConfig> c = unequalSlices(project, r);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        int strata = c.get().training().strata();
        String head = "training.strata = " + strata + " and " + r.partitions() + " partitions: slices of "
                + (strata == 1 ? "random" : "unequal") + " size, about 20 % slower; ";
        if (withEqualSlices(project, r).isPresent()) {
            return Optional.of(head + "set training.strata = " + r.partitions() + " in the experiment for equal"
                    + " slices");
        }
        java.util.OptionalInt n = org.hydrodelta.core.train.HoldoutPlan.fewestTrainingBasins(c.get(),
                basinsOf(project, c.get()));
        return Optional.of(head + "equal slices need training.strata = partitions, at most "
                + (n.isPresent() ? "the experiment's " + n.getAsInt() + " training basins" : "the training basins")
                + " and 10000");
    }

    /**
     * The experiment's configuration with {@code training.strata} = the request's partitions, for equal
     * data-parallel slices: only when it differs, is valid ({@link ExperimentConfig#validate()}) and, where the
     * project knows the experiment's basins, within its training basins ({@code MinibatchSampler}'s check).
     *
     * @param project the open project
     * @param r       the request (a data-parallel run)
     * @return the configuration to save into the project, or empty when there is none to offer
     */
    public static Optional<ExperimentConfig> withEqualSlices(Project project, Request r) {
        Optional<ExperimentConfig> c = unequalSlices(project, r);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        ExperimentConfig out = c.get().withTraining(c.get().training().withStrata(r.partitions()));
        if (out.validate().stream().anyMatch(m -> m.contains("training.strata"))
                || org.hydrodelta.core.train.HoldoutPlan.strataProblem(out, basinsOf(project, out)).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /**
     * @return the configuration of the request's experiment when the request is a data-parallel run whose
     *         {@code training.strata} differs from its partitions (unequal slices); empty otherwise
     */
    private static Optional<ExperimentConfig> unequalSlices(Project project, Request r) {
        if (r.mode() != Mode.TRAIN || r.partitions() < 1) {
            return Optional.empty();
        }
        return project.experiment(r.experiment() == null ? "" : r.experiment()).map(Experiment::config)
                .filter(c -> c.training().strata() != r.partitions());
    }

    /** The experiment's basins as the project knows them without data: its own list, else the project's. */
    private static List<String> basinsOf(Project project, ExperimentConfig c) {
        return c.basins() != null ? c.basins() : project.basins();
    }

    /** The runs to evaluate: at least one, each a finished run of the request's experiment. */
    private static List<String> evaluateProblems(Project project, Request r) {
        if (r.runs().isEmpty()) {
            return List.of("choose at least one finished run of experiment '" + r.experiment() + "' to evaluate");
        }
        List<String> out = new ArrayList<>();
        for (String name : r.runs()) {
            Optional<RunRef> run = project.run(name);
            if (run.isEmpty()) {
                out.add("no run '" + name + "' in the project");
            } else if (!java.util.Objects.equals(run.get().experiment(), r.experiment())) {
                out.add("run '" + name + "' is of experiment '" + run.get().experiment() + "', not '"
                        + r.experiment() + "'");
            } else if (!RunRef.FINISHED.equals(run.get().status())) {
                out.add("run '" + name + "' is " + run.get().status() + ": only a finished run can be evaluated");
            }
        }
        return out;
    }

    /**
     * Reads the period of an evaluation job with core's {@link EvaluationPeriod#parse}, as the local "Evaluate
     * period…" form and {@code hydrodelta evaluate --period} read it; {@code hydrodelta-cluster evaluate --period}
     * takes a window of days only.
     *
     * @param period {@code START:END}, first and last day (ISO dates, both included)
     * @param config the experiment's configuration
     * @return the period
     * @throws IllegalArgumentException when the dates cannot be read, the period ends before it starts, or it is a
     *                                  run's own period ({@code train}, {@code validation}, {@code test}) rather than
     *                                  dates
     */
    public static EvaluationPeriod evaluationPeriod(String period, ExperimentConfig config) {
        EvaluationPeriod p = EvaluationPeriod.parse(period, config);
        if (!p.text().contains(":")) {
            throw new IllegalArgumentException("the cluster evaluates the days START:END (e.g. 1995-10-01:1996-09-30),"
                    + " not '" + period + "'; leave it empty for each run's test period");
        }
        return p;
    }

    /**
     * @param r an evaluation request
     * @return the output name under each run's {@code eval/}: {@value #EVALUATION_NAME} for the runs' test periods,
     *         else {@code cluster_<START>_<END>}
     */
    public static String evaluationName(Request r) {
        if (r.period() == null) {
            return EVALUATION_NAME;
        }
        return "cluster_" + EvaluationPeriod.parse(r.period(), ExperimentConfig.defaults()).name();
    }

    /** Whether an experiment runs as a group: a spatial holdout or several ensemble members. */
    static boolean isGroup(Experiment e) {
        return GroupRunner.isGroup(e.config());
    }

    /** Each axis value applied alone, then every combination (up to {@link #GRID_CHECKED}), as the cluster will. */
    private static List<String> sweepProblems(Experiment e, List<String> axes) {
        if (axes.isEmpty()) {
            return List.of("give the sweep at least one line KEY=V1,V2,... (e.g. network.hiddenSize=32,64)");
        }
        List<List<String>> grid;
        try {
            grid = grid(axes);
        } catch (IllegalArgumentException x) {
            return List.of(x.getMessage());
        }
        Set<String> out = new LinkedHashSet<>();
        for (String axis : axes) {
            String key = axis.substring(0, axis.indexOf('=')).strip();
            for (List<String> one : grid(List.of(axis))) {
                try {
                    ExperimentKeys.apply(e.config(), one, e.name());
                } catch (IllegalArgumentException x) {
                    out.add("sweep key " + key + " (" + one.get(0) + "): " + x.getMessage());
                }
            }
        }
        if (out.isEmpty() && grid.size() <= GRID_CHECKED) {
            for (int i = 0; i < grid.size() && out.isEmpty(); i++) {
                try {
                    ExperimentKeys.apply(e.config(), grid.get(i), e.name() + " (sweep run " + (i + 1) + ")");
                } catch (IllegalArgumentException x) {
                    out.add("sweep run " + String.join(" ", grid.get(i)) + ": " + x.getMessage());
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * @return the arguments of {@code hydrodelta-cluster}, subcommand first, with the absolute project path; for a
     *         job of several commands (evaluating several runs) those of the first, see {@link #argumentLists()}
     */
    public List<String> arguments() {
        return argumentLists().get(0);
    }

    /**
     * @return the arguments of each {@code hydrodelta-cluster} command the job runs, one after another: one command,
     *         but one for each run evaluated ({@code hydrodelta-cluster evaluate} takes one {@code --run})
     */
    public List<List<String>> argumentLists() {
        List<List<String>> all = new ArrayList<>();
        for (List<String> c : clusterArgumentLists()) {
            List<String> a = new ArrayList<>(c);
            a.add("--master");
            a.add(request.master());
            all.add(List.copyOf(a));
        }
        return all;
    }

    /** The arguments of each command without {@code --master} (spark-submit gives the master). */
    private List<List<String>> clusterArgumentLists() {
        if (request.mode() == Mode.EVALUATE) {
            List<List<String>> all = new ArrayList<>();
            for (String run : request.runs()) {
                List<String> a = new ArrayList<>(List.of(request.mode().command(), request.projectFile().toString(),
                        "--run", run, "--partitions", Integer.toString(request.partitions())));
                if (request.period() != null) {
                    a.addAll(List.of("--period", request.period(), "--name", evaluationName(request)));
                }
                all.add(a);
            }
            return all;
        }
        List<String> a = new ArrayList<>(List.of(request.mode().command(), request.projectFile().toString(),
                "--experiment", request.experiment()));
        switch (request.mode()) {
            case TRAIN -> {
                a.addAll(List.of("--partitions", Integer.toString(request.partitions()), "--executor-threads",
                        Integer.toString(request.executorThreads())));
                if (request.epochs() != null) {
                    a.addAll(List.of("--epochs", request.epochs().toString()));
                }
            }
            case SWEEP -> a.addAll(request.sweepAxes());
            case GROUP -> {
                // the experiment's own holdout and ensemble
            }
            default -> throw new IllegalStateException(request.mode().toString());
        }
        return List.of(a);
    }

    /**
     * @return the whole command: the distribution's launcher, then {@link #arguments()}; for a job of several
     *         commands the first, see {@link #commands()}
     */
    public List<String> command() {
        return commands().get(0);
    }

    /** @return each command the job runs, one after another: the distribution's launcher, then its arguments */
    public List<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        for (List<String> a : argumentLists()) {
            List<String> c = new ArrayList<>();
            c.add(launcher(request.distribution()).toString());
            c.addAll(a);
            all.add(List.copyOf(c));
        }
        return all;
    }

    /**
     * Quotes a word for a POSIX shell: as it is when it has only safe characters, else in single quotes.
     *
     * @param word the word
     * @return the quoted word
     */
    public static String shellQuote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String shellLine(List<String> words) {
        return String.join(" ", words.stream().map(ClusterJob::shellQuote).toList());
    }

    /**
     * The jar for {@code spark-submit} beside the distribution ({@code cluster/target/hydrodelta-cluster-*-spark.jar}):
     * the one there, else the name this version's build gives it.
     */
    Path sparkJar() {
        Path target = request.distribution().getParent();
        if (target != null && Files.isDirectory(target)) {
            try (Stream<Path> s = Files.list(target)) {
                Optional<Path> jar = s.filter(p -> p.getFileName().toString().matches("hydrodelta-cluster-.*-spark\\.jar"))
                        .sorted().findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            } catch (IOException e) {
                // named by version below
            }
        }
        return (target == null ? request.distribution() : target).resolve("hydrodelta-cluster-" + Version.get()
                + "-spark.jar");
    }

    /** @return the text of {@code job.sh} */
    public String scriptText() {
        String opens = String.join(" ", SPARK_JAVA_OPTIONS);
        List<String> submit = new ArrayList<>(List.of("spark-submit", "--master", request.master(), "--deploy-mode",
                "client", "--class", "org.hydrodelta.cluster.cli.ClusterCommand"));
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("# HydroDelta cluster job ").append(name).append(": ").append(request.mode().label())
                .append(" of experiment '").append(request.experiment()).append("'");
        if (request.mode() == Mode.EVALUATE) {
            s.append(" (").append(String.join(", ", request.runs())).append(" on ")
                    .append(request.period() == null ? "each run's test period" : request.period())
                    .append(", into eval/").append(evaluationName(request)).append("/)");
        }
        s.append("\n");
        s.append("# project ").append(request.projectFile()).append("\n");
        s.append("# written by HydroDelta Workbench ").append(Version.get()).append(" at ").append(created)
                .append("; what was asked is in ").append(REQUEST).append(" beside this file.\n");
        s.append("# The runs are added to the project file under its lock; an open workbench shows them.\n");
        s.append("cd ").append(shellQuote(request.projectFile().getParent().toString())).append(" || exit 1\n");
        List<List<String>> commands = commands();
        // one after another, the job stopping at the first that fails; the last replaces the shell
        for (int i = 0; i < commands.size() - 1; i++) {
            s.append(shellLine(commands.get(i))).append(" || exit $?\n");
        }
        s.append("exec ").append(shellLine(commands.get(commands.size() - 1))).append("\n");
        s.append("\n");
        s.append("# The same job with spark-submit (project, data and runs/ on a path every executor reads; the"
                + " command's\n");
        s.append("# master is the one spark-submit is given). Spark 3.5 on Java 17 needs these flags on driver and"
                + " executors:\n");
        s.append("# OPENS=").append(shellQuote(opens)).append("\n");
        // one spark-submit a command (a job evaluating several runs has one a run)
        for (List<String> arguments : clusterArgumentLists()) {
            s.append("# ").append(shellLine(submit)).append(" \\\n");
            s.append("#   --conf spark.driver.extraJavaOptions=\"$OPENS\" --conf spark.executor.extraJavaOptions="
                    + "\"$OPENS\" \\\n");
            s.append("#   ").append(shellQuote(sparkJar().toString())).append(" \\\n");
            s.append("#   ").append(shellLine(arguments)).append("\n");
        }
        return s.toString();
    }

    /**
     * @return the text of {@code job.json}: what was asked, and the commands it gave ({@code commands}, one list of
     *         words each; {@code command} too when there is one)
     */
    public String requestText() {
        ObjectNode o = ProjectStore.mapper().createObjectNode();
        o.put("job", name);
        o.put("created", created.toString());
        o.put("workbench", Version.get());
        o.put("mode", request.mode().command());
        o.put("project", request.projectFile().toString());
        o.put("experiment", request.experiment());
        o.put("master", request.master());
        o.put("distribution", request.distribution().toString());
        if (request.mode() == Mode.TRAIN) {
            o.put("partitions", request.partitions());
            o.put("executorThreads", request.executorThreads());
            if (request.epochs() != null) {
                o.put("epochs", request.epochs());
            }
        }
        if (request.mode() == Mode.SWEEP) {
            ArrayNode axes = o.putArray("sweep");
            request.sweepAxes().forEach(axes::add);
            o.put("runs", grid(request.sweepAxes()).size());
        }
        if (request.mode() == Mode.EVALUATE) {
            ArrayNode runs = o.putArray("evaluate");
            request.runs().forEach(runs::add);
            o.put("partitions", request.partitions());
            if (request.period() != null) {
                o.put("period", request.period());
            }
            o.put("name", evaluationName(request));
        }
        List<List<String>> commands = commands();
        if (commands.size() == 1) {
            ArrayNode cmd = o.putArray("command");
            commands.get(0).forEach(cmd::add);
        }
        ArrayNode all = o.putArray("commands");
        for (List<String> c : commands) {
            ArrayNode one = all.addArray();
            c.forEach(one::add);
        }
        o.put("script", SCRIPT);
        try {
            return ProjectStore.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code job.sh} (executable) and {@code job.json} into {@link #folder()}: both are written into a
     * temporary folder beside it, which is then renamed, so the job's folder is there whole or not at all.
     *
     * @return the job's folder
     * @throws IOException if the files cannot be written (nothing is left behind)
     * @throws IllegalStateException if the folder exists already
     */
    public Path write() throws IOException {
        Path dir = folder();
        Files.createDirectories(jobsFolder());
        if (Files.exists(dir)) {
            throw new IllegalStateException("cluster job folder " + dir + " exists already");
        }
        Path tmp = Files.createTempDirectory(jobsFolder(), "." + name + ".writing-");
        try {
            Path script = tmp.resolve(SCRIPT);
            Files.writeString(script, scriptText(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                if (!script.toFile().setExecutable(true)) {
                    throw new IOException("cannot make " + script + " executable", e);
                }
            }
            Files.writeString(tmp.resolve(REQUEST), requestText(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir);
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover hidden temporary folder: harmless
        }
    }
}
