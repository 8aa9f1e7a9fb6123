package org.hydrodelta.cluster;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.eval.BasinMetrics;
import org.hydrodelta.core.eval.ResultsMerger;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ExperimentKeys;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentData;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.GroupRunner;
import org.hydrodelta.core.train.HoldoutPlan;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.RunRecorder;
import org.hydrodelta.core.train.TrainingListener;

/**
 * Holdout folds (PUB, PUR, custom) and ensemble members on Spark: the group is planned on the driver as
 * {@link GroupRunner} plans it ({@link HoldoutPlan}, member seeds, labels), each fold × member is one Spark task that
 * trains, evaluates and predicts its held-out basins exactly as a part of a local group does (recorded in the
 * project as a member of the group), and the driver merges the held-out results into the group folder's
 * {@code eval/test/} with {@link ResultsMerger} and records the {@value GroupRunner#HELD_OUT_MEMBER} entry.
 *
 * <p>The driver writes the group's {@value GroupRunner#GROUP_FILE} as the group runner does: planned (every part
 * pending) before the tasks run, and with each part's run and outcome once they have: finished parts, a part that
 * failed in its run folder (to be resumed from its last checkpoint) or before it made one (to be started). A group
 * with failed parts is then continued on one machine by {@code train --resume-group} (or the window's Resume), which
 * also merges the held-out results. The driver learns the parts' run folders only when the tasks return, so after a
 * driver that died while they ran the file still says pending; the tasks entered their runs in the project as members
 * of the group, and a resumption takes them from there ({@link GroupRunner#recoverParts}): a part trained to the end
 * is only evaluated, one stopped part-way continues from its last checkpoint.
 */
public final class ClusterGroups {
    private ClusterGroups() {
    }

    /** One fold × member. */
    record PartTask(String projectFile, String experiment, String configJson, String group, int fold, int member,
            String label, long seed, List<String> train, List<String> test) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What one part gave.
     *
     * @param fold          fold index
     * @param member        member number
     * @param label         e.g. {@code fold 2/3}
     * @param runDir        its run folder, or null when it failed before one was made
     * @param heldOutNse    median NSE of its held-out basins (NaN without)
     * @param message       the failure, or null
     */
    public record PartResult(int fold, int member, String label, String runDir, double heldOutNse, String message)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What the group gave.
     *
     * @param dir     the group folder
     * @param parts   every part, in plan order
     * @param heldOut merged held-out metrics per basin (empty without spatial holdout)
     * @param mergedMedianNse median held-out NSE over every basin, NaN without spatial holdout
     */
    public record Result(Path dir, List<PartResult> parts, Map<String, Map<String, Double>> heldOut,
            double mergedMedianNse) {
    }

    /**
     * Runs a group's parts as Spark tasks.
     *
     * @param jsc         the Spark context
     * @param projectFile the project file (on a path every executor reads)
     * @param experiment  the experiment
     * @param config      its effective configuration, with holdout and/or ensemble
     * @return the result
     * @throws Exception if planning fails, the project cannot be updated, or a part failed (after all ran)
     */
    public static Result run(JavaSparkContext jsc, Path projectFile, String experiment, ExperimentConfig config)
            throws Exception {
        Path file = projectFile.toAbsolutePath().normalize();
        Project project = ProjectStore.load(file);
        if (!GroupRunner.isGroup(config)) {
            throw new IllegalArgumentException("experiment '" + experiment + "' has neither a spatial holdout nor"
                    + " ensemble.members > 1: train it with cluster train");
        }
        ExperimentData data = ExperimentData.load(project, config, false, ProgressListener.NONE,
                CancellationToken.NONE);
        HoldoutPlan plan = HoldoutPlan.plan(project, config, data.dataset().basinIds(), null);
        int members = config.ensemble().members();
        Path runsDir = file.getParent().resolve("runs");
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "");
        String base = experiment + "_" + plan.design() + (members > 1 ? "-x" + members : "") + "_" + stamp;
        Files.createDirectories(runsDir);
        Path dir = runsDir.resolve(base);
        for (int i = 2; ; i++) {
            try {
                Files.createDirectory(dir);
                break;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                dir = runsDir.resolve(base + "_" + i);
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode frozen = ProjectStore.mapper().createObjectNode();
        frozen.put("experiment", experiment);
        frozen.set("config", ProjectStore.mapper().valueToTree(config));
        Files.writeString(dir.resolve("config.json"), ProjectStore.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(frozen));
        plan.write(dir);
        String json = ProjectStore.mapper().writeValueAsString(config);
        String group = dir.getFileName().toString();
        List<PartTask> tasks = new ArrayList<>();
        for (HoldoutPlan.Fold f : plan.folds()) {
            for (int m = 1; m <= members; m++) {
                tasks.add(new PartTask(file.toString(), experiment, json, group, f.index(), m, GroupRunner.label(
                        f.index(), plan.size(), m, members), GroupRunner.memberSeed(config.training().seed(), m),
                        f.train(), f.test()));
            }
        }
        List<GroupRunner.Part> planned = new ArrayList<>();
        for (PartTask t : tasks) {
            planned.add(new GroupRunner.Part(t.fold(), t.member(), t.label(), t.seed(), null, GroupRunner.PENDING,
                    Double.NaN));
        }
        GroupRunner.GroupState state = new GroupRunner.GroupState(group, dir, experiment, GroupRunner.kind(plan,
                members), plan, members, planned, RunRef.RUNNING, null);
        GroupRunner.write(state);
        List<PartResult> results = jsc.parallelize(tasks, tasks.size()).map(ClusterGroups::runPart).collect();
        List<String> failed = results.stream().filter(r -> r.message() != null).map(r -> r.label() + ": "
                + r.message()).toList();
        if (!failed.isEmpty()) {
            String why = failed.size() + " of " + results.size() + " parts of group " + group + " failed: "
                    + String.join("; ", failed);
            GroupRunner.write(ended(state, results, RunRef.FAILED, why + "; train --resume-group " + group
                    + " continues the group"));
            throw new IllegalStateException(why + " (train --resume-group " + group + " continues it)");
        }
        Map<String, Map<String, Double>> heldOut = Map.of();
        double merged = Double.NaN;
        if (plan.spatial()) {
            List<ResultsMerger.Part> sources = new ArrayList<>();
            for (PartResult r : results) {
                if (r.member() == 1) {
                    sources.add(new ResultsMerger.Part(r.fold(), RunResults.evaluationDir(Path.of(r.runDir()),
                            GroupRunner.HELD_OUT_EVALUATION)));
                }
            }
            Map<String, String> info = new LinkedHashMap<>();
            info.put("kind", "held-out");
            info.put("group", group);
            info.put("design", plan.design());
            info.put("folds", Integer.toString(plan.size()));
            heldOut = ResultsMerger.merge(sources, RunResults.evaluationDir(dir), info);
            merged = BasinMetrics.median(heldOut.values().stream().mapToDouble(m -> m.getOrDefault("nse",
                    Double.NaN)).toArray());
            RunRecorder whole = new RunRecorder(file, experiment, group, GroupRunner.HELD_OUT_MEMBER);
            whole.started(dir);
            whole.ended(RunRef.FINISHED, null);
        }
        GroupRunner.write(ended(state, results, RunRef.FINISHED, null));
        return new Result(dir, results, heldOut, merged);
    }

    /**
     * The group's state once its tasks have returned, as the group runner would have left it: a part that gave its
     * result is finished (with its held-out median NSE); one that failed in its run folder is {@code training} there
     * (a resumption continues it from its last checkpoint, or only evaluates it when its training had ended); one
     * that failed before it made a run folder is pending.
     *
     * @param planned the planned state, parts in task order
     * @param results the tasks' results, in the same order
     * @param status  the group's status
     * @param reason  why it failed, or null
     * @return the state to write
     */
    static GroupRunner.GroupState ended(GroupRunner.GroupState planned, List<PartResult> results, String status,
            String reason) {
        List<GroupRunner.Part> parts = new ArrayList<>();
        for (int i = 0; i < planned.parts().size(); i++) {
            GroupRunner.Part p = planned.parts().get(i);
            PartResult r = results.get(i);
            if (r.fold() != p.fold() || r.member() != p.member()) {
                throw new IllegalStateException("result of " + r.label() + " where " + p.label() + " was expected");
            }
            String run = r.runDir() == null ? null : Path.of(r.runDir()).getFileName().toString();
            String partStatus = r.message() == null ? GroupRunner.FINISHED
                    : run == null ? GroupRunner.PENDING : GroupRunner.TRAINING;
            parts.add(new GroupRunner.Part(p.fold(), p.member(), p.label(), p.seed(), run, partStatus,
                    r.message() == null ? r.heldOutNse() : Double.NaN));
        }
        return new GroupRunner.GroupState(planned.name(), planned.dir(), planned.experiment(), planned.kind(),
                planned.plan(), planned.members(), parts, status, reason);
    }

    static PartResult runPart(PartTask t) {
        Path file = Path.of(t.projectFile());
        RunRecorder recorder = new RunRecorder(file, t.experiment(), t.group(), t.label());
        try {
            Project p = ProjectStore.load(file);
            ExperimentConfig c = ProjectStore.parseConfig(ProjectStore.mapper().readTree(t.configJson()),
                    t.experiment());
            // GroupRunner's part configuration: the fold's training basins, the member's seed, a plain run
            ExperimentConfig part = ExperimentKeys.apply(c, List.of("basins=" + String.join(",", t.train()),
                    "training.seed=" + t.seed(), "holdout=", "ensemble="), t.experiment() + " " + t.label());
            RunFolder run = ExperimentRunner.train(p, file.getParent(), t.experiment(), part, false,
                    ProgressListener.NONE, CancellationToken.NONE, new TrainingListener() {
                        @Override
                        public void runStarted(Path runDir) {
                            try {
                                recorder.started(runDir);
                            } catch (org.hydrodelta.core.project.ProjectException e) {
                                throw new IllegalStateException(e.getMessage(), e);
                            }
                        }
                    });
            recorder.ended(RunRef.FINISHED, null);
            ExperimentRunner.evaluate(p, run.dir(), AttributeSensitivity.Mode.NEVER, false, ProgressListener.NONE,
                    CancellationToken.NONE);
            double nse = Double.NaN;
            if (!t.test().isEmpty()) {
                nse = ExperimentRunner.predict(p, run.dir(), new ExperimentRunner.PredictionRequest(c.dataset(),
                        t.test(), c.testPeriod(), null, GroupRunner.HELD_OUT_EVALUATION, false,
                        AttributeSensitivity.Mode.NEVER, false, true), ProgressListener.NONE, CancellationToken.NONE)
                        .result().median("nse");
            }
            return new PartResult(t.fold(), t.member(), t.label(), run.dir().toString(), nse, null);
        } catch (Exception | Error e) {
            String msg = "executor " + PartitionWorker.host() + ": " + SparkErrors.message(e);
            if (recorder.runDir() != null) {
                try {
                    recorder.ended(RunRef.FAILED, t.label() + ": " + msg);
                } catch (org.hydrodelta.core.project.ProjectException again) {
                    msg += "; and the project could not record it: " + again.getMessage();
                }
            }
            return new PartResult(t.fold(), t.member(), t.label(), recorder.runDir() == null ? null
                    : recorder.runDir().toString(), Double.NaN, msg);
        }
    }
}
