package org.hydrodelta.core.hbv;

import static org.hydrodelta.core.hbv.HbvWorkspace.SM_FLOOR;
import static org.hydrodelta.core.hbv.HbvWorkspace.TINY;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.hydrodelta.core.nn.Activations;

/**
 * One HBV day over a range of lanes with the Vector API: the same arithmetic as {@link HbvStepScalar}, operation
 * for operation, so that a lane gives the same result whichever path runs it (up to the transcendental
 * functions, whose results the forward pass records so the backward pass never recomputes them). Lanes that do
 * not fill a whole vector go to {@link HbvStepScalar}.
 *
 * <p>The day runs as loops over the lanes (snow; the logarithm of soil wetness; the rest of the soil; the logarithm
 * of the ET ratio where γ is learned; evapotranspiration; response), handing their
 * intermediates on through per-lane arrays of the workspace. One loop body with everything grew past C2's node
 * budget for inlining (NodeCountInliningCutoff): the later {@code Activations.log}/{@code exp} calls were left
 * out-of-line, so their vectors were boxed and the Vector API ran its Java fallbacks, about half the HBV time in a
 * profile of {@code hydrodelta bench hbv}; even one log and one exp in the same loop are past it. Each stage now
 * compiles whole; the arithmetic, operation for operation,
 * and so every bit of every result, is unchanged.
 */
final class HbvStepVector {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int VL = S.length();

    private HbvStepVector() {
    }

    /**
     * End of the leading lanes of [lo, hi) that fill whole vectors, handled by the vector loops forward
     * ({@link #forward}) and backward ({@link HbvAdjointVector}); the rest go to {@link HbvStepScalar}.
     */
    static int vectorEnd(int lo, int hi) {
        return lo + (hi - lo) / VL * VL;
    }

    /**
     * Advances lanes [lo, hi) by one day.
     *
     * @param par      physical parameter arrays
     * @param off      per-parameter offset into {@code par} for this day
     * @param tapeBase start of this day's tape record, or −1 to record nothing (warm-up)
     * @param diag     write the per-lane diagnostic fluxes and states
     * @param dyn      the day's row of the network output, to load the dynamic parameters of lanes [lo, hi) into
     *                 their slots of {@code par} at {@code off} before they are used, or null when they are there
     *                 already (then M need not be a multiple of the vector length)
     */
    static void forward(HbvWorkspace w, float[][] par, int[] off, int lo, int hi, int tapeBase, boolean diag,
            DynamicRows dyn) {
        int vEnd = vectorEnd(lo, hi);
        if (vEnd > lo) {
            snow(w, par, off, lo, vEnd, tapeBase, diag, dyn);
            wetnessLog(w, par, off, lo, vEnd, tapeBase);
            wetness(w, par, off, lo, vEnd, tapeBase, diag);
            if (w.gammaEt) {
                evapotranspirationLog(w, par, off, lo, vEnd, tapeBase);
            }
            evapotranspiration(w, par, off, lo, vEnd, tapeBase, diag);
            response(w, par, off, lo, vEnd, tapeBase, diag);
        }
        for (int i = vEnd; i < hi; i++) {
            HbvStepScalar.forward(w, par, off, i, tapeBase, diag);
        }
    }

    /**
     * Snow routine: rain, snow outflow to the soil, the new snowpack and meltwater; first, with {@code dyn}, the
     * physical values of the lanes' dynamic parameters from the network output (see {@link DynamicRows}): the same
     * {@code lo + u·range} as {@code HbvChunk.loadDynamic}, a product then a sum.
     */
    private static void snow(HbvWorkspace w, float[][] par, int[] off, int lo, int hi, int tapeBase,
            boolean diag, DynamicRows dyn) {
        final int n = w.nLanes;
        final float[] aTt = par[8];
        final float[] aCfmax = par[9];
        final float[] aCfr = par[10];
        final float[] aCwh = par[11];
        final int oTt = off[8];
        final int oCfmax = off[9];
        final int oCfr = off[10];
        final int oCwh = off[11];
        final boolean record = tapeBase >= 0;
        final float[] tp = w.tape;
        final FloatVector zero = FloatVector.zero(S);
        final float[][] d = w.diagLane;
        final int nDyn = dyn == null ? 0 : dyn.params.length;
        final float[] u = dyn == null ? null : dyn.array;
        final int m = dyn == null ? VL : dyn.nmul();
        final int width = dyn == null ? 0 : dyn.width();
        int row = dyn == null ? 0 : dyn.rowOf(lo);
        int c = lo % m;
        for (int i = lo; i < hi; i += VL) {
            if (nDyn > 0) {
                int q = dyn.params[0];
                FloatVector.fromArray(S, u, row + dyn.col[0] + c).mul(dyn.range[0]).add(dyn.lo[0])
                        .intoArray(par[q], off[q] + i);
            }
            if (nDyn > 1) {
                int q = dyn.params[1];
                FloatVector.fromArray(S, u, row + dyn.col[1] + c).mul(dyn.range[1]).add(dyn.lo[1])
                        .intoArray(par[q], off[q] + i);
            }
            for (int k = 2; k < nDyn; k++) {
                int q = dyn.params[k];
                FloatVector.fromArray(S, u, row + dyn.col[k] + c).mul(dyn.range[k]).add(dyn.lo[k])
                        .intoArray(par[q], off[q] + i);
            }
            c += VL;
            if (c == m) {
                c = 0;
                row += width;
            }
            FloatVector p = FloatVector.fromArray(S, w.pr, i);
            FloatVector temp = FloatVector.fromArray(S, w.ta, i);
            FloatVector sp = FloatVector.fromArray(S, w.sp, i);
            FloatVector mw = FloatVector.fromArray(S, w.mw, i);
            FloatVector tt = FloatVector.fromArray(S, aTt, oTt + i);
            FloatVector cfmax = FloatVector.fromArray(S, aCfmax, oCfmax + i);

            VectorMask<Float> isRain = temp.compare(VectorOperators.GE, tt);
            FloatVector rain = zero.blend(p, isRain);
            FloatVector snow = p.blend(zero, isRain);
            FloatVector sp1 = sp.add(snow);
            FloatVector melt = cfmax.mul(temp.sub(tt)).max(0f).min(sp1);
            FloatVector mw1 = mw.add(melt);
            FloatVector sp2 = sp1.sub(melt);
            FloatVector cfr = FloatVector.fromArray(S, aCfr, oCfr + i);
            FloatVector refr = cfr.mul(cfmax).mul(tt.sub(temp)).max(0f).min(mw1);
            FloatVector sp3 = sp2.add(refr);
            FloatVector mw2 = mw1.sub(refr);
            FloatVector cwh = FloatVector.fromArray(S, aCwh, oCwh + i);
            FloatVector tosoil = mw2.sub(cwh.mul(sp3)).max(0f);
            FloatVector mw3 = mw2.sub(tosoil);

            if (record) {
                int b = tapeBase + i;
                sp.intoArray(tp, b);
                mw.intoArray(tp, b + n);
                tosoil.intoArray(tp, b + 9 * n);
            }
            rain.intoArray(w.fRain, i);
            tosoil.intoArray(w.fTosoil, i);
            sp3.intoArray(w.sp, i);
            mw3.intoArray(w.mw, i);
            if (diag) {
                rain.intoArray(d[4], i);
                snow.intoArray(d[5], i);
                melt.intoArray(d[6], i);
                refr.intoArray(d[7], i);
                tosoil.intoArray(d[8], i);
                sp3.intoArray(d[12], i);
                mw3.intoArray(d[13], i);
            }
        }
    }

    /** ln max(SM/FC, tiny), the logarithm of soil wetness, on its own (see the class comment). */
    private static void wetnessLog(HbvWorkspace w, float[][] par, int[] off, int lo, int hi, int tapeBase) {
        final int n = w.nLanes;
        final float[] aFc = par[1];
        final int oFc = off[1];
        final boolean record = tapeBase >= 0;
        final float[] tp = w.tape;
        for (int i = lo; i < hi; i += VL) {
            FloatVector sm = FloatVector.fromArray(S, w.sm, i);
            FloatVector fc = FloatVector.fromArray(S, aFc, oFc + i);
            FloatVector x1 = sm.div(fc).max(TINY);
            // Activations' log/exp, not the API's LOG/EXP: same bits whenever the JIT compiles this (reproducible runs)
            FloatVector lnx1 = Activations.log(x1);
            lnx1.intoArray(w.fLn, i);
            if (record) {
                int b = tapeBase + i;
                sm.intoArray(tp, b + 2 * n);
                lnx1.intoArray(tp, b + 6 * n);
            }
        }
    }

    /** Soil wetness (SM/FC)^β: recharge, the soil moisture after its excess over FC, the excess. */
    private static void wetness(HbvWorkspace w, float[][] par, int[] off, int lo, int hi, int tapeBase,
            boolean diag) {
        final int n = w.nLanes;
        final float[] aBeta = par[0];
        final float[] aFc = par[1];
        final int oBeta = off[0];
        final int oFc = off[1];
        final boolean record = tapeBase >= 0;
        final float[] tp = w.tape;
        final float[][] d = w.diagLane;
        for (int i = lo; i < hi; i += VL) {
            FloatVector sm = FloatVector.fromArray(S, w.sm, i);
            FloatVector rain = FloatVector.fromArray(S, w.fRain, i);
            FloatVector tosoil = FloatVector.fromArray(S, w.fTosoil, i);
            FloatVector fc = FloatVector.fromArray(S, aFc, oFc + i);
            FloatVector beta = FloatVector.fromArray(S, aBeta, oBeta + i);
            FloatVector lnx1 = FloatVector.fromArray(S, w.fLn, i);
            FloatVector swr = Activations.exp(beta.mul(lnx1));
            FloatVector sw = swr.min(1f);
            FloatVector recharge = rain.add(tosoil).mul(sw);
            FloatVector sm1 = sm.add(rain).add(tosoil).sub(recharge);
            FloatVector excess = sm1.sub(fc).max(0f);
            FloatVector sm2 = sm1.sub(excess);
            if (record) {
                swr.intoArray(tp, tapeBase + i + 5 * n);
            }
            sm2.intoArray(w.fSm2, i);
            recharge.intoArray(w.fRecharge, i);
            excess.intoArray(w.fExcess, i);
            if (diag) {
                recharge.intoArray(d[9], i);
                excess.intoArray(d[10], i);
            }
        }
    }

    /** ln max(SM/(LP·FC), tiny) for the learned ET exponent γ, on its own (see the class comment). */
    private static void evapotranspirationLog(HbvWorkspace w, float[][] par, int[] off, int lo, int hi,
            int tapeBase) {
        final int n = w.nLanes;
        final float[] aFc = par[1];
        final float[] aLp = par[5];
        final int oFc = off[1];
        final int oLp = off[5];
        final boolean record = tapeBase >= 0;
        final float[] tp = w.tape;
        for (int i = lo; i < hi; i += VL) {
            FloatVector sm2 = FloatVector.fromArray(S, w.fSm2, i);
            FloatVector fc = FloatVector.fromArray(S, aFc, oFc + i);
            FloatVector lp = FloatVector.fromArray(S, aLp, oLp + i);
            FloatVector lnx2 = Activations.log(sm2.div(lp.mul(fc)).max(TINY));
            lnx2.intoArray(w.fLn, i);
            if (record) {
                lnx2.intoArray(tp, tapeBase + i + 8 * n);
            }
        }
    }

    /** Actual evapotranspiration, PET · min(1, SM/(LP·FC)) (to the power γ where γ is learned), and new SM. */
    private static void evapotranspiration(HbvWorkspace w, float[][] par, int[] off, int lo, int hi,
            int tapeBase, boolean diag) {
        final int n = w.nLanes;
        final float[] aFc = par[1];
        final float[] aLp = par[5];
        final float[] aGamma = w.gammaEt ? par[12] : null;
        final int oFc = off[1];
        final int oLp = off[5];
        final int oGamma = w.gammaEt ? off[12] : 0;
        final boolean gammaEt = w.gammaEt;
        final boolean record = tapeBase >= 0;
        final float[] tp = w.tape;
        final FloatVector zero = FloatVector.zero(S);
        final float[][] d = w.diagLane;
        for (int i = lo; i < hi; i += VL) {
            FloatVector pet = FloatVector.fromArray(S, w.pe, i);
            FloatVector sm2 = FloatVector.fromArray(S, w.fSm2, i);
            FloatVector efr;
            if (gammaEt) {
                FloatVector lnx2 = FloatVector.fromArray(S, w.fLn, i);
                efr = Activations.exp(FloatVector.fromArray(S, aGamma, oGamma + i).mul(lnx2));
            } else {
                FloatVector fc = FloatVector.fromArray(S, aFc, oFc + i);
                FloatVector lp = FloatVector.fromArray(S, aLp, oLp + i);
                efr = sm2.div(lp.mul(fc));
            }
            FloatVector ef = efr.max(0f).min(1f);
            FloatVector eta = sm2.min(pet.mul(ef));
            FloatVector sm3 = sm2.sub(eta).max(SM_FLOOR);
            if (record) {
                int b = tapeBase + i;
                efr.intoArray(tp, b + 7 * n);
                if (!gammaEt) {
                    zero.intoArray(tp, b + 8 * n);
                }
            }
            sm3.intoArray(w.sm, i);
            if (diag) {
                eta.intoArray(d[3], i);
                sm3.intoArray(d[14], i);
            }
        }
    }

    /** Upper and lower zones: percolation, fast flow, interflow, baseflow and the lane's streamflow. */
    private static void response(HbvWorkspace w, float[][] par, int[] off, int lo, int hi, int tapeBase,
            boolean diag) {
        final int n = w.nLanes;
        final float[] aK0 = par[2];
        final float[] aK1 = par[3];
        final float[] aK2 = par[4];
        final float[] aPerc = par[6];
        final float[] aUzl = par[7];
        final int oK0 = off[2];
        final int oK1 = off[3];
        final int oK2 = off[4];
        final int oPerc = off[6];
        final int oUzl = off[7];
        final boolean record = tapeBase >= 0;
        final float[] tp = w.tape;
        final float[][] d = w.diagLane;
        for (int i = lo; i < hi; i += VL) {
            FloatVector suz = FloatVector.fromArray(S, w.suz, i);
            FloatVector slz = FloatVector.fromArray(S, w.slz, i);
            FloatVector recharge = FloatVector.fromArray(S, w.fRecharge, i);
            FloatVector excess = FloatVector.fromArray(S, w.fExcess, i);
            FloatVector suz1 = suz.add(recharge).add(excess);
            FloatVector perc = suz1.min(FloatVector.fromArray(S, aPerc, oPerc + i));
            FloatVector suz2 = suz1.sub(perc);
            FloatVector q0 = FloatVector.fromArray(S, aK0, oK0 + i)
                    .mul(suz2.sub(FloatVector.fromArray(S, aUzl, oUzl + i)).max(0f));
            FloatVector suz3 = suz2.sub(q0);
            FloatVector q1 = FloatVector.fromArray(S, aK1, oK1 + i).mul(suz3);
            FloatVector suz4 = suz3.sub(q1);
            FloatVector slz1 = slz.add(perc);
            FloatVector q2 = FloatVector.fromArray(S, aK2, oK2 + i).mul(slz1);
            FloatVector slz2 = slz1.sub(q2);
            if (record) {
                int b = tapeBase + i;
                suz.intoArray(tp, b + 3 * n);
                slz.intoArray(tp, b + 4 * n);
            }
            suz4.intoArray(w.suz, i);
            slz2.intoArray(w.slz, i);
            q0.add(q1).add(q2).intoArray(w.qLane, i);
            if (diag) {
                q0.intoArray(d[0], i);
                q1.intoArray(d[1], i);
                q2.intoArray(d[2], i);
                perc.intoArray(d[11], i);
                suz4.intoArray(d[15], i);
                slz2.intoArray(d[16], i);
            }
        }
    }
}
