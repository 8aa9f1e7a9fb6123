package org.hydrodelta.core.project;

import java.util.List;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.data.camels.CamelsAttributes;
import org.hydrodelta.core.model.ModelRegistry;

/**
 * Every default of an experiment configuration, in one place. The defaults reproduce the paper's δ(βt, γt)
 * configuration (Feng et al. 2022; spec §3-§5): LSTM 256, 16 components, β and γ dynamic, 365-day window after
 * 365 days of warm-up, Adadelta, the RMSE-combination loss, 50 epochs of batch 100, seed 111111.
 */
public final class ExperimentDefaults {
    /** Known model types (the {@link ModelRegistry}'s names). */
    public static final List<String> MODELS = ModelRegistry.names();

    /** Default model. */
    public static final String MODEL = ModelRegistry.defaultName();
    /** Paper training period, 1980-10-01 .. 1995-09-30. */
    public static final Period TRAIN_PERIOD = Period.PAPER_TRAIN;
    /** Paper test period, 1995-10-01 .. 2010-09-30. */
    public static final Period TEST_PERIOD = Period.PAPER_TEST;
    /** Days of HBV warm-up before each loss window. */
    public static final int WARMUP_DAYS = 365;
    /** Days of each loss window (ρ). */
    public static final int WINDOW_DAYS = 365;
    /** Dynamic network inputs, in order. */
    public static final List<String> FORCINGS = List.of("prcp", "tmean", "pet");
    /** The 35 static CAMELS attributes of the paper (spec §4.1), in order. */
    public static final List<String> ATTRIBUTES = CamelsAttributes.DELTA_MODEL_ATTRIBUTES;

    /** Parallel HBV components per basin (nmul). */
    public static final int COMPONENTS = 16;
    /** Parameters that vary by day. */
    public static final List<String> DYNAMIC_PARAMETERS = List.of("BETA", "BETAET");
    /** Whether the 13-parameter HBV with the ET shape exponent γ is used. */
    public static final boolean ET_SHAPE = true;
    /** Whether gamma unit-hydrograph routing is applied. */
    public static final boolean ROUTING = true;

    /** Network type: {@code lstm} or {@code mlp}. */
    public static final String NETWORK = "lstm";
    /** Hidden size of the LSTM (or width of the MLP). */
    public static final int HIDDEN_SIZE = 256;
    /** DropConnect probability on the LSTM weights. */
    public static final double DROPOUT = 0.5;

    /** Loss: {@code rmse-comb} (spec §5.3) or {@code nse}. */
    public static final String LOSS = "rmse-comb";
    /** Weight α of the log-flow RMSE term of {@code rmse-comb}. */
    public static final double LOSS_ALPHA = 0.25;
    /** Optimizer: {@code adadelta} or {@code adam}. */
    public static final String OPTIMIZER = "adadelta";
    /** Learning rate (Adadelta's default 1.0). */
    public static final double LEARNING_RATE = 1.0;
    /** Training epochs. */
    public static final int EPOCHS = 50;
    /** Basins per minibatch. */
    public static final int BATCH_SIZE = 100;
    /** Iterations per epoch; 0 means the spec's coverage formula (431 for the paper setup). */
    public static final int ITERATIONS_PER_EPOCH = 0;
    /** Random seed. */
    public static final long SEED = 111111L;
    /** PUB folds (the literature's 10). */
    public static final int PUB_FOLDS = 10;
    /** Worker threads; 0 means all available processors. */
    public static final int THREADS = 0;

    /** Losses understood by the trainer. */
    public static final List<String> LOSSES = List.of("rmse-comb", "nse");
    /** Optimizers understood by the trainer. */
    public static final List<String> OPTIMIZERS = List.of("adadelta", "adam");
    /** Network types. */
    public static final List<String> NETWORKS = List.of("lstm", "mlp");

    private ExperimentDefaults() {
    }

    /** @return the paper's configuration (every default) */
    public static ExperimentConfig paper() {
        return ExperimentConfig.defaults();
    }
}
