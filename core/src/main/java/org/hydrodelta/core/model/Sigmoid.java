package org.hydrodelta.core.model;

import org.hydrodelta.core.nn.Activations;

/** Elementwise logistic function and its backward pass for the network → parameter mapping. */
final class Sigmoid {
    private Sigmoid() {
    }

    static void forward(float[] raw, float[] u, int n) {
        for (int i = 0; i < n; i++) {
            u[i] = Activations.sigmoid(raw[i]);
        }
    }

    /** dRaw = dU · u · (1 − u), written over dU. */
    static void backwardInPlace(float[] dU, float[] u, int n) {
        for (int i = 0; i < n; i++) {
            float g = dU[i];
            if (g != 0f) {
                dU[i] = g * u[i] * (1f - u[i]);
            }
        }
    }
}
