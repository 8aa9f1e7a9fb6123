package org.hydrodelta.core.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised sigmoid, tanh, exp and log. The JDK 17 Vector API's own {@code EXP}/{@code TANH} fall back to scalar
 * code on this platform (≈ 2.5 ns per element), so exp and log are computed here with Cephes' single-precision
 * polynomials after range reduction (relative error ≈ 2 ulp); sigmoid(x) = 1/(1+e^(−x)) and
 * tanh(x) = 2·sigmoid(2x) − 1 build on exp. Scalar variants use the same arithmetic so tails of rows match the
 * vector lanes.
 *
 * <p>Reproducibility: these use only add, multiply, fused multiply-add, compares and bit operations, which give the
 * same bits in the interpreter, C1, C2 and the Vector API's Java fallback. The API's own {@code LOG}/{@code EXP}
 * do not: C2 replaces them by SVML stubs whose last bits differ from the fallback's {@code Math.log}, so a run's
 * result depended on when the JIT compiled the HBV step (two identical δ-model trainings drifted apart after 7
 * iterations; disabling the stubs instead costs the HBV kernel 64 % of its speed).
 */
public final class Activations {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND_MAGIC = 12582912f; // 1.5·2^23: adding it rounds to the nearest integer
    private static final int ROUND_MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);
    private static final float X_MAX = 88.0f;
    private static final float X_MIN = -87.0f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    private static final float SQRT_HALF = 0.707106781186547524f;
    private static final float L0 = 7.0376836292e-2f;
    private static final float L1 = -1.1514610310e-1f;
    private static final float L2 = 1.1676998740e-1f;
    private static final float L3 = -1.2420140846e-1f;
    private static final float L4 = 1.4249322787e-1f;
    private static final float L5 = -1.6668057665e-1f;
    private static final float L6 = 2.0000714765e-1f;
    private static final float L7 = -2.4999993993e-1f;
    private static final float L8 = 3.3333331174e-1f;
    /** 2^23's bits plus a biased exponent field E (0..255) are the float 2^23 + E, exactly. */
    private static final int EXP_TO_FLOAT_BITS = Float.floatToRawIntBits(8388608f);
    /** 2^23 + 126: subtracted from 2^23 + E it leaves E − 126, the exponent of the mantissa in [0.5, 1). */
    private static final float EXP_TO_FLOAT = 8388734f;

    // sigmoid and tanh stay under 35 bytes of bytecode (MaxInlineSize) so C2 inlines them at any call site: a call
    // it declines passes the vectors boxed, which allocates on every lane block
    private static final FloatVector V_ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector V_TWO = FloatVector.broadcast(S, 2f);

    private Activations() {
    }

    /**
     * Natural logarithm for each lane of positive normal floats (the HBV kernel guards its arguments with
     * {@code Float.MIN_NORMAL}); NaN stays NaN. Zero, negative and subnormal inputs are outside its domain.
     *
     * @param x argument
     * @return ln x
     */
    public static FloatVector log(FloatVector x) {
        IntVector bits = x.reinterpretAsInts();
        // x = m·2^e with m in [0.5, 1): the biased exponent field minus 126 is e; read it as an exact float by
        // adding it to the mantissa of 2^23 (no int→float conversion, which JDK 17 does not intrinsify here)
        IntVector biased = bits.lanewise(VectorOperators.LSHR, 23);
        FloatVector e = biased.add(EXP_TO_FLOAT_BITS).reinterpretAsFloats().sub(EXP_TO_FLOAT);
        FloatVector m = bits.and(0x007FFFFF).or(0x3F000000).reinterpretAsFloats();
        jdk.incubator.vector.VectorMask<Float> small = m.compare(VectorOperators.LT, SQRT_HALF);
        e = e.blend(e.sub(1f), small);
        FloatVector f = m.sub(1f).blend(m.add(m).sub(1f), small);
        FloatVector z = f.mul(f);
        FloatVector p = f.fma(L0, L1);
        p = p.fma(f, FloatVector.broadcast(S, L2));
        p = p.fma(f, FloatVector.broadcast(S, L3));
        p = p.fma(f, FloatVector.broadcast(S, L4));
        p = p.fma(f, FloatVector.broadcast(S, L5));
        p = p.fma(f, FloatVector.broadcast(S, L6));
        p = p.fma(f, FloatVector.broadcast(S, L7));
        p = p.fma(f, FloatVector.broadcast(S, L8));
        FloatVector y = p.mul(f).mul(z);
        y = e.fma(FloatVector.broadcast(S, LN2_LO), y);
        y = z.fma(FloatVector.broadcast(S, -0.5f), y);
        FloatVector r = f.add(y);
        r = e.fma(FloatVector.broadcast(S, LN2_HI), r);
        return r.blend(x, x.compare(VectorOperators.NE, x));
    }

    /**
     * Scalar ln x with the same arithmetic as {@link #log(FloatVector)}.
     *
     * @param x argument (positive normal, or NaN)
     * @return ln x
     */
    public static float log(float x) {
        if (x != x) {
            return x;
        }
        int bits = Float.floatToRawIntBits(x);
        float e = Float.intBitsToFloat((bits >>> 23) + EXP_TO_FLOAT_BITS) - EXP_TO_FLOAT;
        float m = Float.intBitsToFloat((bits & 0x007FFFFF) | 0x3F000000);
        float f;
        if (m < SQRT_HALF) {
            e = e - 1f;
            f = (m + m) - 1f;
        } else {
            f = m - 1f;
        }
        float z = f * f;
        float p = Math.fma(f, L0, L1);
        p = Math.fma(p, f, L2);
        p = Math.fma(p, f, L3);
        p = Math.fma(p, f, L4);
        p = Math.fma(p, f, L5);
        p = Math.fma(p, f, L6);
        p = Math.fma(p, f, L7);
        p = Math.fma(p, f, L8);
        float y = p * f * z;
        y = Math.fma(e, LN2_LO, y);
        y = Math.fma(z, -0.5f, y);
        float r = f + y;
        return Math.fma(e, LN2_HI, r);
    }

    /**
     * e^x for each lane, inputs clamped to [−87, 88].
     *
     * @param x argument
     * @return e^x
     */
    public static FloatVector exp(FloatVector x) {
        x = x.max(X_MIN).min(X_MAX);
        FloatVector shifted = x.fma(LOG2E, ROUND_MAGIC);
        FloatVector fx = shifted.sub(ROUND_MAGIC);
        FloatVector r;
        r = fx.fma(FloatVector.broadcast(S, -LN2_HI), x);
        r = fx.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = r.fma(P0, P1);
        p = p.fma(r, FloatVector.broadcast(S, P2));
        p = p.fma(r, FloatVector.broadcast(S, P3));
        p = p.fma(r, FloatVector.broadcast(S, P4));
        p = p.fma(r, FloatVector.broadcast(S, P5));
        FloatVector r2 = r.mul(r);
        FloatVector y = p.fma(r2, r).add(1f);
        // the rounded exponent n sits in the low mantissa bits of x·log2(e) + 1.5·2^23 (no float→int conversion,
        // which the JDK 17 Vector API does not intrinsify here)
        IntVector n = shifted.reinterpretAsInts().sub(ROUND_MAGIC_BITS);
        FloatVector scale = n.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(scale);
    }

    /**
     * Scalar e^x with the same arithmetic as {@link #exp(FloatVector)}.
     *
     * @param x argument
     * @return e^x
     */
    public static float exp(float x) {
        x = Math.min(Math.max(x, X_MIN), X_MAX);
        float shifted = Math.fma(x, LOG2E, ROUND_MAGIC);
        float fx = shifted - ROUND_MAGIC;
        float r = Math.fma(fx, -LN2_HI, x);
        r = Math.fma(fx, -LN2_LO, r);
        float p = Math.fma(r, P0, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = Math.fma(p, r * r, r) + 1f;
        int n = Float.floatToRawIntBits(shifted) - ROUND_MAGIC_BITS;
        return y * Float.intBitsToFloat((n + 127) << 23);
    }

    /**
     * @param x argument
     * @return 1/(1+e^(−x)) per lane
     */
    public static FloatVector sigmoid(FloatVector x) {
        return V_ONE.div(exp(x.neg()).add(V_ONE));
    }

    /**
     * @param x argument
     * @return 1/(1+e^(−x))
     */
    public static float sigmoid(float x) {
        return 1f / (exp(-x) + 1f);
    }

    /**
     * @param x argument
     * @return tanh(x) per lane, as 1 − 2/(e^(2x)+1)
     */
    public static FloatVector tanh(FloatVector x) {
        return V_ONE.sub(V_TWO.div(exp(x.add(x)).add(V_ONE)));
    }

    /**
     * @param x argument
     * @return tanh(x), as 1 − 2/(e^(2x)+1)
     */
    public static float tanh(float x) {
        return 1f - 2f / (exp(x + x) + 1f);
    }
}
