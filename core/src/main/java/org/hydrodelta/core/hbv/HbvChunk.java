package org.hydrodelta.core.hbv;

import org.hydrodelta.core.conceptual.ParameterDays;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * The work of one thread: a contiguous block of basins [b0, b1) (lanes [b0·M, b1·M)) taken through warm-up,
 * window, averaging and routing, and back. Holds only small per-thread scratch allocated once.
 */
final class HbvChunk {
    private static final int VL = HbvStepVector.S.length();
    private final HbvWorkspace w;
    private final int b0;
    private final int b1;
    private final int lo;
    private final int hi;
    private final int[] zeroOff;
    private final double[] gw;
    private final double[] gAlphaTheta = new double[2];

    HbvChunk(HbvWorkspace w, int b0, int b1) {
        this.w = w;
        this.b0 = b0;
        this.b1 = b1;
        this.lo = b0 * w.nmul;
        this.hi = b1 * w.nmul;
        this.zeroOff = new int[w.nParams];
        this.gw = new double[UnitHydrograph.LENGTH];
    }

    void forward(float[] forcing, float[] u, ParameterDays days) {
        final int nB = w.nBasins;
        final int m = w.nmul;
        final int n = w.nLanes;
        final int width = w.cfg.rowWidth();
        scaleParameters(u, days);
        Arrays.fill(w.sp, lo, hi, HbvWorkspace.COLD_STATE);
        Arrays.fill(w.mw, lo, hi, HbvWorkspace.COLD_STATE);
        Arrays.fill(w.sm, lo, hi, HbvWorkspace.COLD_STATE);
        Arrays.fill(w.suz, lo, hi, HbvWorkspace.COLD_STATE);
        Arrays.fill(w.slz, lo, hi, HbvWorkspace.COLD_STATE);

        for (int t = 0; t < w.nWarmup; t++) {
            expandForcing(forcing, t);
            HbvStepVector.forward(w, w.parWarm, zeroOff, lo, hi, -1, false);
        }
        final boolean diag = w.diagLane != null;
        final float[] qMean = w.outputs[HbvOutput.Q.ordinal()];
        for (int t = 0; t < w.nWindow; t++) {
            expandForcing(forcing, w.nWarmup + t);
            loadDynamic(u, t);
            HbvStepVector.forward(w, w.parWin, zeroOff, lo, hi, t * HbvWorkspace.TAPE * n, diag);
            average(w.qLane, qMean, t);
            if (diag) {
                for (int k = 0; k < HbvOutput.N_DIAGNOSTIC; k++) {
                    average(w.diagLane[k], w.outputs[k + 2], t);
                }
            }
        }

        final float[] routed = w.outputs[HbvOutput.Q_ROUTED.ordinal()];
        final int len = w.uhLength;
        for (int b = b0; b < b1; b++) {
            if (w.cfg.routing()) {
                int row = (days.routingDay() * nB + b) * width + w.nParams * m;
                w.alpha[b] = UnitHydrograph.alpha(u[row]);
                w.theta[b] = UnitHydrograph.theta(u[row + 1]);
                UnitHydrograph.weights(w.alpha[b], w.theta[b], len, w.uhWeights, b * len);
                UnitHydrograph.convolve(qMean, routed, b, nB, w.nWindow, w.uhWeights, b * len, len);
            } else {
                for (int t = 0; t < w.nWindow; t++) {
                    routed[t * nB + b] = qMean[t * nB + b];
                }
            }
        }
    }

    private void scaleParameters(float[] u, ParameterDays days) {
        final int nB = w.nBasins;
        final int m = w.nmul;
        final int width = w.cfg.rowWidth();
        final HbvParameter[] all = HbvParameter.values();
        for (int p = 0; p < w.nParams; p++) {
            HbvParameter par = all[p];
            boolean dyn = w.dynamic[p];
            for (int b = b0; b < b1; b++) {
                int col = p * m;
                int warmRow = (days.warmupDay() * nB + b) * width + col;
                int staticRow = (days.staticDay() * nB + b) * width + col;
                for (int c = 0; c < m; c++) {
                    int lane = b * m + c;
                    w.parWarm[p][lane] = par.toPhysical(u[warmRow + c]);
                    if (!dyn) {
                        w.parWin[p][lane] = par.toPhysical(u[staticRow + c]);
                    }
                }
            }
        }
    }

    /** Physical values of the dynamic parameters on window day t, for this chunk's lanes. */
    private void loadDynamic(float[] u, int t) {
        final int nB = w.nBasins;
        final int m = w.nmul;
        final int width = w.cfg.rowWidth();
        final HbvParameter[] all = HbvParameter.values();
        for (int p = 0; p < w.nParams; p++) {
            if (!w.dynamic[p]) {
                continue;
            }
            HbvParameter par = all[p];
            float[] dst = w.parWin[p];
            // lo + u·range as toPhysical computes it (a product, then a sum: no fused multiply-add), VL components
            // at a time; the loads are one day's rows of the network output, far apart, so this loop is mostly
            // waiting for memory and the fewer instructions let more loads be in flight
            final float loF = par.toPhysical(0f);
            final float rangeF = par.rangeF();
            for (int b = b0; b < b1; b++) {
                int col = ((w.nWarmup + t) * nB + b) * width + p * m;
                int lane = b * m;
                int c = 0;
                for (; c <= m - VL; c += VL) {
                    FloatVector.fromArray(HbvStepVector.S, u, col + c).mul(rangeF).add(loF)
                            .intoArray(dst, lane + c);
                }
                for (; c < m; c++) {
                    dst[lane + c] = par.toPhysical(u[col + c]);
                }
            }
        }
    }

    private void expandForcing(float[] forcing, int day) {
        final int m = w.nmul;
        int base = day * w.nBasins * 3;
        for (int b = b0; b < b1; b++) {
            int f = base + 3 * b;
            float p = zeroIfNaN(forcing[f]);
            float t = zeroIfNaN(forcing[f + 1]);
            float e = zeroIfNaN(forcing[f + 2]);
            int l = b * m;
            Arrays.fill(w.pr, l, l + m, p);
            Arrays.fill(w.ta, l, l + m, t);
            Arrays.fill(w.pe, l, l + m, e);
        }
    }

    private static float zeroIfNaN(float v) {
        return v != v ? 0f : v;
    }

    /** Scratch for the lane sum of {@link #average}. */
    private final float[] laneSum = new float[VL];

    private void average(float[] lanes, float[] dst, int t) {
        final int m = w.nmul;
        final int nB = w.nBasins;
        if (m % VL == 0) {
            // A serial scalar sum of 16 floats is latency-bound; vector adds plus one lane sum are not. The lanes are
            // summed in lane order, not by reduceLanes(ADD), whose order may differ between the JIT's intrinsic and
            // the Java fallback (and with it the last bit of the mean, run to run).
            for (int b = b0; b < b1; b++) {
                int l = b * m;
                FloatVector acc = FloatVector.fromArray(HbvStepVector.S, lanes, l);
                for (int c = VL; c < m; c += VL) {
                    acc = acc.add(FloatVector.fromArray(HbvStepVector.S, lanes, l + c));
                }
                acc.intoArray(laneSum, 0);
                float s = 0f;
                for (float v : laneSum) {
                    s += v;
                }
                dst[t * nB + b] = s / m;
            }
            return;
        }
        for (int b = b0; b < b1; b++) {
            int l = b * m;
            float s = 0f;
            for (int c = 0; c < m; c++) {
                s += lanes[l + c];
            }
            dst[t * nB + b] = s / m;
        }
    }

    /**
     * @param gExtra dLoss/d(output) of outputs besides the routed discharge, by {@link HbvOutput} ordinal, each
     *               {@code [windowDay][basin]}, or {@code null} for none (entries null for unseeded outputs)
     */
    void backward(float[] forcing, float[] u, ParameterDays days, float[] gRouted, float[] gU, float[][] gExtra) {
        final int nB = w.nBasins;
        final int m = w.nmul;
        final int n = w.nLanes;
        final int width = w.cfg.rowWidth();
        final int nWin = w.nWindow;
        final float[] gMean = w.gqMean;
        final float[] qMean = w.outputs[HbvOutput.Q.ordinal()];
        final int len = w.uhLength;

        for (int b = b0; b < b1; b++) {
            if (w.cfg.routing()) {
                routingBackward(b, gRouted, qMean, len);
                double ga = w.alpha[b] > 0.1f ? gAlphaTheta[0] : 0.0;
                double gb = w.theta[b] > 0.5f ? gAlphaTheta[1] : 0.0;
                int row = (days.routingDay() * nB + b) * width + w.nParams * m;
                gU[row] += (float) (ga * (float) HbvParameter.ROUTING_A_MAX);
                gU[row + 1] += (float) (gb * (float) HbvParameter.ROUTING_B_MAX);
            } else {
                for (int t = 0; t < nWin; t++) {
                    gMean[t * nB + b] = gRouted[t * nB + b];
                }
            }
        }

        Arrays.fill(w.gsp, lo, hi, 0f);
        Arrays.fill(w.gmw, lo, hi, 0f);
        Arrays.fill(w.gsm, lo, hi, 0f);
        Arrays.fill(w.gsuz, lo, hi, 0f);
        Arrays.fill(w.gslz, lo, hi, 0f);
        for (int p = 0; p < w.nParams; p++) {
            Arrays.fill(w.gPar[p], lo, hi, 0f);
        }

        final float[] gUnrouted = gExtra == null ? null : gExtra[HbvOutput.Q.ordinal()];
        if (gUnrouted != null) {
            for (int t = 0; t < nWin; t++) {
                for (int b = b0; b < b1; b++) {
                    gMean[t * nB + b] += gUnrouted[t * nB + b];
                }
            }
        }
        for (int t = nWin - 1; t >= 0; t--) {
            expandForcing(forcing, w.nWarmup + t);
            for (int b = b0; b < b1; b++) {
                float g = gMean[t * nB + b] / m;
                Arrays.fill(w.gq, b * m, b * m + m, g);
            }
            if (gExtra != null) {
                seed(gExtra, t);
            }
            loadDynamic(u, t);
            int tapeBase = t * HbvWorkspace.TAPE * n;
            int vEnd = HbvStepVector.vectorEnd(lo, hi);
            HbvAdjointVector.backwardSoil(w, w.parWin, zeroOff, lo, vEnd, tapeBase);
            HbvAdjointVector.backwardSnow(w, w.parWin, zeroOff, lo, vEnd, tapeBase);
            for (int i = vEnd; i < hi; i++) {
                HbvStepScalar.backward(w, w.parWin, zeroOff, i, tapeBase);
            }
            scatterDynamicGradient(t, gU);
        }

        scatterStaticGradient(days, gU);
    }

    /**
     * Seeds day t's adjoints of the outputs a loss reads besides discharge: the end-of-day stores add to the state
     * adjoints carried back from later days (the outputs are those very states), the fluxes go to the reverse step
     * through {@code w.gx*}. Outputs are component means, so each lane gets 1/M of the mean's gradient.
     */
    private void seed(float[][] gExtra, int t) {
        final int nB = w.nBasins;
        final int m = w.nmul;
        addStore(gExtra[HbvOutput.SNOWPACK.ordinal()], w.gsp, t, nB, m);
        addStore(gExtra[HbvOutput.MELTWATER.ordinal()], w.gmw, t, nB, m);
        addStore(gExtra[HbvOutput.SM.ordinal()], w.gsm, t, nB, m);
        addStore(gExtra[HbvOutput.SUZ.ordinal()], w.gsuz, t, nB, m);
        addStore(gExtra[HbvOutput.SLZ.ordinal()], w.gslz, t, nB, m);
        setFlux(gExtra[HbvOutput.Q0.ordinal()], w.gxQ0, t, nB, m);
        setFlux(gExtra[HbvOutput.Q1.ordinal()], w.gxQ1, t, nB, m);
        setFlux(gExtra[HbvOutput.Q2.ordinal()], w.gxQ2, t, nB, m);
        setFlux(gExtra[HbvOutput.ET.ordinal()], w.gxEt, t, nB, m);
    }

    private void addStore(float[] g, float[] lanes, int t, int nB, int m) {
        if (g == null) {
            return;
        }
        for (int b = b0; b < b1; b++) {
            float x = g[t * nB + b] / m;
            for (int c = 0; c < m; c++) {
                lanes[b * m + c] += x;
            }
        }
    }

    private void setFlux(float[] g, float[] lanes, int t, int nB, int m) {
        for (int b = b0; b < b1; b++) {
            float x = g == null ? 0f : g[t * nB + b] / m;
            Arrays.fill(lanes, b * m, b * m + m, x);
        }
    }

    /** Fills {@code w.gqMean} for basin b and leaves dL/dα, dL/dθ in {@link #gAlphaTheta}. */
    private void routingBackward(int b, float[] gRouted, float[] qMean, int len) {
        final int nB = w.nBasins;
        final int nWin = w.nWindow;
        final float[] uh = w.uhWeights;
        final int wOff = b * len;
        Arrays.fill(gw, 0.0);
        for (int s = 0; s < nWin; s++) {
            double acc = 0;
            int kMax = Math.min(len - 1, nWin - 1 - s);
            for (int k = 0; k <= kMax; k++) {
                acc += (double) uh[wOff + k] * gRouted[(s + k) * nB + b];
            }
            w.gqMean[s * nB + b] = (float) acc;
        }
        for (int k = 0; k < len; k++) {
            double acc = 0;
            for (int t = k; t < nWin; t++) {
                acc += (double) gRouted[t * nB + b] * qMean[(t - k) * nB + b];
            }
            gw[k] = acc;
        }
        UnitHydrograph.weightGradient(uh, wOff, gw, len, w.theta[b], gAlphaTheta);
    }

    /** Adds the day-t gradient of the dynamic parameters into dLoss/du and clears it for the next day. */
    private void scatterDynamicGradient(int t, float[] gU) {
        final int nB = w.nBasins;
        final int m = w.nmul;
        final int width = w.cfg.rowWidth();
        final HbvParameter[] all = HbvParameter.values();
        for (int p = 0; p < w.nParams; p++) {
            if (!w.dynamic[p]) {
                continue;
            }
            float range = all[p].rangeF();
            float[] g = w.gPar[p];
            for (int b = b0; b < b1; b++) {
                int col = ((w.nWarmup + t) * nB + b) * width + p * m;
                int lane = b * m;
                int c = 0;
                // as loadDynamic: rows far apart, VL components at a time (a product, then a sum, as below)
                for (; c <= m - VL; c += VL) {
                    FloatVector.fromArray(HbvStepVector.S, gU, col + c)
                            .add(FloatVector.fromArray(HbvStepVector.S, g, lane + c).mul(range))
                            .intoArray(gU, col + c);
                }
                for (; c < m; c++) {
                    gU[col + c] += g[lane + c] * range;
                }
            }
            Arrays.fill(g, lo, hi, 0f);
        }
    }

    private void scatterStaticGradient(ParameterDays days, float[] gU) {
        final int nB = w.nBasins;
        final int m = w.nmul;
        final int width = w.cfg.rowWidth();
        final HbvParameter[] all = HbvParameter.values();
        for (int p = 0; p < w.nParams; p++) {
            if (w.dynamic[p]) {
                continue;
            }
            float range = all[p].rangeF();
            float[] g = w.gPar[p];
            for (int b = b0; b < b1; b++) {
                int row = (days.staticDay() * nB + b) * width + p * m;
                for (int c = 0; c < m; c++) {
                    gU[row + c] += g[b * m + c] * range;
                }
            }
        }
    }
}
