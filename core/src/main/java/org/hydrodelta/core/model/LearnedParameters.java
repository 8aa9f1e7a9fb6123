package org.hydrodelta.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.hydrodelta.core.conceptual.ConceptualModel;
import org.hydrodelta.core.conceptual.ParameterSpec;

/**
 * The parameters a network learned, in physical units, as outputs beside the states: for each HBV parameter the
 * mean over components per window day ({@code PARAM_<NAME>}, {@code [day][sample]}); dynamic parameters vary
 * day by day, static ones repeat the value of the static day. This is what the learned-parameter explorer plots.
 */
public final class LearnedParameters {
    /** Prefix of the output names. */
    public static final String PREFIX = "PARAM_";

    private LearnedParameters() {
    }

    /**
     * @param hbv       the structure (parameters, dynamic flags, components)
     * @param u         network values in [0, 1], {@code [day][sample][nParams·nmul + 2]} over warm-up and window
     * @param b         the batch (its shape)
     * @param staticDay the row that supplies static parameters
     * @return per parameter, {@code [windowDay][sample]} component means in physical units
     */
    static Map<String, float[]> physical(ConceptualModel hbv, float[] u, Batch b, int staticDay) {
        int nmul = hbv.components();
        int width = hbv.rowWidth();
        Map<String, float[]> out = new LinkedHashMap<>();
        List<ParameterSpec> all = hbv.parameters();
        for (int p = 0; p < all.size(); p++) {
            ParameterSpec par = all.get(p);
            float[] v = new float[b.window() * b.size()];
            for (int d = 0; d < b.window(); d++) {
                int row = par.dynamic() ? b.warmup() + d : staticDay;
                for (int k = 0; k < b.size(); k++) {
                    int base = (row * b.size() + k) * width + p * nmul;
                    double sum = 0;
                    for (int m = 0; m < nmul; m++) {
                        sum += par.toPhysical(u[base + m]);
                    }
                    v[d * b.size() + k] = (float) (sum / nmul);
                }
            }
            out.put(PREFIX + par.name(), v);
        }
        return out;
    }
}
