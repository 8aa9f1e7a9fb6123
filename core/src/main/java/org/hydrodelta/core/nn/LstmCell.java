package org.hydrodelta.core.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Gate arithmetic of one LSTM row (one sample at one time step), vectorised over the hidden units. The forward pass
 * replaces the four pre-activation blocks [i|f|g|o] in place by the activations; the backward pass replaces the
 * activations by the gradients of the pre-activations.
 */
final class LstmCell {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int VL = S.length();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private LstmCell() {
    }

    /**
     * @param g   gate buffer; at {@code go}: 4H pre-activations without bias
     * @param go  offset of this row's gates
     * @param b   b_ih + b_hh (4H)
     * @param c   cell states; writes c_t at {@code co}
     * @param co  offset of this row's c_t and h_t
     * @param cp  array holding c_{t−1}, or null when c_{t−1} = 0
     * @param cpo offset of c_{t−1} in {@code cp}
     * @param h   hidden states; writes h_t at {@code co}
     * @param n   hidden size H
     */
    static void forward(float[] g, int go, float[] b, float[] c, int co, float[] cp, int cpo, float[] h, int n) {
        // each loop is called through FORWARD_LOOPS, a call site with six receiver classes that C2 does not inline,
        // so each loop is compiled as a method of its own with its activation inlined whole. Called directly, C2
        // inlined the first loops into this method, reached its inlining budget (NodeCountInliningCutoff) inside
        // the second, and left exp, tanh and the stores behind it to the Vector API's Java fallbacks: JFR counted
        // about 1.3 GB of boxed vectors per paper iteration here. Same arithmetic, same results bit for bit.
        for (RowLoop loop : FORWARD_LOOPS) {
            loop.run(g, go, b, c, co, cp, cpo, h, n);
        }
    }

    /** One loop of {@link #forward} over a row. */
    private interface RowLoop {
        void run(float[] g, int go, float[] b, float[] c, int co, float[] cp, int cpo, float[] h, int n);
    }

    /** The loops of {@link #forward} in order: i, f, g, o gates; c_t; h_t. */
    private static final RowLoop[] FORWARD_LOOPS = {
        (g, go, b, c, co, cp, cpo, h, n) -> sigmoidBias(g, go, b, 0, n),
        (g, go, b, c, co, cp, cpo, h, n) -> sigmoidBias(g, go + n, b, n, n),
        (g, go, b, c, co, cp, cpo, h, n) -> tanhBias(g, go + 2 * n, b, 2 * n, n),
        (g, go, b, c, co, cp, cpo, h, n) -> sigmoidBias(g, go + 3 * n, b, 3 * n, n),
        (g, go, b, c, co, cp, cpo, h, n) -> cellState(g, go, c, co, cp, cpo, n),
        (g, go, b, c, co, cp, cpo, h, n) -> hiddenState(g, go, c, co, h, n),
    };

    /** c_t = f·c_{t−1} + i·g (c_t = i·g when c_{t−1} = 0). */
    private static void cellState(float[] g, int go, float[] c, int co, float[] cp, int cpo, int n) {
        int j = 0;
        if (cp != null) {
            for (; j + VL <= n; j += VL) {
                FloatVector ig = FloatVector.fromArray(S, g, go + j).mul(FloatVector.fromArray(S, g, go + 2 * n + j));
                FloatVector.fromArray(S, g, go + n + j).fma(FloatVector.fromArray(S, cp, cpo + j), ig)
                        .intoArray(c, co + j);
            }
            for (; j < n; j++) {
                c[co + j] = Math.fma(g[go + n + j], cp[cpo + j], g[go + j] * g[go + 2 * n + j]);
            }
        } else {
            for (; j + VL <= n; j += VL) {
                FloatVector.fromArray(S, g, go + j).mul(FloatVector.fromArray(S, g, go + 2 * n + j))
                        .intoArray(c, co + j);
            }
            for (; j < n; j++) {
                c[co + j] = g[go + j] * g[go + 2 * n + j];
            }
        }
    }

    /** h_t = o·tanh(c_t). */
    private static void hiddenState(float[] g, int go, float[] c, int co, float[] h, int n) {
        int j = 0;
        for (; j + VL <= n; j += VL) {
            FloatVector.fromArray(S, g, go + 3 * n + j).mul(Activations.tanh(FloatVector.fromArray(S, c, co + j)))
                    .intoArray(h, co + j);
        }
        for (; j < n; j++) {
            h[co + j] = g[go + 3 * n + j] * Activations.tanh(c[co + j]);
        }
    }

    /** x[xo + j] = sigmoid(x[xo + j] + b[bo + j]) for j in [0, n). */
    private static void sigmoidBias(float[] x, int xo, float[] b, int bo, int n) {
        int j = 0;
        for (; j + VL <= n; j += VL) {
            Activations.sigmoid(FloatVector.fromArray(S, x, xo + j).add(FloatVector.fromArray(S, b, bo + j)))
                    .intoArray(x, xo + j);
        }
        for (; j < n; j++) {
            x[xo + j] = Activations.sigmoid(x[xo + j] + b[bo + j]);
        }
    }

    /** x[xo + j] = tanh(x[xo + j] + b[bo + j]) for j in [0, n). */
    private static void tanhBias(float[] x, int xo, float[] b, int bo, int n) {
        int j = 0;
        for (; j + VL <= n; j += VL) {
            Activations.tanh(FloatVector.fromArray(S, x, xo + j).add(FloatVector.fromArray(S, b, bo + j)))
                    .intoArray(x, xo + j);
        }
        for (; j < n; j++) {
            x[xo + j] = Activations.tanh(x[xo + j] + b[bo + j]);
        }
    }

    /**
     * @param g     gate buffer; activations [i|f|g|o] at {@code go}, replaced by d(pre-activation)
     * @param go    offset of this row's gates
     * @param c     cell states
     * @param co    offset of c_t
     * @param cp    array holding c_{t−1}, or null when c_{t−1} = 0
     * @param cpo   offset of c_{t−1} in {@code cp}
     * @param dh    external dLoss/dh_t
     * @param dho   offset of this row in dh
     * @param dhRec recurrent dLoss/dh_t from step t+1 (per-sample state, offset {@code so})
     * @param dc    dLoss/dc_t from step t+1 on entry, dLoss/dc_{t−1} on exit (offset {@code so})
     * @param so    offset of this sample's carried state
     * @param n     hidden size H
     * @param tanhC scratch of n floats (receives tanh(c_t))
     */
    static void backward(float[] g, int go, float[] c, int co, float[] cp, int cpo, float[] dh, int dho, float[] dhRec,
                         float[] dc, int so, int n, float[] tanhC) {
        // three loops called through BACKWARD_LOOPS, each compiled as a method of its own, for the reason given in
        // forward: in one method C2 stored the five gradients through the Vector API's Java fallback (JFR: about
        // 2 GB of boxed vectors per paper iteration). dLoss/dc_t is handed from the second loop to the third
        // through tanhC. Same arithmetic, same results bit for bit.
        for (BackwardLoop loop : BACKWARD_LOOPS) {
            loop.run(g, go, c, co, cp, cpo, dh, dho, dhRec, dc, so, n, tanhC);
        }
    }

    /** One loop of {@link #backward} over a row. */
    private interface BackwardLoop {
        void run(float[] g, int go, float[] c, int co, float[] cp, int cpo, float[] dh, int dho, float[] dhRec,
                 float[] dc, int so, int n, float[] tanhC);
    }

    /** The loops of {@link #backward} in order: tanh(c_t); dLoss/dc_t and the output gate; the other gates. */
    private static final BackwardLoop[] BACKWARD_LOOPS = {
        (g, go, c, co, cp, cpo, dh, dho, dhRec, dc, so, n, tanhC) -> tanhInto(c, co, tanhC, n),
        (g, go, c, co, cp, cpo, dh, dho, dhRec, dc, so, n, tanhC) -> outputGateBackward(g, go, dh, dho, dhRec, dc, so,
                n, tanhC),
        (g, go, c, co, cp, cpo, dh, dho, dhRec, dc, so, n, tanhC) -> otherGatesBackward(g, go, cp, cpo, dc, so, n,
                tanhC),
    };

    /** out[j] = tanh(c[co + j]) for j in [0, n). */
    private static void tanhInto(float[] c, int co, float[] out, int n) {
        int j = 0;
        for (; j + VL <= n; j += VL) {
            Activations.tanh(FloatVector.fromArray(S, c, co + j)).intoArray(out, j);
        }
        for (; j < n; j++) {
            out[j] = Activations.tanh(c[co + j]);
        }
    }

    /** d(pre-activation of o) into g; dLoss/dc_t (from tanh(c_t) in {@code t}) into {@code t}. */
    private static void outputGateBackward(float[] g, int go, float[] dh, int dho, float[] dhRec, float[] dc, int so,
                                           int n, float[] t) {
        int j = 0;
        for (; j + VL <= n; j += VL) {
            FloatVector dhv = FloatVector.fromArray(S, dh, dho + j).add(FloatVector.fromArray(S, dhRec, so + j));
            FloatVector o = FloatVector.fromArray(S, g, go + 3 * n + j);
            FloatVector th = FloatVector.fromArray(S, t, j);
            dhv.mul(o).mul(th.neg().fma(th, ONE)).add(FloatVector.fromArray(S, dc, so + j)).intoArray(t, j);
            dhv.mul(th).mul(o).mul(o.neg().add(1f)).intoArray(g, go + 3 * n + j);
        }
        for (; j < n; j++) {
            float dhv = dh[dho + j] + dhRec[so + j];
            float o = g[go + 3 * n + j];
            float th = t[j];
            t[j] = dhv * o * Math.fma(-th, th, 1f) + dc[so + j];
            g[go + 3 * n + j] = dhv * th * o * (1f - o);
        }
    }

    /** d(pre-activation) of i, f and g into g; dLoss/dc_{t−1} into dc, from dLoss/dc_t in {@code t}. */
    private static void otherGatesBackward(float[] g, int go, float[] cp, int cpo, float[] dc, int so, int n,
                                           float[] t) {
        // c_{t−1} = 0 of the first step read from zeros (first step only), not chosen per vector in the loop
        float[] cpa = cp != null ? cp : new float[n];
        int cpOff = cp != null ? cpo : 0;
        int j = 0;
        for (; j + VL <= n; j += VL) {
            FloatVector dcv = FloatVector.fromArray(S, t, j);
            FloatVector i = FloatVector.fromArray(S, g, go + j);
            FloatVector f = FloatVector.fromArray(S, g, go + n + j);
            FloatVector gg = FloatVector.fromArray(S, g, go + 2 * n + j);
            FloatVector cprev = FloatVector.fromArray(S, cpa, cpOff + j);
            dcv.mul(f).intoArray(dc, so + j);
            dcv.mul(gg).mul(i).mul(i.neg().add(1f)).intoArray(g, go + j);
            dcv.mul(cprev).mul(f).mul(f.neg().add(1f)).intoArray(g, go + n + j);
            dcv.mul(i).mul(gg.neg().fma(gg, ONE)).intoArray(g, go + 2 * n + j);
        }
        for (; j < n; j++) {
            float dcv = t[j];
            float i = g[go + j];
            float f = g[go + n + j];
            float gg = g[go + 2 * n + j];
            float cprev = cpa[cpOff + j];
            dc[so + j] = dcv * f;
            g[go + j] = dcv * gg * i * (1f - i);
            g[go + n + j] = dcv * cprev * f * (1f - f);
            g[go + 2 * n + j] = dcv * i * Math.fma(-gg, gg, 1f);
        }
    }
}
