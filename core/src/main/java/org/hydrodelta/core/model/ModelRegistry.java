package org.hydrodelta.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hydrodelta.core.conceptual.ConceptualModel;
import org.hydrodelta.core.hbv.Hbv11pModel;
import org.hydrodelta.core.hbv.HbvConfig;
import org.hydrodelta.core.hbv.HbvModel;
import org.hydrodelta.core.hbv.HbvParameter;
import org.hydrodelta.core.loss.FlowLoss;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.project.ExperimentConfig;

/**
 * Every model the workbench can train, by the name an experiment's {@code model} key gives: the only place a
 * model is named. An entry says what the model is built from (a network, a conceptual model or both) and what it
 * can do; everything above (training, evaluation, the editor, the result views) asks the entry and the model's
 * specs instead of testing for classes or names.
 *
 * <p>A new conceptual model is one {@link ConceptualModel} class and one line in {@link #ENTRIES}.
 */
public final class ModelRegistry {
    /**
     * What a model is and can do.
     *
     * @param needsNetwork       reads network inputs (forcings and attributes); the {@code network.*} keys apply
     * @param learnedParameters  a network produces conceptual parameters (a δ model): parameters can be plotted
     *                           and their attribute sensitivities computed
     * @param conceptual         runs a conceptual model; the {@code hbv.*} keys apply
     * @param perBasin           one free parameter set per basin (calibration): no attributes, no transfer
     * @param dynamicParameters  parameters may vary by day; evaluation then runs from a cold start over the
     *                           record (spec §5.6)
     */
    public record Capabilities(boolean needsNetwork, boolean learnedParameters, boolean conceptual,
            boolean perBasin, boolean dynamicParameters) {
    }

    /** Builds a model from a validated configuration. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param c       the configuration (validated)
         * @param nIn     network inputs per day (forcings, then attributes)
         * @param nBasins basins in the training data
         * @param gemm    matrix engine
         * @param threads threads for the conceptual kernel
         * @return the model
         */
        HydroModel create(ExperimentConfig c, int nIn, int nBasins, Gemm gemm, int threads);
    }

    /**
     * One model.
     *
     * @param name         the {@code model} key's value
     * @param description  one line for the editor
     * @param capabilities what it is and can do
     * @param structure    the conceptual model a configuration describes (empty for pure networks)
     * @param factory      builds it
     * @param checks       combinations this model refuses, each message naming its key
     */
    public record Entry(String name, String description, Capabilities capabilities,
            Function<ExperimentConfig, Optional<ConceptualModel>> structure, Factory factory,
            Function<ExperimentConfig, List<String>> checks) {
    }

    private static final List<Entry> ENTRIES = List.of(
            delta("delta-hbv", "δ model: a network learns HBV 1.0 parameters (Feng et al. 2022)",
                    ModelRegistry::hbv10, c -> List.of()),
            delta("delta-hbv-1.1p", "δ model with HBV 1.1p: γ always on, capillary rise (Song et al. 2025)",
                    c -> new Hbv11pModel(c.hbv().dynamicParameters(), Math.max(1, c.hbv().components()),
                            c.hbv().routing()),
                    c -> c.hbv().etShape() ? List.of() : List.of("hbv.etShape must be true for model "
                            + c.model() + " (HBV 1.1p always uses the ET shape exponent γ)")),
            new Entry("lstm", "plain LSTM predicting streamflow (the paper's benchmark)",
                    new Capabilities(true, false, false, false, false), c -> Optional.empty(),
                    (c, nIn, nBasins, gemm, threads) -> new LstmModel(nIn, c.network().hiddenSize(),
                            c.network().dropout().floatValue(), c.training().seed(), gemm, loss(c), targetLoss(c)),
                    c -> List.of()),
            calibrated("calibrated-hbv", "HBV 1.0 calibrated per basin by gradient descent (no network)",
                    ModelRegistry::hbv10));

    /** {@code network.type} of the static-parameter MLP. */
    private static final String NETWORK_MLP = "mlp";

    private ModelRegistry() {
    }

    /** @return every entry, the default first */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** @return the model names, the default first */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        ENTRIES.forEach(e -> out.add(e.name()));
        return List.copyOf(out);
    }

    /** @return the default model's name */
    public static String defaultName() {
        return ENTRIES.get(0).name();
    }

    /**
     * @param name a model name
     * @return its entry
     */
    public static Optional<Entry> find(String name) {
        return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * @param name a model name
     * @return its entry
     * @throws IllegalArgumentException naming the known models if there is none
     */
    public static Entry get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("model must be one of " + names()
                + ", was '" + name + "'"));
    }

    /**
     * @param c a configuration
     * @return the conceptual model it describes, if its model has one
     */
    public static Optional<ConceptualModel> structure(ExperimentConfig c) {
        return get(c.model()).structure().apply(c);
    }

    /**
     * @param c       the configuration (validated)
     * @param nIn     network inputs per day
     * @param nBasins basins in the training data
     * @param gemm    matrix engine
     * @param threads threads for the conceptual kernel
     * @return the model
     */
    public static HydroModel create(ExperimentConfig c, int nIn, int nBasins, Gemm gemm, int threads) {
        return get(c.model()).factory().create(c, nIn, nBasins, gemm, threads);
    }

    /**
     * @param c a configuration
     * @return what its model outputs, discharge first (without building it)
     */
    public static List<org.hydrodelta.core.conceptual.OutputSpec> outputs(ExperimentConfig c) {
        return structure(c).map(ConceptualModel::outputs).orElse(List.of(HbvModel.DISCHARGE));
    }

    /**
     * @param c a configuration
     * @return the parameters its model learns or calibrates, with ranges and units; empty for pure networks
     */
    public static List<org.hydrodelta.core.conceptual.ParameterSpec> parameters(ExperimentConfig c) {
        return structure(c).map(ConceptualModel::parameters).orElse(List.of());
    }

    /**
     * @param c a configuration
     * @return the names of the parameters its conceptual model offers (for {@code hbv.dynamicParameters}); empty
     *         for pure networks
     */
    public static List<String> parameterNames(ExperimentConfig c) {
        ExperimentConfig noDynamic = new ExperimentConfig(c.model(), c.dataset(), c.basins(), c.trainPeriod(),
                c.validationPeriod(), c.testPeriod(), c.warmupDays(), c.windowDays(), c.forcings(), c.attributes(),
                new ExperimentConfig.Hbv(Math.max(1, c.hbv().components()), List.of(), c.hbv().etShape(), c.hbv().routing()),
                c.network(), c.training());
        List<String> out = new ArrayList<>();
        find(c.model()).flatMap(e -> e.structure().apply(noDynamic))
                .ifPresent(m -> m.parameters().forEach(p -> out.add(p.name())));
        return out;
    }

    /**
     * Checks the combinations a model cannot honour, each message naming its key.
     *
     * @param c a configuration whose {@code model} may be unknown (then nothing is said here)
     * @return the problems
     */
    public static List<String> validate(ExperimentConfig c) {
        List<String> errors = new ArrayList<>();
        Optional<Entry> e = find(c.model());
        if (e.isEmpty()) {
            return errors;
        }
        Capabilities caps = e.get().capabilities();
        errors.addAll(e.get().checks().apply(c));
        validateTargets(c, caps, errors);
        if (NETWORK_MLP.equals(c.network().type())) {
            if (!caps.learnedParameters()) {
                errors.add("network.type mlp: model " + c.model() + (caps.needsNetwork()
                        ? " predicts daily flow from daily forcings and needs network.type lstm"
                        : " has no network; leave network.type at lstm"));
            } else {
                if (!c.hbv().dynamicParameters().isEmpty()) {
                    errors.add("network.type mlp produces static parameters from the attributes only; "
                            + "hbv.dynamicParameters must be empty, was " + c.hbv().dynamicParameters());
                }
                if (c.attributes().isEmpty()) {
                    errors.add("network.type mlp reads the static attributes only; attributes must name at least one");
                }
                if (c.network().dropout() != 0) {
                    errors.add("network.dropout is the LSTM's DropConnect; the MLP has none, so network.dropout "
                            + "must be 0 with network.type mlp, was " + c.network().dropout());
                }
            }
        }
        if (caps.conceptual()) {
            List<String> allowed = parameterNames(c);
            for (String p : c.hbv().dynamicParameters()) {
                if (!allowed.contains(p)) {
                    errors.add("hbv.dynamicParameters: unknown parameter '" + p + "'"
                            + (p.equals(HbvParameter.BETAET.name()) && !c.hbv().etShape()
                                    ? " (BETAET needs hbv.etShape = true)" : "") + "; known: " + allowed);
                }
            }
            if (!caps.dynamicParameters() && !c.hbv().dynamicParameters().isEmpty()) {
                errors.add("hbv.dynamicParameters must be empty for model " + c.model()
                        + " (one parameter set per basin)");
            }
        }
        return errors;
    }

    /**
     * @return every parameter name any registered conceptual model can learn (in their richest variant), in
     *         order of first appearance: what an editor offers for {@code hbv.dynamicParameters}
     */
    public static List<String> allParameterNames() {
        List<String> out = new ArrayList<>();
        for (Entry e : ENTRIES) {
            ExperimentConfig c = new ExperimentConfig(e.name(), null, null, null, null, null, null, null, null, null,
                    new ExperimentConfig.Hbv(1, List.of(), true, true), null, null);
            for (String p : parameterNames(c)) {
                if (!out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return List.copyOf(out);
    }

    private static Entry delta(String name, String description,
            Function<ExperimentConfig, ConceptualModel> structure, Function<ExperimentConfig, List<String>> checks) {
        return new Entry(name, description, new Capabilities(true, true, true, false, true),
                c -> Optional.of(structure.apply(c)),
                (c, nIn, nBasins, gemm, threads) -> {
                    ConceptualModel m = structure.apply(c);
                    ParameterNetwork net = NETWORK_MLP.equals(c.network().type())
                            ? ParameterNetwork.mlp(nIn, c.forcings().size(), c.network().hiddenSize(), m.rowWidth(),
                                    c.training().seed(), gemm)
                            : ParameterNetwork.lstm(nIn, c.network().hiddenSize(), m.rowWidth(),
                                    c.network().dropout().floatValue(), c.training().seed(), gemm);
                    return new DeltaModel(m, net, c.training().batchSize(), c.warmupDays(), c.windowDays(), loss(c),
                            targetLoss(c), threads);
                }, checks);
    }

    private static Entry calibrated(String name, String description,
            Function<ExperimentConfig, ConceptualModel> structure) {
        return new Entry(name, description, new Capabilities(false, false, true, true, false),
                c -> Optional.of(structure.apply(c)),
                (c, nIn, nBasins, gemm, threads) -> new CalibratedHbvModel(structure.apply(c), nBasins,
                        c.training().batchSize(), c.warmupDays(), c.windowDays(), loss(c), targetLoss(c), threads),
                c -> List.of());
    }

    /**
     * The loss over an experiment's {@code targets}, or {@code null} when it has none (streamflow only with
     * {@code training.loss}: the models then run exactly as before targets existed).
     *
     * @param c a validated configuration
     * @return the loss, or null
     */
    public static org.hydrodelta.core.loss.TargetLoss targetLoss(ExperimentConfig c) {
        if (c.targets() == null) {
            return null;
        }
        List<org.hydrodelta.core.loss.TargetLoss.Term> terms = new ArrayList<>();
        for (ExperimentConfig.Target t : c.targets()) {
            terms.add(new org.hydrodelta.core.loss.TargetLoss.Term(t.observation(), outputNames(c, t),
                    org.hydrodelta.core.loss.TargetLoss.byName(lossName(c, t), c.training().lossAlpha()),
                    t.effectiveWeight(), "standardised".equals(t.effectiveNormalisation())));
        }
        return new org.hydrodelta.core.loss.TargetLoss(terms);
    }

    /**
     * @param c a configuration
     * @param t one of its targets
     * @return the loss name it uses (its own, else {@code training.loss} for flow and {@code rmse} otherwise)
     */
    public static String lossName(ExperimentConfig c, ExperimentConfig.Target t) {
        return t.loss() != null ? t.loss() : t.isFlow() ? c.training().loss() : "rmse";
    }

    /**
     * @param c a configuration
     * @param t one of its targets
     * @return the output names it reads (the discharge when a flow target names none)
     */
    public static List<String> outputNames(ExperimentConfig c, ExperimentConfig.Target t) {
        if (t.output() == null) {
            return List.of(outputs(c).get(0).name());
        }
        return org.hydrodelta.core.loss.TargetLoss.outputNames(t.output());
    }

    /**
     * @param c a configuration
     * @return the outputs a loss term may read for its model: the conceptual model's trainable outputs, or for a
     *         network without a conceptual model the discharge (auxiliary targets get heads of their own)
     */
    public static List<String> trainableOutputs(ExperimentConfig c) {
        try {
            return structure(c).map(ConceptualModel::trainableOutputs).orElse(List.of(HbvModel.DISCHARGE.name()));
        } catch (IllegalArgumentException e) {
            // an invalid hbv.* value (reported by its own check): the outputs do not depend on it
            ExperimentConfig plain = new ExperimentConfig(c.model(), null, null, null, null, null, null, null, null,
                    null, new ExperimentConfig.Hbv(1, List.of(), c.hbv().etShape(), c.hbv().routing()), null, null);
            return structure(plain).map(ConceptualModel::trainableOutputs).orElse(List.of(HbvModel.DISCHARGE.name()));
        }
    }

    /** Checks the {@code targets} key: values, and output names the model produces. */
    private static void validateTargets(ExperimentConfig c, Capabilities caps, List<String> errors) {
        if (c.targets() == null) {
            return;
        }
        if (c.targets().isEmpty()) {
            errors.add("targets must name at least one target (leave the key out to train on flow only)");
            return;
        }
        List<String> allowed = trainableOutputs(c);
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<String> heads = new java.util.HashSet<>();
        for (int i = 0; i < c.targets().size(); i++) {
            ExperimentConfig.Target t = c.targets().get(i);
            String key = "targets[" + (i + 1) + "]";
            if (t.observation().isBlank()) {
                errors.add(key + ".observation must name 'flow' or an auxiliary observation of the dataset");
                continue;
            }
            if (!seen.add(t.observation())) {
                errors.add(key + ".observation '" + t.observation() + "' is used by an earlier target already");
            }
            String loss = lossName(c, t);
            if (!org.hydrodelta.core.loss.TargetLoss.LOSSES.contains(loss)) {
                errors.add(key + ".loss must be one of " + org.hydrodelta.core.loss.TargetLoss.LOSSES + ", was '"
                        + loss + "'");
            }
            if (!(t.effectiveWeight() > 0) || Double.isInfinite(t.effectiveWeight())) {
                errors.add(key + ".weight must be a number > 0, was " + t.weight());
            }
            if (!org.hydrodelta.core.loss.TargetLoss.NORMALISATIONS.contains(t.effectiveNormalisation())) {
                errors.add(key + ".normalisation must be one of " + org.hydrodelta.core.loss.TargetLoss.NORMALISATIONS
                        + ", was '" + t.normalisation() + "'");
            } else if ("standardised".equals(t.effectiveNormalisation()) && !"rmse".equals(loss)) {
                errors.add(key + ".normalisation standardised goes with loss rmse (" + loss + " scales or is "
                        + "unit-free by itself)");
            }
            if (t.isFlow() && "standardised".equals(t.effectiveNormalisation())) {
                errors.add(key + ".normalisation: the flow target is not standardised (use loss nse for a "
                        + "per-basin scaling)");
            }
            if (t.output() == null) {
                if (!t.isFlow()) {
                    errors.add(key + ".output is required for observation '" + t.observation() + "'; outputs of "
                            + "model " + c.model() + " a loss can read: " + (caps.conceptual() ? allowed
                            : "a head name of your choice, e.g. SWE"));
                }
                continue;
            }
            for (String o : org.hydrodelta.core.loss.TargetLoss.outputNames(t.output())) {
                if (caps.conceptual()) {
                    if (!allowed.contains(o)) {
                        errors.add(key + ".output: model " + c.model() + " has no output '" + o + "' a loss can "
                                + "read; allowed: " + allowed);
                    }
                } else if (t.isFlow() ? !o.equals(HbvModel.DISCHARGE.name())
                        : !o.matches("[A-Z][A-Z0-9_]*") || o.equals(HbvModel.DISCHARGE.name())
                                || t.output().contains("+") || !heads.add(o)) {
                    errors.add(key + ".output '" + t.output() + "': model " + c.model() + " predicts "
                            + HbvModel.DISCHARGE.name() + " for flow and one extra head per auxiliary target, named"
                            + " by a single unique upper-case name other than " + HbvModel.DISCHARGE.name());
                }
            }
        }
        if (c.targets().stream().noneMatch(ExperimentConfig.Target::isFlow)) {
            errors.add("targets: one target must be observed streamflow (observation 'flow'); the others constrain "
                    + "the untrained outputs besides it");
        }
    }

    private static FlowLoss loss(ExperimentConfig c) {
        return FlowLoss.byName(c.training().loss(), c.training().lossAlpha());
    }

    /** HBV 1.0: 12 parameters without γ, 13 with; dynamic flags by name. */
    private static ConceptualModel hbv10(ExperimentConfig c) {
        int nParams = c.hbv().etShape() ? 13 : 12;
        boolean[] dynamic = new boolean[nParams];
        for (String name : c.hbv().dynamicParameters()) {
            dynamic[HbvParameter.valueOf(name).ordinal()] = true;
        }
        return new HbvModel(new HbvConfig(nParams, dynamic, c.hbv().components(), c.hbv().routing(), true));
    }
}
