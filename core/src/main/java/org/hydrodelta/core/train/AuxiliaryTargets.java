package org.hydrodelta.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.conceptual.OutputSpec;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.auxiliary.AuxiliaryObservations;
import org.hydrodelta.core.data.auxiliary.ObservationSpec;
import org.hydrodelta.core.eval.Metrics;
import org.hydrodelta.core.eval.Simulation;
import org.hydrodelta.core.model.ModelRegistry;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.ExperimentConfig;

/**
 * The auxiliary observations of a run (issue 18): loaded for the run's dataset, checked against its
 * {@code targets}, handed to the batches with their training-period standard deviations, and scored per basin at
 * evaluation ({@code <observation>_nse}, {@code _kge}, {@code _r}, {@code _bias} in {@code metrics.csv}).
 */
public final class AuxiliaryTargets {
    /** Metrics written per auxiliary observation, as column suffixes. */
    public static final List<String> METRICS = List.of("n_obs", "nse", "kge", "r", "bias");

    private final ExperimentConfig config;
    private final AuxiliaryObservations observations;

    private AuxiliaryTargets(ExperimentConfig config, AuxiliaryObservations observations) {
        this.config = config;
        this.observations = observations;
    }

    /**
     * Loads the dataset's declared observations and refuses targets that cannot be trained: an observation the
     * dataset does not declare (naming those it does), or one that no training basin observes in the training
     * period.
     *
     * @param config the run's configuration
     * @param data   its data
     * @return the observations
     * @throws IllegalArgumentException naming the target's key and the observation
     */
    public static AuxiliaryTargets load(ExperimentConfig config, ExperimentData data) {
        BasinDataset ds = data.dataset();
        List<ObservationSpec> specs;
        try {
            specs = ObservationSpec.fromOptions(data.datasetRef().options());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dataset '" + data.datasetRef().name() + "': " + e.getMessage(), e);
        }
        List<ExperimentConfig.Target> targets = config.targets() == null ? List.of() : config.targets();
        List<String> undeclared = undeclared(config, data.datasetRef());
        if (!undeclared.isEmpty()) {
            throw new IllegalArgumentException(undeclared.get(0));
        }
        AuxiliaryObservations obs = specs.isEmpty() ? AuxiliaryObservations.none(ds)
                : AuxiliaryObservations.load(specs, data.datasetRef().type(), data.datasetRef().path(),
                        data.datasetRef().forcing(), ds);
        int from = data.startIndex(config.trainPeriod());
        int to = data.endIndex(config.trainPeriod());
        for (int i = 0; i < targets.size(); i++) {
            ExperimentConfig.Target t = targets.get(i);
            if (t.isFlow()) {
                continue;
            }
            int observed = 0;
            for (int b = 0; b < ds.nBasins(); b++) {
                observed += obs.observedDays(t.observation(), b, from, to) > 0 ? 1 : 0;
            }
            if (observed == 0) {
                AuxiliaryObservations.Series s = obs.series().get(t.observation());
                throw new IllegalArgumentException("targets[" + (i + 1) + "].observation '" + t.observation()
                        + "' is missing for every training basin in trainPeriod " + config.trainPeriod()
                        + (s.missing().isEmpty() ? "" : " (" + s.missing().entrySet().iterator().next().getValue()
                                + (s.missing().size() > 1 ? ", and " + (s.missing().size() - 1) + " more" : "") + ")"));
            }
        }
        return new AuxiliaryTargets(config, obs);
    }

    /**
     * The check of {@link #load} that needs no data: every auxiliary target's observation must be one the dataset
     * declares. The experiment editor runs it as the form changes, so its messages are the trainer's.
     *
     * @param config a configuration
     * @param ref    the dataset its runs read
     * @return one message per target whose observation the dataset does not declare, naming the target's key, the
     *         observation and those declared; or one message when the dataset's declarations cannot be read; empty
     *         when every observation is declared
     */
    public static List<String> undeclared(ExperimentConfig config, DatasetRef ref) {
        List<String> errors = new ArrayList<>();
        if (config.targets() == null) {
            return errors;
        }
        List<String> declared;
        try {
            declared = ObservationSpec.fromOptions(ref.options()).stream().map(ObservationSpec::name).toList();
        } catch (IllegalArgumentException e) {
            errors.add("dataset '" + ref.name() + "': " + e.getMessage());
            return errors;
        }
        for (int i = 0; i < config.targets().size(); i++) {
            ExperimentConfig.Target t = config.targets().get(i);
            if (!t.isFlow() && !t.observation().isBlank() && !declared.contains(t.observation())) {
                errors.add("targets[" + (i + 1) + "].observation: dataset '" + ref.name() + "' declares no "
                        + "observation '" + t.observation() + "'; it declares " + (declared.isEmpty()
                        ? "none (add an option \"observation.<name>\": \"<source>\", sources "
                        + ObservationSpec.SOURCES + ")" : declared));
            }
        }
        return errors;
    }

    /** @return the loaded observations */
    public AuxiliaryObservations observations() {
        return observations;
    }

    /**
     * @param data the run's data
     * @return for each auxiliary target's observation, its training-period σ by basin row (what the batches carry)
     */
    public Map<String, float[]> trainingSd(ExperimentData data) {
        Map<String, float[]> out = new LinkedHashMap<>();
        if (config.targets() == null) {
            return out;
        }
        int from = data.startIndex(config.trainPeriod());
        int to = data.endIndex(config.trainPeriod());
        for (ExperimentConfig.Target t : config.targets()) {
            if (!t.isFlow()) {
                float[] sd = observations.standardDeviation(t.observation(), from, to);
                for (int b = 0; b < sd.length; b++) {
                    // a basin without observations in training has no σ; its windows carry no observation either
                    sd[b] = Float.isNaN(sd[b]) ? 0f : sd[b];
                }
                out.put(t.observation(), sd);
            }
        }
        return out;
    }

    /**
     * @return one line per series for the run record: source, unit, basins with values, basins without and why
     */
    public String describe() {
        List<String> parts = new ArrayList<>(observations.describe());
        observations.series().forEach((n, s) -> s.missing().forEach((id, why) -> parts.add(n + " missing for " + id
                + ": " + why)));
        return String.join("; ", parts);
    }

    /**
     * The output an observation is scored against: the target's output when a target reads it, else the model's
     * output for the observation's kind (snow water equivalent: snowpack plus its liquid water where the model has
     * both; ET; baseflow; soil moisture), or none.
     *
     * @param spec the observation
     * @param sim  a simulation of the run
     * @return the output names summed, or empty when the model has no such output
     */
    List<String> scoredOutputs(ObservationSpec spec, Simulation sim) {
        if (config.targets() != null) {
            for (ExperimentConfig.Target t : config.targets()) {
                if (t.observation().equals(spec.name())) {
                    return ModelRegistry.outputNames(config, t);
                }
            }
        }
        OutputSpec.Role role = switch (spec.kind()) {
            case "swe" -> OutputSpec.Role.SNOW;
            case "et" -> OutputSpec.Role.EVAPOTRANSPIRATION;
            case "baseflow" -> OutputSpec.Role.BASEFLOW;
            case "soil-moisture" -> OutputSpec.Role.SOIL_MOISTURE;
            default -> null;
        };
        if (role == null) {
            return List.of();
        }
        for (OutputSpec o : sim.specs()) {
            if (o.role() == role) {
                if (role == OutputSpec.Role.SNOW && sim.outputs().containsKey("MELTWATER")) {
                    return List.of(o.name(), "MELTWATER");
                }
                return List.of(o.name());
            }
        }
        return List.of();
    }

    /**
     * Adds {@code <observation>_<metric>} for every observation with an output to score against.
     *
     * @param sim     the simulation
     * @param ds      the dataset it ran on
     * @param metrics per basin, in the simulation's order (extended in place)
     */
    public void score(Simulation sim, BasinDataset ds, List<Map<String, Double>> metrics) {
        int first = ds.dayIndex(sim.start());
        for (AuxiliaryObservations.Series s : observations.series().values()) {
            List<String> outs = scoredOutputs(s.spec(), sim);
            if (outs.isEmpty() || !outs.stream().allMatch(sim.outputs()::containsKey)) {
                continue;
            }
            for (int k = 0; k < sim.basinIds().size(); k++) {
                int b = ds.basinIndex(sim.basinIds().get(k));
                float[] o = new float[sim.nDays()];
                float[] x = new float[sim.nDays()];
                int off = ds.offset(b);
                for (int d = 0; d < sim.nDays(); d++) {
                    int day = first + d;
                    o[d] = day >= 0 && day < ds.nDays() ? s.values()[off + day] : Float.NaN;
                    for (String name : outs) {
                        x[d] += sim.outputs().get(name)[k][d];
                    }
                }
                int n = 0;
                double so = 0;
                double ss = 0;
                for (int d = 0; d < o.length; d++) {
                    if (Float.isFinite(o[d]) && Float.isFinite(x[d])) {
                        n++;
                        so += o[d];
                        ss += x[d];
                    }
                }
                Map<String, Double> m = metrics.get(k);
                String p = s.spec().name() + "_";
                m.put(p + "n_obs", (double) n);
                m.put(p + "nse", Metrics.nse(x, o));
                m.put(p + "kge", Metrics.kge(x, o));
                m.put(p + "r", Metrics.pearsonR(x, o));
                m.put(p + "bias", n == 0 ? Double.NaN : (ss - so) / n);
            }
        }
    }
}
