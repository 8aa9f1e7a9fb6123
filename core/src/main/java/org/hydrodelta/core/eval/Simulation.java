package org.hydrodelta.core.eval;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.conceptual.OutputSpec;

/**
 * Simulated series of a set of basins over one period, with the observations and forcing beside them.
 *
 * @param basinIds basins, in row order
 * @param start    first day
 * @param nDays    days
 * @param outputs  by output name ({@code Q_ROUTED}, {@code SNOWPACK}, ...), {@code [basin][day]}
 * @param observed observed flow {@code [basin][day]}, NaN for gaps
 * @param forcing  by name ({@code PRCP}, {@code TMEAN}, {@code PET}), {@code [basin][day]}
 * @param specs    the model's output specs (roles, units); learned parameters have none
 */
public record Simulation(List<String> basinIds, LocalDate start, int nDays, Map<String, float[][]> outputs,
        float[][] observed, Map<String, float[][]> forcing, List<OutputSpec> specs) {
    /** @return simulated streamflow {@code [basin][day]} (the output with role discharge) */
    public float[][] flow() {
        return byRole(OutputSpec.Role.DISCHARGE);
    }

    /**
     * @param role a role
     * @return the output with that role {@code [basin][day]}, or null when the model has none
     */
    public float[][] byRole(OutputSpec.Role role) {
        for (OutputSpec s : specs) {
            if (s.role() == role) {
                return outputs.get(s.name());
            }
        }
        return null;
    }
}
