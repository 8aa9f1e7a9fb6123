package org.hydrodelta.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hydrodelta.core.data.Usability;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectException;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.GroupRunner;
import org.hydrodelta.core.train.HoldoutPlan;
import org.hydrodelta.core.train.RunFolder;
import org.hydrodelta.core.train.RunRecorder;
import org.hydrodelta.core.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hydrodelta train PROJECT EXPERIMENT} (or {@code --experiment NAME}): trains headless, writing a run folder.
 * The run is entered in the project as {@code running} as soon as its folder exists and updated when it ends
 * (finished, cancelled or failed with the reason); requested basins that cannot be used stop training before it
 * starts, unless {@code --skip-unusable}. An experiment with a spatial holdout or several ensemble members runs as
 * a group ({@link GroupRunner}): one run per fold and member, evaluated, the held-out basins predicted and merged,
 * with a summary per fold at the end; {@code --resume-group} continues one that stopped.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an experiment of a project; writes runs/<experiment>_<time>/ beside the project.",
            "An experiment with a spatial holdout (holdout.type pub, pur or custom) or ensemble.members > 1 runs as a"
                + " group: one run per fold x member in runs/, each evaluated on the test period, held-out basins"
                + " predicted into the run's eval/heldout/; the group folder runs/<group>/ holds group.json,"
                + " folds.csv and the merged held-out result eval/test/ (metrics.csv with a fold column). The"
                + " summary prints per fold its held-out basins and median NSE, and the merged median."})
public final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "the *.hdproj project file")
    Path project;

    @Parameters(index = "1", arity = "0..1", paramLabel = "EXPERIMENT", description = "experiment name in the"
            + " project (or --experiment)")
    String experimentArg;

    @Option(names = "--experiment", description = "experiment name in the project")
    String experiment;

    @Option(names = "--holdout", paramLabel = "TYPE", description = "override holdout.type: temporal (every basin"
            + " trained and tested on the test period), pub (k random basin folds), pur (one fold per region) or"
            + " custom (--test-basins held out)")
    String holdout;

    @Option(names = "--folds", paramLabel = "K", description = "override holdout.folds (pub; default 10, at least 2,"
            + " at most the number of basins)")
    Integer folds;

    @Option(names = "--region-attribute", paramLabel = "ATTRIBUTE", description = "override"
            + " holdout.regionAttribute (pur): the attribute column naming a basin's region, e.g. huc_02")
    String regionAttribute;

    @Option(names = "--region-layer", paramLabel = "LAYER", description = "override holdout.regionLayer (pur): a"
            + " polygon layer of the project; a basin's region is the --region-field of the polygon its gauge lies in")
    String regionLayer;

    @Option(names = "--region-field", paramLabel = "FIELD", description = "override holdout.regionField (pur with"
            + " --region-layer)")
    String regionField;

    @Option(names = "--test-basins", paramLabel = "ID,ID", split = ",", description = "override holdout.testBasins"
            + " (custom): the basins held out")
    List<String> testBasins;

    @Option(names = "--members", paramLabel = "N", description = "override ensemble.members (1-100): N models with"
            + " seeds seed, seed+1000, ...")
    Integer members;

    @Option(names = "--resume-group", paramLabel = "GROUP", description = "continue a group (name under runs/ or"
            + " folder) as it was planned and configured: finished runs are kept, the unfinished one resumes from its"
            + " last checkpoint, the rest start; an experiment named must be the group's own; --epochs, --seed,"
            + " --threads and the holdout and ensemble options are refused")
    String resumeGroup;

    @Option(names = "--epochs", paramLabel = "N", description = "override the number of epochs; with --resume the"
            + " run's new total (to train it on or stop it earlier), more than the epochs it has completed, written"
            + " into the run's config.json and noted in its run.json (a finished run is not extended: train a new run)")
    Integer epochs;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: the experiment's, 0 = all"
            + " cores); with --resume for this resumption only (training is bit-reproducible only for a fixed"
            + " thread count: a count other than the run's is noted)")
    Integer threads;

    @Option(names = "--seed", description = "override the random seed (not with --resume: a run's random state comes"
            + " from its checkpoint)")
    Long seed;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue this cancelled, failed or interrupted"
            + " run from its last checkpoint, as it was configured (a finished run is refused); --epochs changes its"
            + " total, --threads the threads of this resumption; an experiment named must be the run's own; --seed,"
            + " --skip-unusable and the holdout and ensemble options are refused")
    Path resume;

    @Option(names = "--skip-unusable", description = "train without the requested basins that cannot be used (each is"
            + " listed with file, line and field, and recorded in the run folder's basins_skipped.csv); without it,"
            + " training refuses to start when any requested basin is unusable")
    boolean skipUnusable;

    @Option(names = "--evaluate", description = "evaluate on the test period after training")
    boolean evaluate;

    @Option(names = "--attribute-sensitivity", paramLabel = "MODE", defaultValue = "auto",
            description = "with --evaluate or a group: auto, always or never (see evaluate --help; default:"
                    + " ${DEFAULT-VALUE})")
    String sensitivity;

    @Option(names = "--csv-outputs", description = "with --evaluate or a group: also write outputs/<basin>.csv (see"
            + " evaluate --help)")
    boolean csvOutputs;

    /** What {@code --resume} says when its run starts: the total of epochs {@code --epochs} set, or null. */
    private String resumeLine;

    @Override
    public Integer call() throws Exception {
        if (experimentArg != null && experiment != null && !experimentArg.equals(experiment)) {
            throw new IllegalArgumentException("experiment named twice: '" + experimentArg + "' and --experiment '"
                    + experiment + "'");
        }
        experiment = experiment != null ? experiment : experimentArg;
        Project p = ProjectArgs.load(project);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        if (resumeGroup != null) {
            if (resume != null) {
                throw new IllegalArgumentException("give --resume or --resume-group, not both");
            }
            if (epochs != null || seed != null || threads != null || holdout != null || folds != null
                    || regionAttribute != null || regionLayer != null || regionField != null || testBasins != null
                    || members != null) {
                // the group's plan and every part's configuration are read back from group.json and its runs
                throw new IllegalArgumentException("--resume-group continues a group as it was planned and"
                        + " configured: --epochs, --seed, --threads, --holdout, --folds, --region-*, --test-basins"
                        + " and --members do not apply");
            }
            progress.stage("resume group " + resumeGroup);
            // an experiment named must be the group's own (GroupRunner.checkResumption), as with --resume
            return summary(GroupRunner.resume(p, project, resumeGroup, experiment, "the experiment", groupOptions(),
                    progress, CancellationToken.NONE, groupListener()));
        }
        if (resume == null) {
            if (experiment == null) {
                throw new IllegalArgumentException("name the experiment: train PROJECT EXPERIMENT; " + project
                        + " has " + p.experiments().stream().map(Experiment::name).toList());
            }
            Experiment e = p.experiment(experiment).orElseThrow(() -> new IllegalArgumentException("no experiment"
                    + " '" + experiment + "' in " + project + "; it has " + p.experiments().stream()
                    .map(Experiment::name).toList()));
            ExperimentConfig config = GroupRunner.override(ExperimentRunner.override(e.config(), this.epochs,
                    threads, seed), holdout, folds, regionAttribute, regionLayer, regionField, testBasins, members);
            if (GroupRunner.isGroup(config)) {
                progress.stage("train " + experiment + " as a group (" + config.holdout().type() + " holdout, "
                        + config.ensemble().members() + " member" + (config.ensemble().members() == 1 ? "" : "s")
                        + ")");
                return summary(GroupRunner.run(p, project, experiment, config, groupOptions(), progress,
                        CancellationToken.NONE, groupListener()));
            }
        } else if (holdout != null || folds != null || regionAttribute != null || regionLayer != null
                || regionField != null || testBasins != null || members != null) {
            throw new IllegalArgumentException("--resume continues one run as it was configured: --holdout,"
                    + " --folds, --region-*, --test-basins and --members do not apply (--resume-group continues a"
                    + " group)");
        } else if (seed != null) {
            throw new IllegalArgumentException("--seed does not apply to --resume: the run's seed and its random"
                    + " state (minibatches, dropout) come from its checkpoint; another seed is a new run (train "
                    + project + " EXPERIMENT --seed " + seed + ")");
        } else if (skipUnusable) {
            // ExperimentRunner.resume loads the run's data as recorded (loadAsRecorded): the very basins of its
            // basins_used.txt, or an error naming the ones that changed; there is no new choice to skip
            throw new IllegalArgumentException("--skip-unusable does not apply to --resume: a resumption trains on"
                    + " exactly the basins the run recorded (basins_used.txt; those it skipped when it started stay"
                    + " skipped), and stops naming any of them that can no longer be used");
        }
        return trainOne(p, progress);
    }

    private GroupRunner.Options groupOptions() {
        return new GroupRunner.Options(skipUnusable, EvaluateCommand.mode(sensitivity), csvOutputs,
                org.hydrodelta.app.holdout.LayerRegionLookup.INSTANCE);
    }

    private GroupRunner.Listener groupListener() {
        return new GroupRunner.Listener() {
            private HoldoutPlan plan;
            private java.nio.file.Path runs;

            @Override
            public void basinsSkipped(List<Usability.UnusableBasin> skipped) {
                System.err.println("WARN --skip-unusable: the group leaves out " + skipped.size() + " requested basin"
                        + (skipped.size() == 1 ? "" : "s") + " that cannot be used:");
                skipped.forEach(u -> System.err.println("  " + u.format()));
            }

            @Override
            public void planned(GroupRunner.GroupState group) {
                plan = group.plan();
                runs = group.dir().getParent();
                System.err.println("group " + group.name() + ": " + group.plan().size() + " fold"
                        + (group.plan().size() == 1 ? "" : "s") + " (" + group.plan().design() + ") x "
                        + group.members() + " member" + (group.members() == 1 ? "" : "s") + " = "
                        + group.parts().size() + " runs; folds in " + group.dir().resolve(HoldoutPlan.FOLDS_FILE));
            }

            @Override
            public void partStarting(GroupRunner.Part part, int index, int total) {
                HoldoutPlan.Fold f = plan.fold(part.fold());
                String basins = f.train().size() + " basins" + (f.test().isEmpty() ? "" : ", holding out "
                        + f.test().size()) + ", seed " + part.seed();
                // a resumption: the part's run goes on, or only its evaluation when its training had ended
                String trained = null;
                if (part.run() != null && runs != null) {
                    try {
                        trained = org.hydrodelta.core.train.RunFolder.open(runs.resolve(part.run())).status();
                    } catch (java.io.IOException | RuntimeException e) {
                        trained = ""; // the resumption says what is wrong with the folder
                    }
                }
                System.err.println(part.label() + " (run " + index + " of " + total + "): " + (trained == null
                        ? "training on " + basins : "finished".equals(trained) ? "evaluating " + part.run()
                                + ", trained to the end (" + basins + ")" : "continuing " + part.run() + " from its"
                                + " last checkpoint (" + basins + ")"));
            }

            @Override
            public void partRecovered(GroupRunner.Part part, String note) {
                System.err.println("NOTE " + note);
            }

            @Override
            public void partFinished(GroupRunner.Part part, int index, int total) {
                System.err.println(part.label() + " (run " + index + " of " + total + ") done: " + part.run()
                        + (Double.isNaN(part.heldOutMedianNse()) ? "" : String.format(java.util.Locale.ROOT,
                        ", median held-out NSE %.3f", part.heldOutMedianNse())));
            }

            @Override
            public void epoch(int epoch, double meanLoss, java.util.Map<String, Double> validationNse) {
                String val = validationNse.isEmpty() ? "" : String.format(", median validation NSE %.3f",
                        org.hydrodelta.core.eval.BasinMetrics.median(validationNse.values().stream()
                                .mapToDouble(Double::doubleValue).toArray()));
                System.err.printf("epoch %d: mean loss %.4f%s%n", epoch, meanLoss, val);
            }
        };
    }

    /** Prints the group's summary: per fold its held-out basins and median NSE, the merged median. */
    static int summary(GroupRunner.GroupResult r) {
        GroupRunner.GroupState s = r.state();
        System.out.println("group folder: " + s.dir());
        for (GroupRunner.Part part : s.parts()) {
            HoldoutPlan.Fold f = s.plan().fold(part.fold());
            StringBuilder line = new StringBuilder(part.label()).append(": run ").append(part.run())
                    .append(", seed ").append(part.seed()).append(", ").append(f.train().size())
                    .append(" training basins");
            if (!f.test().isEmpty()) {
                line.append(", ").append(f.test().size()).append(" held out ").append(f.test())
                        .append(String.format(java.util.Locale.ROOT, ", median held-out NSE %.3f",
                                part.heldOutMedianNse()));
            }
            System.out.println(line);
        }
        if (s.plan().spatial()) {
            System.out.printf(java.util.Locale.ROOT, "merged held-out (%s): %d basins, median NSE %.3f; in %s%n",
                    s.plan().design(), r.heldOut().size(), r.mergedMedianNse(), s.heldOutDir());
        }
        return 0;
    }

    /**
     * Checks a resumption before anything is loaded or written: an experiment named on the command line must be
     * the run's own, a finished run is refused (as {@link ExperimentRunner#resume} does, here with the command that
     * trains longer), and a total of epochs it cannot take is refused (naming --epochs, the run and its completed
     * epochs); notes a thread count other than the run's on stderr.
     *
     * @return the line announcing the total of epochs once it is in the run's configuration, or null without
     *         {@code --epochs}
     */
    private String resumeChanges(Project p, Path dir) throws Exception {
        RunFolder before = RunFolder.open(dir);
        ExperimentConfig stored = before.config();
        String name = dir.getFileName().toString();
        ExperimentRunner.ResumeCheck check = ExperimentRunner.checkResumption(p, before, experiment, "the experiment",
                epochs, own -> "train " + project + " " + (own == null ? "EXPERIMENT" : own) + " --epochs "
                        + (epochs == null ? "N" : epochs), group -> "; continue the group as configured with"
                        + " --resume-group " + group);
        // the entry of a run not yet in the project is filed under the run's own experiment
        experiment = check.experiment();
        String line = check.epochsLine();
        if (threads != null) {
            int was = ExperimentRunner.effectiveThreads(stored.training().threads());
            int now = ExperimentRunner.effectiveThreads(threads);
            if (now != was) {
                System.err.println("resume: threads " + was + " -> " + now + " for this resumption (run " + name
                        + (stored.training().threads() == 0 ? " is configured for all cores, " + was + " here"
                        : " was trained with " + was) + "; its configuration keeps that): training is"
                        + " bit-reproducible only for a fixed thread count, so from epoch "
                        + (before.completedEpochs() + 1) + " on it will not match an uninterrupted run exactly");
            }
        }
        return line;
    }

    private Integer trainOne(Project p, ConsoleProgress progress) throws Exception {
        if (resume != null) {
            resumeLine = resumeChanges(p, resume.toAbsolutePath().normalize());
        }
        RunRecorder recorder = new RunRecorder(project, experiment);
        TrainingListener listener = new TrainingListener() {
            @Override
            public void basinsSkipped(List<Usability.UnusableBasin> skipped) {
                System.err.println("WARN --skip-unusable: training without " + skipped.size() + " requested basin"
                        + (skipped.size() == 1 ? "" : "s") + " that cannot be used:");
                skipped.forEach(u -> System.err.println("  " + u.format()));
            }

            @Override
            public void runStarted(Path runDir) {
                if (resumeLine != null) {
                    // the new total is in the run's config.json by now
                    System.err.println(resumeLine);
                }
                try {
                    recorder.started(runDir);
                } catch (ProjectException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }

            @Override
            public void epoch(int epoch, double meanLoss, java.util.Map<String, Double> validationNse) {
                String val = validationNse.isEmpty() ? "" : String.format(", median validation NSE %.3f",
                        org.hydrodelta.core.eval.BasinMetrics.median(validationNse.values().stream()
                                .mapToDouble(Double::doubleValue).toArray()));
                System.err.printf("epoch %d: mean loss %.4f%s%n", epoch, meanLoss, val);
            }
        };
        RunFolder run;
        try {
            if (resume != null) {
                Path dir = resume.toAbsolutePath().normalize();
                progress.stage("resume");
                run = ExperimentRunner.resume(p, dir, new ExperimentRunner.ResumeOptions(epochs, threads), progress,
                        CancellationToken.NONE, listener, null);
            } else {
                Experiment e = p.experiment(experiment).orElseThrow();
                ExperimentConfig config = GroupRunner.override(ExperimentRunner.override(e.config(), this.epochs,
                        threads, seed), holdout, folds, regionAttribute, regionLayer, regionField, testBasins,
                        members);
                progress.stage("train " + experiment);
                run = ExperimentRunner.train(p, ProjectArgs.dir(project), experiment, config, skipUnusable, progress,
                        CancellationToken.NONE, listener);
            }
        } catch (CancelledException e) {
            recorder.ended(RunRef.CANCELLED, "cancelled by the user; resume continues from the last checkpoint");
            throw e;
        } catch (Exception | Error e) {
            if (recorder.runDir() != null) {
                try {
                    recorder.ended(RunRef.FAILED, e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage());
                } catch (ProjectException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
        recorder.ended(RunRef.FINISHED, null);
        System.out.println("run folder: " + run.dir());
        com.fasterxml.jackson.databind.JsonNode info = run.readJson("run.json");
        if (info.has("dataBytes")) {
            System.out.printf(java.util.Locale.ROOT, "data in memory: %d basins x %d days, %.1f MB (%.0f kB per"
                    + " basin)%n", info.get("dataBasins").asInt(), info.get("dataDays").asInt(),
                    info.get("dataBytes").asLong() / 1e6, info.get("dataBytesPerBasin").asLong() / 1e3);
        }
        if (info.has("bestEpoch")) {
            System.out.printf(java.util.Locale.ROOT, "best epoch: %d (median validation NSE %.3f)%s; per-epoch"
                    + " validation in %s%n", info.get("bestEpoch").asInt(), info.get("bestValidationNse").asDouble(),
                    info.has("stoppedEarlyAfterEpoch") ? ", stopped early after epoch "
                            + info.get("stoppedEarlyAfterEpoch").asInt() : "", RunFolder.VALIDATION_FILE);
        }
        if (evaluate) {
            EvaluateCommand.report(ExperimentRunner.evaluate(p, run.dir(), EvaluateCommand.mode(sensitivity),
                    csvOutputs, progress, CancellationToken.NONE));
        }
        return 0;
    }
}
