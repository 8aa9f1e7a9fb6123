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
        // one activation per loop: with all five exponentials in one loop body C2 stopped inlining them
        // (NodeCountInliningCutoff) and boxed the vectors passed to them, which allocated ~1 GB/s on the paper
        // iteration; the arithmetic per element is unchanged, so are the results, bit for bit
        sigmoidBias(g, go, b, 0, n);
        sigmoidBias(g, go + n, b, n, n);
        tanhBias(g, go + 2 * n, b, 2 * n, n);
        sigmoidBias(g, go + 3 * n, b, 3 * n, n);
        int j = 0;
        for (; j + VL <= n; j += VL) {
            FloatVector i = FloatVector.fromArray(S, g, go + j);
            FloatVector gg = FloatVector.fromArray(S, g, go + 2 * n + j);
            FloatVector ig = i.mul(gg);
            FloatVector cn = cp != null
                    ? FloatVector.fromArray(S, g, go + n + j).fma(FloatVector.fromArray(S, cp, cpo + j), ig) : ig;
            cn.intoArray(c, co + j);
        }
        for (; j < n; j++) {
            float ig = g[go + j] * g[go + 2 * n + j];
            c[co + j] = cp != null ? Math.fma(g[go + n + j], cp[cpo + j], ig) : ig;
        }
        // h = o·tanh(c) in a loop of its own, c read back: in the loop above C2 declined to inline tanh (it is
        // 3 calls deep with exp), boxed c and stored through the Vector API's Java fallback (3-4 % of the paper
        // iteration in perf); same values, bit for bit
        j = 0;
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
        // tanh(c_t) first, in a loop of its own (see forward: inside the long loop below C2 did not inline it)
        int j = 0;
        for (; j + VL <= n; j += VL) {
            Activations.tanh(FloatVector.fromArray(S, c, co + j)).intoArray(tanhC, j);
        }
        for (; j < n; j++) {
            tanhC[j] = Activations.tanh(c[co + j]);
        }
        j = 0;
        for (; j + VL <= n; j += VL) {
            FloatVector dhv = FloatVector.fromArray(S, dh, dho + j).add(FloatVector.fromArray(S, dhRec, so + j));
            FloatVector i = FloatVector.fromArray(S, g, go + j);
            FloatVector f = FloatVector.fromArray(S, g, go + n + j);
            FloatVector gg = FloatVector.fromArray(S, g, go + 2 * n + j);
            FloatVector o = FloatVector.fromArray(S, g, go + 3 * n + j);
            FloatVector th = FloatVector.fromArray(S, tanhC, j);
            FloatVector cprev = cp != null ? FloatVector.fromArray(S, cp, cpo + j) : FloatVector.zero(S);
            FloatVector dcv = dhv.mul(o).mul(th.neg().fma(th, ONE)).add(FloatVector.fromArray(S, dc, so + j));
            FloatVector di = dcv.mul(gg).mul(i).mul(i.neg().add(1f));
            FloatVector df = dcv.mul(cprev).mul(f).mul(f.neg().add(1f));
            FloatVector dg = dcv.mul(i).mul(gg.neg().fma(gg, ONE));
            FloatVector dout = dhv.mul(th).mul(o).mul(o.neg().add(1f));
            dcv.mul(f).intoArray(dc, so + j);
            di.intoArray(g, go + j);
            df.intoArray(g, go + n + j);
            dg.intoArray(g, go + 2 * n + j);
            dout.intoArray(g, go + 3 * n + j);
        }
        for (; j < n; j++) {
            float dhv = dh[dho + j] + dhRec[so + j];
            float i = g[go + j];
            float f = g[go + n + j];
            float gg = g[go + 2 * n + j];
            float o = g[go + 3 * n + j];
            float th = tanhC[j];
            float cprev = cp != null ? cp[cpo + j] : 0f;
            float dcv = dhv * o * Math.fma(-th, th, 1f) + dc[so + j];
            dc[so + j] = dcv * f;
            g[go + j] = dcv * gg * i * (1f - i);
            g[go + n + j] = dcv * cprev * f * (1f - f);
            g[go + 2 * n + j] = dcv * i * Math.fma(-gg, gg, 1f);
            g[go + 3 * n + j] = dhv * th * o * (1f - o);
        }
    }
}
