package org.hydrodelta.core.eval;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Simulated series of a set of basins over one period, with the observations and forcing beside them.
 *
 * @param basinIds basins, in row order
 * @param start    first day
 * @param nDays    days
 * @param outputs  by output name ({@code Q_ROUTED}, {@code SNOWPACK}, ...), {@code [basin][day]}
 * @param observed observed flow {@code [basin][day]}, NaN for gaps
 * @param forcing  by name ({@code PRCP}, {@code TMEAN}, {@code PET}), {@code [basin][day]}
 */
public record Simulation(List<String> basinIds, LocalDate start, int nDays, Map<String, float[][]> outputs,
        float[][] observed, Map<String, float[][]> forcing) {
    /** @return routed streamflow {@code [basin][day]} */
    public float[][] flow() {
        return outputs.get("Q_ROUTED");
    }
}
