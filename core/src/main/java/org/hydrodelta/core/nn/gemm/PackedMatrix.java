package org.hydrodelta.core.nn.gemm;

import org.bytedeco.javacpp.FloatPointer;

/**
 * A right-hand operand op(B) (K×N) packed once into the microkernel's panel layout, for products that reuse the
 * same B many times (the LSTM's recurrent weights at every time step). Layout: K blocks of {@code KC} rows; within a
 * block, NR-column panels of [k][NR]. When native OpenBLAS is loaded, a native copy of B as stored is kept too.
 */
public final class PackedMatrix {
    private int k;
    private int n;
    private int paddedN;
    private float[] data = new float[0];
    private FloatPointer nativeData;
    private boolean nativeTransposed;

    /** Creates an empty packed matrix; fill it with {@link #pack}. */
    public PackedMatrix() {
    }

    /**
     * Packs op(B) into this object, reusing its storage when large enough.
     *
     * @param transB whether B is stored transposed (op(B) = Bᵀ, B stored N×K row-major)
     * @param b      storage of B
     * @param bOff   offset of B's first element
     * @param ldb    row stride of the stored B
     * @param k      rows of op(B)
     * @param n      columns of op(B)
     * @return this
     */
    public PackedMatrix pack(boolean transB, float[] b, int bOff, int ldb, int k, int n) {
        return pack(transB, b, bOff, ldb, k, n, NativeSgemm.available() && GemmEngine.choice().recurrent());
    }

    /** As {@link #pack(boolean, float[], int, int, int, int)}, with a native copy for OpenBLAS or without. */
    PackedMatrix pack(boolean transB, float[] b, int bOff, int ldb, int k, int n, boolean withNative) {
        this.k = k;
        this.n = n;
        this.paddedN = (n + GemmKernel.NR - 1) / GemmKernel.NR * GemmKernel.NR;
        int size = k * paddedN;
        if (data.length < size) {
            data = new float[size];
        }
        for (int k0 = 0; k0 < k; k0 += GemmKernel.KC) {
            int kc = Math.min(GemmKernel.KC, k - k0);
            GemmKernel.packB(transB, b, bOff, ldb, k0, kc, 0, n, data, k0 * paddedN);
        }
        if (withNative) {
            if (nativeData == null || nativeData.capacity() < (long) k * n) {
                if (nativeData != null) {
                    nativeData.close();
                }
                nativeData = new FloatPointer((long) k * n);
            }
            nativeTransposed = transB;
            if (transB) {
                Gemm.copyIn(b, bOff, ldb, n, k, nativeData);
            } else {
                Gemm.copyIn(b, bOff, ldb, k, n, nativeData);
            }
        }
        return this;
    }

    /** @return rows of op(B) */
    public int rows() {
        return k;
    }

    /** @return columns of op(B) */
    public int columns() {
        return n;
    }

    float[] data() {
        return data;
    }

    /** Offset of the panel starting at column j0 (multiple of NR) in the K block starting at k0. */
    int offset(int k0, int kc, int j0) {
        return k0 * paddedN + (j0 / GemmKernel.NR) * kc * GemmKernel.NR;
    }

    /** Native copy of B as stored (k×n, or n×k when {@link #nativeTransposed()}), or null. */
    FloatPointer nativeData() {
        return nativeData;
    }

    /** Whether {@link #nativeData()} holds Bᵀ (n×k). */
    boolean nativeTransposed() {
        return nativeTransposed;
    }

    /** @return bytes held (Java and native) */
    public long bytes() {
        return 4L * data.length + (nativeData == null ? 0 : 4L * nativeData.capacity());
    }
}
