package org.hydrodelta.core.hbv;

import static org.hydrodelta.core.hbv.HbvWorkspace.SM_FLOOR;
import static org.hydrodelta.core.hbv.HbvWorkspace.TINY;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reverse of one HBV day over a range of lanes with the Vector API; mirrors {@link HbvStepScalar#backward}
 * operation for operation (see there for the gradient semantics). The day's intermediates are recomputed from
 * the recorded start-of-day states, pow results and snow outflow (ten floats per lane and day).
 *
 * <p>The reverse day is split into stages, loops over the lanes joined by per-lane adjoints in the workspace (see
 * {@link #backward}): one loop body with everything was large enough for HotSpot's C1 to give up on it ("out of
 * virtual registers") and for the method to stay interpreted-profiled for the whole run.
 *
 * <p>The gradient accumulations and min() shares are written out in the loops rather than called as helpers:
 * past C2's inlining node budget (NodeCountInliningCutoff) a helper of ours stays out of line and the vectors
 * passed to it are boxed, while the Vector API's own methods are still inlined (they are forced).
 */
final class HbvAdjointVector {
    private static final VectorSpecies<Float> S = HbvStepVector.S;
    private static final int VL = S.length();

    private HbvAdjointVector() {
    }

    /**
     * Reverse of one day of {@link HbvStepVector#forward} for lanes [lo, hi), hi − lo a multiple of the vector
     * length: the stages of {@link #STAGES} in order. Takes the adjoints of the end-of-day states and of the day's
     * streamflow from the workspace, leaves those of the start of the day there and adds the parameter gradients
     * into {@code w.gPar}.
     *
     * @param par      physical parameter arrays
     * @param off      per-parameter offset into {@code par} and {@code w.gPar} for this day
     * @param tapeBase start of this day's tape record
     * @param dyn      the day's row of dLoss/du, to add the lanes' dynamic-parameter gradients into (and clear their
     *                 day slots) once complete, or null to leave them in {@code w.gPar}
     */
    static void backward(HbvWorkspace w, float[][] par, int[] off, int lo, int hi, int tapeBase, DynamicRows dyn) {
        // Each stage is called through STAGES, a call site with four receiver classes that C2 does not inline, so
        // each is compiled as a method of its own and whole (as LstmCell's FORWARD_LOOPS). The soil part was one
        // loop, backwardSoil, at the edge of C2's inlining budget (NodeCountInliningCutoff): in some runs its first
        // C2 code stored about 18 vectors through the Vector API's Java fallback, 24.5 MB of boxed vectors and
        // 10.8 instead of 5.8 ms per backward pass of bench hbv (4 runs of 40 passes out of 7), until a later
        // recompilation. The arithmetic, operation for operation, is unchanged; the stages hand on the adjoint of
        // the upper zone after percolation through w.gsuz and two of the evapotranspiration stage through
        // w.bGSm2, w.bGFc, and recompute the few forward intermediates they share from the tape.
        for (Stage stage : STAGES) {
            stage.run(w, par, off, lo, hi, tapeBase, dyn);
        }
    }

    /** One loop of {@link #backward} over the lanes. */
    private interface Stage {
        void run(HbvWorkspace w, float[][] par, int[] off, int lo, int hi, int tapeBase, DynamicRows dyn);
    }

    /** The stages of {@link #backward}, last forward operation first: response, evapotranspiration, soil, snow. */
    private static final Stage[] STAGES = {
        (w, par, off, lo, hi, tapeBase, dyn) -> backwardResponse(w, par, off, lo, hi, tapeBase),
        (w, par, off, lo, hi, tapeBase, dyn) -> backwardEvapotranspiration(w, par, off, lo, hi, tapeBase),
        (w, par, off, lo, hi, tapeBase, dyn) -> backwardSoil(w, par, off, lo, hi, tapeBase),
        (w, par, off, lo, hi, tapeBase, dyn) -> backwardSnow(w, par, off, lo, hi, tapeBase, dyn),
    };

    /**
     * Reverse of the upper and lower zones: the gradients of K0, K1, K2, UZL and PERC, the adjoint of the lower zone
     * at the start of the day into {@code w.gslz} and that of the upper zone after recharge and excess (which is
     * also its start-of-day adjoint) into {@code w.gsuz}.
     */
    private static void backwardResponse(HbvWorkspace w, float[][] par, int[] off, int lo, int hi, int tapeBase) {
        final int n = w.nLanes;
        final float[] tp = w.tape;
        final float[][] gp = w.gPar;
        final FloatVector zero = FloatVector.zero(S);
        final float[] aFc = par[1];
        final float[] aK0 = par[2];
        final float[] aK1 = par[3];
        final float[] aK2 = par[4];
        final float[] aPerc = par[6];
        final float[] aUzl = par[7];
        final float[] aTt = par[8];
        final int oFc = off[1];
        final int oK0 = off[2];
        final int oK1 = off[3];
        final int oK2 = off[4];
        final int oPerc = off[6];
        final int oUzl = off[7];
        final int oTt = off[8];
        final boolean fx = w.fluxSeeds;

        for (int i = lo; i < hi; i += VL) {
            int tb = tapeBase + i;
            FloatVector sm = FloatVector.fromArray(S, tp, tb + 2 * n);
            FloatVector suz = FloatVector.fromArray(S, tp, tb + 3 * n);
            FloatVector slz = FloatVector.fromArray(S, tp, tb + 4 * n);
            FloatVector swr = FloatVector.fromArray(S, tp, tb + 5 * n);
            FloatVector tosoil = FloatVector.fromArray(S, tp, tb + 9 * n);
            FloatVector p = FloatVector.fromArray(S, w.pr, i);
            FloatVector temp = FloatVector.fromArray(S, w.ta, i);
            FloatVector tt = FloatVector.fromArray(S, aTt, oTt + i);
            FloatVector fc = FloatVector.fromArray(S, aFc, oFc + i);
            FloatVector percMax = FloatVector.fromArray(S, aPerc, oPerc + i);
            FloatVector uzl = FloatVector.fromArray(S, aUzl, oUzl + i);
            FloatVector k0 = FloatVector.fromArray(S, aK0, oK0 + i);
            FloatVector k1 = FloatVector.fromArray(S, aK1, oK1 + i);
            FloatVector k2 = FloatVector.fromArray(S, aK2, oK2 + i);

            // Recompute the day's intermediates exactly as forward did.
            FloatVector rain = zero.blend(p, temp.compare(VectorOperators.GE, tt));
            FloatVector sw = swr.min(1f);
            FloatVector inflow = rain.add(tosoil);
            FloatVector recharge = inflow.mul(sw);
            FloatVector sm1 = sm.add(rain).add(tosoil).sub(recharge);
            FloatVector exr = sm1.sub(fc);
            FloatVector excess = exr.max(0f);
            FloatVector suz1 = suz.add(recharge).add(excess);
            FloatVector perc = suz1.min(percMax);
            FloatVector suz2 = suz1.sub(perc);
            FloatVector q0r = suz2.sub(uzl);
            FloatVector q0c = q0r.max(0f);
            FloatVector q0 = k0.mul(q0c);
            FloatVector suz3 = suz2.sub(q0);
            FloatVector slz1 = slz.add(perc);

            // Adjoint, last operation first.
            FloatVector g = FloatVector.fromArray(S, w.gq, i);
            FloatVector gSlz = FloatVector.fromArray(S, w.gslz, i);
            FloatVector gSuz = FloatVector.fromArray(S, w.gsuz, i);

            FloatVector gQ2 = (fx ? g.add(FloatVector.fromArray(S, w.gxQ2, i)) : g).sub(gSlz);
            FloatVector gSlz1 = gSlz.add(gQ2.mul(k2));
            FloatVector.fromArray(S, gp[4], oK2 + i).add(gQ2.mul(slz1)).intoArray(gp[4], oK2 + i);
            FloatVector gQ1 = (fx ? g.add(FloatVector.fromArray(S, w.gxQ1, i)) : g).sub(gSuz);
            FloatVector gSuz3 = gSuz.add(gQ1.mul(k1));
            FloatVector.fromArray(S, gp[3], oK1 + i).add(gQ1.mul(suz3)).intoArray(gp[3], oK1 + i);
            FloatVector gQ0 = (fx ? g.add(FloatVector.fromArray(S, w.gxQ0, i)) : g).sub(gSuz3);
            FloatVector.fromArray(S, gp[2], oK0 + i).add(gQ0.mul(q0c)).intoArray(gp[2], oK0 + i);
            FloatVector gQ0r = zero.blend(gQ0.mul(k0), q0r.compare(VectorOperators.GE, 0f));
            FloatVector gSuz2 = gSuz3.add(gQ0r);
            FloatVector.fromArray(S, gp[7], oUzl + i).add(gQ0r.neg()).intoArray(gp[7], oUzl + i);
            FloatVector gPerc = gSlz1.sub(gSuz2);
            FloatVector gPercToSuz = gPerc.mul(zero.blend(0.5f, suz1.compare(VectorOperators.EQ, percMax))
                    .blend(1f, suz1.compare(VectorOperators.LT, percMax)));
            FloatVector gSuz1 = gSuz2.add(gPercToSuz);
            FloatVector.fromArray(S, gp[6], oPerc + i).add(gPerc.sub(gPercToSuz)).intoArray(gp[6], oPerc + i);

            gSuz1.intoArray(w.gsuz, i);
            gSlz1.intoArray(w.gslz, i);
        }
    }

    /**
     * Reverse of evapotranspiration: the gradients of LP (and γ where learned); the adjoint of the soil moisture
     * after its excess into {@code w.bGSm2} and FC's share so far into {@code w.bGFc}, for {@link #backwardSoil}.
     */
    private static void backwardEvapotranspiration(HbvWorkspace w, float[][] par, int[] off, int lo, int hi,
            int tapeBase) {
        final int n = w.nLanes;
        final boolean gammaEt = w.gammaEt;
        final float[] tp = w.tape;
        final float[][] gp = w.gPar;
        final FloatVector zero = FloatVector.zero(S);
        final float[] aFc = par[1];
        final float[] aLp = par[5];
        final float[] aTt = par[8];
        final float[] aGamma = gammaEt ? par[12] : null;
        final int oFc = off[1];
        final int oLp = off[5];
        final int oTt = off[8];
        final int oGamma = gammaEt ? off[12] : 0;
        final boolean fx = w.fluxSeeds;

        for (int i = lo; i < hi; i += VL) {
            int tb = tapeBase + i;
            FloatVector sm = FloatVector.fromArray(S, tp, tb + 2 * n);
            FloatVector swr = FloatVector.fromArray(S, tp, tb + 5 * n);
            FloatVector efr = FloatVector.fromArray(S, tp, tb + 7 * n);
            FloatVector tosoil = FloatVector.fromArray(S, tp, tb + 9 * n);
            FloatVector p = FloatVector.fromArray(S, w.pr, i);
            FloatVector temp = FloatVector.fromArray(S, w.ta, i);
            FloatVector pet = FloatVector.fromArray(S, w.pe, i);
            FloatVector tt = FloatVector.fromArray(S, aTt, oTt + i);
            FloatVector fc = FloatVector.fromArray(S, aFc, oFc + i);
            FloatVector lp = FloatVector.fromArray(S, aLp, oLp + i);

            // Recompute the day's intermediates exactly as forward did.
            FloatVector rain = zero.blend(p, temp.compare(VectorOperators.GE, tt));
            FloatVector sw = swr.min(1f);
            FloatVector inflow = rain.add(tosoil);
            FloatVector recharge = inflow.mul(sw);
            FloatVector sm1 = sm.add(rain).add(tosoil).sub(recharge);
            FloatVector exr = sm1.sub(fc);
            FloatVector excess = exr.max(0f);
            FloatVector sm2 = sm1.sub(excess);
            FloatVector lpfc = lp.mul(fc);
            FloatVector x2 = sm2.div(lpfc);
            if (gammaEt) {
                x2 = x2.max(TINY);
            }
            FloatVector ef = efr.max(0f).min(1f);
            FloatVector etr = pet.mul(ef);
            FloatVector eta = sm2.min(etr);
            FloatVector smd = sm2.sub(eta);

            // Adjoint, last operation first.
            FloatVector gSm = FloatVector.fromArray(S, w.gsm, i);
            FloatVector gD = zero.blend(gSm, smd.compare(VectorOperators.GE, SM_FLOOR));
            FloatVector gEta = fx ? FloatVector.fromArray(S, w.gxEt, i).sub(gD) : gD.neg();
            FloatVector gEtaToSm = gEta.mul(zero.blend(0.5f, sm2.compare(VectorOperators.EQ, etr))
                    .blend(1f, sm2.compare(VectorOperators.LT, etr)));
            FloatVector gSm2 = gD.add(gEtaToSm);
            FloatVector gEtr = gEta.sub(gEtaToSm);
            FloatVector gEf = gEtr.mul(pet);
            FloatVector gEfr = zero.blend(gEf,
                    efr.compare(VectorOperators.GE, 0f).and(efr.compare(VectorOperators.LE, 1f)));
            FloatVector gX2;
            if (gammaEt) {
                FloatVector lnx2 = FloatVector.fromArray(S, tp, tb + 8 * n);
                FloatVector gamma = FloatVector.fromArray(S, aGamma, oGamma + i);
                FloatVector gEfrEfr = gEfr.mul(efr);
                FloatVector.fromArray(S, gp[12], oGamma + i).add(gEfrEfr.mul(lnx2)).intoArray(gp[12], oGamma + i);
                gX2 = gEfrEfr.mul(gamma).div(x2);
            } else {
                gX2 = gEfr;
            }
            gSm2 = gSm2.add(gX2.div(lpfc));
            FloatVector gLpfc = gX2.neg().mul(x2).div(lpfc);
            FloatVector.fromArray(S, gp[5], oLp + i).add(gLpfc.mul(fc)).intoArray(gp[5], oLp + i);

            gSm2.intoArray(w.bGSm2, i);
            gLpfc.mul(lp).intoArray(w.bGFc, i);
        }
    }

    /**
     * Reverse of the soil routine (excess, recharge, wetness): the gradients of β and FC, the adjoint of the soil
     * moisture at the start of the day into {@code w.gsm} and that of the snow outflow into {@code w.gTosoil}.
     */
    private static void backwardSoil(HbvWorkspace w, float[][] par, int[] off, int lo, int hi, int tapeBase) {
        final int n = w.nLanes;
        final float[] tp = w.tape;
        final float[][] gp = w.gPar;
        final FloatVector zero = FloatVector.zero(S);
        final float[] aBeta = par[0];
        final float[] aFc = par[1];
        final float[] aTt = par[8];
        final int oBeta = off[0];
        final int oFc = off[1];
        final int oTt = off[8];

        for (int i = lo; i < hi; i += VL) {
            int tb = tapeBase + i;
            FloatVector sm = FloatVector.fromArray(S, tp, tb + 2 * n);
            FloatVector swr = FloatVector.fromArray(S, tp, tb + 5 * n);
            FloatVector lnx1 = FloatVector.fromArray(S, tp, tb + 6 * n);
            FloatVector tosoil = FloatVector.fromArray(S, tp, tb + 9 * n);
            FloatVector p = FloatVector.fromArray(S, w.pr, i);
            FloatVector temp = FloatVector.fromArray(S, w.ta, i);
            FloatVector tt = FloatVector.fromArray(S, aTt, oTt + i);
            FloatVector fc = FloatVector.fromArray(S, aFc, oFc + i);
            FloatVector beta = FloatVector.fromArray(S, aBeta, oBeta + i);

            // Recompute the day's intermediates exactly as forward did.
            FloatVector rain = zero.blend(p, temp.compare(VectorOperators.GE, tt));
            FloatVector x1 = sm.div(fc).max(TINY);
            FloatVector sw = swr.min(1f);
            FloatVector inflow = rain.add(tosoil);
            FloatVector recharge = inflow.mul(sw);
            FloatVector sm1 = sm.add(rain).add(tosoil).sub(recharge);
            FloatVector exr = sm1.sub(fc);

            // Adjoint, last operation first.
            FloatVector gSuz1 = FloatVector.fromArray(S, w.gsuz, i);
            FloatVector gSm2 = FloatVector.fromArray(S, w.bGSm2, i);
            FloatVector gFc = FloatVector.fromArray(S, w.bGFc, i);
            FloatVector gExcess = gSuz1.sub(gSm2);
            FloatVector gExr = zero.blend(gExcess, exr.compare(VectorOperators.GE, 0f));
            FloatVector gSm1 = gSm2.add(gExr);
            gFc = gFc.sub(gExr);
            FloatVector gRecharge = gSuz1.sub(gSm1);
            gSm1.add(gRecharge.mul(sw)).intoArray(w.gTosoil, i);
            FloatVector gSw = gRecharge.mul(inflow);
            FloatVector gSwr = zero.blend(gSw, swr.compare(VectorOperators.LE, 1f));
            FloatVector gSwrSwr = gSwr.mul(swr);
            FloatVector.fromArray(S, gp[0], oBeta + i).add(gSwrSwr.mul(lnx1)).intoArray(gp[0], oBeta + i);
            FloatVector gX1 = gSwrSwr.mul(beta).div(x1);
            FloatVector gSmIn = gSm1.add(gX1.div(fc));
            gFc = gFc.sub(gX1.mul(x1).div(fc));
            FloatVector.fromArray(S, gp[1], oFc + i).add(gFc).intoArray(gp[1], oFc + i);

            gSmIn.intoArray(w.gsm, i);
        }
    }

    /**
     * Reverse of the snow part of {@link HbvStepVector#forward} for lanes [lo, hi), after
     * {@link #backwardSoil} has left the adjoint of the snow outflow in {@code w.gTosoil}; then, with {@code dyn},
     * adds the lanes' now complete dynamic-parameter gradients into dLoss/du, {@code g·range} as
     * {@code HbvChunk.scatterDynamicGradient} does, and clears their day slots (see {@link DynamicRows}).
     */
    private static void backwardSnow(HbvWorkspace w, float[][] par, int[] off, int lo, int hi, int tapeBase,
            DynamicRows dyn) {
        final int n = w.nLanes;
        final float[] tp = w.tape;
        final float[][] gp = w.gPar;
        final FloatVector zero = FloatVector.zero(S);
        final float[] aTt = par[8];
        final float[] aCfmax = par[9];
        final float[] aCfr = par[10];
        final float[] aCwh = par[11];
        final int oTt = off[8];
        final int oCfmax = off[9];
        final int oCfr = off[10];
        final int oCwh = off[11];
        final int nDyn = dyn == null ? 0 : dyn.params.length;
        final float[] gU = dyn == null ? null : dyn.array;
        final int m = dyn == null ? VL : dyn.nmul();
        final int width = dyn == null ? 0 : dyn.width();
        int row = dyn == null ? 0 : dyn.rowOf(lo);
        int c = lo % m;

        for (int i = lo; i < hi; i += VL) {
            int tb = tapeBase + i;
            FloatVector sp = FloatVector.fromArray(S, tp, tb);
            FloatVector mw = FloatVector.fromArray(S, tp, tb + n);
            FloatVector p = FloatVector.fromArray(S, w.pr, i);
            FloatVector temp = FloatVector.fromArray(S, w.ta, i);
            FloatVector tt = FloatVector.fromArray(S, aTt, oTt + i);
            FloatVector cfmax = FloatVector.fromArray(S, aCfmax, oCfmax + i);
            FloatVector cfr = FloatVector.fromArray(S, aCfr, oCfr + i);
            FloatVector cwh = FloatVector.fromArray(S, aCwh, oCwh + i);

            FloatVector snow = p.blend(zero, temp.compare(VectorOperators.GE, tt));
            FloatVector sp1 = sp.add(snow);
            FloatVector dtm = temp.sub(tt);
            FloatVector mr = cfmax.mul(dtm);
            FloatVector mc = mr.max(0f);
            FloatVector melt = mc.min(sp1);
            FloatVector mw1 = mw.add(melt);
            FloatVector sp2 = sp1.sub(melt);
            FloatVector dtr = tt.sub(temp);
            FloatVector cfrCf = cfr.mul(cfmax);
            FloatVector rr = cfrCf.mul(dtr);
            FloatVector rc = rr.max(0f);
            FloatVector refr = rc.min(mw1);
            FloatVector sp3 = sp2.add(refr);
            FloatVector mw2 = mw1.sub(refr);
            FloatVector tsr = mw2.sub(cwh.mul(sp3));

            FloatVector gMw = FloatVector.fromArray(S, w.gmw, i);
            FloatVector gSp = FloatVector.fromArray(S, w.gsp, i);
            FloatVector gTosoil = FloatVector.fromArray(S, w.gTosoil, i).sub(gMw);
            FloatVector gTsr = zero.blend(gTosoil, tsr.compare(VectorOperators.GE, 0f));
            FloatVector gMw2 = gMw.add(gTsr);
            FloatVector.fromArray(S, gp[11], oCwh + i).add(gTsr.neg().mul(sp3)).intoArray(gp[11], oCwh + i);
            FloatVector gSp3 = gSp.sub(gTsr.mul(cwh));
            FloatVector gRefr = gSp3.sub(gMw2);
            FloatVector gRc = gRefr.mul(zero.blend(0.5f, rc.compare(VectorOperators.EQ, mw1))
                    .blend(1f, rc.compare(VectorOperators.LT, mw1)));
            FloatVector gMw1 = gMw2.add(gRefr.sub(gRc));
            FloatVector gRr = zero.blend(gRc, rr.compare(VectorOperators.GE, 0f));
            FloatVector.fromArray(S, gp[10], oCfr + i).add(gRr.mul(cfmax).mul(dtr)).intoArray(gp[10], oCfr + i);
            FloatVector gCfmax = gRr.mul(cfr).mul(dtr);
            FloatVector gTt = gRr.mul(cfrCf);
            FloatVector gMelt = gMw1.sub(gSp3);
            FloatVector gMc = gMelt.mul(zero.blend(0.5f, mc.compare(VectorOperators.EQ, sp1))
                    .blend(1f, mc.compare(VectorOperators.LT, sp1)));
            FloatVector gSp1 = gSp3.add(gMelt.sub(gMc));
            FloatVector gMr = zero.blend(gMc, mr.compare(VectorOperators.GE, 0f));
            gCfmax = gCfmax.add(gMr.mul(dtm));
            gTt = gTt.sub(gMr.mul(cfmax));
            FloatVector.fromArray(S, gp[9], oCfmax + i).add(gCfmax).intoArray(gp[9], oCfmax + i);
            FloatVector.fromArray(S, gp[8], oTt + i).add(gTt).intoArray(gp[8], oTt + i);

            gSp1.intoArray(w.gsp, i);
            gMw1.intoArray(w.gmw, i);

            if (nDyn > 0) {
                int q = dyn.params[0];
                int col = row + dyn.col[0] + c;
                FloatVector.fromArray(S, gU, col)
                        .add(FloatVector.fromArray(S, gp[q], off[q] + i).mul(dyn.range[0]))
                        .intoArray(gU, col);
                zero.intoArray(gp[q], off[q] + i);
            }
            if (nDyn > 1) {
                int q = dyn.params[1];
                int col = row + dyn.col[1] + c;
                FloatVector.fromArray(S, gU, col)
                        .add(FloatVector.fromArray(S, gp[q], off[q] + i).mul(dyn.range[1]))
                        .intoArray(gU, col);
                zero.intoArray(gp[q], off[q] + i);
            }
            for (int k = 2; k < nDyn; k++) {
                int q = dyn.params[k];
                int col = row + dyn.col[k] + c;
                FloatVector.fromArray(S, gU, col)
                        .add(FloatVector.fromArray(S, gp[q], off[q] + i).mul(dyn.range[k]))
                        .intoArray(gU, col);
                zero.intoArray(gp[q], off[q] + i);
            }
            c += VL;
            if (c == m) {
                c = 0;
                row += width;
            }
        }
    }
}
