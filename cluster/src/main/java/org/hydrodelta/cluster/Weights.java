package org.hydrodelta.cluster;

import java.io.Serializable;
import java.util.List;
import org.hydrodelta.core.model.HydroModel;
import org.hydrodelta.core.nn.Parameter;

/**
 * The model state the driver broadcasts each iteration: every parameter's values (in the model's fixed order)
 * and the dropout random state before the iteration's forward pass.
 *
 * @param names       parameter names
 * @param values      parameter values
 * @param randomState the model's random state
 */
public record Weights(String[] names, float[][] values, long randomState) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * @param model a model
     * @return a copy of its weights and random state
     */
    public static Weights of(HydroModel model) {
        List<Parameter> ps = model.parameters();
        String[] n = new String[ps.size()];
        float[][] v = new float[ps.size()][];
        for (int i = 0; i < n.length; i++) {
            n[i] = ps.get(i).name();
            v[i] = ps.get(i).value().clone();
        }
        return new Weights(n, v, model.randomState());
    }

    /**
     * Loads these weights and random state into a model of the same structure.
     *
     * @param model the model
     */
    public void loadInto(HydroModel model) {
        List<Parameter> ps = model.parameters();
        for (int i = 0; i < names.length; i++) {
            if (!ps.get(i).name().equals(names[i])) {
                throw new IllegalStateException("parameter " + i + " is " + ps.get(i).name() + " on the executor, "
                        + names[i] + " on the driver");
            }
            ps.get(i).load(values[i]);
        }
        model.setRandomState(randomState);
    }
}
