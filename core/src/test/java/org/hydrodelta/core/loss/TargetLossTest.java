package org.hydrodelta.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.hbv.SampleForcing;
import org.junit.jupiter.api.Test;

/**
 * The loss over several targets and its gradient: central finite differences in double on every output for each
 * loss (rmse-comb, nse, rmse, correlation), a standardised term and a term summing two outputs; real 01031500
 * streamflow (the flow target) and temperature-driven series as the auxiliary ones, with gaps.
 */
class TargetLossTest {
    private static final int DAYS = 40;
    private static final int SAMPLES = 3;

    private static float[] series(List<double[]> rows, int col, int start, double scale, double shift) {
        float[] out = new float[DAYS * SAMPLES];
        for (int d = 0; d < DAYS; d++) {
            for (int k = 0; k < SAMPLES; k++) {
                out[d * SAMPLES + k] = (float) (rows.get(start + 400 * k + d)[col] * scale + shift);
            }
        }
        return out;
    }

    @Test
    void gradientOfEveryTermMatchesFiniteDifferences() throws Exception {
        List<double[]> rows = new SampleForcing().rows;
        float[] qObs = series(rows, 6, 3000, 1, 0);
        float[] q = series(rows, 6, 3003, 0.8, 0.2);
        float[] a = series(rows, 4, 3000, 1, 20);
        float[] aObs = series(rows, 4, 3002, 1.3, 25);
        float[] b = series(rows, 5, 3000, 2, 0);
        float[] c = series(rows, 5, 3010, 1, 1);
        float[] bcObs = series(rows, 5, 3004, 3, 0);
        aObs[5] = Float.NaN;
        bcObs[7] = Float.NaN;
        qObs[11] = Float.NaN;
        for (String flowLoss : List.of("rmse-comb", "nse", "rmse")) {
            for (String auxLoss : List.of("rmse", "correlation", "nse")) {
                TargetLoss loss = new TargetLoss(List.of(
                        new TargetLoss.Term("flow", List.of("Q_ROUTED"), TargetLoss.byName(flowLoss, 0.25), 1.0, false),
                        new TargetLoss.Term("a", List.of("A"), TargetLoss.byName(auxLoss, 0.25), 0.3, false),
                        new TargetLoss.Term("bc", List.of("B", "C"), new RmseLoss(), 0.7, true)));
                Map<String, float[]> sims = new HashMap<>(Map.of("Q_ROUTED", q.clone(), "A", a.clone(), "B",
                        b.clone(), "C", c.clone()));
                Map<String, TargetLoss.Observed> obs = Map.of("flow", new TargetLoss.Observed(qObs, null), "a",
                        new TargetLoss.Observed(aObs, new float[] {2f, 3f, 4f}), "bc",
                        new TargetLoss.Observed(bcObs, new float[] {1.5f, 0.5f, 2.5f}));
                Map<String, float[]> grads = new HashMap<>();
                LossResult r = loss.evaluate(sims, obs, grads, SAMPLES);
                assertThat(r.hasData()).isTrue();
                assertThat(r.value()).isFinite().isPositive();
                int checked = 0;
                for (String o : List.of("Q_ROUTED", "A", "B", "C")) {
                    float[] s = sims.get(o);
                    for (int i = 0; i < s.length; i += 7) {
                        float keep = s[i];
                        float h = Math.max(1e-2f, Math.abs(keep) * 1e-3f);
                        s[i] = keep + h;
                        double up = loss.evaluate(sims, obs, new HashMap<>(), SAMPLES).value();
                        s[i] = keep - h;
                        double down = loss.evaluate(sims, obs, new HashMap<>(), SAMPLES).value();
                        s[i] = keep;
                        double fd = (up - down) / ((double) (keep + h) - (keep - h));
                        assertThat((double) grads.get(o)[i]).as("%s/%s d/d%s[%d]", flowLoss, auxLoss, o, i)
                                .isCloseTo(fd, org.assertj.core.data.Offset.offset(2e-3 * Math.abs(fd) + 2e-5));
                        checked++;
                    }
                }
                assertThat(checked).isGreaterThan(60);
                // the two outputs of a summed term get the same gradient, and a masked day none
                assertThat(grads.get("B")).containsExactly(grads.get("C"));
                assertThat(grads.get("B")[7]).isZero();
            }
        }
    }

    @Test
    void aFlowOnlyTargetIsTheFlowLossBitForBit() throws Exception {
        List<double[]> rows = new SampleForcing().rows;
        float[] qObs = series(rows, 6, 3000, 1, 0);
        float[] q = series(rows, 6, 3003, 0.8, 0.2);
        float[] g1 = new float[q.length];
        LossResult direct = new RmseCombLoss().evaluate(q, qObs, g1, SAMPLES);
        Map<String, float[]> grads = new HashMap<>();
        LossResult viaTargets = new TargetLoss(List.of(new TargetLoss.Term("flow", List.of("Q_ROUTED"),
                new RmseCombLoss(), 1.0, false))).evaluate(Map.of("Q_ROUTED", q), Map.of("flow",
                        new TargetLoss.Observed(qObs, null)), grads, SAMPLES);
        assertThat(viaTargets.value()).isEqualTo(direct.value());
        assertThat(grads.get("Q_ROUTED")).containsExactly(g1);
    }

    @Test
    void aTermWithoutObservationsAddsNothing() throws Exception {
        List<double[]> rows = new SampleForcing().rows;
        float[] qObs = series(rows, 6, 3000, 1, 0);
        float[] q = series(rows, 6, 3003, 0.8, 0.2);
        float[] none = new float[q.length];
        java.util.Arrays.fill(none, Float.NaN);
        TargetLoss loss = new TargetLoss(List.of(
                new TargetLoss.Term("flow", List.of("Q_ROUTED"), new RmseCombLoss(), 1.0, false),
                new TargetLoss.Term("swe", List.of("SNOWPACK"), new RmseLoss(), 0.5, true)));
        Map<String, float[]> grads = new HashMap<>();
        LossResult r = loss.evaluate(Map.of("Q_ROUTED", q, "SNOWPACK", q), Map.of("flow",
                new TargetLoss.Observed(qObs, null), "swe", new TargetLoss.Observed(none, new float[3])), grads,
                SAMPLES);
        assertThat(r.value()).isEqualTo(new RmseCombLoss().evaluate(q, qObs, null, SAMPLES).value());
        assertThat(grads.get("SNOWPACK")).containsOnly(0f);
    }
}
