package org.hydrodelta.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Linear and ReLU gradients (through a two-hidden-layer MLP) against double-precision finite differences. */
class MlpGradientTest {
    private static final WorkerPool POOL = new WorkerPool(2);
    private static final int[] SIZES = {5, 9, 7, 3};
    private static final int ROWS = 11;

    @AfterAll
    static void close() {
        POOL.close();
    }

    private static double loss(double[][] w, double[][] b, double[] x, float[] dy) {
        double[] h = x;
        for (int l = 0; l + 1 < SIZES.length; l++) {
            h = DoubleReference.linear(h, ROWS, SIZES[l], w[l], b[l], SIZES[l + 1]);
            if (l + 2 < SIZES.length) {
                h = DoubleReference.relu(h);
            }
        }
        return DoubleReference.dot(h, dy);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Mlp mlp = new Mlp("mlp", SIZES, new Gemm(POOL), new SplitMix64(17));
        assertThat(mlp.parameters()).extracting(Parameter::name).containsExactly("mlp.0.weight", "mlp.0.bias",
                "mlp.1.weight", "mlp.1.bias", "mlp.2.weight", "mlp.2.bias");
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[ROWS * SIZES[0]];
        float[] dy = new float[ROWS * SIZES[3]];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 4 - 2);
        }
        for (int i = 0; i < dy.length; i++) {
            dy[i] = (float) (r.nextDouble() * 2 - 1);
        }
        mlp.forward(x, ROWS);
        float[] dx = mlp.backward(dy, ROWS, true).clone();
        double[][] w = new double[3][];
        double[][] b = new double[3][];
        for (int l = 0; l < 3; l++) {
            w[l] = DoubleReference.toDouble(mlp.parameters().get(2 * l).value());
            b[l] = DoubleReference.toDouble(mlp.parameters().get(2 * l + 1).value());
        }
        double[] xd = DoubleReference.toDouble(x);
        double eps = 1e-6;
        for (int l = 0; l < 3; l++) {
            for (double[][] tensor : new double[][][] {w, b}) {
                double[] v = tensor[l];
                float[] g = mlp.parameters().get(2 * l + (tensor == w ? 0 : 1)).grad();
                for (int i = 0; i < v.length; i++) {
                    double keep = v[i];
                    v[i] = keep + eps;
                    double up = loss(w, b, xd, dy);
                    v[i] = keep - eps;
                    double down = loss(w, b, xd, dy);
                    v[i] = keep;
                    assertThat((double) g[i]).isCloseTo((up - down) / (2 * eps), Offset.offset(1e-4));
                }
            }
        }
        for (int i = 0; i < xd.length; i++) {
            double keep = xd[i];
            xd[i] = keep + eps;
            double up = loss(w, b, xd, dy);
            xd[i] = keep - eps;
            double down = loss(w, b, xd, dy);
            xd[i] = keep;
            assertThat((double) dx[i]).isCloseTo((up - down) / (2 * eps), Offset.offset(1e-4));
        }
    }

    @Test
    void reluPassesGradientOnlyWherePositive() {
        Relu relu = new Relu(4, POOL);
        float[] y = relu.forward(new float[] {-1f, 0f, 2f, 3f}, 1);
        assertThat(java.util.Arrays.copyOf(y, 4)).containsExactly(0f, 0f, 2f, 3f);
        float[] dx = relu.backward(new float[] {5f, 6f, 7f, 8f}, 1, true);
        assertThat(java.util.Arrays.copyOf(dx, 4)).containsExactly(0f, 0f, 7f, 8f);
    }
}
