package org.hydrodelta.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.hydrodelta.core.conceptual.OutputSpec;
import org.hydrodelta.core.hbv.SampleForcing;
import org.hydrodelta.core.nn.Parameter;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.hydrodelta.core.project.ExperimentConfig;
import org.junit.jupiter.api.Test;

/**
 * Every registered model is built from every configuration key that reaches the model builder, and each key is
 * shown to change what is built (its parameters, or one training step on real forcing), or to be refused by
 * validation; a key the model's capabilities say it does not read must change nothing. Every other key is listed
 * with the part of the workbench that reads it, so a new key fails here until it is classified. This is the test
 * that catches an option which is validated and saved but never read (as {@code network.type: mlp} once was).
 */
class ModelRegistryTest {
    private static final int WARMUP = 20;
    private static final int WINDOW = 30;
    private static final int SIZE = 2;
    private static final int N_BASINS = 3;

    /** A key the builder reads, how to change it, and for which models it applies. */
    private record Mutation(String key, UnaryOperator<ExperimentConfig> change,
            Predicate<ModelRegistry.Capabilities> applies) {
    }

    /** Keys read elsewhere, never by the model builder. */
    private static final Map<String, String> READ_ELSEWHERE = Map.ofEntries(
            Map.entry("dataset", "ExperimentData (which dataset is loaded)"),
            Map.entry("basins", "ExperimentData (which basins are loaded)"),
            Map.entry("trainPeriod", "ExperimentRunner, NormalizationStats, MinibatchSampler"),
            Map.entry("validationPeriod", "ExperimentRunner (validation NSE)"),
            Map.entry("testPeriod", "ExperimentRunner.evaluate"),
            Map.entry("training.optimizer", "ExperimentRunner (Adadelta or Adam)"),
            Map.entry("training.learningRate", "ExperimentRunner (optimizer)"),
            Map.entry("training.epochs", "Trainer"),
            Map.entry("training.iterationsPerEpoch", "Trainer"),
            Map.entry("training.threads", "ExperimentRunner (worker pool; passed to the builder as threads)"),
            Map.entry("training.checkpointEvery", "Trainer"),
            Map.entry("training.strata", "MinibatchSampler (equal samples per basin stratum: MinibatchSamplerTest)"),
            Map.entry("training.earlyStopping", "Trainer (patience) and ExperimentRunner.evaluate (best epoch)"),
            // a group of runs: which basins each run trains on and how many runs, never the model itself
            Map.entry("holdout.type", "HoldoutPlan (the folds of a spatial holdout group)"),
            Map.entry("holdout.folds", "HoldoutPlan (number of PUB folds)"),
            Map.entry("holdout.seed", "HoldoutPlan (shuffle of the PUB folds)"),
            Map.entry("holdout.regionAttribute", "HoldoutPlan (PUR regions from an attribute)"),
            Map.entry("holdout.regionLayer", "HoldoutPlan (PUR regions from a polygon layer)"),
            Map.entry("holdout.regionField", "HoldoutPlan (PUR region field of that layer)"),
            Map.entry("holdout.testBasins", "HoldoutPlan (custom held-out basins)"),
            Map.entry("ensemble.members", "GroupRunner (one run per member, derived seeds)"));

    private static ExperimentConfig base(String model) {
        return new ExperimentConfig(model, null, null, null, null, null, WARMUP, WINDOW, List.of("prcp", "tmean",
                "pet"), List.of("area", "elev_mean"), new ExperimentConfig.Hbv(2, List.of(), true, true),
                new ExperimentConfig.Network("lstm", 8, 0.0), new ExperimentConfig.Training("rmse-comb", 0.25, null,
                        null, null, SIZE, null, 7L, 1, null));
    }

    private static ExperimentConfig with(ExperimentConfig c, ExperimentConfig.Hbv h, ExperimentConfig.Network n,
            ExperimentConfig.Training t) {
        return new ExperimentConfig(c.model(), c.dataset(), c.basins(), c.trainPeriod(), c.validationPeriod(),
                c.testPeriod(), c.warmupDays(), c.windowDays(), c.forcings(), c.attributes(), h, n, t);
    }

    private static ExperimentConfig hbv(ExperimentConfig c, Integer comp, List<String> dyn, Boolean et, Boolean r) {
        ExperimentConfig.Hbv h = c.hbv();
        return with(c, new ExperimentConfig.Hbv(comp != null ? comp : h.components(),
                dyn != null ? dyn : h.dynamicParameters(), et != null ? et : h.etShape(),
                r != null ? r : h.routing()), c.network(), c.training());
    }

    private static ExperimentConfig net(ExperimentConfig c, String type, Integer hidden, Double dropout) {
        ExperimentConfig.Network n = c.network();
        return with(c, c.hbv(), new ExperimentConfig.Network(type != null ? type : n.type(),
                hidden != null ? hidden : n.hiddenSize(), dropout != null ? dropout : n.dropout()), c.training());
    }

    private static ExperimentConfig train(ExperimentConfig c, String loss, Double alpha, Integer batch, Long seed) {
        ExperimentConfig.Training t = c.training();
        return with(c, c.hbv(), c.network(), new ExperimentConfig.Training(loss != null ? loss : t.loss(),
                alpha != null ? alpha : t.lossAlpha(), t.optimizer(), t.learningRate(), t.epochs(),
                batch != null ? batch : t.batchSize(), t.iterationsPerEpoch(), seed != null ? seed : t.seed(),
                t.threads(), t.checkpointEvery()));
    }

    private static ExperimentConfig top(ExperimentConfig c, Integer warmup, Integer window, List<String> forcings,
            List<String> attributes) {
        return new ExperimentConfig(c.model(), c.dataset(), c.basins(), c.trainPeriod(), c.validationPeriod(),
                c.testPeriod(), warmup != null ? warmup : c.warmupDays(), window != null ? window : c.windowDays(),
                forcings != null ? forcings : c.forcings(), attributes != null ? attributes : c.attributes(),
                c.hbv(), c.network(), c.training());
    }

    private static final List<Mutation> MUTATIONS = List.of(
            new Mutation("warmupDays", c -> top(c, WARMUP + 5, null, null, null), k -> k.conceptual()),
            new Mutation("windowDays", c -> top(c, null, WINDOW - 5, null, null), k -> k.conceptual()),
            new Mutation("forcings", c -> top(c, null, null, List.of("prcp", "tmean"), null), k -> k.needsNetwork()),
            new Mutation("attributes", c -> top(c, null, null, null, List.of("area")), k -> k.needsNetwork()),
            new Mutation("hbv.components", c -> hbv(c, 3, null, null, null), k -> k.conceptual()),
            new Mutation("hbv.dynamicParameters", c -> hbv(c, null, List.of("BETA"), null, null),
                    k -> k.conceptual()),
            new Mutation("hbv.etShape", c -> hbv(c, null, null, false, null), k -> k.conceptual()),
            new Mutation("hbv.routing", c -> hbv(c, null, null, null, false), k -> k.conceptual()),
            new Mutation("network.type", c -> net(c, "mlp", null, null), k -> k.needsNetwork()),
            new Mutation("network.hiddenSize", c -> net(c, null, 6, null), k -> k.needsNetwork()),
            new Mutation("network.dropout", c -> net(c, null, null, 0.3), k -> k.needsNetwork()),
            new Mutation("training.loss", c -> train(c, "nse", null, null, null), k -> true),
            new Mutation("training.lossAlpha", c -> train(c, null, 0.6, null, null), k -> true),
            new Mutation("training.batchSize", c -> train(c, null, null, SIZE + 1, null), k -> k.conceptual()),
            new Mutation("training.seed", c -> train(c, null, null, null, 8L), k -> k.needsNetwork()),
            // a flow target of weight 0.5 halves loss and gradients; auxiliary targets: TargetTrainingTest
            new Mutation("targets", c -> c.withTargets(List.of(new ExperimentConfig.Target(null, "flow", null, 0.5,
                    null))), k -> true));

    @Test
    void everyConfigurationKeyIsEitherReadByTheBuilderOrNamedWithItsReader() {
        List<String> keys = new ArrayList<>();
        for (RecordComponent rc : ExperimentConfig.class.getRecordComponents()) {
            Class<?> t = rc.getType();
            if (t.isRecord() && t.getEnclosingClass() == ExperimentConfig.class) {
                for (RecordComponent inner : t.getRecordComponents()) {
                    keys.add(rc.getName() + "." + inner.getName());
                }
            } else {
                keys.add(rc.getName());
            }
        }
        List<String> classified = new ArrayList<>(READ_ELSEWHERE.keySet());
        classified.add("model");
        MUTATIONS.forEach(m -> classified.add(m.key()));
        assertThat(classified).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void everyKeyChangesWhatIsBuiltOrIsRefused() throws Exception {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        try (WorkerPool pool = new WorkerPool(1)) {
            Batch batch = realBatch(base(ModelRegistry.defaultName()));
            for (ModelRegistry.Entry e : ModelRegistry.entries()) {
                ExperimentConfig base = base(e.name());
                assertThat(base.validate()).as(e.name()).isEmpty();
                String before = fingerprint(base, batch, pool);
                fingerprints.put(e.name(), before);
                for (Mutation m : MUTATIONS) {
                    ExperimentConfig changed = m.change().apply(base);
                    List<String> errors = changed.validate();
                    boolean applies = m.applies().test(e.capabilities());
                    if (!errors.isEmpty()) {
                        // refused: the message names the key
                        assertThat(String.join("; ", errors)).as(e.name() + " " + m.key())
                                .contains(m.key().substring(m.key().indexOf('.') + 1));
                        continue;
                    }
                    String after = fingerprint(changed, batch, pool);
                    if (applies) {
                        assertThat(after).as(e.name() + ": " + m.key() + " changes what is built").isNotEqualTo(before);
                    } else {
                        assertThat(after).as(e.name() + ": " + m.key() + " is not read by this model")
                                .isEqualTo(before);
                    }
                }
            }
        }
        assertThat(new java.util.HashSet<>(fingerprints.values())).as("models differ").hasSize(fingerprints.size());
    }

    @Test
    void theMlpIsAStaticParameterNetworkOnTheAttributes() throws Exception {
        ExperimentConfig c = net(base(ModelRegistry.defaultName()), "mlp", null, null);
        assertThat(c.validate()).isEmpty();
        try (WorkerPool pool = new WorkerPool(1);
                HydroModel m = ModelRegistry.create(c, 5, N_BASINS, new Gemm(pool), 1)) {
            assertThat(m.parameters()).extracting(Parameter::name).allMatch(n -> n.startsWith("mlp."));
            // 2 attributes in, rowWidth out
            assertThat(m.parameters().get(0).size()).isEqualTo(8 * 2);
            assertThat(m.parameterNetwork()).isEmpty();
            Batch b = realBatch(c);
            assertThat(m.trainStep(b).count()).isPositive();
            // static: a learned parameter is the same every day of the window
            float[] beta = m.simulate(b, b.warmup() + b.window() - 1).get(LearnedParameters.PREFIX + "BETA");
            for (int d = 1; d < b.window(); d++) {
                assertThat(beta[d * SIZE]).isEqualTo(beta[0]);
            }
        }
        ExperimentConfig dynamic = hbv(c, null, List.of("BETA"), null, null);
        assertThat(String.join("; ", dynamic.validate())).contains("network.type mlp")
                .contains("hbv.dynamicParameters");
        ExperimentConfig lstm = net(base("lstm"), "mlp", null, null);
        assertThat(String.join("; ", lstm.validate())).contains("network.type mlp");
    }

    @Test
    void everyModelNamesExactlyOneDischarge() throws Exception {
        try (WorkerPool pool = new WorkerPool(1)) {
            for (ModelRegistry.Entry e : ModelRegistry.entries()) {
                try (HydroModel m = ModelRegistry.create(base(e.name()), 5, N_BASINS, new Gemm(pool), 1)) {
                    assertThat(m.outputs().stream().filter(o -> o.role() == OutputSpec.Role.DISCHARGE))
                            .as(e.name()).hasSize(1);
                    assertThat(m.conceptual().isPresent()).isEqualTo(e.capabilities().conceptual());
                    assertThat(m.parameterNetwork().isPresent()).isEqualTo(e.capabilities().learnedParameters());
                }
            }
        }
    }

    /** Parameters (names, shapes, values) and one training step's loss and gradients, or why the step failed. */
    private static String fingerprint(ExperimentConfig c, Batch b, WorkerPool pool) {
        int nIn = c.forcings().size() + c.attributes().size();
        StringBuilder sb = new StringBuilder();
        try (HydroModel m = ModelRegistry.create(c, nIn, N_BASINS, new Gemm(pool), 1)) {
            for (Parameter p : m.parameters()) {
                sb.append(p.name()).append(p.size()).append(Arrays.hashCode(p.value())).append(';');
            }
            m.conceptual().ifPresent(s -> sb.append(s.parameters()).append(s.rowWidth()));
            try {
                HydroModel.LossValue v = m.trainStep(b);
                sb.append(" loss ").append(v.value()).append(' ').append(v.count());
                for (Parameter p : m.parameters()) {
                    sb.append(Arrays.hashCode(p.grad()));
                }
            } catch (IllegalArgumentException e) {
                sb.append(" refuses the base batch: ").append(e.getMessage());
            }
        }
        return sb.toString();
    }

    /** Two windows of real Daymet forcing and flow of 01031500; inputs are the forcings and two constants. */
    static Batch realBatch(ExperimentConfig c) throws Exception {
        List<double[]> rows = new SampleForcing().rows;
        int days = c.warmupDays() + c.windowDays();
        int nIn = c.forcings().size() + c.attributes().size();
        float[] input = new float[days * SIZE * nIn];
        float[] forcing = new float[days * SIZE * 3];
        float[] obs = new float[c.windowDays() * SIZE];
        int[] start = {3000, 5200};
        for (int d = 0; d < days; d++) {
            for (int k = 0; k < SIZE; k++) {
                double[] r = rows.get(start[k] + d);
                int f = (d * SIZE + k) * 3;
                forcing[f] = (float) r[3];
                forcing[f + 1] = (float) r[4];
                forcing[f + 2] = (float) r[5];
                int x = (d * SIZE + k) * nIn;
                for (int j = 0; j < nIn; j++) {
                    input[x + j] = j < c.forcings().size() ? (float) (r[3 + j] / 10) : 0.3f * (k + 1) - 0.2f * j;
                }
                if (d >= c.warmupDays()) {
                    obs[(d - c.warmupDays()) * SIZE + k] = (float) r[6];
                }
            }
        }
        return new Batch(SIZE, c.warmupDays(), c.windowDays(), new int[] {0, 2}, input, forcing, obs);
    }
}
