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
        int j = 0;
        for (; j + VL <= n; j += VL) {
            FloatVector i = Activations.sigmoid(FloatVector.fromArray(S, g, go + j).add(FloatVector.fromArray(S, b, j)));
            FloatVector f = Activations.sigmoid(
                    FloatVector.fromArray(S, g, go + n + j).add(FloatVector.fromArray(S, b, n + j)));
            FloatVector gg = Activations.tanh(
                    FloatVector.fromArray(S, g, go + 2 * n + j).add(FloatVector.fromArray(S, b, 2 * n + j)));
            FloatVector o = Activations.sigmoid(
                    FloatVector.fromArray(S, g, go + 3 * n + j).add(FloatVector.fromArray(S, b, 3 * n + j)));
            FloatVector ig = i.mul(gg);
            FloatVector cn = cp != null ? f.fma(FloatVector.fromArray(S, cp, cpo + j), ig) : ig;
            i.intoArray(g, go + j);
            f.intoArray(g, go + n + j);
            gg.intoArray(g, go + 2 * n + j);
            o.intoArray(g, go + 3 * n + j);
            cn.intoArray(c, co + j);
            o.mul(Activations.tanh(cn)).intoArray(h, co + j);
        }
        for (; j < n; j++) {
            float i = Activations.sigmoid(g[go + j] + b[j]);
            float f = Activations.sigmoid(g[go + n + j] + b[n + j]);
            float gg = Activations.tanh(g[go + 2 * n + j] + b[2 * n + j]);
            float o = Activations.sigmoid(g[go + 3 * n + j] + b[3 * n + j]);
            float ig = i * gg;
            float cn = cp != null ? Math.fma(f, cp[cpo + j], ig) : ig;
            g[go + j] = i;
            g[go + n + j] = f;
            g[go + 2 * n + j] = gg;
            g[go + 3 * n + j] = o;
            c[co + j] = cn;
            h[co + j] = o * Activations.tanh(cn);
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
     */
    static void backward(float[] g, int go, float[] c, int co, float[] cp, int cpo, float[] dh, int dho, float[] dhRec,
                         float[] dc, int so, int n) {
        int j = 0;
        for (; j + VL <= n; j += VL) {
            FloatVector dhv = FloatVector.fromArray(S, dh, dho + j).add(FloatVector.fromArray(S, dhRec, so + j));
            FloatVector i = FloatVector.fromArray(S, g, go + j);
            FloatVector f = FloatVector.fromArray(S, g, go + n + j);
            FloatVector gg = FloatVector.fromArray(S, g, go + 2 * n + j);
            FloatVector o = FloatVector.fromArray(S, g, go + 3 * n + j);
            FloatVector th = Activations.tanh(FloatVector.fromArray(S, c, co + j));
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
            float th = Activations.tanh(c[co + j]);
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
