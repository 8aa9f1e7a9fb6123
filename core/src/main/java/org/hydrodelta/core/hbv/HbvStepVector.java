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
 */
final class HbvStepVector {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int VL = S.length();

    private HbvStepVector() {
    }

    /**
     * Advances lanes [lo, hi) by one day.
     *
     * @param par      physical parameter arrays
     * @param off      per-parameter offset into {@code par} for this day
     * @param tapeBase start of this day's tape record, or −1 to record nothing (warm-up)
     * @param diag     write the per-lane diagnostic fluxes and states
     */
    static void forward(HbvWorkspace w, float[][] par, int[] off, int lo, int hi, int tapeBase, boolean diag) {
        final int n = w.nLanes;
        final float[] aBeta = par[0];
        final float[] aFc = par[1];
        final float[] aK0 = par[2];
        final float[] aK1 = par[3];
        final float[] aK2 = par[4];
        final float[] aLp = par[5];
        final float[] aPerc = par[6];
        final float[] aUzl = par[7];
        final float[] aTt = par[8];
        final float[] aCfmax = par[9];
        final float[] aCfr = par[10];
        final float[] aCwh = par[11];
        final float[] aGamma = w.gammaEt ? par[12] : null;
        final int oBeta = off[0];
        final int oFc = off[1];
        final int oK0 = off[2];
        final int oK1 = off[3];
        final int oK2 = off[4];
        final int oLp = off[5];
        final int oPerc = off[6];
        final int oUzl = off[7];
        final int oTt = off[8];
        final int oCfmax = off[9];
        final int oCfr = off[10];
        final int oCwh = off[11];
        final int oGamma = w.gammaEt ? off[12] : 0;
        final boolean gammaEt = w.gammaEt;
        final boolean record = tapeBase >= 0;
        final float[] tp = w.tape;
        final FloatVector zero = FloatVector.zero(S);
        final float[][] d = w.diagLane;

        int i = lo;
        for (; i <= hi - VL; i += VL) {
            FloatVector p = FloatVector.fromArray(S, w.pr, i);
            FloatVector temp = FloatVector.fromArray(S, w.ta, i);
            FloatVector pet = FloatVector.fromArray(S, w.pe, i);
            FloatVector sp = FloatVector.fromArray(S, w.sp, i);
            FloatVector mw = FloatVector.fromArray(S, w.mw, i);
            FloatVector sm = FloatVector.fromArray(S, w.sm, i);
            FloatVector suz = FloatVector.fromArray(S, w.suz, i);
            FloatVector slz = FloatVector.fromArray(S, w.slz, i);
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

            FloatVector fc = FloatVector.fromArray(S, aFc, oFc + i);
            FloatVector beta = FloatVector.fromArray(S, aBeta, oBeta + i);
            FloatVector x1 = sm.div(fc).max(TINY);
            // Activations' log/exp, not the API's LOG/EXP: same bits whenever the JIT compiles this (reproducible runs)
            FloatVector lnx1 = Activations.log(x1);
            FloatVector swr = Activations.exp(beta.mul(lnx1));
            FloatVector sw = swr.min(1f);
            FloatVector recharge = rain.add(tosoil).mul(sw);
            FloatVector sm1 = sm.add(rain).add(tosoil).sub(recharge);
            FloatVector excess = sm1.sub(fc).max(0f);
            FloatVector sm2 = sm1.sub(excess);
            FloatVector lp = FloatVector.fromArray(S, aLp, oLp + i);
            FloatVector x2 = sm2.div(lp.mul(fc));
            FloatVector lnx2;
            FloatVector efr;
            if (gammaEt) {
                x2 = x2.max(TINY);
                lnx2 = Activations.log(x2);
                efr = Activations.exp(FloatVector.fromArray(S, aGamma, oGamma + i).mul(lnx2));
            } else {
                lnx2 = zero;
                efr = x2;
            }
            FloatVector ef = efr.max(0f).min(1f);
            FloatVector eta = sm2.min(pet.mul(ef));
            FloatVector sm3 = sm2.sub(eta).max(SM_FLOOR);

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
                sp.intoArray(tp, b);
                mw.intoArray(tp, b + n);
                sm.intoArray(tp, b + 2 * n);
                suz.intoArray(tp, b + 3 * n);
                slz.intoArray(tp, b + 4 * n);
                swr.intoArray(tp, b + 5 * n);
                lnx1.intoArray(tp, b + 6 * n);
                efr.intoArray(tp, b + 7 * n);
                lnx2.intoArray(tp, b + 8 * n);
                tosoil.intoArray(tp, b + 9 * n);
            }
            sp3.intoArray(w.sp, i);
            mw3.intoArray(w.mw, i);
            sm3.intoArray(w.sm, i);
            suz4.intoArray(w.suz, i);
            slz2.intoArray(w.slz, i);
            q0.add(q1).add(q2).intoArray(w.qLane, i);
            if (diag) {
                q0.intoArray(d[0], i);
                q1.intoArray(d[1], i);
                q2.intoArray(d[2], i);
                eta.intoArray(d[3], i);
                rain.intoArray(d[4], i);
                snow.intoArray(d[5], i);
                melt.intoArray(d[6], i);
                refr.intoArray(d[7], i);
                tosoil.intoArray(d[8], i);
                recharge.intoArray(d[9], i);
                excess.intoArray(d[10], i);
                perc.intoArray(d[11], i);
                sp3.intoArray(d[12], i);
                mw3.intoArray(d[13], i);
                sm3.intoArray(d[14], i);
                suz4.intoArray(d[15], i);
                slz2.intoArray(d[16], i);
            }
        }
        for (; i < hi; i++) {
            HbvStepScalar.forward(w, par, off, i, tapeBase, diag);
        }
    }
}
