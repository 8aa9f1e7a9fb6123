package org.hydrodelta.core.nn;

import java.util.Arrays;

/**
 * Which outputs of a training forward pass a caller reads, so that the output layer computes only those: nothing
 * before {@code firstStep}; every column on the {@code fullSteps}; on the other steps from {@code firstStep} on,
 * only {@code columns}. Outputs not computed are zero, and the caller's output gradient must be zero there.
 *
 * <p>The δ model reads every column on three days (the warm-up parameter day, the static-parameter day and the
 * routing day) and only the dynamic parameters' columns on the other window days: in the paper configuration 32
 * of 210 columns on 364 of 366 days, which leaves about 85 % of the output layer's products out.
 *
 * @param firstStep first step with outputs read, 0 to T−1
 * @param fullSteps steps at or after {@code firstStep} whose every column is read, ascending, no repeats
 * @param columns   columns read on the other steps, ascending, no repeats; {@code null} for all of them
 */
public record OutputRows(int firstStep, int[] fullSteps, int[] columns) {
    /**
     * @param firstStep first step with outputs read
     * @param fullSteps steps whose every column is read, ascending
     * @param columns   columns read on the other steps, ascending, or {@code null} for all
     */
    public OutputRows {
        if (firstStep < 0) {
            throw new IllegalArgumentException("first output step " + firstStep + " is negative");
        }
        fullSteps = fullSteps.clone();
        for (int i = 0; i < fullSteps.length; i++) {
            if (fullSteps[i] < firstStep || (i > 0 && fullSteps[i] <= fullSteps[i - 1])) {
                throw new IllegalArgumentException("full output steps " + Arrays.toString(fullSteps)
                        + " must ascend from the first output step " + firstStep);
            }
        }
        if (columns != null) {
            columns = columns.clone();
            for (int i = 0; i < columns.length; i++) {
                if (columns[i] < 0 || (i > 0 && columns[i] <= columns[i - 1])) {
                    throw new IllegalArgumentException("output columns " + Arrays.toString(columns)
                            + " must ascend from 0 without repeats");
                }
            }
        }
    }

    /**
     * Every column of every step from {@code firstStep} on.
     *
     * @param firstStep first step with outputs read
     * @return the selection
     */
    public static OutputRows from(int firstStep) {
        return new OutputRows(firstStep, new int[0], null);
    }

    /** @return whether some steps compute only some columns */
    boolean sparse() {
        return columns != null;
    }

    /**
     * The selection as row runs of a [step][sample] layout: pairs {start, end} of consecutive rows computed in full,
     * ascending, within [firstStep·batch, steps·batch).
     *
     * @param steps T
     * @param batch samples per step
     * @return the full runs
     */
    int[] fullRowRuns(int steps, int batch) {
        int[] runs = new int[2 * fullSteps.length];
        int n = 0;
        for (int s : fullSteps) {
            if (s >= steps) {
                throw new IllegalArgumentException("full output step " + s + " outside [0, " + steps + ")");
            }
            if (n > 0 && runs[n - 1] == s * batch) {
                runs[n - 1] = (s + 1) * batch;
            } else {
                runs[n++] = s * batch;
                runs[n++] = (s + 1) * batch;
            }
        }
        return Arrays.copyOf(runs, n);
    }
}
