package org.hydrodelta.core.conceptual;

/**
 * Which rows (days) of the parameter array feed which part of a run (spec §1.6, §3.1).
 *
 * @param warmupDay  the row whose values (all parameters, dynamic ones included) are frozen for the warm-up
 * @param staticDay  the row whose values are used for static parameters over the whole window
 * @param routingDay the row whose last two columns give the routing parameters a, b
 */
public record ParameterDays(int warmupDay, int staticDay, int routingDay) {

    /**
     * The training protocol: warm-up frozen at the last warm-up day, static and routing parameters from the
     * last day of the window.
     *
     * @param nWarmup warm-up days
     * @param nWindow window days
     * @return the day choice
     */
    public static ParameterDays training(int nWarmup, int nWindow) {
        int last = nWarmup + nWindow - 1;
        return new ParameterDays(Math.max(nWarmup - 1, 0), last, last);
    }

    /**
     * Everything from one row, e.g. the static variant whose network emits parameters for one day only.
     *
     * @param day the row
     * @return the day choice
     */
    public static ParameterDays allFrom(int day) {
        return new ParameterDays(day, day, day);
    }
}
