package org.hydrodelta.core.data.doctor;

import java.util.List;
import java.util.Map;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.data.Variable;

/**
 * The doctor's findings for one basin.
 *
 * @param basinId           gauge id
 * @param usable            whether it loaded
 * @param reason            why not, or null
 * @param period            first..last day with precipitation, or null
 * @param coverage          per variable the fraction of days in the period with a value
 * @param gaps              per variable the number of runs of missing days
 * @param longestGap        per variable the longest run of missing days
 * @param sentinels         sentinel values found (forcing and flow)
 * @param runoffRatio       mean flow / mean precipitation (NaN without flow)
 * @param suspiciousUnit    whether the flow magnitude looks wrong
 * @param tmaxEqualsTmin    whether Tmax == Tmin every day
 * @param petMethod         "file", a method name, or null
 * @param missingAttributes attributes without a value
 * @param droppedDays       basin-days in the period training cannot use (missing flow or forcing)
 */
public record BasinDiagnosis(String basinId, boolean usable, String reason, Period period,
        Map<Variable, Double> coverage, Map<Variable, Integer> gaps, Map<Variable, Integer> longestGap,
        int sentinels, double runoffRatio, boolean suspiciousUnit, boolean tmaxEqualsTmin, String petMethod,
        List<String> missingAttributes, long droppedDays) {
}
