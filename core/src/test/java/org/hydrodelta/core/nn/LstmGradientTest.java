package org.hydrodelta.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.junit.jupiter.api.Test;

/** The LSTM layer alone, started from a non-zero state, with DropConnect, against double finite differences. */
class LstmGradientTest {
    private static final int T = 4;
    private static final int B = 5;
    private static final int IN = 3;
    private static final int H = 9;

    @Test
    void gradientsFromANonZeroInitialStateMatchFiniteDifferences() {
        try (WorkerPool pool = new WorkerPool(2)) {
            Lstm lstm = new Lstm("lstm", IN, H, 0.5f, new Gemm(pool), new SplitMix64(1), new SplitMix64(2));
            List<Parameter> ps = lstm.parameters();
            for (Parameter p : ps) {
                float[] v = new float[p.size()];
                new SplitMix64(p.name().hashCode()).fillUniform(v, 0.7f);
                p.load(v);
            }
            float[] x = new float[T * B * IN];
            new SplitMix64(3).fillUniform(x, 1.5f);
            float[] h0 = new float[B * H];
            float[] c0 = new float[B * H];
            new SplitMix64(4).fillUniform(h0, 0.9f);
            new SplitMix64(5).fillUniform(c0, 2f);
            float[] dh = new float[T * B * H];
            new SplitMix64(6).fillUniform(dh, 1f);
            lstm.forward(x, T, B, true, h0, c0);
            float[] dx = lstm.backward(dh, true).clone();
            float[] mIh = lstm.lastMaskIh();
            float[] mHh = lstm.lastMaskHh();

            double[][] w = new double[4][];
            for (int i = 0; i < 4; i++) {
                w[i] = DoubleReference.toDouble(ps.get(i).value());
            }
            double[] xd = DoubleReference.toDouble(x);
            double[] h0d = DoubleReference.toDouble(h0);
            double[] c0d = DoubleReference.toDouble(c0);
            java.util.function.DoubleSupplier loss = () -> DoubleReference.dot(DoubleReference.lstm(xd, T, B, IN, H,
                    DoubleReference.times(w[0], mIh), DoubleReference.times(w[1], mHh), w[2], w[3], h0d, c0d), dh);
            double eps = 1e-6;
            for (int p = 0; p < 4; p++) {
                for (int i = 0; i < w[p].length; i++) {
                    double fd = central(w[p], i, eps, loss);
                    assertThat((double) ps.get(p).grad()[i]).as("%s[%d]", ps.get(p).name(), i)
                            .isCloseTo(fd, Offset.offset(2e-4 + 1e-3 * Math.abs(fd)));
                }
            }
            for (int i = 0; i < xd.length; i++) {
                double fd = central(xd, i, eps, loss);
                assertThat((double) dx[i]).as("dx[%d]", i).isCloseTo(fd, Offset.offset(2e-4 + 1e-3 * Math.abs(fd)));
            }
        }
    }

    private static double central(double[] v, int i, double eps, java.util.function.DoubleSupplier f) {
        double keep = v[i];
        v[i] = keep + eps;
        double up = f.getAsDouble();
        v[i] = keep - eps;
        double down = f.getAsDouble();
        v[i] = keep;
        return (up - down) / (2 * eps);
    }
}
