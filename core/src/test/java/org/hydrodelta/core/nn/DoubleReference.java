package org.hydrodelta.core.nn;

/**
 * Straightforward double-precision forward passes of the layers, written independently of the production code
 * (plain loops, no blocking, no vectorisation), used as the finite-difference reference.
 */
final class DoubleReference {
    private DoubleReference() {
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static double[] linear(double[] x, int rows, int in, double[] w, double[] b, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += w[o * in + i] * x[r * in + i];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    static double[] relu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0, x[i]);
        }
        return y;
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** PyTorch LSTM equations, h0 = c0 = 0, returns h [T][B][H]. */
    static double[] lstm(double[] x, int steps, int batch, int in, int hid, double[] wih, double[] whh,
                         double[] bih, double[] bhh) {
        return lstm(x, steps, batch, in, hid, wih, whh, bih, bhh, new double[batch * hid], new double[batch * hid]);
    }

    /** The same from initial states h0, c0 ([B][H]). */
    static double[] lstm(double[] x, int steps, int batch, int in, int hid, double[] wih, double[] whh,
                         double[] bih, double[] bhh, double[] h0, double[] c0) {
        double[] hs = new double[steps * batch * hid];
        double[] h = h0.clone();
        double[] c = c0.clone();
        for (int t = 0; t < steps; t++) {
            double[] hn = new double[batch * hid];
            double[] cn = new double[batch * hid];
            for (int b = 0; b < batch; b++) {
                double[] a = new double[4 * hid];
                for (int q = 0; q < 4 * hid; q++) {
                    double s = bih[q] + bhh[q];
                    for (int i = 0; i < in; i++) {
                        s += wih[q * in + i] * x[(t * batch + b) * in + i];
                    }
                    for (int k = 0; k < hid; k++) {
                        s += whh[q * hid + k] * h[b * hid + k];
                    }
                    a[q] = s;
                }
                for (int j = 0; j < hid; j++) {
                    double ig = sigmoid(a[j]);
                    double fg = sigmoid(a[hid + j]);
                    double gg = Math.tanh(a[2 * hid + j]);
                    double og = sigmoid(a[3 * hid + j]);
                    double cv = fg * c[b * hid + j] + ig * gg;
                    cn[b * hid + j] = cv;
                    hn[b * hid + j] = og * Math.tanh(cv);
                }
            }
            h = hn;
            c = cn;
            System.arraycopy(h, 0, hs, t * batch * hid, batch * hid);
        }
        return hs;
    }

    static double dot(double[] a, float[] w) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * w[i];
        }
        return s;
    }

    static double[] times(double[] w, float[] mask) {
        double[] r = w.clone();
        if (mask != null) {
            for (int i = 0; i < r.length; i++) {
                r[i] *= mask[i];
            }
        }
        return r;
    }
}
