package org.hydrodelta.core.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.hydrodelta.core.nn.Parameter;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    private static final float[][] GRADS = {{0.5f, -2f}, {0.25f, 1f}, {-1f, 0.1f}};

    private static Parameter param() {
        Parameter p = new Parameter("w", 2);
        p.load(new float[] {1f, -3f});
        return p;
    }

    @Test
    void adadeltaFollowsThePyTorchUpdateForThreeSteps() {
        Parameter p = param();
        Adadelta opt = new Adadelta();
        // hand computation in double: rho 0.9, eps 1e-6, lr 1
        double[] w = {1, -3};
        double[] eg = new double[2];
        double[] ed = new double[2];
        for (float[] g : GRADS) {
            System.arraycopy(g, 0, p.grad(), 0, 2);
            opt.step(List.of(p));
            for (int i = 0; i < 2; i++) {
                eg[i] = 0.9 * eg[i] + 0.1 * g[i] * g[i];
                double delta = Math.sqrt(ed[i] + 1e-6) / Math.sqrt(eg[i] + 1e-6) * g[i];
                ed[i] = 0.9 * ed[i] + 0.1 * delta * delta;
                w[i] -= delta;
            }
            for (int i = 0; i < 2; i++) {
                assertThat((double) p.value()[i]).isCloseTo(w[i], Offset.offset(1e-6));
            }
        }
        // closed form of the first step: w₁ = w₀ − √ε / √(0.1·g² + ε) · g, tiny because E_Δ starts at 0
        Parameter q = param();
        Adadelta fresh = new Adadelta();
        q.grad()[0] = 0.5f;
        fresh.step(List.of(q));
        assertThat((double) q.value()[0]).isCloseTo(1 - 0.5 * 1e-3 / Math.sqrt(0.025 + 1e-6), Offset.offset(1e-7));
    }

    @Test
    void adamFollowsThePyTorchUpdateForThreeSteps() {
        Parameter p = param();
        Adam opt = new Adam();
        double[] w = {1, -3};
        double[] m = new double[2];
        double[] v = new double[2];
        int t = 0;
        for (float[] g : GRADS) {
            System.arraycopy(g, 0, p.grad(), 0, 2);
            opt.step(List.of(p));
            t++;
            for (int i = 0; i < 2; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mh = m[i] / (1 - Math.pow(0.9, t));
                double vh = v[i] / (1 - Math.pow(0.999, t));
                w[i] -= 1e-3 * mh / (Math.sqrt(vh) + 1e-8);
            }
            for (int i = 0; i < 2; i++) {
                assertThat((double) p.value()[i]).isCloseTo(w[i], Offset.offset(1e-6));
            }
        }
        // Adam's first step is lr·sign(g)
        assertThat(opt.exportState().steps()).isEqualTo(3);
    }

    @Test
    void resumingFromExportedStateIsBitIdentical() {
        for (boolean adam : new boolean[] {false, true}) {
            Parameter a = param();
            Parameter b = param();
            Optimizer first = adam ? new Adam() : new Adadelta();
            Optimizer straight = adam ? new Adam() : new Adadelta();
            for (int s = 0; s < 3; s++) {
                System.arraycopy(GRADS[s], 0, a.grad(), 0, 2);
                System.arraycopy(GRADS[s], 0, b.grad(), 0, 2);
                straight.step(List.of(b));
                if (s < 2) {
                    first.step(List.of(a));
                }
            }
            // checkpoint after two steps, restore into a fresh optimiser, do the third step
            Optimizer resumed = adam ? new Adam() : new Adadelta();
            resumed.importState(first.exportState());
            System.arraycopy(GRADS[2], 0, a.grad(), 0, 2);
            resumed.step(List.of(a));
            assertThat(a.value()).containsExactly(b.value());
        }
    }

    @Test
    void exportedStateIsACopyNamedByParameter() {
        Parameter p = param();
        Adadelta opt = new Adadelta();
        p.grad()[0] = 1f;
        opt.step(List.of(p));
        OptimizerState s = opt.exportState();
        assertThat(s.tensors()).containsOnlyKeys("w.square_avg", "w.acc_delta");
        float before = s.tensors().get("w.square_avg")[0];
        opt.step(List.of(p));
        assertThat(s.tensors().get("w.square_avg")[0]).isEqualTo(before);
    }

    @Test
    void refusesStateOfAnotherOptimiser() {
        assertThatThrownBy(() -> new Adam().importState(new Adadelta().exportState()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adadelta");
    }
}
