package org.hydrodelta.core.eval.archfixture;

import org.hydrodelta.core.train.EpochLength;

/** Fixture for the layering rule: evaluation code that reaches into training (forbidden). */
public final class EvaluationCallsTheTrainer {
    /** @return an epoch length */
    public int iterations() {
        return EpochLength.iterations(100, 365, 671, 5478, 365);
    }
}
