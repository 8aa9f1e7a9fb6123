package org.hydrodelta.core.nn.gemm;

/**
 * Packing buffers of one thread of {@link Gemm}. Allocated once and reused by every product that thread computes,
 * so no allocation happens inside time loops. Not thread-safe: one workspace per concurrently running part.
 */
public final class GemmWorkspace {
    final float[] aPack = new float[GemmKernel.MC * GemmKernel.KC];
    final float[] edge = new float[GemmKernel.MR * GemmKernel.NR];
    float[] bPack = new float[0];

    /** Creates a workspace; the B packing buffer grows on first use. */
    public GemmWorkspace() {
    }

    float[] bPack(int size) {
        if (bPack.length < size) {
            bPack = new float[size];
        }
        return bPack;
    }

    /** @return bytes held by this workspace */
    public long bytes() {
        return 4L * (aPack.length + edge.length + bPack.length);
    }
}
