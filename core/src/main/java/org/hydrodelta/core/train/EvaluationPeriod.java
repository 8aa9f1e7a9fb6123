package org.hydrodelta.core.train;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.project.ExperimentConfig;

/**
 * A period a trained run is evaluated on: one of its own ({@code train}, {@code validation}, {@code test}) or any
 * window {@code START:END} (first and last day, both included). Its warm-up follows {@link ExperimentData#runUp}:
 * a period after the training period keeps the test protocol (run from the first training day), any other warms
 * up over the run's {@code warmupDays} of data before it.
 *
 * @param name   {@code train}, {@code validation}, {@code test} or {@code START_END}, the start of its folder name
 * @param text   as the user wrote it
 * @param period the scored days
 */
public record EvaluationPeriod(String name, String text, Period period) {
    /** The run's test period, what evaluation scores by default. */
    public static final String TEST = "test";

    /**
     * @param text   {@code train}, {@code validation}, {@code test} or {@code START:END} (ISO dates, both included)
     * @param config the run's configuration
     * @return the period
     * @throws IllegalArgumentException when the text is none of these or the run has no such period
     */
    public static EvaluationPeriod parse(String text, ExperimentConfig config) {
        String t = text == null ? TEST : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "train":
                return new EvaluationPeriod("train", t, config.trainPeriod());
            case "validation":
                if (config.validationPeriod() == null) {
                    throw new IllegalArgumentException("the run has no validation period; use train, test or"
                            + " START:END");
                }
                return new EvaluationPeriod("validation", t, config.validationPeriod());
            case TEST:
                return new EvaluationPeriod(TEST, t, config.testPeriod());
            default:
                String[] f = t.split(":", -1);
                if (f.length != 2) {
                    throw new IllegalArgumentException("period '" + text + "' must be train, validation, test or"
                            + " START:END (e.g. 2009-10-01:2010-09-30)");
                }
                try {
                    Period p = Period.inclusive(LocalDate.parse(f[0]), LocalDate.parse(f[1]));
                    return new EvaluationPeriod(f[0] + "_" + f[1], t, p);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("period '" + text + "': dates are written YYYY-MM-DD ("
                            + e.getParsedString() + ")", e);
                }
        }
    }

    /**
     * @return whether training already checked this period against the data (the run's validation and test
     *         periods); the training period and windows are checked for every basin before they are simulated
     */
    public boolean checkedByTraining() {
        return name.equals("validation") || name.equals(TEST);
    }

    /**
     * @param config the run's configuration
     * @return the days a simulation of this period needs: its run-up and the period
     */
    public Period span(ExperimentConfig config) {
        return new Period(ExperimentData.runUp(config, period).start(), period.end());
    }

    /**
     * @param epoch the epoch asked for, or null for the run's chosen checkpoint
     * @return the evaluation's folder name: {@code test} (today's layout) for the default, else the period's name
     *         and {@code _epoch_NNN} when an epoch was asked for
     */
    public String folder(Integer epoch) {
        return epoch == null ? name : name + String.format(Locale.ROOT, "_epoch_%03d", epoch);
    }
}
