package org.hydrodelta.core.hbv;

import static org.hydrodelta.core.hbv.HbvWorkspace.SM_FLOOR;
import static org.hydrodelta.core.hbv.HbvWorkspace.TAPE;
import static org.hydrodelta.core.hbv.HbvWorkspace.TINY;

import org.hydrodelta.core.nn.Activations;

/**
 * One HBV day for one lane, forward and reverse (spec §1.2, §1.5), in scalar float32. Used for the lanes that do
 * not fill a whole vector; {@link HbvStepVector} is the same arithmetic eight (or more) lanes at a time, and
 * both must stay in step: every operation, and its order, is mirrored there.
 *
 * <p>Gradient semantics follow PyTorch: {@code clamp} passes the gradient where lo ≤ x ≤ hi; {@code min} of two
 * values sends it to the smaller and splits it in half on an exact tie; the rain/snow indicator passes none.
 */
final class HbvStepScalar {
    private HbvStepScalar() {
    }

    /**
     * Advances lane i by one day.
     *
     * @param par      physical parameter arrays
     * @param off      per-parameter offset into {@code par} for this day
     * @param tapeBase start of this day's tape record, or −1 to record nothing (warm-up)
     * @param diag     write the per-lane diagnostic fluxes and states
     */
    static void forward(HbvWorkspace w, float[][] par, int[] off, int i, int tapeBase, boolean diag) {
        final int n = w.nLanes;
        float beta = par[0][off[0] + i];
        float fc = par[1][off[1] + i];
        float k0 = par[2][off[2] + i];
        float k1 = par[3][off[3] + i];
        float k2 = par[4][off[4] + i];
        float lp = par[5][off[5] + i];
        float percMax = par[6][off[6] + i];
        float uzl = par[7][off[7] + i];
        float tt = par[8][off[8] + i];
        float cfmax = par[9][off[9] + i];
        float cfr = par[10][off[10] + i];
        float cwh = par[11][off[11] + i];
        float p = w.pr[i];
        float temp = w.ta[i];
        float pet = w.pe[i];
        float sp = w.sp[i];
        float mw = w.mw[i];
        float sm = w.sm[i];
        float suz = w.suz[i];
        float slz = w.slz[i];

        boolean isRain = temp >= tt;
        float rain = isRain ? p : 0f;
        float snow = isRain ? 0f : p;
        float sp1 = sp + snow;
        float melt = Math.min(Math.max(cfmax * (temp - tt), 0f), sp1);
        float mw1 = mw + melt;
        float sp2 = sp1 - melt;
        float refr = Math.min(Math.max(cfr * cfmax * (tt - temp), 0f), mw1);
        float sp3 = sp2 + refr;
        float mw2 = mw1 - refr;
        float tosoil = Math.max(mw2 - cwh * sp3, 0f);
        float mw3 = mw2 - tosoil;

        float x1 = Math.max(sm / fc, TINY);
        float lnx1 = Activations.log(x1);
        float swr = Activations.exp(beta * lnx1);
        float sw = Math.min(swr, 1f);
        float recharge = (rain + tosoil) * sw;
        float sm1 = sm + rain + tosoil - recharge;
        float excess = Math.max(sm1 - fc, 0f);
        float sm2 = sm1 - excess;
        float x2 = sm2 / (lp * fc);
        float lnx2 = 0f;
        float efr;
        if (w.gammaEt) {
            x2 = Math.max(x2, TINY);
            lnx2 = Activations.log(x2);
            efr = Activations.exp(par[12][off[12] + i] * lnx2);
        } else {
            efr = x2;
        }
        float ef = Math.min(Math.max(efr, 0f), 1f);
        float eta = Math.min(sm2, pet * ef);
        float sm3 = Math.max(sm2 - eta, SM_FLOOR);

        float suz1 = suz + recharge + excess;
        float perc = Math.min(suz1, percMax);
        float suz2 = suz1 - perc;
        float q0 = k0 * Math.max(suz2 - uzl, 0f);
        float suz3 = suz2 - q0;
        float q1 = k1 * suz3;
        float suz4 = suz3 - q1;
        float slz1 = slz + perc;
        float q2 = k2 * slz1;
        float slz2 = slz1 - q2;

        if (tapeBase >= 0) {
            float[] tp = w.tape;
            int b = tapeBase + i;
            tp[b] = sp;
            tp[b + n] = mw;
            tp[b + 2 * n] = sm;
            tp[b + 3 * n] = suz;
            tp[b + 4 * n] = slz;
            tp[b + 5 * n] = swr;
            tp[b + 6 * n] = lnx1;
            tp[b + 7 * n] = efr;
            tp[b + 8 * n] = lnx2;
            tp[b + 9 * n] = tosoil;
        }
        w.sp[i] = sp3;
        w.mw[i] = mw3;
        w.sm[i] = sm3;
        w.suz[i] = suz4;
        w.slz[i] = slz2;
        w.qLane[i] = q0 + q1 + q2;
        if (diag) {
            float[][] d = w.diagLane;
            d[0][i] = q0;
            d[1][i] = q1;
            d[2][i] = q2;
            d[3][i] = eta;
            d[4][i] = rain;
            d[5][i] = snow;
            d[6][i] = melt;
            d[7][i] = refr;
            d[8][i] = tosoil;
            d[9][i] = recharge;
            d[10][i] = excess;
            d[11][i] = perc;
            d[12][i] = sp3;
            d[13][i] = mw3;
            d[14][i] = sm3;
            d[15][i] = suz4;
            d[16][i] = slz2;
        }
    }

    /** Share of a min's gradient that goes to its first argument (PyTorch: half on an exact tie). */
    static float minShare(float a, float b) {
        return a < b ? 1f : (a == b ? 0.5f : 0f);
    }

    /**
     * Reverse of {@link #forward} for lane i: takes the adjoints of the end-of-day states (in the workspace)
     * and of this day's streamflow ({@code w.gq}), replaces the state adjoints by those of the start of the
     * day and adds the parameter gradients into {@code w.gPar} at {@code off}.
     *
     * @param tapeBase start of this day's tape record
     */
    static void backward(HbvWorkspace w, float[][] par, int[] off, int i, int tapeBase) {
        final int n = w.nLanes;
        float beta = par[0][off[0] + i];
        float fc = par[1][off[1] + i];
        float k0 = par[2][off[2] + i];
        float k1 = par[3][off[3] + i];
        float k2 = par[4][off[4] + i];
        float lp = par[5][off[5] + i];
        float percMax = par[6][off[6] + i];
        float uzl = par[7][off[7] + i];
        float tt = par[8][off[8] + i];
        float cfmax = par[9][off[9] + i];
        float cfr = par[10][off[10] + i];
        float cwh = par[11][off[11] + i];
        float gamma = w.gammaEt ? par[12][off[12] + i] : 1f;
        float p = w.pr[i];
        float temp = w.ta[i];
        float pet = w.pe[i];
        float[] tp = w.tape;
        int tb = tapeBase + i;
        float sp = tp[tb];
        float mw = tp[tb + n];
        float sm = tp[tb + 2 * n];
        float suz = tp[tb + 3 * n];
        float slz = tp[tb + 4 * n];
        float swr = tp[tb + 5 * n];
        float lnx1 = tp[tb + 6 * n];
        float efr = tp[tb + 7 * n];
        float lnx2 = tp[tb + 8 * n];

        // Recompute the day's intermediates exactly as forward did (same float operations, same order).
        boolean isRain = temp >= tt;
        float rain = isRain ? p : 0f;
        float snow = isRain ? 0f : p;
        float sp1 = sp + snow;
        float mr = cfmax * (temp - tt);
        float mc = Math.max(mr, 0f);
        float melt = Math.min(mc, sp1);
        float mw1 = mw + melt;
        float sp2 = sp1 - melt;
        float dtr = tt - temp;
        float rr = cfr * cfmax * dtr;
        float rc = Math.max(rr, 0f);
        float refr = Math.min(rc, mw1);
        float sp3 = sp2 + refr;
        float mw2 = mw1 - refr;
        float tsr = mw2 - cwh * sp3;
        float x1 = Math.max(sm / fc, TINY);
        float sw = Math.min(swr, 1f);
        float tosoil = Math.max(tsr, 0f);
        float inflow = rain + tosoil;
        float recharge = inflow * sw;
        float sm1 = sm + rain + tosoil - recharge;
        float exr = sm1 - fc;
        float excess = Math.max(exr, 0f);
        float sm2 = sm1 - excess;
        float lpfc = lp * fc;
        float x2 = sm2 / lpfc;
        if (w.gammaEt) {
            x2 = Math.max(x2, TINY);
        }
        float ef = Math.min(Math.max(efr, 0f), 1f);
        float etr = pet * ef;
        float eta = Math.min(sm2, etr);
        float smd = sm2 - eta;
        float suz1 = suz + recharge + excess;
        float perc = Math.min(suz1, percMax);
        float suz2 = suz1 - perc;
        float q0r = suz2 - uzl;
        float q0c = Math.max(q0r, 0f);
        float q0 = k0 * q0c;
        float suz3 = suz2 - q0;
        float slz1 = slz + perc;

        // Adjoint, last operation first.
        float g = w.gq[i];
        float gSlz = w.gslz[i];
        float gSuz = w.gsuz[i];
        float gSm = w.gsm[i];
        float gMw = w.gmw[i];
        float gSp = w.gsp[i];

        final boolean fx = w.fluxSeeds;
        float gQ2 = (fx ? g + w.gxQ2[i] : g) - gSlz;
        float gSlz1 = gSlz + gQ2 * k2;
        float gK2 = gQ2 * slz1;
        float gQ1 = (fx ? g + w.gxQ1[i] : g) - gSuz;
        float gSuz3 = gSuz + gQ1 * k1;
        float gK1 = gQ1 * suz3;
        float gQ0 = (fx ? g + w.gxQ0[i] : g) - gSuz3;
        float gK0 = gQ0 * q0c;
        float gQ0r = q0r >= 0f ? gQ0 * k0 : 0f;
        float gSuz2 = gSuz3 + gQ0r;
        float gUzl = -gQ0r;
        float gPerc = gSlz1 - gSuz2;
        float gSlzIn = gSlz1;
        float sPerc = minShare(suz1, percMax);
        float gSuz1 = gSuz2 + gPerc * sPerc;
        float gPercMax = gPerc - gPerc * sPerc;
        float gRecharge = gSuz1;
        float gExcess = gSuz1;
        float gSuzIn = gSuz1;

        float gD = smd >= SM_FLOOR ? gSm : 0f;
        float gEta = fx ? w.gxEt[i] - gD : -gD;
        float sEta = minShare(sm2, etr);
        float gSm2 = gD + gEta * sEta;
        float gEtr = gEta - gEta * sEta;
        float gEf = gEtr * pet;
        float gEfr = (efr >= 0f && efr <= 1f) ? gEf : 0f;
        float gX2;
        float gGamma = 0f;
        if (w.gammaEt) {
            gGamma = gEfr * efr * lnx2;
            gX2 = gEfr * gamma * efr / x2;
        } else {
            gX2 = gEfr;
        }
        gSm2 += gX2 / lpfc;
        float gLpfc = -gX2 * x2 / lpfc;
        float gLp = gLpfc * fc;
        float gFc = gLpfc * lp;

        float gSm1 = gSm2;
        gExcess -= gSm2;
        float gExr = exr >= 0f ? gExcess : 0f;
        gSm1 += gExr;
        gFc -= gExr;
        float gSmIn = gSm1;
        float gTosoil = gSm1;
        gRecharge -= gSm1;
        gTosoil += gRecharge * sw;
        float gSw = gRecharge * inflow;
        float gSwr = swr <= 1f ? gSw : 0f;
        float gBeta = gSwr * swr * lnx1;
        float gX1 = gSwr * beta * swr / x1;
        gSmIn += gX1 / fc;
        gFc -= gX1 * x1 / fc;

        float gMw2 = gMw;
        gTosoil -= gMw;
        float gTsr = tsr >= 0f ? gTosoil : 0f;
        gMw2 += gTsr;
        float gCwh = -gTsr * sp3;
        float gSp3 = gSp - gTsr * cwh;
        float gSp2 = gSp3;
        float gRefr = gSp3 - gMw2;
        float gMw1 = gMw2;
        float sRefr = minShare(rc, mw1);
        float gRc = gRefr * sRefr;
        gMw1 += gRefr - gRc;
        float gRr = rr >= 0f ? gRc : 0f;
        float gCfr = gRr * cfmax * dtr;
        float gCfmax = gRr * cfr * dtr;
        float gTt = gRr * cfr * cfmax;
        float gSp1 = gSp2;
        float gMelt = gMw1 - gSp2;
        float gMwIn = gMw1;
        float sMelt = minShare(mc, sp1);
        float gMc = gMelt * sMelt;
        gSp1 += gMelt - gMc;
        float gMr = mr >= 0f ? gMc : 0f;
        gCfmax += gMr * (temp - tt);
        gTt -= gMr * cfmax;

        w.gsp[i] = gSp1;
        w.gmw[i] = gMwIn;
        w.gsm[i] = gSmIn;
        w.gsuz[i] = gSuzIn;
        w.gslz[i] = gSlzIn;
        float[][] gp = w.gPar;
        gp[0][off[0] + i] += gBeta;
        gp[1][off[1] + i] += gFc;
        gp[2][off[2] + i] += gK0;
        gp[3][off[3] + i] += gK1;
        gp[4][off[4] + i] += gK2;
        gp[5][off[5] + i] += gLp;
        gp[6][off[6] + i] += gPercMax;
        gp[7][off[7] + i] += gUzl;
        gp[8][off[8] + i] += gTt;
        gp[9][off[9] + i] += gCfmax;
        gp[10][off[10] + i] += gCfr;
        gp[11][off[11] + i] += gCwh;
        if (w.gammaEt) {
            gp[12][off[12] + i] += gGamma;
        }
    }
}
