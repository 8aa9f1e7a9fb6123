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

    @Test
    void logMatchesMathOverTheWholeNormalRangeAndVectorEqualsScalar() {
        float[] xs = new float[VL];
        float[] out = new float[VL];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        double worst = 0;
        for (int k = 0; k < 20000; k++) {
            for (int l = 0; l < VL; l++) {
                // log-uniform over [MIN_NORMAL, MAX_VALUE], plus the HBV guard itself and values near 1
                xs[l] = k == 0 && l == 0 ? Float.MIN_NORMAL : k == 0 && l == 1 ? 1f
                        : k % 3 == 0 ? (float) (1 + rnd.nextDouble(-0.3, 0.3))
                        : (float) Math.exp(rnd.nextDouble(Math.log(Float.MIN_NORMAL), Math.log(Float.MAX_VALUE)));
            }
            FloatVector v = FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, xs, 0);
            Activations.log(v).intoArray(out, 0);
            for (int l = 0; l < VL; l++) {
                double exact = Math.log(xs[l]);
                double ulps = Math.abs(out[l] - exact) / Math.ulp((float) exact == 0 ? Float.MIN_NORMAL : (float) exact);
                worst = Math.max(worst, ulps);
                assertThat(ulps).as("log(%s) = %s, exact %s", xs[l], out[l], exact).isLessThanOrEqualTo(3);
                assertThat(out[l]).as("scalar log(%s)", xs[l]).isEqualTo(Activations.log(xs[l]));
            }
        }
        assertThat(Activations.log(1f)).isZero();
        assertThat(Activations.log(Float.NaN)).isNaN();
        float[] nan = new float[VL];
        java.util.Arrays.fill(nan, Float.NaN);
        Activations.log(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, nan, 0)).intoArray(out, 0);
        assertThat(out[0]).isNaN();
        System.out.printf("log: worst error %.2f ulp%n", worst);
    }
}
