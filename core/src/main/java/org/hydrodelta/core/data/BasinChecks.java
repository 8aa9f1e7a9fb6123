package org.hydrodelta.core.data;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import org.hydrodelta.core.data.pet.PetCalculator;
import org.hydrodelta.core.data.pet.PetMethod;
import org.hydrodelta.core.data.pet.PetSelector;

/**
 * Layout-independent steps every reader applies to one basin's series: derive the daily mean temperature, compute
 * PET when the data has none, and check that the flow is plausibly in mm/d by comparing it with precipitation.
 */
public final class BasinChecks {
    /** A long-term runoff ratio above this means the flow cannot be in mm/d over this area. */
    public static final double MAX_RUNOFF_RATIO = 2.0;
    /** Below this the flow is suspiciously small (m³/s read as ft³/s, or a wrong area): a warning. */
    public static final double MIN_RUNOFF_RATIO = 0.005;

    private BasinChecks() {
    }

    /**
     * Sets TMEAN = (TMAX + TMIN) / 2 when the series has both and no TMEAN. For NLDAS/Maurer, where the two columns
     * hold the same daily mean, this is still the daily mean.
     *
     * @param series the basin's series (modified)
     */
    public static void deriveTmean(EnumMap<Variable, float[]> series) {
        float[] tx = series.get(Variable.TMAX);
        float[] tn = series.get(Variable.TMIN);
        if (series.containsKey(Variable.TMEAN) || tx == null || tn == null) {
            return;
        }
        float[] t = new float[tx.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (tx[i] + tn[i]) * 0.5f;
        }
        series.put(Variable.TMEAN, t);
    }

    /**
     * Computes PET into the series when it has none.
     *
     * @param series         the series (modified)
     * @param start          date of index 0
     * @param latitude       degrees north, NaN when unknown
     * @param elevation      metres, NaN when unknown
     * @param tmaxEqualsTmin whether Tmax == Tmin on every day
     * @param requested      method asked for, or null for automatic
     * @param file           file to attach warnings to
     * @param basinId        basin to attach warnings to
     * @param issues         where warnings go
     * @return "file" when PET was in the data, the method used, or null when none applies
     */
    public static String ensurePet(EnumMap<Variable, float[]> series, LocalDate start, double latitude,
            double elevation, boolean tmaxEqualsTmin, PetMethod requested, Path file, String basinId,
            List<DataIssue> issues) {
        return ensurePet(series, start, latitude, elevation, tmaxEqualsTmin, requested, false, file, basinId, issues);
    }

    /**
     * Computes PET into the series when it has none, or always when asked to override a PET column.
     *
     * @param series         the series (modified)
     * @param start          date of index 0
     * @param latitude       degrees north, NaN when unknown
     * @param elevation      metres, NaN when unknown
     * @param tmaxEqualsTmin whether Tmax == Tmin on every day
     * @param requested      method asked for, or null for automatic
     * @param override       compute even when the series has a PET column (the column is replaced)
     * @param file           file to attach warnings to
     * @param basinId        basin to attach warnings to
     * @param issues         where warnings go
     * @return "file" when PET was taken from the data, the method used, or null when none applies
     */
    public static String ensurePet(EnumMap<Variable, float[]> series, LocalDate start, double latitude,
            double elevation, boolean tmaxEqualsTmin, PetMethod requested, boolean override, Path file,
            String basinId, List<DataIssue> issues) {
        if (series.containsKey(Variable.PET) && !override) {
            return "file";
        }
        float[] column = series.remove(Variable.PET);
        PetSelector.Availability a = new PetSelector.Availability(
                series.containsKey(Variable.TMAX) && series.containsKey(Variable.TMIN), tmaxEqualsTmin,
                series.containsKey(Variable.SRAD), series.containsKey(Variable.DAYL), latitude, elevation);
        PetSelector.Choice c = PetSelector.choose(a, requested);
        for (String w : c.warnings()) {
            issues.add(DataIssue.warn(file, basinId, w));
        }
        if (c.method() == null || !series.containsKey(Variable.TMEAN)) {
            if (column != null) {
                // asked to compute, but no method applies: keep the data's column and say so
                series.put(Variable.PET, column);
                issues.add(DataIssue.warn(file, basinId, "PET cannot be computed here; the data's PET column is"
                        + " used instead"));
                return "file";
            }
            return null;
        }
        float[] pet;
        switch (c.method()) {
            case HARGREAVES:
                pet = PetCalculator.hargreaves(start, series.get(Variable.TMAX), series.get(Variable.TMIN), latitude);
                break;
            case PRIESTLEY_TAYLOR:
                pet = PetCalculator.priestleyTaylor(start, series.get(Variable.TMEAN), series.get(Variable.SRAD),
                        series.get(Variable.DAYL), series.get(Variable.VP), latitude, elevation);
                break;
            default:
                pet = PetCalculator.hamon(start, series.get(Variable.TMEAN), series.get(Variable.DAYL), latitude);
        }
        series.put(Variable.PET, pet);
        return c.method().name();
    }

    /**
     * Long-term runoff ratio over the days where both flow and precipitation are known.
     *
     * @param prcp       precipitation, mm/d, from date pStart
     * @param pStart     date of prcp[0]
     * @param flow       flow, mm/d, from date qStart
     * @param qStart     date of flow[0]
     * @return mean flow / mean precipitation, NaN when there is no overlap
     */
    public static double runoffRatio(float[] prcp, LocalDate pStart, float[] flow, LocalDate qStart) {
        int shift = (int) (qStart.toEpochDay() - pStart.toEpochDay()); // prcp index of flow[0]
        double sp = 0;
        double sq = 0;
        long n = 0;
        for (int i = Math.max(0, -shift); i < flow.length && i + shift < prcp.length; i++) {
            float q = flow[i];
            float p = prcp[i + shift];
            if (!Float.isNaN(q) && !Float.isNaN(p)) {
                sp += p;
                sq += q;
                n++;
            }
        }
        return n == 0 || sp <= 0 ? Double.NaN : sq / sp;
    }

    /**
     * Rejects flow whose magnitude cannot be mm/d over this basin and warns when it is suspiciously small.
     *
     * @param ratio    the runoff ratio from {@link #runoffRatio}
     * @param flowFile the flow file
     * @param unitNote how the flow was converted (unit, area and its source)
     * @param basinId  basin
     * @param issues   where the warning goes
     * @throws DataFormatException when the ratio exceeds {@link #MAX_RUNOFF_RATIO}
     */
    public static void checkFlowUnit(double ratio, Path flowFile, String unitNote, String basinId,
            List<DataIssue> issues) {
        if (Double.isNaN(ratio)) {
            return;
        }
        if (ratio > MAX_RUNOFF_RATIO) {
            throw new DataFormatException(flowFile, 0, null, String.format(java.util.Locale.ROOT,
                    "flow in the wrong unit? mean flow is %.1f times the mean precipitation (a runoff ratio above %.0f"
                            + " is not physical); %s", ratio, MAX_RUNOFF_RATIO, unitNote));
        }
        if (ratio < MIN_RUNOFF_RATIO) {
            issues.add(DataIssue.warn(flowFile, basinId, String.format(java.util.Locale.ROOT,
                    "suspicious flow unit: mean flow is only %.4f of the mean precipitation; %s", ratio, unitNote)));
        }
    }

    /**
     * Reports forcing gaps (NaN days in precipitation, temperature or PET) as a warning: they stay NaN, and the user
     * chooses to drop the affected windows or fill them ({@link ForcingGaps}); they are never set to 0 silently.
     *
     * @param series  the basin's series
     * @param file    the forcing file
     * @param basinId the basin
     * @param issues  where the warning goes
     * @return the number of days with at least one forcing missing
     */
    public static int reportForcingGaps(EnumMap<Variable, float[]> series, Path file, String basinId,
            List<DataIssue> issues) {
        float[] p = series.get(Variable.PRCP);
        if (p == null) {
            return 0;
        }
        int days = 0;
        for (int t = 0; t < p.length; t++) {
            boolean gap = false;
            for (Variable v : new Variable[] {Variable.PRCP, Variable.TMEAN, Variable.PET}) {
                float[] a = series.get(v);
                gap |= a != null && Float.isNaN(a[t]);
            }
            if (gap) {
                days++;
            }
        }
        if (days > 0) {
            issues.add(DataIssue.warn(file, basinId, days + (days == 1 ? " day" : " days") + " with missing forcing"
                    + " (kept as NaN): drop the affected training windows or fill them (linear interpolation); they are"
                    + " never set to 0"));
        }
        return days;
    }
}
