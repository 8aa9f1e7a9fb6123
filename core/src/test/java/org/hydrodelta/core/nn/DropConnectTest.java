package org.hydrodelta.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DropConnectTest {
    private static final WorkerPool POOL = new WorkerPool(2);

    @AfterAll
    static void close() {
        POOL.close();
    }

    @Test
    void masksKeepAboutHalfAndScaleKeptWeightsByTwo() {
        float[] mask = new float[100_000];
        new DropConnect(0.5f).sample(new SplitMix64(3), mask);
        int kept = 0;
        for (float m : mask) {
            assertThat(m).isIn(0f, 2f);
            kept += m == 2f ? 1 : 0;
        }
        assertThat(kept).isBetween(49_000, 51_000);
    }

    @Test
    void trainingForwardEqualsEvalForwardWithMaskedWeightsAtEveryStepAndSample() {
        int t = 7;
        int b = 5;
        LstmNetwork net = new LstmNetwork(3, 16, 2, 0.5f, 42L, new Gemm(POOL));
        float[] x = new float[t * b * 3];
        new SplitMix64(1).fillUniform(x, 1f);
        float[] yTrain = net.forward(x, t, b, true).clone();
        float[] mIh = net.lstm().lastMaskIh();
        float[] mHh = net.lstm().lastMaskHh();

        // a copy whose raw weights are the masked weights, run without dropout, must give the same outputs
        LstmNetwork copy = new LstmNetwork(3, 16, 2, 0.5f, 42L, new Gemm(POOL));
        Parameter wIh = copy.parameters().get(2);
        Parameter wHh = copy.parameters().get(3);
        float[] eff = new float[wIh.size()];
        DropConnect.apply(wIh.value(), mIh, eff);
        wIh.load(eff);
        eff = new float[wHh.size()];
        DropConnect.apply(wHh.value(), mHh, eff);
        wHh.load(eff);
        float[] yMasked = copy.forward(x, t, b, false);
        assertThat(java.util.Arrays.copyOf(yMasked, t * b * 2)).containsExactly(java.util.Arrays.copyOf(yTrain,
                t * b * 2));

        float[] yEval = java.util.Arrays.copyOf(net.forward(x, t, b, false), t * b * 2);
        assertThat(yEval).isNotEqualTo(java.util.Arrays.copyOf(yTrain, t * b * 2));
        float[] yEval2 = java.util.Arrays.copyOf(net.forward(x, t, b, false), t * b * 2);
        assertThat(yEval2).as("eval mode is deterministic: no dropout").containsExactly(yEval);
    }

    @Test
    void eachTrainingForwardDrawsNewMasksAndBiasesAreNeverDropped() {
        LstmNetwork net = new LstmNetwork(3, 8, 2, 0.5f, 42L, new Gemm(POOL));
        float[] x = new float[2 * 3];
        net.forward(x, 2, 1, true);
        float[] first = net.lstm().lastMaskHh();
        net.forward(x, 2, 1, true);
        assertThat(net.lstm().lastMaskHh()).isNotEqualTo(first);
        // with the input layer zeroed and h0 = 0 the first step sees only the LSTM biases, which are never dropped
        net.parameters().get(0).load(new float[net.parameters().get(0).size()]);
        net.parameters().get(1).load(new float[net.parameters().get(1).size()]);
        float[] yTrain = java.util.Arrays.copyOf(net.forward(x, 2, 1, true), 2);
        float[] yEval = java.util.Arrays.copyOf(net.forward(x, 2, 1, false), 2);
        assertThat(yTrain).containsExactly(yEval);
    }

    @Test
    void dropoutRngStateRestoresTheSameMasks() {
        LstmNetwork net = new LstmNetwork(3, 8, 2, 0.5f, 42L, new Gemm(POOL));
        float[] x = new float[6];
        long state = net.dropoutRngState();
        net.forward(x, 2, 1, true);
        float[] first = net.lstm().lastMaskIh();
        net.forward(x, 2, 1, true);
        net.setDropoutRngState(state);
        net.forward(x, 2, 1, true);
        assertThat(net.lstm().lastMaskIh()).containsExactly(first);
    }
}
