package org.hydrodelta.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.hydrodelta.core.nn.optim.Adadelta;
import org.junit.jupiter.api.Test;

/**
 * Same seed and thread count give bit-identical outputs, gradients and trained weights; with the Vector API
 * kernel alone, for any thread count.
 */
class DeterminismTest {
    private static final int T = 40;
    private static final int B = 23;
    private static final int N_IN = 38;
    private static final int H = 64;
    private static final int N_OUT = 14;

    /** Runs three training iterations and returns the outputs of the last forward, the gradients and weights. */
    private static List<float[]> train(int threads, boolean allowNative) {
        try (WorkerPool pool = new WorkerPool(threads)) {
            LstmNetwork net = new LstmNetwork(N_IN, H, N_OUT, 0.5f, 111111L, new Gemm(pool, allowNative));
            Adadelta opt = new Adadelta();
            float[] x = new float[T * B * N_IN];
            new SplitMix64(5).fillUniform(x, 2f);
            float[] dy = new float[T * B * N_OUT];
            new SplitMix64(6).fillUniform(dy, 1f);
            float[] y = null;
            for (int it = 0; it < 3; it++) {
                net.zeroGrad();
                y = net.forward(x, T, B, true);
                net.backward(dy, false);
                if (it < 2) {
                    opt.step(net.parameters());
                }
            }
            List<float[]> out = new ArrayList<>();
            out.add(Arrays.copyOf(y, T * B * N_OUT));
            for (Parameter p : net.parameters()) {
                out.add(p.grad().clone());
                out.add(p.value().clone());
            }
            return out;
        }
    }

    @Test
    void sameSeedAndThreadCountGiveBitIdenticalResults() {
        List<float[]> a = train(2, true);
        List<float[]> b = train(2, true);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i)).as("tensor %d", i).containsExactly(a.get(i));
        }
    }

    @Test
    void vectorKernelResultsDoNotDependOnThreadCount() {
        List<float[]> a = train(1, false);
        List<float[]> b = train(3, false);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i)).as("tensor %d", i).containsExactly(a.get(i));
        }
    }

    @Test
    void nativeAndVectorKernelsAgreeToFloatTolerance() {
        List<float[]> a = train(2, true);
        List<float[]> b = train(2, false);
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i);
            float[] y = b.get(i);
            double scale = 1e-12;
            for (float v : y) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int j = 0; j < x.length; j++) {
                assertThat((double) x[j]).as("tensor %d element %d", i, j)
                        .isCloseTo(y[j], org.assertj.core.data.Offset.offset(2e-4 * scale));
            }
        }
    }
}
