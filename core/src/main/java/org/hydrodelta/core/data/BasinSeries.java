package org.hydrodelta.core.data;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;

/**
 * One basin's data as a layout reader produced it, on the basin's own date range, before all basins are put on a
 * common axis by {@link DatasetAssembler}.
 *
 * @param basinId  gauge id
 * @param start    first day
 * @param nDays    number of days
 * @param series   daily series in the units of {@link Variable}, each of length nDays
 * @param info     per-basin facts
 * @param sources  files read for this basin
 * @param report   what the reader found (sentinels, Tmax == Tmin, ...)
 */
public record BasinSeries(String basinId, LocalDate start, int nDays, EnumMap<Variable, float[]> series,
        BasinInfo info, List<SourceFile> sources, BasinReport report) {
}
