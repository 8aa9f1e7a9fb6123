package org.hydrodelta.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Peak detection for hydrographs, following the semantics of SciPy's {@code find_peaks} with
 * {@code prominence = std(obs)} and {@code distance} as used by NeuralHydrology's peak-timing metric.
 */
final class Peaks {
    private Peaks() {
    }

    /**
     * @param x        series, NaN for gaps
     * @param distance minimum separation in days between kept peaks
     * @return indices of peaks, ascending
     */
    static int[] find(float[] x, int distance) {
        double mean = 0;
        int n = 0;
        for (float v : x) {
            if (Float.isFinite(v)) {
                mean += v;
                n++;
            }
        }
        if (n < 3) {
            return new int[0];
        }
        mean /= n;
        double ss = 0;
        for (float v : x) {
            if (Float.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double minProminence = Math.sqrt(ss / n);

        List<Integer> candidates = new ArrayList<>();
        for (int i = 1; i < x.length - 1; i++) {
            if (!Float.isFinite(x[i]) || !Float.isFinite(x[i - 1])) {
                continue;
            }
            // plateaus: the peak is the plateau's first day when it ends lower (SciPy takes the middle; a
            // day's difference does not matter at the 100-day spacing used here)
            int j = i + 1;
            while (j < x.length && x[j] == x[i]) {
                j++;
            }
            if (j < x.length && Float.isFinite(x[j]) && x[i] > x[i - 1] && x[i] > x[j]
                    && prominence(x, i) >= minProminence) {
                candidates.add(i);
            }
        }
        // keep higher peaks first, dropping any within `distance` of a kept one
        Integer[] byHeight = candidates.toArray(new Integer[0]);
        Arrays.sort(byHeight, Comparator.comparingDouble((Integer i) -> -x[i]).thenComparingInt(i -> i));
        boolean[] removed = new boolean[x.length];
        List<Integer> kept = new ArrayList<>();
        for (int p : byHeight) {
            if (removed[p]) {
                continue;
            }
            kept.add(p);
            for (int q : candidates) {
                if (q != p && Math.abs(q - p) < distance) {
                    removed[q] = true;
                }
            }
        }
        return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Topographic prominence: height above the higher of the two lowest points before reaching higher ground. */
    private static double prominence(float[] x, int peak) {
        double leftMin = x[peak];
        for (int i = peak - 1; i >= 0 && !(Float.isFinite(x[i]) && x[i] > x[peak]); i--) {
            if (Float.isFinite(x[i])) {
                leftMin = Math.min(leftMin, x[i]);
            }
        }
        double rightMin = x[peak];
        for (int i = peak + 1; i < x.length && !(Float.isFinite(x[i]) && x[i] > x[peak]); i++) {
            if (Float.isFinite(x[i])) {
                rightMin = Math.min(rightMin, x[i]);
            }
        }
        return x[peak] - Math.max(leftMin, rightMin);
    }
}
