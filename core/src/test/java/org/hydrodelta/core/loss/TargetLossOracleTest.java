package org.hydrodelta.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.hydrodelta.core.data.TestData;
import org.hydrodelta.core.data.auxiliary.BaseflowFilter;
import org.hydrodelta.core.data.camels.CamelsModelOutputReader;
import org.hydrodelta.core.data.camels.CamelsStreamflow;
import org.hydrodelta.core.data.camels.CamelsStreamflowReader;
import org.hydrodelta.core.data.csv.DailyTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link TargetLoss} against an independent oracle: the same loss written from its definition as an ND4J SameDiff
 * graph in double precision, differentiated automatically. Value, count and dL/d(output) for every simulated output
 * must agree, for
 * <ul>
 * <li>each loss kind ({@code rmse-comb}, {@code nse}, {@code rmse}, {@code correlation}) on its own, with and without
 * {@code standardised};</li>
 * <li>combinations of three targets with different weights (flow, Lyne–Hollick baseflow, snow water equivalent),
 * every auxiliary loss kind, an output shared by two terms ({@code Q2}) and terms summing outputs
 * ({@code Q0+Q1+Q2}, {@code SNOWPACK+MELTWATER}).</li>
 * </ul>
 * The definitions the oracle is written from (not from TargetLoss's code): {@code L = Σ wᵢ·Lᵢ}; {@code standardised}
 * divides simulation and observation of a sample by its basin's σ + {@link TargetLoss#SD_EPS}; rmse-comb is spec §5.3
 * ({@code (1−α)·RMSE(q) + α·RMSE(log10(√(q + 1e-6) + 0.1))}, pooled over observed pairs); rmse is the pooled RMSE;
 * nse is NSE* of Kratzert et al. (2019) as NeuralHydrology computes it (squared errors weighted by
 * {@code 1/(σₖ + 0.1)²}, averaged over all observed pairs), with σₖ, per {@link NseLoss}, the standard deviation of
 * sample k's observations over its window; NeuralHydrology takes it with {@code np.nanstd}, i.e. the population
 * standard deviation, which the oracle uses too; correlation is the mean of {@code 1 − r} over the samples with at least
 * {@link CorrelationLoss#MIN_DAYS} observed days and non-constant observation and simulation. A term or sample
 * without observations contributes nothing.
 *
 * <p>Real data: observed streamflow of 01022500 (whose record ends with 92 missing days, October to December 2014) and
 * 01013500 from the camels-regions sample, in mm/d; the simulation is a lagged, smoothed and modulated copy (gaps
 * filled from the year before). The baseflow target is the Lyne–Hollick filter of the observed flow (NaN in its gaps),
 * its simulation the filter of the simulated flow; the SWE target is the CAMELS benchmark (Snow-17) SWE of 01031500.
 * The three samples of a batch are: 01022500 from 2014-09-01 (30 observed days, then gaps), 01022500 from 2014-10-01
 * (no flow observation at all: an all-NaN sample), 01013500 from 2013-01-15 (winter and melt, complete).
 */
class TargetLossOracleTest {
    private static final int DAYS = 90;
    private static final int SAMPLES = 3;
    private static final double ALPHA = 0.25;
    /** The training period over which each basin's σ for {@code standardised} is taken. */
    private static final LocalDate SD_FROM = LocalDate.of(1995, 10, 1);
    private static final LocalDate SD_TO = LocalDate.of(2005, 9, 30);

    /*
     * Tolerances. The oracle runs in double on the float inputs widened exactly, so it is the exact loss of the data
     * TargetLoss sees. TargetLoss keeps its sums in double but takes float inputs, writes float gradients and may
     * divide simulation and observation by σ + ε in float before taking their difference: where the two nearly
     * cancel, a gradient element inherits a float ulp (6e-8) of the values divided by the small residual. Measured
     * worst cases on these data: value 2.3e-8 relative; a gradient element 4.5e-5 of itself (standardised terms) and
     * 1.4e-6 of the largest element of its output. Tolerances: value 1e-6 relative; gradient 1e-4 of the element plus
     * 1e-5 of the largest element of that output (near-zero entries are held to the scale of the gradient, not to
     * their own). That leaves a margin of 2 to 40 over float rounding and stays 100 times below any modelling error:
     * a sample instead of a population σ in NSE* shifts gradients by 1 to 3 % (n = 30 to 90), a lost weight, σ or
     * sign by 100 % or more.
     */
    private static final double VALUE_REL = 1e-6;
    private static final double GRAD_REL = 1e-4;
    private static final double GRAD_SCALE = 1e-5;

    private static final Map<String, float[]> SIMS = new LinkedHashMap<>();
    private static final Map<String, TargetLoss.Observed> OBS = new HashMap<>();

    /** A term as the oracle reads it. */
    private record Spec(String observation, List<String> outputs, String loss, double weight, boolean standardised) {
        TargetLoss.Term term() {
            return new TargetLoss.Term(observation, outputs, TargetLoss.byName(loss, ALPHA), weight, standardised);
        }
    }

    /** One basin's full daily record, from {@code start}. */
    private record Record(LocalDate start, float[] obs, float[] sim, float[] bfObs, float[] bfSim, float sd,
            float bfSd) {
    }

    private static Record basin(String file, double areaKm2) {
        CamelsStreamflow s = new CamelsStreamflowReader().read(TestData.camelsRegions().resolve("usgs_streamflow/"
                + file));
        float[] obs = s.flowMmPerDay(areaKm2);
        int n = obs.length;
        float[] filled = obs.clone();
        for (int t = 0; t < n; t++) {
            for (int back = 365; Float.isNaN(filled[t]) && t - back >= 0; back += 365) {
                filled[t] = obs[t - back];
            }
        }
        float[] sim = new float[n];
        for (int t = 0; t < n; t++) {
            double lagged = 0.75 * filled[Math.max(0, t - 1)] + 0.25 * filled[Math.min(n - 1, t + 1)];
            sim[t] = (float) (lagged * (1 + 0.2 * Math.sin(2 * Math.PI * t / 23.0)) + 0.05);
        }
        float[] bfObs = BaseflowFilter.baseflow(obs, BaseflowFilter.DEFAULT_ALPHA);
        float[] bfSim = BaseflowFilter.baseflow(sim, BaseflowFilter.DEFAULT_ALPHA);
        int from = (int) (SD_FROM.toEpochDay() - s.start().toEpochDay());
        int to = (int) (SD_TO.toEpochDay() - s.start().toEpochDay()) + 1;
        return new Record(s.start(), obs, sim, bfObs, bfSim, populationSd(obs, from, to), populationSd(bfObs, from,
                to));
    }

    private static float populationSd(float[] x, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Float.isNaN(x[i])) {
                sum += x[i];
                n++;
            }
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = from; i < to; i++) {
            if (!Float.isNaN(x[i])) {
                ss += (x[i] - mean) * (x[i] - mean);
            }
        }
        return (float) Math.sqrt(ss / n);
    }

    /** Copies a window of each sample into the {@code [day][sample]} layout. */
    private static float[] window(float[][] series, int[] offsets) {
        float[] out = new float[DAYS * SAMPLES];
        for (int d = 0; d < DAYS; d++) {
            for (int k = 0; k < SAMPLES; k++) {
                out[d * SAMPLES + k] = series[k][offsets[k] + d];
            }
        }
        return out;
    }

    @BeforeAll
    static void load() {
        // areas (km², area_gages2) from camels_topo.txt
        Record a = basin("01/01022500_streamflow_qc.txt", 573.6);
        Record b = basin("01/01013500_streamflow_qc.txt", 2252.7);
        Record[] rec = {a, a, b};
        LocalDate[] first = {LocalDate.of(2014, 9, 1), LocalDate.of(2014, 10, 1), LocalDate.of(2013, 1, 15)};
        int[] off = new int[SAMPLES];
        for (int k = 0; k < SAMPLES; k++) {
            off[k] = (int) (first[k].toEpochDay() - rec[k].start().toEpochDay());
        }
        float[] q = window(new float[][] {a.sim(), a.sim(), b.sim()}, off);
        float[] bf = window(new float[][] {a.bfSim(), a.bfSim(), b.bfSim()}, off);
        float[] q0 = new float[q.length];
        float[] q1 = new float[q.length];
        float[] q2 = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            q2[i] = 1.1f * bf[i];
            q1[i] = 0.6f * (q[i] - bf[i]);
            q0[i] = 0.4f * (q[i] - bf[i]);
        }
        SIMS.put("Q_ROUTED", q);
        SIMS.put("Q0", q0);
        SIMS.put("Q1", q1);
        SIMS.put("Q2", q2);
        OBS.put("flow", new TargetLoss.Observed(window(new float[][] {a.obs(), a.obs(), b.obs()}, off),
                new float[] {a.sd(), a.sd(), b.sd()}));
        OBS.put("baseflow", new TargetLoss.Observed(window(new float[][] {a.bfObs(), a.bfObs(), b.bfObs()}, off),
                new float[] {a.bfSd(), a.bfSd(), b.bfSd()}));

        DailyTable bench = new CamelsModelOutputReader().read(TestData.piscataquis().resolve(
                "benchmark_model_output/flow_timeseries/daymet/01/01031500_05_model_output.txt"));
        float[] swe = bench.columns().get("SWE");
        int sweFrom = (int) (SD_FROM.toEpochDay() - bench.start().toEpochDay());
        float sweSd = populationSd(swe, sweFrom, sweFrom + (int) (SD_TO.toEpochDay() - SD_FROM.toEpochDay()) + 1);
        float[] snowpack = new float[swe.length];
        float[] meltwater = new float[swe.length];
        for (int t = 0; t < swe.length; t++) {
            snowpack[t] = (float) (0.85 * swe[Math.max(0, t - 4)] * (1 + 0.1 * Math.sin(2 * Math.PI * t / 19.0)));
            meltwater[t] = (float) (0.05 * swe[t] + (swe[t] > 0 ? 0.3 * (1 + Math.sin(2 * Math.PI * t / 11.0)) : 0));
        }
        int[] sweOff = new int[SAMPLES];
        for (int k = 0; k < SAMPLES; k++) {
            sweOff[k] = (int) (first[k].toEpochDay() - bench.start().toEpochDay());
        }
        SIMS.put("SNOWPACK", window(new float[][] {snowpack, snowpack, snowpack}, sweOff));
        SIMS.put("MELTWATER", window(new float[][] {meltwater, meltwater, meltwater}, sweOff));
        float[] sweObs = window(new float[][] {swe, swe, swe}, sweOff);
        for (int d = 0; d < DAYS; d++) {
            sweObs[d * SAMPLES] = Float.NaN; // no SWE observed for sample 0 (which has flow): all-NaN in this term
        }
        OBS.put("swe", new TargetLoss.Observed(sweObs, new float[] {sweSd, sweSd, sweSd}));
    }

    @Test
    void theDataHaveTheGapsTheTestIsAbout() {
        float[] q = OBS.get("flow").values();
        int[] observed = new int[SAMPLES];
        for (int i = 0; i < q.length; i++) {
            observed[i % SAMPLES] += Float.isNaN(q[i]) ? 0 : 1;
        }
        assertThat(observed).containsExactly(30, 0, DAYS);
        float[] swe = OBS.get("swe").values();
        assertThat(swe[SAMPLES + 1]).isNotNaN();
        double maxSwe = 0;
        for (float v : swe) {
            maxSwe = Float.isNaN(v) ? maxSwe : Math.max(maxSwe, v);
        }
        assertThat(maxSwe).as("winter SWE in the batch, mm").isGreaterThan(50);
        for (float[] s : SIMS.values()) {
            for (float v : s) {
                assertThat(v).isFinite().isGreaterThanOrEqualTo(0f);
            }
        }
    }

    @Test
    void eachLossKindWithAndWithoutStandardisationMatchesTheOracle() {
        for (String loss : TargetLoss.LOSSES) {
            for (boolean standardised : List.of(false, true)) {
                compare(loss + (standardised ? " standardised" : ""), List.of(new Spec("flow", List.of("Q_ROUTED"),
                        loss, 0.7, standardised)));
            }
        }
    }

    @Test
    void threeWeightedTargetsWithSharedAndSummedOutputsMatchTheOracle() {
        for (int i = 0; i < TargetLoss.LOSSES.size(); i++) {
            String aux = TargetLoss.LOSSES.get(i);
            String swe = TargetLoss.LOSSES.get((i + 1) % TargetLoss.LOSSES.size());
            compare("baseflow " + aux + ", swe " + swe, List.of(
                    new Spec("flow", List.of("Q0", "Q1", "Q2"), "rmse-comb", 1.0, false),
                    new Spec("baseflow", List.of("Q2"), aux, 0.3, true),
                    new Spec("swe", List.of("SNOWPACK", "MELTWATER"), swe, 0.05, i % 2 == 0)));
        }
        compare("two targets", List.of(new Spec("flow", List.of("Q_ROUTED"), "nse", 2.0, true),
                new Spec("swe", List.of("SNOWPACK"), "rmse", 0.4, false)));
    }

    /** Evaluates TargetLoss and the oracle on the shared data and asserts value, count and every gradient. */
    private static void compare(String what, List<Spec> specs) {
        TargetLoss loss = new TargetLoss(specs.stream().map(Spec::term).toList());
        Map<String, float[]> sims = new HashMap<>();
        SIMS.forEach((k, v) -> sims.put(k, v.clone()));
        Map<String, float[]> grads = new HashMap<>();
        LossResult ours = loss.evaluate(sims, OBS, grads, SAMPLES);
        Oracle ref = oracle(specs);

        assertThat(ours.count()).as("%s: count", what).isEqualTo(ref.count());
        assertThat(ours.value()).as("%s: value", what).isCloseTo(ref.value(),
                Offset.offset(VALUE_REL * Math.abs(ref.value()) + 1e-9));
        int nonZero = 0;
        for (String out : ref.grads().keySet()) {
            double[] g = ref.grads().get(out);
            float[] mine = grads.get(out);
            assertThat(mine).as("%s: gradient of %s", what, out).isNotNull().hasSize(g.length);
            double scale = 0;
            for (double v : g) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < g.length; i++) {
                assertThat((double) mine[i]).as("%s: dL/d%s[day %d, sample %d]", what, out, i / SAMPLES, i % SAMPLES)
                        .isCloseTo(g[i], Offset.offset(GRAD_REL * Math.abs(g[i]) + GRAD_SCALE * scale + 1e-12));
                nonZero += g[i] != 0 ? 1 : 0;
            }
        }
        assertThat(nonZero).as("%s: non-zero gradient entries compared", what).isGreaterThan(DAYS);
    }

    private record Oracle(double value, int count, Map<String, double[]> grads) {
    }

    /**
     * The loss of the specs written from its definition as a SameDiff graph in double, on the shared data; its value,
     * the number of observations that entered it and the autodiff gradient with respect to every output read.
     */
    private static Oracle oracle(List<Spec> specs) {
        SameDiff sd = SameDiff.create();
        Set<String> names = new LinkedHashSet<>();
        specs.forEach(s -> names.addAll(s.outputs()));
        Map<String, SDVariable> vars = new LinkedHashMap<>();
        for (String n : names) {
            vars.put(n, sd.var(n, matrix(SIMS.get(n))));
        }
        SDVariable total = null;
        int count = 0;
        for (Spec spec : specs) {
            SDVariable s = null;
            for (String n : spec.outputs()) {
                s = s == null ? vars.get(n) : s.add(vars.get(n));
            }
            TargetLoss.Observed observed = OBS.get(spec.observation());
            double[] scale = new double[SAMPLES];
            for (int k = 0; k < SAMPLES; k++) {
                scale[k] = spec.standardised() ? 1.0 / (observed.sd()[k] + TargetLoss.SD_EPS) : 1.0;
            }
            if (spec.standardised()) {
                s = s.mul(sd.constant(Nd4j.createFromArray(new double[][] {scale})));
            }
            double[][] o = new double[DAYS][SAMPLES];
            double[][] m = new double[DAYS][SAMPLES];
            int[] nk = new int[SAMPLES];
            for (int d = 0; d < DAYS; d++) {
                for (int k = 0; k < SAMPLES; k++) {
                    float v = observed.values()[d * SAMPLES + k];
                    if (!Float.isNaN(v)) {
                        o[d][k] = v * scale[k];
                        m[d][k] = 1;
                        nk[k]++;
                    }
                }
            }
            int n = 0;
            for (int c : nk) {
                n += c;
            }
            SDVariable obs = sd.constant(Nd4j.createFromArray(o));
            SDVariable mask = sd.constant(Nd4j.createFromArray(m));
            SDVariable term;
            switch (spec.loss()) {
                case "rmse" -> term = rmse(s.sub(obs), mask, n);
                case "rmse-comb" -> {
                    double[][] fo = new double[DAYS][SAMPLES];
                    for (int d = 0; d < DAYS; d++) {
                        for (int k = 0; k < SAMPLES; k++) {
                            fo[d][k] = m[d][k] * Math.log10(Math.sqrt(o[d][k] + 1e-6) + 0.1);
                        }
                    }
                    SDVariable fs = sd.math.log(sd.math.sqrt(s.add(1e-6)).add(0.1)).div(Math.log(10));
                    term = rmse(s.sub(obs), mask, n).mul(1 - ALPHA)
                            .add(rmse(fs.sub(sd.constant(Nd4j.createFromArray(fo))), mask, n).mul(ALPHA));
                }
                case "nse" -> {
                    double[][] w = new double[1][SAMPLES];
                    for (int k = 0; k < SAMPLES; k++) {
                        double mean = 0;
                        for (int d = 0; d < DAYS; d++) {
                            mean += o[d][k] * m[d][k];
                        }
                        mean /= Math.max(1, nk[k]);
                        double ss = 0;
                        for (int d = 0; d < DAYS; d++) {
                            ss += m[d][k] * (o[d][k] - mean) * (o[d][k] - mean);
                        }
                        double sigma = Math.sqrt(ss / Math.max(1, nk[k])); // population σ of the window
                        w[0][k] = 1 / ((sigma + 0.1) * (sigma + 0.1));
                    }
                    SDVariable e = s.sub(obs);
                    term = e.mul(e).mul(mask).mul(sd.constant(Nd4j.createFromArray(w))).sum().div(Math.max(1, n));
                }
                case "correlation" -> {
                    double[][] q = new double[1][SAMPLES];
                    double[][] guard = new double[1][SAMPLES];
                    double[][] inv = new double[1][SAMPLES];
                    double[][] od = new double[DAYS][SAMPLES];
                    int used = 0;
                    n = 0;
                    for (int k = 0; k < SAMPLES; k++) {
                        boolean obsVaries = false;
                        boolean simVaries = false;
                        Double o0 = null;
                        Double s0 = null;
                        double mean = 0;
                        for (int d = 0; d < DAYS; d++) {
                            if (m[d][k] == 1) {
                                double sv = simulated(spec, d * SAMPLES + k);
                                obsVaries |= o0 != null && o[d][k] != o0;
                                simVaries |= s0 != null && sv != s0;
                                o0 = o0 == null ? o[d][k] : o0;
                                s0 = s0 == null ? sv : s0;
                                mean += o[d][k];
                            }
                        }
                        mean /= Math.max(1, nk[k]);
                        for (int d = 0; d < DAYS; d++) {
                            od[d][k] = m[d][k] * (o[d][k] - mean);
                        }
                        boolean ok = nk[k] >= CorrelationLoss.MIN_DAYS && obsVaries && simVaries;
                        q[0][k] = ok ? 1 : 0;
                        guard[0][k] = ok ? 0 : 1; // keeps sqrt and division away from 0 for samples left out
                        inv[0][k] = 1.0 / Math.max(1, nk[k]);
                        used += ok ? 1 : 0;
                        n += ok ? nk[k] : 0;
                    }
                    SDVariable sMean = s.mul(mask).sum(true, 0).mul(sd.constant(Nd4j.createFromArray(inv)));
                    SDVariable ds = s.sub(sMean).mul(mask);
                    SDVariable dob = sd.constant(Nd4j.createFromArray(od));
                    SDVariable cov = ds.mul(dob).sum(true, 0);
                    SDVariable varS = ds.mul(ds).sum(true, 0);
                    SDVariable varO = dob.mul(dob).sum(true, 0);
                    SDVariable r = cov.div(sd.math.sqrt(varS.mul(varO).add(sd.constant(Nd4j.createFromArray(guard)))));
                    term = r.rsub(1.0).mul(sd.constant(Nd4j.createFromArray(q))).sum().div(Math.max(1, used));
                    if (used == 0) {
                        n = 0;
                    }
                }
                default -> throw new IllegalArgumentException(spec.loss());
            }
            if (n == 0) {
                continue; // no observation: the term adds nothing
            }
            count += n;
            SDVariable weighted = term.mul(spec.weight());
            total = total == null ? weighted : total.add(weighted);
        }
        Map<String, double[]> grads = new LinkedHashMap<>();
        if (total == null) {
            names.forEach(nm -> grads.put(nm, new double[DAYS * SAMPLES]));
            return new Oracle(0, 0, grads);
        }
        SDVariable lossVar = total.rename("loss");
        sd.setLossVariables(lossVar);
        double value = lossVar.eval().getDouble(0);
        Map<String, INDArray> g = sd.calculateGradients(new HashMap<>(), names.toArray(String[]::new));
        for (String nm : names) {
            INDArray a = g.get(nm);
            grads.put(nm, a == null ? new double[DAYS * SAMPLES] : a.dup('c').data().asDouble());
        }
        return new Oracle(value, count, grads);
    }

    /** Pooled RMSE of the masked residual. */
    private static SDVariable rmse(SDVariable residual, SDVariable mask, int n) {
        return residual.getSameDiff().math.sqrt(residual.mul(residual).mul(mask).sum().div(Math.max(1, n)));
    }

    /** The unscaled simulated series of a spec (sum of its outputs) at one index, in double. */
    private static double simulated(Spec spec, int i) {
        double v = 0;
        for (String n : spec.outputs()) {
            v += SIMS.get(n)[i];
        }
        return v;
    }

    private static INDArray matrix(float[] flat) {
        double[][] out = new double[DAYS][SAMPLES];
        for (int d = 0; d < DAYS; d++) {
            for (int k = 0; k < SAMPLES; k++) {
                out[d][k] = flat[d * SAMPLES + k];
            }
        }
        return Nd4j.createFromArray(out);
    }
}
