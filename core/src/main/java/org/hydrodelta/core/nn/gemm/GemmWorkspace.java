package org.hydrodelta.core.nn.gemm;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Packing buffers of one thread of {@link Gemm}. Allocated once and reused by every product that thread computes,
 * so no allocation happens inside time loops. Not thread-safe: one workspace per concurrently running part.
 */
public final class GemmWorkspace {
    final float[] aPack = new float[GemmKernel.MC * GemmKernel.KC];
    final float[] edge = new float[GemmKernel.MR * GemmKernel.NR];
    float[] bPack = new float[0];
    /** Whether products on this workspace may use native OpenBLAS. */
    final boolean nativeBlas;
    private FloatPointer nativeA;
    private FloatPointer nativeB;
    private FloatPointer nativeC;

    /** Creates a workspace for the default engine (native OpenBLAS when it loads); buffers grow on first use. */
    public GemmWorkspace() {
        this(NativeSgemm.available());
    }

    GemmWorkspace(boolean nativeBlas) {
        this.nativeBlas = nativeBlas && NativeSgemm.available();
    }

    float[] bPack(int size) {
        if (bPack.length < size) {
            bPack = new float[size];
        }
        return bPack;
    }

    FloatPointer nativeA(long size) {
        nativeA = grow(nativeA, size);
        return nativeA;
    }

    FloatPointer nativeB(long size) {
        nativeB = grow(nativeB, size);
        return nativeB;
    }

    FloatPointer nativeC(long size) {
        nativeC = grow(nativeC, size);
        return nativeC;
    }

    private static FloatPointer grow(FloatPointer p, long size) {
        if (p != null && p.capacity() >= size) {
            return p.position(0);
        }
        if (p != null) {
            p.close();
        }
        return new FloatPointer(Math.max(size, 1L));
    }

    private static long cap(FloatPointer p) {
        return p == null ? 0 : p.capacity();
    }

    /** @return bytes held by this workspace (Java and native buffers) */
    public long bytes() {
        return 4L * (aPack.length + edge.length + bPack.length + cap(nativeA) + cap(nativeB) + cap(nativeC));
    }
}
