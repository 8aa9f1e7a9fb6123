package org.hydrodelta.app.task;

import org.hydrodelta.core.progress.ProgressListener;

/**
 * One progress bar for a chain of steps (train → evaluate → attribute sensitivities): each step reports its own
 * done/total, and the chain maps it into the step's share of the whole, so the bar and the remaining time keep
 * moving until the last step ends and the message says which step runs.
 */
public final class ProgressChain {
    /** Units the whole chain is reported in. */
    static final long UNITS = 10_000;

    private final ProgressListener out;

    /** @param out where the whole chain's progress goes */
    public ProgressChain(ProgressListener out) {
        this.out = out;
    }

    /**
     * @param from  where the step starts, as a fraction of the chain
     * @param to    where it ends
     * @param label prefixed to the step's messages, e.g. "Evaluating"; empty for none
     * @return the step's listener
     */
    public ProgressListener step(double from, double to, String label) {
        return (done, total, message) -> report(from, to, label, done, total, message);
    }

    /**
     * The evaluation steps of a run: the test-period simulation, then the attribute sensitivities of a δ model
     * (told apart by their messages, as {@code ExperimentRunner.evaluate} reports both through one listener).
     *
     * @param from where evaluation starts, as a fraction of the chain
     * @param mid  where the sensitivities start
     * @return the evaluation's listener
     */
    public ProgressListener evaluation(double from, double mid) {
        return (done, total, message) -> {
            if (message != null && message.startsWith("attribute sensitivity")) {
                report(mid, 1.0, "Attribute sensitivities", done, total, message);
            } else {
                report(from, mid, "Evaluating the test period", done, total, message);
            }
        };
    }

    private void report(double from, double to, String label, long done, long total, String message) {
        double f = total > 0 ? Math.max(0, Math.min(1, (double) done / total)) : 0;
        long at = Math.round((from + (to - from) * f) * UNITS);
        String m = message == null ? "" : message;
        out.progress(at, UNITS, label.isEmpty() ? m : m.isEmpty() ? label : label + ": " + m);
    }
}
