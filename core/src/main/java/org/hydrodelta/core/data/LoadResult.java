package org.hydrodelta.core.data;

import java.util.List;

/**
 * The outcome of loading: the dataset of usable basins, every issue found, and one report per requested basin
 * (usable or skipped, with the reason).
 *
 * @param dataset the loaded basins
 * @param issues  errors (basins skipped) and warnings
 * @param reports per basin, in requested order
 */
public record LoadResult(BasinDataset dataset, List<DataIssue> issues, List<BasinReport> reports) {

    /** @return whether any issue is an ERROR */
    public boolean hasErrors() {
        return issues.stream().anyMatch(i -> i.severity() == DataIssue.Severity.ERROR);
    }
}
