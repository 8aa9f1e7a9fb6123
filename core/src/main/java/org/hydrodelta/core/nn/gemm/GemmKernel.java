package org.hydrodelta.core.nn.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing routines and the register-blocked microkernel behind {@link Gemm}.
 *
 * <p>The microkernel computes an {@link #MR}×{@link #NR} tile of C from an A panel packed as [k][MR] and a B panel
 * packed as [k][NR]: per k it loads two B vectors, broadcasts six A values and issues twelve fused
 * multiply-adds into twelve accumulator registers (15 of the 16 AVX2 registers). Summation over k is strictly
 * sequential, so a C element's value depends only on the K blocking, never on threads or tile position.
 */
final class GemmKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int VL = S.length();
    /** Rows of a register tile. */
    static final int MR = 6;
    /** Columns of a register tile: two vectors. */
    static final int NR = 2 * VL;
    /** Depth of a K block (a packed B panel of KC×NR floats fits in L1). */
    static final int KC = 256;
    /** Rows of A packed at once (MC×KC floats stay in L2). */
    static final int MC = 96;

    private GemmKernel() {
    }

    /**
     * Packs rows [i0, i0+mc) and depth [k0, k0+kc) of op(A) into MR-row panels laid out [panel][k][MR], padding
     * missing rows with zeros.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int k0, int kc, float[] dst) {
        int panels = (mc + MR - 1) / MR;
        for (int p = 0; p < panels; p++) {
            int base = p * kc * MR;
            int rows = Math.min(MR, mc - p * MR);
            if (transA) {
                for (int k = 0; k < kc; k++) {
                    int src = aOff + (k0 + k) * lda + i0 + p * MR;
                    int d = base + k * MR;
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = a[src + r];
                    }
                    for (int r = rows; r < MR; r++) {
                        dst[d + r] = 0f;
                    }
                }
            } else {
                for (int r = 0; r < MR; r++) {
                    if (r < rows) {
                        int src = aOff + (i0 + p * MR + r) * lda + k0;
                        for (int k = 0; k < kc; k++) {
                            dst[base + k * MR + r] = a[src + k];
                        }
                    } else {
                        for (int k = 0; k < kc; k++) {
                            dst[base + k * MR + r] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs depth [k0, k0+kc) and columns [j0, j0+nc) of op(B) into NR-column panels laid out [panel][k][NR],
     * padding missing columns with zeros.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int k0, int kc, int j0, int nc,
                      float[] dst, int dOff) {
        int panels = (nc + NR - 1) / NR;
        for (int p = 0; p < panels; p++) {
            int base = dOff + p * kc * NR;
            int cols = Math.min(NR, nc - p * NR);
            int jp = j0 + p * NR;
            if (transB) {
                for (int c = 0; c < NR; c++) {
                    if (c < cols) {
                        int src = bOff + (jp + c) * ldb + k0;
                        for (int k = 0; k < kc; k++) {
                            dst[base + k * NR + c] = b[src + k];
                        }
                    } else {
                        for (int k = 0; k < kc; k++) {
                            dst[base + k * NR + c] = 0f;
                        }
                    }
                }
            } else if (cols == NR) {
                for (int k = 0; k < kc; k++) {
                    int src = bOff + (k0 + k) * ldb + jp;
                    int d = base + k * NR;
                    FloatVector.fromArray(S, b, src).intoArray(dst, d);
                    FloatVector.fromArray(S, b, src + VL).intoArray(dst, d + VL);
                }
            } else {
                for (int k = 0; k < kc; k++) {
                    int src = bOff + (k0 + k) * ldb + jp;
                    int d = base + k * NR;
                    for (int c = 0; c < NR; c++) {
                        dst[d + c] = c < cols ? b[src + c] : 0f;
                    }
                }
            }
        }
    }

    /**
     * C[MR×NR tile] = (overwrite ? 0 : C) + Apanel·Bpanel over kc.
     */
    static void tile(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, boolean overwrite) {
        // a packed panel is a transposed A with row stride MR
        tileCols(kc, ap, ao, MR, bp, bo, c, co, ldc, overwrite);
    }

    /**
     * C[MR×NR tile] = (overwrite ? 0 : C) + A·Bpanel over kc with a transposed A read in place: the MR values of
     * step k are {@code ap[ao + k·lda ..]} ({@link #tile} passes a packed panel, lda = MR).
     */
    static void tileCols(int kc, float[] ap, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                         boolean overwrite) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        // every index is linear in k (no running offsets): C2 then hoists the range checks out of the loop and keeps
        // the offsets in registers. With `ao += lda; bo += NR` the B loads kept a bounds check each and the register
        // allocator's choices varied from one JVM to the next: the same product ran at 133-183 GFLOP/s depending on
        // the process (recurrent step backward, one core, 8 trials per process); written this way, 179-189 in every
        // process
        for (int k = 0; k < kc; k++) {
            int ak = ao + k * lda;
            int bk = bo + k * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bk);
            FloatVector b1 = FloatVector.fromArray(S, bp, bk + VL);
            FloatVector a = FloatVector.broadcast(S, ap[ak]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ak + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[ak + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[ak + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[ak + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[ak + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        // the stores are written out here rather than in a helper: C2 declined to inline a 67-byte helper into this
        // large method ("callee is too large"), and the vectors passed to it were then boxed, allocating about 1 kB
        // per tile (measured with JFR on the paper iteration: 2 GB/s of garbage, the input projection at a third of
        // its benchmark speed)
        int c1 = co + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int c4 = c3 + ldc;
        int c5 = c4 + ldc;
        if (!overwrite) {
            c00 = FloatVector.fromArray(S, c, co).add(c00);
            c01 = FloatVector.fromArray(S, c, co + VL).add(c01);
            c10 = FloatVector.fromArray(S, c, c1).add(c10);
            c11 = FloatVector.fromArray(S, c, c1 + VL).add(c11);
            c20 = FloatVector.fromArray(S, c, c2).add(c20);
            c21 = FloatVector.fromArray(S, c, c2 + VL).add(c21);
            c30 = FloatVector.fromArray(S, c, c3).add(c30);
            c31 = FloatVector.fromArray(S, c, c3 + VL).add(c31);
            c40 = FloatVector.fromArray(S, c, c4).add(c40);
            c41 = FloatVector.fromArray(S, c, c4 + VL).add(c41);
            c50 = FloatVector.fromArray(S, c, c5).add(c50);
            c51 = FloatVector.fromArray(S, c, c5 + VL).add(c51);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + VL);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + VL);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + VL);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + VL);
        c40.intoArray(c, c4);
        c41.intoArray(c, c4 + VL);
        c50.intoArray(c, c5);
        c51.intoArray(c, c5 + VL);
    }

    /**
     * {@link #tile} with A read in place instead of packed: row r of the MR×kc panel starts at
     * {@code a[ao + r·lda]} and runs along k (a non-transposed A). Same products in the same order, so the same
     * results bit for bit. Packing a non-transposed A is a strided transpose, one scalar store per element; for the
     * LSTM's products with a short C row (n = 256: the recurrent step's backward, the input gradient) it cost as much
     * as a third of their multiply-adds (17.6 % of the paper iteration in perf, against 54 % in the tiles).
     */
    static void tileRows(int kc, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                         boolean overwrite) {
        int a1 = ao + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        // indices linear in k, as in tileCols()
        for (int k = 0; k < kc; k++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo + k * NR);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + k * NR + VL);
            FloatVector av = FloatVector.broadcast(S, a[ao + k]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[a1 + k]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[a2 + k]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[a3 + k]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[a4 + k]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[a5 + k]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        // stores written out as in tileCols(), for the same reason
        int c1 = co + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int c4 = c3 + ldc;
        int c5 = c4 + ldc;
        if (!overwrite) {
            c00 = FloatVector.fromArray(S, c, co).add(c00);
            c01 = FloatVector.fromArray(S, c, co + VL).add(c01);
            c10 = FloatVector.fromArray(S, c, c1).add(c10);
            c11 = FloatVector.fromArray(S, c, c1 + VL).add(c11);
            c20 = FloatVector.fromArray(S, c, c2).add(c20);
            c21 = FloatVector.fromArray(S, c, c2 + VL).add(c21);
            c30 = FloatVector.fromArray(S, c, c3).add(c30);
            c31 = FloatVector.fromArray(S, c, c3 + VL).add(c31);
            c40 = FloatVector.fromArray(S, c, c4).add(c40);
            c41 = FloatVector.fromArray(S, c, c4 + VL).add(c41);
            c50 = FloatVector.fromArray(S, c, c5).add(c50);
            c51 = FloatVector.fromArray(S, c, c5 + VL).add(c51);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + VL);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + VL);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + VL);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + VL);
        c40.intoArray(c, c4);
        c41.intoArray(c, c4 + VL);
        c50.intoArray(c, c5);
        c51.intoArray(c, c5 + VL);
    }

    /**
     * acc[ao + j] += Σ_k bp[bo + k·NR + j] for the {@code cols} columns of a packed B panel, each column summed in
     * increasing k (the bias gradient read from the weight gradient's packed block).
     */
    static void addPanelSums(float[] bp, int bo, int kc, float[] acc, int ao, int cols) {
        if (cols == NR) {
            FloatVector s0 = FloatVector.fromArray(S, acc, ao);
            FloatVector s1 = FloatVector.fromArray(S, acc, ao + VL);
            for (int k = 0; k < kc; k++) {
                s0 = s0.add(FloatVector.fromArray(S, bp, bo + k * NR));
                s1 = s1.add(FloatVector.fromArray(S, bp, bo + k * NR + VL));
            }
            s0.intoArray(acc, ao);
            s1.intoArray(acc, ao + VL);
        } else {
            for (int k = 0; k < kc; k++) {
                for (int j = 0; j < cols; j++) {
                    acc[ao + j] += bp[bo + k * NR + j];
                }
            }
        }
    }

    /**
     * A partial tile (rows &lt; MR or cols &lt; NR): computed in full into {@code tmp} and then the valid part is
     * written to C with the same per-element arithmetic as {@link #tile}.
     */
    static void edgeTile(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                         int rows, int cols, boolean overwrite, float[] tmp) {
        tile(kc, ap, ao, bp, bo, tmp, 0, NR, true);
        writeEdge(tmp, c, co, ldc, rows, cols, overwrite);
    }

    /** {@link #edgeTile} for a full-height panel of a non-transposed A read in place ({@link #tileRows}). */
    static void edgeTileRows(int kc, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                             int cols, boolean overwrite, float[] tmp) {
        tileRows(kc, a, ao, lda, bp, bo, tmp, 0, NR, true);
        writeEdge(tmp, c, co, ldc, MR, cols, overwrite);
    }

    /** {@link #edgeTile} for a full-height panel of a transposed A read in place ({@link #tileCols}). */
    static void edgeTileCols(int kc, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                             int cols, boolean overwrite, float[] tmp) {
        tileCols(kc, a, ao, lda, bp, bo, tmp, 0, NR, true);
        writeEdge(tmp, c, co, ldc, MR, cols, overwrite);
    }

    private static void writeEdge(float[] tmp, float[] c, int co, int ldc, int rows, int cols, boolean overwrite) {
        for (int r = 0; r < rows; r++) {
            int ci = co + r * ldc;
            int ti = r * NR;
            if (overwrite) {
                System.arraycopy(tmp, ti, c, ci, cols);
            } else {
                for (int j = 0; j < cols; j++) {
                    c[ci + j] += tmp[ti + j];
                }
            }
        }
    }
}
