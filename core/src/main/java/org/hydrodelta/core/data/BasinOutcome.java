package org.hydrodelta.core.data;

import java.util.List;

/**
 * The result of loading one basin: its series (null when skipped), its report, and the issues found.
 *
 * @param series the series, or null when the basin was skipped
 * @param report the report
 * @param issues issues for this basin
 */
public record BasinOutcome(BasinSeries series, BasinReport report, List<DataIssue> issues) {

    /**
     * @param basinId the basin
     * @param files   files involved
     * @param issues  issues so far
     * @param e       the error that made the basin unusable
     * @return the outcome of a skipped basin
     */
    public static BasinOutcome skipped(String basinId, List<String> files, List<DataIssue> issues,
            DataFormatException e) {
        issues.add(DataIssue.of(basinId, e));
        return new BasinOutcome(null, BasinReport.skipped(basinId, e.getMessage(), files), issues);
    }
}
