package org.hydrodelta.core.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.eval.EnsembleEvaluator;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.Project;

/**
 * Evaluates a group of member runs as an ensemble: the hook the group runner calls once its members have trained.
 *
 * <p>Deviation from the brief's sketch ({@code EnsembleEvaluator.evaluateGroup(project, ...)}): the ensemble itself
 * is computed in {@link EnsembleEvaluator} (evaluation), but evaluating a member that has not been evaluated loads
 * its data and checkpoint, which is the training layer's work; core's layering forbids evaluation to call training
 * ({@code ArchitectureTest}), so the entry point that takes a project lives here and hands the run evaluator to
 * {@link EnsembleEvaluator#evaluateGroup}.
 */
public final class EnsembleRuns {
    private EnsembleRuns() {
    }

    /**
     * Evaluates each member on the period if it has not been evaluated yet (its chosen checkpoint, compact outputs,
     * attribute sensitivity as {@code AUTO}), then writes the ensemble into {@code groupDir/eval/<period folder>/}
     * with the group's {@code config.json} and {@value EnsembleEvaluator#GROUP_FILE} ({@link
     * EnsembleEvaluator#evaluateGroup}). The ensemble mean is scored on the auxiliary observations of the first
     * member's dataset as a run's evaluation scores them ({@link ExperimentRunner#scoreAuxiliary}). Members are
     * labelled {@code member i/N} in the order given.
     *
     * @param project       the project
     * @param memberRunDirs the members' run folders, in order
     * @param groupDir      the group's folder
     * @param period        {@code train}, {@code validation}, {@code test} or {@code START:END}
     * @param progress      progress
     * @param cancel        cancellation
     * @return what was written
     * @throws IOException if a member has no checkpoint or files cannot be read or written
     * @throws IllegalArgumentException if the members differ in period, basins, outputs or observations
     */
    public static EnsembleEvaluator.Result evaluateGroup(Project project, List<Path> memberRunDirs, Path groupDir,
            String period, ProgressListener progress, CancellationToken cancel) throws IOException {
        if (memberRunDirs.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member run");
        }
        EvaluationPeriod target = EvaluationPeriod.parse(period, RunFolder.open(memberRunDirs.get(0)).config());
        List<EnsembleEvaluator.Member> members = new ArrayList<>();
        for (int i = 0; i < memberRunDirs.size(); i++) {
            members.add(new EnsembleEvaluator.Member("member " + (i + 1) + "/" + memberRunDirs.size(),
                    memberRunDirs.get(i)));
        }
        return EnsembleEvaluator.evaluateGroup(members, groupDir, target.folder(null),
                (dir, p, c) -> ExperimentRunner.evaluate(project, dir, period, null, AttributeSensitivity.Mode.AUTO,
                        false, p, c),
                (mean, metrics, c) -> ExperimentRunner.scoreAuxiliary(project, memberRunDirs.get(0), period, mean,
                        metrics, c), progress, cancel);
    }
}
