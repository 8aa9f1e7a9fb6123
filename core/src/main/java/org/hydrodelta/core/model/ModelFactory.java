package org.hydrodelta.core.model;

import org.hydrodelta.core.hbv.HbvConfig;
import org.hydrodelta.core.hbv.HbvParameter;
import org.hydrodelta.core.loss.FlowLoss;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ExperimentDefaults;

/** Creates models by name from an experiment configuration: a new model is one class and one case here. */
public final class ModelFactory {
    private ModelFactory() {
    }

    /**
     * @param c the experiment's HBV options
     * @return the HBV structure they describe (12 parameters without γ, 13 with; dynamic flags by name)
     */
    public static HbvConfig hbvConfig(ExperimentConfig c) {
        int nParams = c.hbv().etShape() ? 13 : 12;
        boolean[] dynamic = new boolean[nParams];
        for (String name : c.hbv().dynamicParameters()) {
            dynamic[HbvParameter.valueOf(name).ordinal()] = true;
        }
        return new HbvConfig(nParams, dynamic, c.hbv().components(), c.hbv().routing(), true);
    }

    /**
     * @param c       the configuration (validated)
     * @param nIn     network inputs per day (forcings + attributes)
     * @param nBasins basins in the training data
     * @param gemm    matrix engine
     * @param threads threads for the HBV kernel
     * @return the model
     */
    public static HydroModel create(ExperimentConfig c, int nIn, int nBasins, Gemm gemm, int threads) {
        long seed = c.training().seed();
        float dropout = c.network().dropout().floatValue();
        int batch = Math.min(c.training().batchSize(), Integer.MAX_VALUE);
        FlowLoss loss = FlowLoss.byName(c.training().loss(), c.training().lossAlpha());
        switch (c.model()) {
            case ExperimentDefaults.MODEL_DELTA_HBV:
                return new DeltaModel(hbvConfig(c), nIn, c.network().hiddenSize(), dropout, seed, gemm, batch,
                        c.warmupDays(), c.windowDays(), loss, threads);
            case ExperimentDefaults.MODEL_LSTM:
                return new LstmModel(nIn, c.network().hiddenSize(), dropout, seed, gemm, loss);
            case ExperimentDefaults.MODEL_CALIBRATED_HBV:
                return new CalibratedHbvModel(hbvConfig(c), nBasins, batch, c.warmupDays(), c.windowDays(), loss,
                        threads);
            default:
                throw new IllegalArgumentException("unknown model '" + c.model() + "'; known: "
                        + ExperimentDefaults.MODELS);
        }
    }

    /**
     * @param c the configuration
     * @return whether the model reads network inputs (the calibrated HBV does not)
     */
    public static boolean needsInputs(ExperimentConfig c) {
        return !ExperimentDefaults.MODEL_CALIBRATED_HBV.equals(c.model());
    }
}
