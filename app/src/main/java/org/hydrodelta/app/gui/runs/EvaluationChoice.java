package org.hydrodelta.app.gui.runs;

import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.project.RunRef;

/**
 * One evaluation of one run that the window shows on the map and in hydrographs: the test evaluation, another
 * period or epoch ({@code validation_epoch_003}), or a prediction for other basins ({@code predict_...}).
 *
 * @param run        the run's name as the project lists it
 * @param evaluation the evaluation's folder name under the run's {@code eval/}
 */
public record EvaluationChoice(String run, String evaluation) {
    /**
     * The member label of a spatial holdout's merged result: every basin scored by the fold that held it out. The
     * group runner (issue #16) registers that result as a run of the group with this member.
     */
    public static final String HELD_OUT_MEMBER = "held-out (all folds)";

    /**
     * @param run the run that holds this evaluation
     * @return a caption, e.g. {@code test period of delta_...}, {@code held-out test of group sample-pub_...},
     *         {@code predict_ungauged_1996-10-01_1997-09-30 of delta_...}
     */
    public String describe(RunRef run) {
        if (isHeldOut(run) && RunResults.TEST.equals(evaluation)) {
            return "held-out test period of group " + run.group();
        }
        return (RunResults.TEST.equals(evaluation) ? "test period" : evaluation) + " of " + run.name();
    }

    /**
     * @param run a run of the project
     * @return whether it is the merged held-out result of a spatial holdout group
     */
    public static boolean isHeldOut(RunRef run) {
        return run.group() != null && HELD_OUT_MEMBER.equals(run.member());
    }
}
