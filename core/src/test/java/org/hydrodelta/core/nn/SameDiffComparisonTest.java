package org.hydrodelta.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The same network built explicitly in ND4J SameDiff (matmul, sigmoid, tanh per time step), with the same weights,
 * DropConnect masks and inputs: its autodiff gradients must equal the hand-written ones. Small shapes only
 * (SameDiff is slow and holds native memory).
 */
class SameDiffComparisonTest {
    private static final WorkerPool POOL = new WorkerPool(2);
    private static final int T = 5;
    private static final int B = 4;
    private static final int N_IN = 6;
    private static final int H = 12;
    private static final int N_OUT = 3;

    @AfterAll
    static void close() {
        POOL.close();
    }

    private static INDArray matrix(float[] flat, int rows, int cols, int offset) {
        float[][] m = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, offset + r * cols, m[r], 0, cols);
        }
        return Nd4j.createFromArray(m);
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static void assertGradient(String what, float[] expected, float[] actual) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("%s[%d]", what, i)
                    .isCloseTo(expected[i], Offset.offset(1e-4 + 1e-3 * Math.abs(expected[i])));
        }
    }

    @Test
    void lstmNetworkGradientsEqualSameDiffAutodiff() {
        LstmNetwork net = new LstmNetwork(N_IN, H, N_OUT, 0.5f, 77L, new Gemm(POOL));
        // larger-than-default weights so the gates leave their linear range
        for (Parameter p : net.parameters()) {
            float[] v = new float[p.size()];
            new SplitMix64(p.name().hashCode()).fillUniform(v, 0.5f);
            p.load(v);
        }
        float[] x = new float[T * B * N_IN];
        new SplitMix64(1).fillUniform(x, 1.5f);
        float[] dOut = new float[T * B * N_OUT];
        new SplitMix64(2).fillUniform(dOut, 1f);
        net.forward(x, T, B, true);
        net.zeroGrad();
        float[] dx = net.backward(dOut, true).clone();
        Map<String, Parameter> ours = new HashMap<>();
        for (Parameter p : net.parameters()) {
            ours.put(p.name(), p);
        }

        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> v = new HashMap<>();
        for (Parameter p : net.parameters()) {
            int[] s = p.shape();
            v.put(p.name(), sd.var(p.name().replace('.', '_'),
                    s.length == 2 ? matrix(p.value(), s[0], s[1], 0) : matrix(p.value(), 1, s[0], 0)));
        }
        SDVariable wihEff = v.get("lstm.weight_ih").mul(sd.constant("mask_ih",
                matrix(net.lstm().lastMaskIh(), 4 * H, H, 0)));
        SDVariable whhEff = v.get("lstm.weight_hh").mul(sd.constant("mask_hh",
                matrix(net.lstm().lastMaskHh(), 4 * H, H, 0)));
        SDVariable wihT = sd.transpose(wihEff);
        SDVariable whhT = sd.transpose(whhEff);
        SDVariable winT = sd.transpose(v.get("inputLinear.weight"));
        SDVariable woutT = sd.transpose(v.get("outputLinear.weight"));
        SDVariable h = sd.constant("h_init", Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, B, H));
        SDVariable c = sd.constant("c_init", Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, B, H));
        List<SDVariable> terms = new ArrayList<>();
        List<String> xNames = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            SDVariable xt = sd.var("x_" + t, matrix(x, B, N_IN, t * B * N_IN));
            xNames.add(xt.name());
            SDVariable x0 = sd.nn.relu(xt.mmul(winT).add(v.get("inputLinear.bias")), 0);
            SDVariable a = x0.mmul(wihT).add(h.mmul(whhT)).add(v.get("lstm.bias_ih")).add(v.get("lstm.bias_hh"));
            SDVariable ig = sd.nn.sigmoid(a.get(SDIndex.all(), SDIndex.interval(0, H)));
            SDVariable fg = sd.nn.sigmoid(a.get(SDIndex.all(), SDIndex.interval(H, 2 * H)));
            SDVariable gg = sd.math.tanh(a.get(SDIndex.all(), SDIndex.interval(2 * H, 3 * H)));
            SDVariable og = sd.nn.sigmoid(a.get(SDIndex.all(), SDIndex.interval(3 * H, 4 * H)));
            c = fg.mul(c).add(ig.mul(gg));
            h = og.mul(sd.math.tanh(c));
            SDVariable y = h.mmul(woutT).add(v.get("outputLinear.bias"));
            terms.add(y.mul(sd.constant("dout_" + t, matrix(dOut, B, N_OUT, t * B * N_OUT))).sum());
        }
        SDVariable loss = terms.get(0);
        for (int t = 1; t < T; t++) {
            loss = loss.add(terms.get(t));
        }
        sd.setLossVariables(loss);
        List<String> names = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            names.add(p.name().replace('.', '_'));
        }
        names.addAll(xNames);
        Map<String, INDArray> grads = sd.calculateGradients(new HashMap<>(), names);

        for (Parameter p : net.parameters()) {
            assertGradient(p.name(), flat(grads.get(p.name().replace('.', '_'))), ours.get(p.name()).grad());
        }
        for (int t = 0; t < T; t++) {
            assertGradient("dInput step " + t, flat(grads.get("x_" + t)),
                    Arrays.copyOfRange(dx, t * B * N_IN, (t + 1) * B * N_IN));
        }
    }

    @Test
    void linearGradientsEqualSameDiffAutodiff() {
        int rows = 7;
        Linear lin = new Linear("lin", N_IN, N_OUT, new Gemm(POOL), new SplitMix64(9));
        float[] x = new float[rows * N_IN];
        new SplitMix64(3).fillUniform(x, 2f);
        float[] dy = new float[rows * N_OUT];
        new SplitMix64(4).fillUniform(dy, 1f);
        lin.forward(x, rows);
        float[] dx = lin.backward(dy, rows, true).clone();

        SameDiff sd = SameDiff.create();
        SDVariable w = sd.var("w", matrix(lin.weight().value(), N_OUT, N_IN, 0));
        SDVariable b = sd.var("b", matrix(lin.bias().value(), 1, N_OUT, 0));
        SDVariable xv = sd.var("x", matrix(x, rows, N_IN, 0));
        SDVariable y = xv.mmul(sd.transpose(w)).add(b);
        sd.setLossVariables(y.mul(sd.constant("dy", matrix(dy, rows, N_OUT, 0))).sum());
        Map<String, INDArray> g = sd.calculateGradients(new HashMap<>(), "w", "b", "x");
        assertGradient("weight", flat(g.get("w")), lin.weight().grad());
        assertGradient("bias", flat(g.get("b")), lin.bias().grad());
        assertGradient("dInput", flat(g.get("x")), Arrays.copyOf(dx, rows * N_IN));
    }
}
