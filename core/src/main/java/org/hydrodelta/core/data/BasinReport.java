package org.hydrodelta.core.data;

import java.util.List;

/**
 * What loading found about one basin, for the data doctor and the GUI's data report. Skipped basins have
 * {@code usable == false} and the reason.
 *
 * @param basinId           gauge id
 * @param usable            whether the basin was loaded
 * @param reason            why it was skipped, or null
 * @param files             the files read for it
 * @param forcingSentinels  sentinel values (-999, -9999) found in forcing files, now NaN
 * @param flowSentinels     missing-flow markers (-999 / flag M) found, now NaN
 * @param tmaxEqualsTmin    whether Tmax == Tmin on every day
 * @param petMethod         "file", a PET method name, or null when no PET is available
 * @param runoffRatio       mean flow / mean precipitation over days with both (NaN when no flow)
 * @param missingAttributes attributes without a value for this basin
 */
public record BasinReport(String basinId, boolean usable, String reason, List<String> files, int forcingSentinels,
        int flowSentinels, boolean tmaxEqualsTmin, String petMethod, double runoffRatio,
        List<String> missingAttributes) {

    /**
     * @param basinId gauge id
     * @param reason  why the basin was skipped
     * @param files   the files involved
     * @return the report of a skipped basin
     */
    public static BasinReport skipped(String basinId, String reason, List<String> files) {
        return new BasinReport(basinId, false, reason, files, 0, 0, false, null, Double.NaN, List.of());
    }

    /**
     * @param missing attributes without a value
     * @return a copy with the missing attributes set
     */
    public BasinReport withMissingAttributes(List<String> missing) {
        return new BasinReport(basinId, usable, reason, files, forcingSentinels, flowSentinels, tmaxEqualsTmin,
                petMethod, runoffRatio, List.copyOf(missing));
    }
}
