package org.hydrodelta.core.hbv;

import org.hydrodelta.core.conceptual.ParameterDays;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The work of one thread: a contiguous block of basins [b0, b1) (lanes [b0·M, b1·M)) taken through warm-up,
 * window, averaging and routing, and back. Holds only small per-thread scratch allocated once.
 */
final class HbvChunk {
    private static final int VL = HbvStepVector.S.length();
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int DVL = DS.length();
    private final HbvWorkspace w;
    private final int b0;
    private final int b1;
    private final int lo;
    private final int hi;
    private final int[] zeroOff;
    /** Per-parameter offsets into {@code w.parWin} and {@code w.gPar} of the window day at hand (0 for static ones). */
    private final int[] dayOff;
    /** The dynamic parameters, and for each its physical lower bound and range (as {@link HbvParameter}). */
    private final int[] dynamicParameters;
    private final float[] dynLo;
    private final float[] dynRange;
    private final double[] gw;
    private final double[] gAlphaTheta = new double[2];
    /** Routing scratch: the chunk's unit-hydrograph weights transposed, [k][basin − b0]. */
    private final double[] uhT;
    /**
     * Routing scratch: the chunk's basins of the series convolved (forward: the unrouted mean; backward: dLoss/d(routed
     * Q) and the unrouted mean) as doubles, [day][basin − b0]. Each float is widened once instead of once per
     * unit-hydrograph ordinate, and the products' loops read doubles only, which C2 vectorises.
     */
    private final double[] xD;
    /** See {@link #xD}. */
    private final double[] yD;
    /** Routing scratch: one double sum per basin of the chunk, [basin − b0]. */
    private final double[] acc;
    /** Routing scratch: dLoss/dw_k per basin, [k][basin − b0]. */
    private final double[] gwAcc;

    HbvChunk(HbvWorkspace w, int b0, int b1, boolean inLoopDynamic) {
        this.w = w;
        this.b0 = b0;
        this.b1 = b1;
        this.lo = b0 * w.nmul;
        this.hi = b1 * w.nmul;
        this.zeroOff = new int[w.nParams];
        this.dayOff = new int[w.nParams];
        HbvParameter[] all = HbvParameter.values();
        this.dynamicParameters = java.util.stream.IntStream.range(0, w.nParams).filter(p -> w.dynamic[p]).toArray();
        this.dynLo = new float[dynamicParameters.length];
        this.dynRange = new float[dynamicParameters.length];
        for (int k = 0; k < dynamicParameters.length; k++) {
            dynLo[k] = all[dynamicParameters[k]].toPhysical(0f);
            dynRange[k] = all[dynamicParameters[k]].rangeF();
        }
        this.gw = new double[UnitHydrograph.LENGTH];
        this.uhT = new double[w.uhLength * (b1 - b0)];
        this.xD = new double[w.nWindow * (b1 - b0)];
        this.yD = new double[w.nWindow * (b1 - b0)];
        this.acc = new double[b1 - b0];
        this.gwAcc = new double[w.uhLength * (b1 - b0)];
        this.basinSum = new float[b1 - b0];
        this.basinStarts = new int[VL];
        for (int k = 0; k < VL; k++) {
            basinStarts[k] = k * w.nmul;
        }
        boolean inLoop = inLoopDynamic && w.nmul % VL == 0 && dynamicParameters.length > 0;
        this.dynRows = inLoop
                ? new DynamicRows(dynamicParameters, dynLo, dynRange, w.nmul, w.cfg.rowWidth(), w.nBasins, b0, false)
                : null;
        this.blockRows = inLoop ? new DynamicRows(dynamicParameters, dynLo, dynRange, w.nmul,
                dynamicParameters.length * w.nmul, w.nBasins, b0, true) : null;
    }

    /**
     * The dynamic parameters' rows, read and written by the vector stages while they compute each window day, or
     * null (M not a multiple of the vector length, or no dynamic parameter): then {@link #loadDynamic} and
     * {@link #scatterDynamicGradient} do it in passes of their own.
     */
    private final DynamicRows dynRows;
    /** As {@link #dynRows}, for the rows of a dynamic block. */
    private final DynamicRows blockRows;

    /**
     * @param block the dynamic parameters of the window days, {@code [windowDay][basin][nDynamic·M]}, or null to
     *              read them from u
     */
    void forward(float[] forcing, float[] u, float[] block, ParameterDays days) {
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

        if (dynRows == null) {
            loadDynamic(block == null ? u : block, block != null);
        }
        for (int t = 0; t < w.nWarmup; t++) {
            expandForcing(forcing, t);
            HbvStepVector.forward(w, w.parWarm, zeroOff, lo, hi, -1, false, null);
        }
        final boolean diag = w.diagLane != null;
        final float[] qMean = w.outputs[HbvOutput.Q.ordinal()];
        for (int t = 0; t < w.nWindow; t++) {
            expandForcing(forcing, w.nWarmup + t);
            HbvStepVector.forward(w, w.parWin, dayOffsets(t), lo, hi, t * HbvWorkspace.TAPE * n, diag,
                    dynRows == null ? null
                            : block == null ? dynRows.at(u, w.nWarmup + t) : blockRows.at(block, t));
            average(w.qLane, qMean, t);
            if (diag) {
                for (int k = 0; k < HbvOutput.N_DIAGNOSTIC; k++) {
                    average(w.diagLane[k], w.outputs[k + 2], t);
                }
            }
        }

        final float[] routed = w.outputs[HbvOutput.Q_ROUTED.ordinal()];
        final int len = w.uhLength;
        if (w.cfg.routing()) {
            for (int b = b0; b < b1; b++) {
                int row = (days.routingDay() * nB + b) * width + w.nParams * m;
                w.alpha[b] = UnitHydrograph.alpha(u[row]);
                w.theta[b] = UnitHydrograph.theta(u[row + 1]);
                UnitHydrograph.weights(w.alpha[b], w.theta[b], len, w.uhWeights, b * len);
            }
            route(qMean, routed);
        } else {
            for (int t = 0; t < w.nWindow; t++) {
                System.arraycopy(qMean, t * nB + b0, routed, t * nB + b0, b1 - b0);
            }
        }
    }

    /** {@link #dayOff} set for window day t: dynamic parameters at t·N, static ones at 0. */
    private int[] dayOffsets(int t) {
        final int off = t * w.nLanes;
        for (int p = 0; p < w.nParams; p++) {
            dayOff[p] = w.dynamic[p] ? off : 0;
        }
        return dayOff;
    }

    /**
     * The unit-hydrograph convolution of {@link UnitHydrograph#convolve} for all basins of the chunk at once. A day's
     * basins are adjacent ({@code [day][basin]}), so the basins form the inner loop and their sums run side by side;
     * one basin at a time was a single chain of dependent double additions, latency-bound, about 3 % of
     * {@code bench hbv} forward and 7 % backward. Each basin's terms are still added in the same order (k = 0, 1,
     * ...), so every value is bit for bit what the one-basin convolution gives.
     */
    private void route(float[] x, float[] y) {
        final int nB = w.nBasins;
        final int nb = b1 - b0;
        final int len = w.uhLength;
        transposeWeights();
        widen(x, xD);
        for (int t = 0; t < w.nWindow; t++) {
            convolveDay(xD, t * nb, -nb, Math.min(len - 1, t), acc);
            int yo = t * nB + b0;
            for (int j = 0; j < nb; j++) {
                y[yo + j] = (float) acc[j];
            }
        }
    }

    /** dst[t·nb + j] = (double) src[t·B + b0 + j] for every window day t and basin b0 + j of the chunk. */
    private void widen(float[] src, double[] dst) {
        final int nB = w.nBasins;
        final int nb = b1 - b0;
        for (int t = 0; t < w.nWindow; t++) {
            int so = t * nB + b0;
            int dO = t * nb;
            for (int j = 0; j < nb; j++) {
                dst[dO + j] = src[so + j];
            }
        }
    }

    private void transposeWeights() {
        final int nb = b1 - b0;
        final int len = w.uhLength;
        for (int b = b0; b < b1; b++) {
            for (int k = 0; k < len; k++) {
                uhT[k * nb + b - b0] = w.uhWeights[b * len + k];
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

    /**
     * Physical values of the dynamic parameters of every window day, for this chunk's lanes, into their day slots.
     * The values lie in the network output's rows, one row per day and basin, {@code width} floats apart. One
     * parameter at a time over all window days is then a single long stream with one even stride, which the
     * processor's stride prefetcher follows (it tracks each load instruction); day by day, or with the parameters of
     * a row read one after another by the same instruction, every row was a cache miss waiting on its own, about
     * 13 % of {@code bench hbv}.
     */
    private void loadDynamic(float[] u, boolean block) {
        final int m = w.nmul;
        final int n = w.nLanes;
        for (int k = 0; k < dynamicParameters.length; k++) {
            final int p = dynamicParameters[k];
            final float[] dst = w.parWin[p];
            // lo + u·range as toPhysical computes it (a product, then a sum: no fused multiply-add)
            final float loF = dynLo[k];
            final float rangeF = dynRange[k];
            for (int t = 0; t < w.nWindow; t++) {
                for (int b = b0; b < b1; b++) {
                    int col = dynamicIndex(block, t, b, k);
                    int lane = t * n + b * m;
                    int c = 0;
                    for (; c <= m - VL; c += VL) {
                        FloatVector.fromArray(HbvStepVector.S, u, col + c).mul(rangeF).add(loF)
                                .intoArray(dst, lane + c);
                    }
                    for (; c < m; c++) {
                        dst[lane + c] = u[col + c] * rangeF + loF;
                    }
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
            fill(w.pr, l, m, p);
            fill(w.ta, l, m, t);
            fill(w.pe, l, m, e);
        }
    }

    /**
     * a[from .. from+m) = v: a vector store at a time when m is a multiple of the vector length (for the usual 16
     * components one store; {@code Arrays.fill} called a runtime stub, three times per basin and day, about 6 % of
     * {@code bench hbv}), otherwise a plain loop.
     */
    private static void fill(float[] a, int from, int m, float v) {
        if (m % VL == 0) {
            FloatVector x = FloatVector.broadcast(HbvStepVector.S, v);
            for (int c = 0; c < m; c += VL) {
                x.intoArray(a, from + c);
            }
        } else {
            for (int c = 0; c < m; c++) {
                a[from + c] = v;
            }
        }
    }

    private static float zeroIfNaN(float v) {
        return v != v ? 0f : v;
    }

    /** Scratch of {@link #average} for M not a multiple of the vector length: one running sum per basin. */
    private final float[] basinSum;
    /** Gather map of {@link #average}: the first lane of each of VL consecutive basins, {k·M}. */
    private final int[] basinStarts;

    /**
     * dst[t][b] = the mean of basin b's component lanes. With M a multiple of the vector length the sum is the one a
     * vector sum of the basin's lane vectors followed by a sum of its lanes in lane order gives (not reduceLanes(ADD),
     * whose order may differ between the JIT's intrinsic and the Java fallback, and with it the last bit of the mean
     * run to run). It is computed for VL basins at once: each lane position c of VL consecutive basins is one gather
     * ({@link #basinStarts}), added in the same order, so each basin's sum is one of VL independent additions in a
     * vector; the basins past the last whole vector are summed one at a time in that order.
     */
    private void average(float[] lanes, float[] dst, int t) {
        final int m = w.nmul;
        final int nb = b1 - b0;
        final int o = t * w.nBasins + b0;
        if (m % VL == 0) {
            int j = 0;
            for (; j <= nb - VL; j += VL) {
                int base = (b0 + j) * m;
                FloatVector s = FloatVector.zero(HbvStepVector.S);
                for (int c = 0; c < VL; c++) {
                    FloatVector a = FloatVector.fromArray(HbvStepVector.S, lanes, base + c, basinStarts, 0);
                    for (int v = VL; v < m; v += VL) {
                        a = a.add(FloatVector.fromArray(HbvStepVector.S, lanes, base + c + v, basinStarts, 0));
                    }
                    s = s.add(a);
                }
                s.div((float) m).intoArray(dst, o + j);
            }
            for (; j < nb; j++) {
                int l = (b0 + j) * m;
                float s = 0f;
                for (int c = 0; c < VL; c++) {
                    float a = lanes[l + c];
                    for (int v = VL; v < m; v += VL) {
                        a += lanes[l + c + v];
                    }
                    s += a;
                }
                dst[o + j] = s / m;
            }
            return;
        }
        final float[] sum = basinSum;
        Arrays.fill(sum, 0f);
        for (int c = 0; c < m; c++) {
            for (int j = 0; j < nb; j++) {
                sum[j] += lanes[(b0 + j) * m + c];
            }
        }
        for (int j = 0; j < nb; j++) {
            dst[o + j] = sum[j] / m;
        }
    }

    /**
     * @param gExtra dLoss/d(output) of outputs besides the routed discharge, by {@link HbvOutput} ordinal, each
     *               {@code [windowDay][basin]}, or {@code null} for none (entries null for unseeded outputs)
     * @param gBlock the dynamic block's gradient (if forward took a block), else null
     */
    void backward(float[] forcing, float[] u, ParameterDays days, float[] gRouted, float[] gU, float[] gBlock,
            float[][] gExtra) {
        final int nB = w.nBasins;
        final int m = w.nmul;
        final int n = w.nLanes;
        final int width = w.cfg.rowWidth();
        final int nWin = w.nWindow;
        final float[] gMean = w.gqMean;
        final float[] qMean = w.outputs[HbvOutput.Q.ordinal()];

        if (w.cfg.routing()) {
            routeBackward(gRouted, qMean);
        }
        for (int b = b0; b < b1; b++) {
            if (w.cfg.routing()) {
                weightGradient(b);
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
            if (!w.dynamic[p]) {
                // a dynamic parameter's day slots are cleared as each day is scattered (and start out zero)
                Arrays.fill(w.gPar[p], lo, hi, 0f);
            }
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
                fill(w.gq, b * m, m, gMean[t * nB + b] / m);
            }
            if (gExtra != null) {
                seed(gExtra, t);
            }
            int[] off = dayOffsets(t);
            int tapeBase = t * HbvWorkspace.TAPE * n;
            int vEnd = HbvStepVector.vectorEnd(lo, hi);
            HbvAdjointVector.backward(w, w.parWin, off, lo, vEnd, tapeBase,
                    dynRows == null ? null
                            : gBlock == null ? dynRows.at(gU, w.nWarmup + t) : blockRows.at(gBlock, t));
            for (int i = vEnd; i < hi; i++) {
                HbvStepScalar.backward(w, w.parWin, off, i, tapeBase);
            }
        }
        if (dynRows == null) {
            scatterDynamicGradient(gBlock == null ? gU : gBlock, gBlock != null);
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

    /**
     * Reverse of {@link #route}: fills {@code w.gqMean} and leaves dLoss/dw_k of every basin in {@link #gwAcc}, the
     * basins in the inner loop as forward; each basin's sums in the order of the one-basin loops they replace.
     */
    private void routeBackward(float[] gRouted, float[] qMean) {
        final int nB = w.nBasins;
        final int nWin = w.nWindow;
        final int nb = b1 - b0;
        final int len = w.uhLength;
        transposeWeights();
        widen(gRouted, xD);
        widen(qMean, yD);
        for (int s = 0; s < nWin; s++) {
            convolveDay(xD, s * nb, nb, Math.min(len - 1, nWin - 1 - s), acc);
            int o = s * nB + b0;
            for (int j = 0; j < nb; j++) {
                w.gqMean[o + j] = (float) acc[j];
            }
        }
        for (int k = 0; k < len; k++) {
            int wo = k * nb;
            int j = 0;
            for (; j <= nb - DVL; j += DVL) {
                DoubleVector a = DoubleVector.zero(DS);
                for (int t = k; t < nWin; t++) {
                    a = a.add(DoubleVector.fromArray(DS, xD, t * nb + j)
                            .mul(DoubleVector.fromArray(DS, yD, (t - k) * nb + j)));
                }
                a.intoArray(gwAcc, wo + j);
            }
            for (; j < nb; j++) {
                double a = 0.0;
                for (int t = k; t < nWin; t++) {
                    a += xD[t * nb + j] * yD[(t - k) * nb + j];
                }
                gwAcc[wo + j] = a;
            }
        }
    }

    /**
     * sum[j] = Σ_{k=0..kMax} w_k(basin b0 + j) · series[o + k·step + j] for every basin of the chunk, the terms added
     * to 0.0 in the order k = 0, 1, ..., as the one-basin convolution adds them; the basins eight (or more) at a time,
     * each sum held in a register over all k (as plain double loops over the basins, with the sums stored and
     * reloaded every k and their trip count of 100 mostly spent in C2's scalar pre- and post-loops, the routing and
     * its adjoint took about 5 % of {@code bench hbv}).
     */
    private void convolveDay(double[] series, int o, int step, int kMax, double[] sum) {
        final int nb = b1 - b0;
        int j = 0;
        for (; j <= nb - DVL; j += DVL) {
            DoubleVector a = DoubleVector.zero(DS);
            for (int k = 0; k <= kMax; k++) {
                a = a.add(DoubleVector.fromArray(DS, uhT, k * nb + j)
                        .mul(DoubleVector.fromArray(DS, series, o + k * step + j)));
            }
            a.intoArray(sum, j);
        }
        for (; j < nb; j++) {
            double a = 0.0;
            for (int k = 0; k <= kMax; k++) {
                a += uhT[k * nb + j] * series[o + k * step + j];
            }
            sum[j] = a;
        }
    }

    /** dLoss/dα and dLoss/dθ of basin b into {@link #gAlphaTheta}, from its dLoss/dw_k in {@link #gwAcc}. */
    private void weightGradient(int b) {
        final int nb = b1 - b0;
        final int len = w.uhLength;
        for (int k = 0; k < len; k++) {
            gw[k] = gwAcc[k * nb + b - b0];
        }
        UnitHydrograph.weightGradient(w.uhWeights, b * len, gw, len, w.theta[b], gAlphaTheta);
    }

    /**
     * Adds the gradients of the dynamic parameters of every window day into dLoss/du and clears their day slots for
     * the next pass; one parameter at a time over all days, as {@link #loadDynamic}.
     */
    private void scatterDynamicGradient(float[] gU, boolean block) {
        final int m = w.nmul;
        final int n = w.nLanes;
        for (int k = 0; k < dynamicParameters.length; k++) {
            final int p = dynamicParameters[k];
            final float[] g = w.gPar[p];
            final float range = dynRange[k];
            for (int t = 0; t < w.nWindow; t++) {
                for (int b = b0; b < b1; b++) {
                    int col = dynamicIndex(block, t, b, k);
                    int lane = t * n + b * m;
                    int c = 0;
                    for (; c <= m - VL; c += VL) {
                        FloatVector.fromArray(HbvStepVector.S, gU, col + c)
                                .add(FloatVector.fromArray(HbvStepVector.S, g, lane + c).mul(range))
                                .intoArray(gU, col + c);
                    }
                    for (; c < m; c++) {
                        gU[col + c] += g[lane + c] * range;
                    }
                }
                Arrays.fill(g, t * n + lo, t * n + hi, 0f);
            }
        }
    }

    /**
     * Index of the first of basin b's M values of the k-th dynamic parameter on window day t: in u (row
     * {@code [nWarmup + t][b]}, column {@code p·M}) or in a dynamic block (row {@code [t][b]}, column {@code k·M}).
     */
    private int dynamicIndex(boolean block, int t, int b, int k) {
        final int m = w.nmul;
        return block ? (t * w.nBasins + b) * dynamicParameters.length * m + k * m
                : ((w.nWarmup + t) * w.nBasins + b) * w.cfg.rowWidth() + dynamicParameters[k] * m;
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
