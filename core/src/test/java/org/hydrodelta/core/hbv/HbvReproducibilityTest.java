package org.hydrodelta.core.hbv;

import org.hydrodelta.core.conceptual.ParameterDays;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The same inputs give the same bits on the first pass (interpreted) and the hundredth (compiled by C2): the
 * kernel must not use operations whose last bits depend on the JIT tier. The Vector API's LOG/EXP did (C2 swaps
 * them for SVML stubs), and two identical δ-model trainings drifted apart after 7 iterations.
 */
class HbvReproducibilityTest {
    private static final int NB = 8;
    private static final int WARMUP = 100;
    private static final int WINDOW = 265;
    private static final int DAYS = WARMUP + WINDOW;

    @Test
    void aPassGivesTheSameBitsBeforeAndAfterTheJitCompilesIt() throws IOException {
        float[] forcing = new SampleForcing().replicated(1985, 10, 1, DAYS, NB);
        // β and the ET shape γ dynamic: both powers exp(p·ln x) of the soil step are exercised, 16 components
        boolean[] dyn = new boolean[13];
        dyn[0] = true;
        dyn[12] = true;
        HbvConfig cfg = new HbvConfig(13, dyn, 16, true, true);
        float[] u = new float[DAYS * NB * cfg.rowWidth()];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) rnd.nextDouble();
        }
        float[] dq = new float[WINDOW * NB];
        for (int i = 0; i < dq.length; i++) {
            dq[i] = (float) rnd.nextDouble(-1, 1);
        }
        float[] q0 = null;
        float[] g0 = null;
        try (HbvKernel k = new HbvKernel(cfg, NB, WARMUP, WINDOW, 1)) {
            for (int pass = 0; pass < 150; pass++) {
                k.forward(forcing, u, ParameterDays.training(WARMUP, WINDOW));
                float[] q = k.output(HbvOutput.Q_ROUTED).clone();
                float[] g = new float[u.length];
                k.backward(dq, g);
                if (q0 == null) {
                    q0 = q;
                    g0 = g;
                    continue;
                }
                assertThat(q).as("routed flow, pass %d", pass).isEqualTo(q0);
                assertThat(g).as("gradient, pass %d", pass).isEqualTo(g0);
            }
        }
    }
}
