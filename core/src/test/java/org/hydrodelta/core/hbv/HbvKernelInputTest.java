package org.hydrodelta.core.hbv;

import org.hydrodelta.core.conceptual.ParameterDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Shape checks of the kernel's inputs and the layout of what it returns. */
class HbvKernelInputTest {
    @Test
    void rejectsParameterArrayOfWrongLengthNamingIt() {
        HbvConfig cfg = HbvConfig.dynamicBetaGamma(2);
        try (HbvKernel k = new HbvKernel(cfg, 3, 5, 10, 1)) {
            float[] forcing = new float[15 * 3 * 3];
            float[] u = new float[15 * 3 * cfg.rowWidth() - 1];
            assertThatThrownBy(() -> k.forward(forcing, u, ParameterDays.training(5, 10)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("u: expected 1260 values");
        }
    }

    @Test
    void rejectsDaysOutsideTheRun() {
        HbvConfig cfg = HbvConfig.staticTwelve(2);
        try (HbvKernel k = new HbvKernel(cfg, 1, 0, 10, 1)) {
            float[] forcing = new float[10 * 3];
            float[] u = new float[10 * cfg.rowWidth()];
            assertThatThrownBy(() -> k.forward(forcing, u, ParameterDays.allFrom(10)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warmupDay = 10 outside 0..9");
        }
    }

    @Test
    void refusesBackwardBeforeForwardAndDiagnosticsWhenOff() {
        HbvConfig cfg = HbvConfig.staticTwelve(2).withDiagnostics(false);
        try (HbvKernel k = new HbvKernel(cfg, 1, 0, 10, 1)) {
            assertThatThrownBy(() -> k.backward(new float[10], new float[10 * cfg.rowWidth()]))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("forward()");
            assertThatThrownBy(() -> k.output(HbvOutput.SM)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("diagnostics");
        }
    }

    @Test
    void readsStaticParametersOnlyFromTheStaticDay() {
        // Changing u on any day but the static one must not change a static-parameter run.
        HbvConfig cfg = HbvConfig.staticTwelve(2);
        int days = 30;
        float[] forcing = new float[days * 3];
        for (int d = 0; d < days; d++) {
            forcing[3 * d] = d % 3 == 0 ? 12f : 0f;
            forcing[3 * d + 1] = 5f;
            forcing[3 * d + 2] = 2f;
        }
        float[] u = new float[days * cfg.rowWidth()];
        java.util.Arrays.fill(u, 0.5f);
        float[] u2 = u.clone();
        for (int i = 0; i < cfg.rowWidth() * (days - 1); i++) {
            u2[i] = 0.9f;
        }
        try (HbvKernel k = new HbvKernel(cfg, 1, 0, days, 1)) {
            k.forward(forcing, u, ParameterDays.training(0, days));
            float[] q = k.output(HbvOutput.Q_ROUTED).clone();
            k.forward(forcing, u2, ParameterDays.training(0, days));
            assertThat(k.output(HbvOutput.Q_ROUTED)).isEqualTo(q);
            float[] gu = new float[u.length];
            k.backward(q, gu);
            for (int i = 0; i < cfg.rowWidth() * (days - 1); i++) {
                assertThat(gu[i]).as("gradient on unused day entry %d", i).isZero();
            }
        }
    }
}
