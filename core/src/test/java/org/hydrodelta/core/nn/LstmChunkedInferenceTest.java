package org.hydrodelta.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.junit.jupiter.api.Test;

class LstmChunkedInferenceTest {
    @Test
    void chunkedInferenceEqualsOneEvalForwardBitForBit() {
        int t = 50;
        int b = 7;
        try (WorkerPool pool = new WorkerPool(2)) {
            LstmNetwork net = new LstmNetwork(38, 24, 5, 0.5f, 3L, new Gemm(pool));
            float[] x = new float[t * b * 38];
            new SplitMix64(8).fillUniform(x, 2f);
            float[] whole = Arrays.copyOf(net.forward(x, t, b, false), t * b * 5);
            float[] chunked = net.infer(x, t, b, 16, null); // 16 + 16 + 16 + 2 steps
            assertThat(chunked).containsExactly(whole);
            assertThatThrownBy(() -> net.backward(new float[t * b * 5], false))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
