package org.hydrodelta.core.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.model.ModelRegistry;

/**
 * One declarative experiment configuration. Absent keys take the value in {@link ExperimentDefaults};
 * unknown keys are rejected by name when a project is read; {@link #validate()} explains every invalid value
 * with the key it belongs to.
 *
 * @param model            {@code delta-hbv}, {@code lstm} or {@code calibrated-hbv}
 * @param dataset          dataset name, or {@code null} for the project's first dataset
 * @param basins           basin ids, or {@code null} for the project's basin selection
 * @param trainPeriod      training period
 * @param validationPeriod validation period, or {@code null} for none
 * @param testPeriod       test period
 * @param warmupDays       HBV warm-up days before each window
 * @param windowDays       loss window length in days
 * @param forcings         dynamic inputs, in order
 * @param attributes       static attributes, in order
 * @param hbv              HBV options
 * @param network          network options
 * @param training         optimisation options
 * @param holdout          which basins are tested (temporal, PUB, PUR or custom spatial holdout); absent means
 *                         temporal
 * @param ensemble         seed ensemble options; absent means a single model
 * @param targets          what the loss compares (issue 18): model outputs with observations, each with its loss,
 *                         weight and normalisation; absent means observed streamflow only with
 *                         {@code training.loss}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentConfig(String model, String dataset, List<String> basins, Period trainPeriod,
        Period validationPeriod, Period testPeriod, Integer warmupDays, Integer windowDays, List<String> forcings,
        List<String> attributes, Hbv hbv, Network network, Training training,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Holdout.OmitTemporal.class) Holdout holdout,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Ensemble.OmitSingle.class) Ensemble ensemble,
        List<Target> targets) {

    /** Fills absent values from {@link ExperimentDefaults}. */
    public ExperimentConfig {
        model = model == null ? ExperimentDefaults.MODEL : model;
        basins = basins == null ? null : List.copyOf(basins);
        trainPeriod = trainPeriod == null ? ExperimentDefaults.TRAIN_PERIOD : trainPeriod;
        testPeriod = testPeriod == null ? ExperimentDefaults.TEST_PERIOD : testPeriod;
        warmupDays = warmupDays == null ? ExperimentDefaults.WARMUP_DAYS : warmupDays;
        windowDays = windowDays == null ? ExperimentDefaults.WINDOW_DAYS : windowDays;
        forcings = List.copyOf(forcings == null ? ExperimentDefaults.FORCINGS : forcings);
        attributes = List.copyOf(attributes == null ? ExperimentDefaults.ATTRIBUTES : attributes);
        hbv = hbv == null ? new Hbv(null, null, null, null) : hbv;
        network = network == null ? new Network(null, null, null) : network;
        training = training == null ? new Training(null, null, null, null, null, null, null, null, null, null, null, null)
                : training;
        holdout = holdout == null ? Holdout.TEMPORAL : holdout;
        ensemble = ensemble == null ? Ensemble.SINGLE : ensemble;
        targets = targets == null ? null : List.copyOf(targets);
    }

    /**
     * A configuration without targets (streamflow only), as before they existed.
     *
     * @param model            model
     * @param dataset          dataset
     * @param basins           basins
     * @param trainPeriod      training period
     * @param validationPeriod validation period
     * @param testPeriod       test period
     * @param warmupDays       warm-up days
     * @param windowDays       window days
     * @param forcings         forcings
     * @param attributes       attributes
     * @param hbv              HBV options
     * @param network          network options
     * @param training         training options
     * @param holdout          holdout options
     * @param ensemble         ensemble options
     */
    public ExperimentConfig(String model, String dataset, List<String> basins, Period trainPeriod,
            Period validationPeriod, Period testPeriod, Integer warmupDays, Integer windowDays, List<String> forcings,
            List<String> attributes, Hbv hbv, Network network, Training training, Holdout holdout,
            Ensemble ensemble) {
        this(model, dataset, basins, trainPeriod, validationPeriod, testPeriod, warmupDays, windowDays, forcings,
                attributes, hbv, network, training, holdout, ensemble, null);
    }

    /**
     * @param t the targets, or {@code null} for streamflow only
     * @return a copy with them
     */
    public ExperimentConfig withTargets(List<Target> t) {
        return new ExperimentConfig(model, dataset, basins, trainPeriod, validationPeriod, testPeriod, warmupDays,
                windowDays, forcings, attributes, hbv, network, training, holdout, ensemble, t);
    }

    /**
     * One term of the training loss (issue 18): a model output compared with an observation series.
     *
     * @param output        the model output (e.g. {@code Q_ROUTED}, {@code SNOWPACK}, {@code ET}, {@code Q2}), or
     *                      several joined by {@code +} ({@code SNOWPACK+MELTWATER}: snow water equivalent with its
     *                      liquid water); for the LSTM the name of the extra head; absent for flow means the
     *                      discharge
     * @param observation   {@code flow} (observed streamflow) or the name of an auxiliary observation the dataset
     *                      declares ({@code observation.<name>} option)
     * @param loss          {@code rmse-comb}, {@code nse}, {@code rmse} or {@code correlation} (1 − r); absent:
     *                      {@code training.loss} for flow, {@code rmse} otherwise
     * @param weight        the term's weight (default 1)
     * @param normalisation {@code none} (default) or {@code standardised} (values divided by the basin's
     *                      training-period σ of the observation + 0.1, see
     *                      {@link org.hydrodelta.core.loss.TargetLoss})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String output, String observation, String loss, Double weight, String normalisation) {
        /** Fills absent values that do not depend on the rest of the configuration. */
        public Target {
            observation = observation == null ? org.hydrodelta.core.loss.TargetLoss.FLOW : observation;
        }

        /** @return whether this term compares observed streamflow */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isFlow() {
            return org.hydrodelta.core.loss.TargetLoss.FLOW.equals(observation);
        }

        /** @return the weight, 1 when absent */
        public double effectiveWeight() {
            return weight == null ? 1.0 : weight;
        }

        /** @return the normalisation, {@code none} when absent */
        public String effectiveNormalisation() {
            return normalisation == null ? "none" : normalisation;
        }
    }

    /**
     * A configuration without holdout or ensemble options (as before they existed).
     *
     * @param model            model
     * @param dataset          dataset
     * @param basins           basins
     * @param trainPeriod      training period
     * @param validationPeriod validation period
     * @param testPeriod       test period
     * @param warmupDays       warm-up days
     * @param windowDays       window days
     * @param forcings         forcings
     * @param attributes       attributes
     * @param hbv              HBV options
     * @param network          network options
     * @param training         training options
     */
    public ExperimentConfig(String model, String dataset, List<String> basins, Period trainPeriod,
            Period validationPeriod, Period testPeriod, Integer warmupDays, Integer windowDays, List<String> forcings,
            List<String> attributes, Hbv hbv, Network network, Training training) {
        this(model, dataset, basins, trainPeriod, validationPeriod, testPeriod, warmupDays, windowDays, forcings,
                attributes, hbv, network, training, null, null);
    }

    /**
     * @param h holdout options
     * @return a copy with them
     */
    public ExperimentConfig withHoldout(Holdout h) {
        return new ExperimentConfig(model, dataset, basins, trainPeriod, validationPeriod, testPeriod, warmupDays,
                windowDays, forcings, attributes, hbv, network, training, h, ensemble, targets);
    }

    /**
     * @param t training options
     * @return a copy with them
     */
    public ExperimentConfig withTraining(Training t) {
        return new ExperimentConfig(model, dataset, basins, trainPeriod, validationPeriod, testPeriod, warmupDays,
                windowDays, forcings, attributes, hbv, network, t, holdout, ensemble, targets);
    }

    /**
     * @param e ensemble options
     * @return a copy with them
     */
    public ExperimentConfig withEnsemble(Ensemble e) {
        return new ExperimentConfig(model, dataset, basins, trainPeriod, validationPeriod, testPeriod, warmupDays,
                windowDays, forcings, attributes, hbv, network, training, holdout, e, targets);
    }

    /**
     * Which basins a run is tested on. {@code temporal}: every basin trains on the training period and is tested on
     * the test period (the paper's protocol). The spatial designs train on some basins and test on the others
     * (prediction in ungauged basins): {@code pub} splits the basins into {@code folds} random folds
     * ({@code seed}); {@code pur} makes one fold per region, given by {@code regionAttribute} (an attribute
     * column such as {@code huc_02}) or by the polygons of the layer {@code regionLayer} the gauges fall in
     * ({@code regionField} names the polygon's region attribute); {@code custom} holds out {@code testBasins}.
     * Each fold is a run of its own; held-out basins are evaluated on the test period.
     *
     * @param type            {@code temporal}, {@code pub}, {@code pur} or {@code custom}
     * @param folds           number of PUB folds (default 10, as in the literature)
     * @param seed            seed of the PUB fold assignment (default: the training seed)
     * @param regionAttribute PUR: attribute whose value names a basin's region
     * @param regionLayer     PUR: name of a polygon layer of the project whose features are the regions
     * @param regionField     PUR with a layer: the feature attribute naming the region
     * @param testBasins      custom: the held-out basins
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Holdout(String type, Integer folds, Long seed, String regionAttribute, String regionLayer,
            String regionField, List<String> testBasins) {
        /** The paper's temporal split. */
        public static final Holdout TEMPORAL = new Holdout("temporal", null, null, null, null, null, null);
        /** Allowed types. */
        public static final List<String> TYPES = List.of("temporal", "pub", "pur", "custom");

        /** Fills absent values. */
        public Holdout {
            type = type == null ? "temporal" : type;
            folds = folds == null && "pub".equals(type) ? Integer.valueOf(ExperimentDefaults.PUB_FOLDS) : folds;
            testBasins = testBasins == null ? null : List.copyOf(testBasins);
        }

        /** Leaves the default out of project files (Jackson's value filter: equal means omitted). */
        static final class OmitTemporal {
            @Override
            public boolean equals(Object o) {
                return o == null || TEMPORAL.equals(o);
            }

            @Override
            public int hashCode() {
                return 0;
            }
        }

        /** @return whether some basins are held out of training */
        public boolean spatial() {
            return !"temporal".equals(type);
        }
    }

    /**
     * A seed ensemble: {@code members} models trained with seeds derived from the training seed, evaluated each and
     * as their mean. One member is a single model.
     *
     * @param members number of members
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ensemble(Integer members) {
        /** A single model. */
        public static final Ensemble SINGLE = new Ensemble(1);

        /** Fills absent values. */
        public Ensemble {
            members = members == null ? 1 : members;
        }

        /** Leaves the default out of project files (Jackson's value filter: equal means omitted). */
        static final class OmitSingle {
            @Override
            public boolean equals(Object o) {
                return o == null || SINGLE.equals(o);
            }

            @Override
            public int hashCode() {
                return 0;
            }
        }
    }

    /** Forcing names a dataset can supply (lower case), from {@link org.hydrodelta.core.data.Variable}. */
    public static final List<String> FORCING_NAMES = java.util.Arrays.stream(org.hydrodelta.core.data.Variable.values())
            .filter(org.hydrodelta.core.data.Variable::isForcing).map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
            .toList();

    /** @return a configuration with every default */
    public static ExperimentConfig defaults() {
        return new ExperimentConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * HBV options.
     *
     * @param components        parallel components per basin (nmul)
     * @param dynamicParameters names of the parameters that vary by day
     * @param etShape           whether the 13-parameter variant with γ is used
     * @param routing           whether gamma unit-hydrograph routing is applied
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hbv(Integer components, List<String> dynamicParameters, Boolean etShape, Boolean routing) {
        /** Fills absent values from {@link ExperimentDefaults}. */
        public Hbv {
            components = components == null ? ExperimentDefaults.COMPONENTS : components;
            dynamicParameters = List.copyOf(dynamicParameters == null ? ExperimentDefaults.DYNAMIC_PARAMETERS
                    : dynamicParameters);
            etShape = etShape == null ? ExperimentDefaults.ET_SHAPE : etShape;
            routing = routing == null ? ExperimentDefaults.ROUTING : routing;
        }
    }

    /**
     * Network options.
     *
     * @param type       {@code lstm} or {@code mlp}
     * @param hiddenSize hidden units
     * @param dropout    DropConnect probability in [0, 1)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Network(String type, Integer hiddenSize, Double dropout) {
        /** Fills absent values from {@link ExperimentDefaults}. */
        public Network {
            type = type == null ? ExperimentDefaults.NETWORK : type;
            hiddenSize = hiddenSize == null ? ExperimentDefaults.HIDDEN_SIZE : hiddenSize;
            dropout = dropout == null ? ExperimentDefaults.DROPOUT : dropout;
        }
    }

    /**
     * Optimisation options.
     *
     * @param loss               {@code rmse-comb} or {@code nse}
     * @param lossAlpha          weight of the log-flow term of {@code rmse-comb}
     * @param optimizer          {@code adadelta} or {@code adam}
     * @param learningRate       learning rate
     * @param epochs             epochs
     * @param batchSize          basins per minibatch
     * @param iterationsPerEpoch iterations per epoch, 0 for the coverage formula
     * @param seed               random seed
     * @param threads            worker threads, 0 for all processors
     * @param checkpointEvery    epochs between checkpoints
     * @param earlyStopping      patience: stop after this many epochs without a better median validation NSE, and
     *                           evaluate the best epoch; 0 trains every epoch (the best epoch is still chosen when
     *                           there is a validation period)
     * @param strata             basin strata of the minibatch sampler: 1 (default) draws every sample's basin from
     *                           all training basins, as the paper does; N draws sample k from stratum k mod N
     *                           (training basins i with i mod N = k mod N), so every minibatch holds equal numbers
     *                           from each stratum. The strata are the partitions of data-parallel training on a
     *                           cluster with N partitions: the slices are then equal and no partition waits for
     *                           another (with random basins the largest of 2 slices is ~1.09 x an even share, of 16
     *                           ~1.8 x)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Training(String loss, Double lossAlpha, String optimizer, Double learningRate, Integer epochs,
            Integer batchSize, Integer iterationsPerEpoch, Long seed, Integer threads, Integer checkpointEvery,
            Integer earlyStopping, Integer strata) {
        /** Fills absent values from {@link ExperimentDefaults}. */
        public Training {
            loss = loss == null ? ExperimentDefaults.LOSS : loss;
            lossAlpha = lossAlpha == null ? ExperimentDefaults.LOSS_ALPHA : lossAlpha;
            optimizer = optimizer == null ? ExperimentDefaults.OPTIMIZER : optimizer;
            learningRate = learningRate == null ? ExperimentDefaults.LEARNING_RATE : learningRate;
            epochs = epochs == null ? ExperimentDefaults.EPOCHS : epochs;
            batchSize = batchSize == null ? ExperimentDefaults.BATCH_SIZE : batchSize;
            iterationsPerEpoch = iterationsPerEpoch == null ? ExperimentDefaults.ITERATIONS_PER_EPOCH
                    : iterationsPerEpoch;
            seed = seed == null ? ExperimentDefaults.SEED : seed;
            threads = threads == null ? ExperimentDefaults.THREADS : threads;
            checkpointEvery = checkpointEvery == null ? 1 : checkpointEvery;
            earlyStopping = earlyStopping == null ? 0 : earlyStopping;
            strata = strata == null ? 1 : strata;
        }

        /**
         * Options with the paper's sampler (as before {@code strata} existed).
         *
         * @param loss               loss
         * @param lossAlpha          log-flow weight
         * @param optimizer          optimiser
         * @param learningRate       learning rate
         * @param epochs             epochs
         * @param batchSize          basins per minibatch
         * @param iterationsPerEpoch iterations per epoch
         * @param seed               seed
         * @param threads            threads
         * @param checkpointEvery    epochs between checkpoints
         * @param earlyStopping      patience
         */
        public Training(String loss, Double lossAlpha, String optimizer, Double learningRate, Integer epochs,
                Integer batchSize, Integer iterationsPerEpoch, Long seed, Integer threads, Integer checkpointEvery,
                Integer earlyStopping) {
            this(loss, lossAlpha, optimizer, learningRate, epochs, batchSize, iterationsPerEpoch, seed, threads,
                    checkpointEvery, earlyStopping, null);
        }

        /**
         * @param n basin strata
         * @return these options with {@code strata} = n
         */
        public Training withStrata(int n) {
            return new Training(loss, lossAlpha, optimizer, learningRate, epochs, batchSize, iterationsPerEpoch, seed,
                    threads, checkpointEvery, earlyStopping, n);
        }

        /**
         * Options without early stopping (as before {@code earlyStopping} existed).
         *
         * @param loss               loss
         * @param lossAlpha          log-flow weight
         * @param optimizer          optimiser
         * @param learningRate       learning rate
         * @param epochs             epochs
         * @param batchSize          basins per minibatch
         * @param iterationsPerEpoch iterations per epoch
         * @param seed               seed
         * @param threads            threads
         * @param checkpointEvery    epochs between checkpoints
         */
        public Training(String loss, Double lossAlpha, String optimizer, Double learningRate, Integer epochs,
                Integer batchSize, Integer iterationsPerEpoch, Long seed, Integer threads, Integer checkpointEvery) {
            this(loss, lossAlpha, optimizer, learningRate, epochs, batchSize, iterationsPerEpoch, seed, threads,
                    checkpointEvery, null, null);
        }
    }

    /**
     * Checks every value and every combination.
     *
     * @return one readable message per problem, each naming its key; empty when the configuration is valid
     */
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        oneOf(errors, "model", model, ExperimentDefaults.MODELS);
        oneOf(errors, "network.type", network.type(), ExperimentDefaults.NETWORKS);
        oneOf(errors, "training.loss", training.loss(), ExperimentDefaults.LOSSES);
        oneOf(errors, "training.optimizer", training.optimizer(), ExperimentDefaults.OPTIMIZERS);
        ConfigBounds.check(this, errors);
        errors.addAll(ModelRegistry.validate(this));
        oneOf(errors, "holdout.type", holdout.type(), Holdout.TYPES);
        switch (holdout.type()) {
            case "pur" -> {
                if (holdout.regionAttribute() == null && holdout.regionLayer() == null) {
                    errors.add("holdout.type 'pur' needs holdout.regionAttribute (e.g. huc_02) or holdout.regionLayer");
                }
                if (holdout.regionAttribute() != null && holdout.regionLayer() != null) {
                    errors.add("holdout: give regionAttribute or regionLayer, not both");
                }
                if (holdout.regionLayer() != null && holdout.regionField() == null) {
                    errors.add("holdout.regionLayer needs holdout.regionField (the polygon attribute naming the region)");
                }
            }
            case "custom" -> {
                if (holdout.testBasins() == null || holdout.testBasins().isEmpty()) {
                    errors.add("holdout.type 'custom' needs holdout.testBasins (at least one basin id)");
                }
            }
            default -> { }
        }
        if (!"pub".equals(holdout.type()) && holdout.folds() != null) {
            errors.add("holdout.folds is used only by holdout.type 'pub', not '" + holdout.type() + "'");
        }
        if (training.earlyStopping() > 0 && validationPeriod == null) {
            errors.add("training.earlyStopping needs a validationPeriod to watch");
        }
        if (trainPeriod.warmupStart() != null) {
            errors.add("trainPeriod.warmupStart is not used: training windows warm up inside the training period "
                    + "(warmupDays); give warmupStart to validationPeriod or testPeriod");
        }
        for (Period p : new Period[] {validationPeriod, testPeriod}) {
            if (p != null && p.warmupStart() != null && p.warmupStart().isAfter(p.start())) {
                errors.add("warmupStart " + p.warmupStart() + " is after the period's start " + p.start());
            }
        }
        if (forcings.isEmpty()) {
            errors.add("forcings must name at least one input");
        }
        for (String f : forcings) {
            if (!FORCING_NAMES.contains(f == null ? "" : f.toLowerCase(java.util.Locale.ROOT))) {
                errors.add("forcings: unknown forcing '" + f + "'; known: " + FORCING_NAMES);
            }
        }
        if (validationPeriod != null && validationPeriod.overlaps(trainPeriod)) {
            errors.add("validationPeriod " + validationPeriod + " overlaps trainPeriod " + trainPeriod);
        }
        if (testPeriod.overlaps(trainPeriod)) {
            errors.add("testPeriod " + testPeriod + " overlaps trainPeriod " + trainPeriod);
        }
        if (trainPeriod.days() < warmupDays + windowDays) {
            errors.add("trainPeriod " + trainPeriod + " has " + trainPeriod.days() + " days, fewer than warmupDays + "
                    + "windowDays = " + (warmupDays + windowDays));
        }
        return errors;
    }

    private static void oneOf(List<String> errors, String key, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            errors.add(key + " must be one of " + allowed + ", was '" + value + "'");
        }
    }

}
