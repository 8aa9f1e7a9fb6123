package org.hydrodelta.core.hbv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.hydrodelta.core.conceptual.ConceptualModel;
import org.hydrodelta.core.conceptual.ParameterDays;
import org.hydrodelta.core.conceptual.ParameterSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The δHBV 1.1p adjoint against ND4J's automatic differentiation of the same day-by-day equations (spec §7b),
 * written independently as a SameDiff graph: one basin, two components, static parameters, no routing, 12 days
 * of real Daymet forcing of 01031500 with snow, melt and rain.
 */
class Hbv11pSameDiffTest {
    private static final int M = 2;
    private static final int DAYS = 12;
    private static final int START = 400;

    @Test
    void adjointEqualsAutodiff() throws Exception {
        Hbv11pModel model = new Hbv11pModel(List.of(), M, false);
        List<ParameterSpec> specs = model.parameters();
        int width = model.rowWidth();
        List<double[]> rows = new SampleForcing().rows;
        float[] forcing = new float[DAYS * 3];
        for (int d = 0; d < DAYS; d++) {
            for (int k = 0; k < 3; k++) {
                forcing[d * 3 + k] = (float) rows.get(START + d)[3 + k];
            }
        }
        Random r = new Random(17);
        float[] uRow = new float[width];
        for (int i = 0; i < width; i++) {
            uRow[i] = 0.15f + 0.7f * r.nextFloat();
        }
        float[] u = new float[DAYS * width];
        for (int d = 0; d < DAYS; d++) {
            System.arraycopy(uRow, 0, u, d * width, width);
        }
        float[] w = new float[DAYS];
        for (int d = 0; d < DAYS; d++) {
            w[d] = r.nextFloat();
        }
        float[] ours = new float[u.length];
        try (ConceptualModel.Kernel k = model.newKernel(1, 0, DAYS, 1, false)) {
            k.forward(forcing, u, ParameterDays.allFrom(DAYS - 1));
            k.backward(w, ours);
        }

        SameDiff sd = SameDiff.create();
        SDVariable[] par = new SDVariable[specs.size()];
        float[][] phys = new float[specs.size()][M];
        for (int p = 0; p < specs.size(); p++) {
            float[] v = new float[M];
            System.arraycopy(uRow, p * M, v, 0, M);
            SDVariable uv = sd.var("u" + p, Nd4j.createFromArray(new float[][] {v}));
            par[p] = uv.mul(specs.get(p).rangeF()).add((float) specs.get(p).lo());
            for (int m = 0; m < M; m++) {
                phys[p][m] = specs.get(p).toPhysical(v[m]);
            }
        }
        SDVariable zero = sd.constant("zero", Nd4j.zeros(DataType.FLOAT, 1, M));
        SDVariable one = sd.constant("one", Nd4j.ones(DataType.FLOAT, 1, M));
        SDVariable floor = sd.constant("floor", Nd4j.valueArrayOf(new long[] {1, M}, 1e-5f));
        SDVariable sp = sd.constant("sp0", Nd4j.valueArrayOf(new long[] {1, M}, 0.001f));
        SDVariable mw = sp;
        SDVariable sm = sp;
        SDVariable suz = sp;
        SDVariable slz = sp;
        List<SDVariable> terms = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            float p = forcing[d * 3];
            float temp = forcing[d * 3 + 1];
            float pet = forcing[d * 3 + 2];
            float[] rainMask = new float[M];
            for (int m = 0; m < M; m++) {
                rainMask[m] = temp >= phys[8][m] ? 1f : 0f;
            }
            SDVariable isRain = sd.constant("rain" + d, Nd4j.createFromArray(new float[][] {rainMask}));
            SDVariable rain = isRain.mul(p);
            SDVariable snow = one.sub(isRain).mul(p);
            SDVariable tempMinusTt = par[8].rsub(temp);
            sp = sp.add(snow);
            SDVariable melt = sd.math.min(sd.math.max(par[9].mul(tempMinusTt), zero), sp);
            mw = mw.add(melt);
            sp = sp.sub(melt);
            SDVariable refr = sd.math.min(sd.math.max(par[10].mul(par[9]).mul(tempMinusTt.neg()), zero), mw);
            sp = sp.add(refr);
            mw = mw.sub(refr);
            SDVariable tosoil = sd.math.max(mw.sub(par[11].mul(sp)), zero);
            mw = mw.sub(tosoil);

            SDVariable sw = sd.math.min(sd.math.exp(par[0].mul(sd.math.log(sm.div(par[1])))), one);
            SDVariable recharge = rain.add(tosoil).mul(sw);
            sm = sm.add(rain).add(tosoil).sub(recharge);
            SDVariable excess = sd.math.max(sm.sub(par[1]), zero);
            sm = sm.sub(excess);
            SDVariable ef = sd.math.min(sd.math.exp(par[12].mul(sd.math.log(sm.div(par[5].mul(par[1]))))), one);
            SDVariable eta = sd.math.min(sm, ef.mul(pet));
            sm = sd.math.max(sm.sub(eta), floor);
            SDVariable cap = sd.math.min(slz, par[13].mul(slz).mul(one.sub(sd.math.min(sm.div(par[1]), one))));
            sm = sd.math.max(sm.add(cap), floor);
            slz = sd.math.max(slz.sub(cap), floor);

            suz = suz.add(recharge).add(excess);
            SDVariable perc = sd.math.min(suz, par[6]);
            suz = suz.sub(perc);
            SDVariable q0 = par[2].mul(sd.math.max(suz.sub(par[7]), zero));
            suz = suz.sub(q0);
            SDVariable q1 = par[3].mul(suz);
            suz = suz.sub(q1);
            slz = slz.add(perc);
            SDVariable q2 = par[4].mul(slz);
            slz = slz.sub(q2);
            terms.add(q0.add(q1).add(q2).mean().mul(w[d]));
        }
        SDVariable loss = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            loss = loss.add(terms.get(i));
        }
        sd.setLossVariables(loss);
        String[] names = new String[specs.size()];
        for (int p = 0; p < names.length; p++) {
            names[p] = "u" + p;
        }
        Map<String, INDArray> grads = sd.calculateGradients(new HashMap<>(), names);
        int checked = 0;
        for (int p = 0; p < specs.size(); p++) {
            float[] g = grads.get("u" + p).dup('c').data().asFloat();
            for (int m = 0; m < M; m++) {
                float mine = ours[(DAYS - 1) * width + p * M + m];
                assertThat((double) mine).as("%s of component %d", specs.get(p).name(), m)
                        .isCloseTo(g[m], Offset.offset(1e-4 + 2e-3 * Math.abs(g[m])));
                checked += g[m] != 0 ? 1 : 0;
            }
        }
        assertThat(checked).as("non-zero gradients compared").isGreaterThan(8);
    }
}
