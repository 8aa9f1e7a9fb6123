package org.hydrodelta.core.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the series of many basins onto one date axis and one contiguous array per variable. Days a basin's files do
 * not cover are NaN. A variable is kept when at least one basin has it (the others are NaN there). Each basin's
 * array is removed from its series map as soon as it has been copied, so peak memory stays near one payload plus
 * one variable instead of two payloads.
 */
public final class DatasetAssembler {
    private DatasetAssembler() {
    }

    /**
     * @param basins         per-basin series, in the wanted row order
     * @param period         the axis, or null for the union of all basins' ranges
     * @param attributes     [basin][attribute] rows in the same order (may have zero columns)
     * @param attributeNames the matrix's column names
     * @return the dataset
     */
    public static BasinDataset assemble(List<BasinSeries> basins, Period period, float[][] attributes,
            List<String> attributeNames) {
        if (period == null) {
            if (basins.isEmpty()) {
                period = new Period(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 2));
            } else {
                LocalDate s = basins.get(0).start();
                LocalDate e = s.plusDays(basins.get(0).nDays());
                for (BasinSeries b : basins) {
                    if (b.start().isBefore(s)) {
                        s = b.start();
                    }
                    LocalDate be = b.start().plusDays(b.nDays());
                    if (be.isAfter(e)) {
                        e = be;
                    }
                }
                period = new Period(s, e);
            }
        }
        int n = period.days();
        Set<Variable> vars = EnumSet.noneOf(Variable.class);
        for (BasinSeries b : basins) {
            vars.addAll(b.series().keySet());
        }
        EnumMap<Variable, float[]> data = new EnumMap<>(Variable.class);
        for (Variable v : vars) {
            float[] dst = new float[basins.size() * n];
            Arrays.fill(dst, Float.NaN);
            for (int i = 0; i < basins.size(); i++) {
                BasinSeries b = basins.get(i);
                float[] src = b.series().remove(v);
                if (src == null) {
                    continue;
                }
                int shift = (int) (b.start().toEpochDay() - period.start().toEpochDay()); // axis index of src[0]
                int from = Math.max(0, -shift);
                int to = Math.min(src.length, n - shift);
                if (to > from) {
                    System.arraycopy(src, from, dst, i * n + shift + from, to - from);
                }
            }
            data.put(v, dst);
        }
        List<String> ids = new ArrayList<>();
        List<BasinInfo> info = new ArrayList<>();
        List<SourceFile> sources = new ArrayList<>();
        for (BasinSeries b : basins) {
            ids.add(b.basinId());
            info.add(b.info());
            sources.addAll(b.sources());
        }
        return new BasinDataset(ids, period.start(), n, (Map<Variable, float[]>) data, attributes, attributeNames,
                info, sources);
    }
}
