package org.hydrodelta.core.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.hydrodelta.core.nn.Activations;

/** Elementwise logistic function and its backward pass for the network → parameter mapping. */
final class Sigmoid {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private Sigmoid() {
    }

    static void forward(float[] raw, float[] u, int n) {
        forward(raw, 0, u, n);
    }

    /** u[i] = σ(raw[rawOff + i]) for i in [0, n). */
    static void forward(float[] raw, int rawOff, float[] u, int n) {
        forward(raw, rawOff, u, 0, n);
    }

    /** u[uOff + i] = σ(raw[rawOff + i]) for i in [0, n). */
    static void forward(float[] raw, int rawOff, float[] u, int uOff, int n) {
        int i = 0;
        // vector lanes and the scalar tail use the same arithmetic (Activations), so the split changes no bit
        for (int vl = S.length(); i + vl <= n; i += vl) {
            Activations.sigmoid(FloatVector.fromArray(S, raw, rawOff + i)).intoArray(u, uOff + i);
        }
        for (; i < n; i++) {
            u[uOff + i] = Activations.sigmoid(raw[rawOff + i]);
        }
    }

    /** dRaw = dU · u · (1 − u), written over dU. */
    static void backwardInPlace(float[] dU, float[] u, int n) {
        backwardInPlace(dU, u, 0, n);
    }

    /** As {@link #backwardInPlace(float[], float[], int)} for the entries [from, from + n). */
    static void backwardInPlace(float[] dU, float[] u, int from, int n) {
        for (int i = from; i < from + n; i++) {
            float g = dU[i];
            if (g != 0f) {
                dU[i] = g * u[i] * (1f - u[i]);
            }
        }
    }
}
