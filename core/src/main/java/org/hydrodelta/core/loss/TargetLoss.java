package org.hydrodelta.core.loss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The training loss over several targets (issue 18): {@code L = Σ wᵢ·Lᵢ(simᵢ, obsᵢ)}, each term comparing one
 * model output (or the sum of several, e.g. {@code SNOWPACK+MELTWATER} for a snow water equivalent with its liquid
 * water) with one observation series, each with its own loss, weight, normalisation and NaN mask. The gradient of
 * every term goes to every output it reads, so the models back-propagate it exactly through their states and
 * fluxes.
 *
 * <p><b>Normalisation</b> (for variables of different meaning and magnitude): {@code none} compares values in the
 * observation's unit; {@code standardised} divides simulation and observation of each sample by its basin's
 * training-period standard deviation of the observation plus {@value #SD_EPS} (so a basin without snow, σ = 0, does
 * not blow the term up), which makes the terms of all basins and variables dimensionless and of order one (with the
 * {@code rmse} loss this is the RMSE of standardised anomalies: the basin mean cancels in the difference); the
 * {@code correlation} loss ({@code 1 − r}) is unit-free by itself and needs no normalisation, for a storage that
 * need only move like a product of another unit or meaning.
 */
public final class TargetLoss {
    /** Observation name of observed streamflow. */
    public static final String FLOW = "flow";
    /** Loss names a target may use. */
    public static final List<String> LOSSES = List.of("rmse-comb", "nse", "rmse", "correlation");
    /** Normalisation names. */
    public static final List<String> NORMALISATIONS = List.of("none", "standardised");
    /** Added to a basin's standard deviation by {@code standardised}. */
    public static final double SD_EPS = 0.1;

    /**
     * One term.
     *
     * @param observation   observation name ({@link #FLOW} or an auxiliary series of the dataset)
     * @param outputs       model outputs summed into the simulated series
     * @param loss          its loss
     * @param weight        its weight
     * @param standardised  whether values are divided by the basin's σ + ε
     */
    public record Term(String observation, List<String> outputs, FlowLoss loss, double weight,
            boolean standardised) {
        /** Copies. */
        public Term {
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * Observations of one term in a batch.
     *
     * @param values {@code [windowDay][sample]}, NaN for gaps
     * @param sd     per sample, its basin's training-period standard deviation (used by {@code standardised}), or
     *               {@code null}
     */
    public record Observed(float[] values, float[] sd) {
    }

    private final List<Term> terms;
    private float[][] scratch = new float[0][];

    /** @param terms the terms, at least one */
    public TargetLoss(List<Term> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a target loss needs at least one term");
        }
        this.terms = List.copyOf(terms);
    }

    /**
     * @param name  a loss name of {@link #LOSSES}
     * @param alpha weight of the log-flow term of {@code rmse-comb}
     * @return the loss
     */
    public static FlowLoss byName(String name, double alpha) {
        return switch (name) {
            case "rmse" -> new RmseLoss();
            case "correlation" -> new CorrelationLoss();
            default -> FlowLoss.byName(name, alpha);
        };
    }

    /**
     * @param output an output expression, names joined by {@code +}
     * @return the names
     */
    public static List<String> outputNames(String output) {
        List<String> out = new ArrayList<>();
        for (String s : output.split("\\+")) {
            out.add(s.trim().toUpperCase(Locale.ROOT));
        }
        return out;
    }

    /** @return the terms */
    public List<Term> terms() {
        return terms;
    }

    /** @return every output some term reads, in order of first use */
    public Set<String> outputs() {
        Set<String> s = new LinkedHashSet<>();
        terms.forEach(t -> s.addAll(t.outputs()));
        return s;
    }

    /** @return the auxiliary observations the terms read (not {@link #FLOW}) */
    public Set<String> auxiliaryObservations() {
        Set<String> s = new LinkedHashSet<>();
        terms.forEach(t -> {
            if (!FLOW.equals(t.observation())) {
                s.add(t.observation());
            }
        });
        return s;
    }

    /**
     * Evaluates every term and writes dL/d(output) for each output read.
     *
     * @param sims    simulated outputs by name, {@code [windowDay][sample]}
     * @param obs     observations by name ({@link #FLOW} included), {@code [windowDay][sample]}
     * @param grads   receives dL/d(output) by output name (arrays created or overwritten here)
     * @param samples samples of the batch
     * @return the weighted sum, with the count of every observation that entered it (0: no data anywhere, gradients
     *         all zero)
     */
    public LossResult evaluate(Map<String, float[]> sims, Map<String, Observed> obs, Map<String, float[]> grads,
            int samples) {
        int n = -1;
        for (String o : outputs()) {
            float[] s = sims.get(o);
            if (s == null) {
                throw new IllegalArgumentException("the model did not produce output " + o + " for the loss");
            }
            n = s.length;
            float[] g = grads.get(o);
            if (g == null || g.length != n) {
                g = new float[n];
                grads.put(o, g);
            } else {
                java.util.Arrays.fill(g, 0f);
            }
        }
        if (scratch.length != 3 || scratch[0].length != n) {
            scratch = new float[][] {new float[n], new float[n], new float[n]};
        }
        float[] sim = scratch[0];
        float[] gTerm = scratch[1];
        float[] ob = scratch[2];
        double total = 0;
        int count = 0;
        for (Term t : terms) {
            Observed o = obs.get(t.observation());
            if (o == null) {
                throw new IllegalArgumentException("the batch holds no observation '" + t.observation() + "'");
            }
            java.util.Arrays.fill(sim, 0f);
            for (String name : t.outputs()) {
                float[] s = sims.get(name);
                for (int i = 0; i < n; i++) {
                    sim[i] += s[i];
                }
            }
            float[] target = o.values();
            if (t.standardised()) {
                for (int i = 0; i < n; i++) {
                    float inv = (float) (1.0 / (o.sd()[i % samples] + SD_EPS));
                    sim[i] *= inv;
                    ob[i] = target[i] * inv;
                }
                target = ob;
            }
            LossResult r = t.loss().evaluate(sim, target, gTerm, samples);
            if (!r.hasData()) {
                continue;
            }
            total += t.weight() * r.value();
            count += r.count();
            for (int i = 0; i < n; i++) {
                float g = (float) (t.weight() * gTerm[i]);
                if (t.standardised()) {
                    g *= (float) (1.0 / (o.sd()[i % samples] + SD_EPS));
                }
                gTerm[i] = g;
            }
            for (String name : t.outputs()) {
                float[] g = grads.get(name);
                for (int i = 0; i < n; i++) {
                    g[i] += gTerm[i];
                }
            }
        }
        return new LossResult(count == 0 ? 0 : total, count);
    }

    /**
     * @param sims outputs by name
     * @param term a term
     * @return the simulated series of the term (sum of its outputs), a new array
     */
    public static float[] simulated(Map<String, float[]> sims, Term term) {
        float[] out = null;
        for (String name : term.outputs()) {
            float[] s = sims.get(name);
            if (out == null) {
                out = s.clone();
            } else {
                for (int i = 0; i < s.length; i++) {
                    out[i] += s[i];
                }
            }
        }
        return out;
    }

    /** @return a short description per term, e.g. {@code flow: Q_ROUTED rmse-comb ×1.0} */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Term t : terms) {
            m.put(t.observation(), String.join("+", t.outputs()) + " " + t.loss().getClass().getSimpleName() + " x"
                    + t.weight() + (t.standardised() ? " standardised" : ""));
        }
        return m;
    }
}
