package org.hydrodelta.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.incubator.vector.FloatVector;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    private static final int VL = FloatVector.SPECIES_PREFERRED.length();

    @Test
    void vectorAndScalarFunctionsMatchMathWithinAFewUlpAndAgreeWithEachOther() {
        float[] xs = new float[VL];
        float[] out = new float[VL];
        for (double x0 = -100; x0 <= 100; x0 += 0.37 * VL) {
            for (int l = 0; l < VL; l++) {
                xs[l] = (float) (x0 + 0.37 * l);
            }
            FloatVector v = FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, xs, 0);
            Activations.exp(v).intoArray(out, 0);
            for (int l = 0; l < VL; l++) {
                double x = xs[l];
                double clamped = Math.min(Math.max(x, -87), 88);
                assertThat((double) out[l]).as("exp(%s)", x)
                        .isCloseTo(Math.exp(clamped), Offset.offset(4e-7 * Math.exp(clamped)));
                assertThat(out[l]).isEqualTo(Activations.exp(xs[l]));
            }
            Activations.sigmoid(v).intoArray(out, 0);
            for (int l = 0; l < VL; l++) {
                assertThat((double) out[l]).isCloseTo(1 / (1 + Math.exp(-xs[l])), Offset.offset(1e-7));
                assertThat(out[l]).isEqualTo(Activations.sigmoid(xs[l]));
            }
            Activations.tanh(v).intoArray(out, 0);
            for (int l = 0; l < VL; l++) {
                assertThat((double) out[l]).isCloseTo(Math.tanh(xs[l]), Offset.offset(2e-7));
                assertThat(out[l]).isEqualTo(Activations.tanh(xs[l]));
            }
        }
    }
}
