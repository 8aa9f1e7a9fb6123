package org.hydrodelta.core.data.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.BasinInfo;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.data.pet.PetCalculator;

/**
 * The checks a hydrologist makes before trusting a forcing data set: does the long-term water balance close, is
 * the PET of plausible size, does the precipitation agree with the basin's catalogued climate. Each finding is a
 * warning naming the basin and the figure; {@link #summary} gives one line per kind.
 *
 * <p>Motivation: ERA5-Land forcing (Caravan) carries a potential evaporation about five times the CAMELS PET in
 * the median basin, and precipitation different enough from the station products that some basins have a runoff
 * ratio above 1 (Clerc-Schwarzenbach et al. 2024, HESS 28, 4219). A model trained on such data is trained on a
 * water balance that cannot close; the user must hear of it before training, not from a poor NSE after it.
 *
 * <p>Every long-term mean is taken over the days on which all the series it compares have a value, so a gap in one
 * series does not bias a ratio.
 */
public final class HydrologyChecks {
    /** What is checked; each kind prefixes its warnings so that reports can be grouped by kind. */
    public enum Kind {
        /** Long-term mean flow above mean precipitation. */
        RUNOFF_RATIO("water balance", "runoff ratio above 1"),
        /** Long-term P − Q above PET: evaporation would have to exceed its potential. */
        ET_DEFICIT("water balance", "P - Q larger than PET"),
        /** PET of the file far from a temperature-based estimate (Hamon) from the same temperature. */
        PET_VS_TEMPERATURE("PET plausibility", "PET far from a temperature-based (Hamon) estimate"),
        /** PET far from the catalogued {@code pet_mean} (or {@code aridity × p_mean}). */
        PET_VS_ATTRIBUTES("PET plausibility", "PET far from the attributes' pet_mean"),
        /** Precipitation far from the catalogued {@code p_mean}. */
        PRCP_VS_ATTRIBUTES("precipitation", "precipitation far from the attributes' p_mean");

        private final String group;
        private final String what;

        Kind(String group, String what) {
            this.group = group;
            this.what = what;
        }

        /** @return the prefix every warning of this kind starts with */
        public String prefix() {
            return group + " (" + what + "): ";
        }

        /** @return what is flagged, e.g. "runoff ratio above 1" */
        public String what() {
            return what;
        }
    }

    /** Runoff ratio Q/P above which the balance cannot close without water from outside the basin. */
    public static final double MAX_RUNOFF_RATIO = 1.0;
    /** File PET / Hamon PET outside [1/x, x] is flagged (Hamon is biased, but rarely by a factor of two). */
    public static final double PET_TEMPERATURE_FACTOR = 2.0;
    /** File PET / attribute pet_mean outside [1/x, x] is flagged. */
    public static final double PET_ATTRIBUTE_FACTOR = 1.5;
    /** Precipitation / attribute p_mean outside [1/x, x] is flagged (catalogues use other years and products). */
    public static final double PRCP_ATTRIBUTE_FACTOR = 1.25;

    private HydrologyChecks() {
    }

    /**
     * Runs every check on the loaded basins.
     *
     * @param ds the loaded data set (raw attribute values, model units)
     * @return warnings, grouped by kind and sorted by basin within a kind
     */
    public static List<DataIssue> check(BasinDataset ds) {
        Map<Kind, List<DataIssue>> byKind = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            byKind.put(k, new ArrayList<>());
        }
        int pMeanCol = ds.attributeNames().indexOf("p_mean");
        int petMeanCol = ds.attributeNames().indexOf("pet_mean");
        int aridityCol = ds.attributeNames().indexOf("aridity");
        for (int b = 0; b < ds.nBasins(); b++) {
            checkBasin(ds, b, pMeanCol, petMeanCol, aridityCol, byKind);
        }
        List<DataIssue> out = new ArrayList<>();
        byKind.values().forEach(out::addAll);
        return out;
    }

    private static void checkBasin(BasinDataset ds, int b, int pMeanCol, int petMeanCol, int aridityCol,
            Map<Kind, List<DataIssue>> out) {
        String id = ds.basinIds().get(b);
        float[] p = series(ds, Variable.PRCP, b);
        float[] q = series(ds, Variable.QOBS, b);
        float[] pet = series(ds, Variable.PET, b);
        float[] t = series(ds, Variable.TMEAN, b);
        if (p == null) {
            return;
        }
        if (q != null) {
            double[] m = means(p, q);
            if (m != null && m[0] > 0 && m[1] / m[0] > MAX_RUNOFF_RATIO) {
                add(out, Kind.RUNOFF_RATIO, id, String.format(Locale.ROOT, "runoff ratio %.2f: mean flow %.2f mm/d"
                        + " exceeds mean precipitation %.2f mm/d over %d days with both; the basin would need water"
                        + " from outside (precipitation too low, or flow from a larger area)", m[1] / m[0], m[1], m[0],
                        (long) m[2]));
            }
            if (pet != null) {
                double[] m3 = means(p, q, pet);
                if (m3 != null && m3[0] - m3[1] > m3[2]) {
                    add(out, Kind.ET_DEFICIT, id, String.format(Locale.ROOT, "P - Q = %.2f mm/d exceeds PET %.2f"
                            + " mm/d over %d days with all three: evaporation would have to exceed its potential"
                            + " (precipitation too high, flow too low, or PET too low)", m3[0] - m3[1], m3[2],
                            (long) m3[3]));
                }
            }
        }
        BasinInfo info = ds.basinInfo().size() > b ? ds.basinInfo().get(b) : null;
        boolean petFromFile = info == null || info.petMethod() == null || "file".equals(info.petMethod());
        if (pet != null && t != null && petFromFile && info != null && !Double.isNaN(info.latitude())) {
            float[] dayl = series(ds, Variable.DAYL, b);
            float[] hamon = PetCalculator.hamon(ds.start(), t, dayl, info.latitude());
            double[] m = means(pet, hamon);
            if (m != null && m[1] > 0) {
                double ratio = m[0] / m[1];
                if (ratio > PET_TEMPERATURE_FACTOR || ratio < 1 / PET_TEMPERATURE_FACTOR) {
                    add(out, Kind.PET_VS_TEMPERATURE, id, String.format(Locale.ROOT, "mean PET %.2f mm/d is %.1f times"
                            + " the Hamon estimate %.2f mm/d from the same temperature at latitude %.2f°", m[0], ratio,
                            m[1], info.latitude()));
                }
            }
        }
        float[][] attrs = ds.attributes();
        float[] row = attrs != null && attrs.length > b ? attrs[b] : null;
        double pMean = attr(row, pMeanCol);
        if (pet != null) {
            double petRef = attr(row, petMeanCol);
            String refName = "pet_mean";
            if (Double.isNaN(petRef) && !Double.isNaN(attr(row, aridityCol)) && !Double.isNaN(pMean)) {
                petRef = attr(row, aridityCol) * pMean;
                refName = "aridity × p_mean";
            }
            double petM = mean(pet);
            if (petRef > 0 && !Double.isNaN(petM)) {
                double ratio = petM / petRef;
                if (ratio > PET_ATTRIBUTE_FACTOR || ratio < 1 / PET_ATTRIBUTE_FACTOR) {
                    add(out, Kind.PET_VS_ATTRIBUTES, id, String.format(Locale.ROOT, "mean PET %.2f mm/d is %.1f times"
                            + " the attributes' %s %.2f mm/d", petM, ratio, refName, petRef));
                }
            }
        }
        double pM = mean(p);
        if (pMean > 0 && !Double.isNaN(pM)) {
            double ratio = pM / pMean;
            if (ratio > PRCP_ATTRIBUTE_FACTOR || ratio < 1 / PRCP_ATTRIBUTE_FACTOR) {
                add(out, Kind.PRCP_VS_ATTRIBUTES, id, String.format(Locale.ROOT, "mean precipitation %.2f mm/d is %.2f"
                        + " times the attributes' p_mean %.2f mm/d", pM, ratio, pMean));
            }
        }
    }

    private static void add(Map<Kind, List<DataIssue>> out, Kind k, String basin, String message) {
        out.get(k).add(DataIssue.warn(null, basin, k.prefix() + message));
    }

    private static float[] series(BasinDataset ds, Variable v, int b) {
        return ds.has(v) ? ds.series(v, b) : null;
    }

    private static double attr(float[] row, int col) {
        return row == null || col < 0 ? Double.NaN : row[col];
    }

    private static double mean(float[] a) {
        double s = 0;
        long n = 0;
        for (float v : a) {
            if (!Float.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /**
     * Means of several series over the days on which all have a value.
     *
     * @return the means followed by the day count, or null when no day has all
     */
    private static double[] means(float[]... series) {
        int k = series.length;
        double[] s = new double[k + 1];
        int n = series[0].length;
        for (float[] a : series) {
            n = Math.min(n, a.length);
        }
        for (int d = 0; d < n; d++) {
            boolean ok = true;
            for (float[] a : series) {
                ok &= !Float.isNaN(a[d]);
            }
            if (ok) {
                for (int i = 0; i < k; i++) {
                    s[i] += series[i][d];
                }
                s[k]++;
            }
        }
        if (s[k] == 0) {
            return null;
        }
        for (int i = 0; i < k; i++) {
            s[i] /= s[k];
        }
        return s;
    }

    /**
     * One line per kind that found something, e.g. {@code water balance: runoff ratio above 1 in 12 basins
     * (01013500, ...)}.
     *
     * @param issues any issues (those of other origins are ignored)
     * @return the lines, in the order of {@link Kind}
     */
    public static List<String> summary(List<DataIssue> issues) {
        List<String> lines = new ArrayList<>();
        for (Kind k : Kind.values()) {
            List<String> basins = issues.stream().filter(i -> i.message().startsWith(k.prefix()))
                    .map(DataIssue::basinId).sorted(Comparator.naturalOrder()).toList();
            if (basins.isEmpty()) {
                continue;
            }
            String shown = basins.size() <= 8 ? String.join(", ", basins)
                    : String.join(", ", basins.subList(0, 8)) + ", … (" + (basins.size() - 8) + " more)";
            lines.add(String.format(Locale.ROOT, "%s: %s in %d %s (%s)", k.group, k.what, basins.size(),
                    basins.size() == 1 ? "basin" : "basins", shown));
        }
        return lines;
    }
}
