package org.hydrodelta.core.nn.gemm;

import static org.hydrodelta.core.nn.gemm.GemmKernel.KC;
import static org.hydrodelta.core.nn.gemm.GemmKernel.MC;
import static org.hydrodelta.core.nn.gemm.GemmKernel.MR;
import static org.hydrodelta.core.nn.gemm.GemmKernel.NR;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Single-precision matrix product C (+)= op(A)·op(B) on row-major {@code float[]} storage, where op(X) is X or Xᵀ.
 *
 * <p>Two engines, chosen per product by its shape only (so a product takes the same path on every run): native
 * OpenBLAS {@code sgemm} ({@link NativeSgemm}, single-threaded per part, operands copied block by block into
 * native buffers) for products with a pre-packed B (the LSTM's recurrent steps), with A transposed (the weight
 * gradients) or with an inner dimension over 512; the Vector API kernel below for the others (the tall input
 * projections of all days, where it is faster than the copies plus OpenBLAS) and for everything when the native
 * library is absent or disabled. Results are bit-identical from run to run for a fixed thread count; OpenBLAS's
 * rounding depends on how rows are split, so native products can differ in the last bits between thread counts
 * (the Vector API kernel's do not). A sequence evaluated in chunks gives bit-for-bit the result of one forward
 * pass when the hidden size is at most 512 (its forward products then all run on the Vector API kernel or
 * on the recurrent steps, which are split the same way).
 *
 * <p>Vector API kernel: Goto-style blocking: K in blocks of 256, A packed in blocks of 96 rows, B packed per K block (or packed once
 * ahead in a {@link PackedMatrix}), a 6×16 register-blocked Vector API microkernel. Parallel calls split the larger
 * of the M and N dimensions into one contiguous range per thread. Each C element is always summed in the same
 * order (sequential over k inside a K block, K blocks in increasing order), so results are bit-identical for any
 * thread count and any call that uses the same K.
 *
 * <p>Arguments use BLAS conventions: {@code m×n} is the shape of C, {@code k} the inner dimension; {@code lda},
 * {@code ldb}, {@code ldc} are the row strides of the stored matrices (for a transposed operand, the stride of the
 * stored, untransposed matrix). With {@code accumulate} false, C is overwritten.
 */
public final class Gemm {
    /** Products smaller than this many multiply-adds run on the calling thread only. */
    private static final long PARALLEL_THRESHOLD = 1L << 16;
    private final WorkerPool pool;
    private final GemmWorkspace[] workspaces;
    /** Cᵀ of {@link #multiplyTransposed} (one caller at a time, as for the worker pool). */
    private float[] transposed = new float[0];

    /**
     * Creates a product engine that splits work over the threads of {@code pool}.
     *
     * @param pool worker threads (shared with the caller's other parallel loops)
     */
    public Gemm(WorkerPool pool) {
        this(pool, true);
    }

    /**
     * Creates a product engine, optionally restricted to the Vector API kernel.
     *
     * @param pool        worker threads
     * @param allowNative use native OpenBLAS where it is loaded (false: Vector API kernel only)
     */
    public Gemm(WorkerPool pool, boolean allowNative) {
        this.pool = pool;
        this.workspaces = new GemmWorkspace[pool.threads()];
        for (int i = 0; i < workspaces.length; i++) {
            workspaces[i] = new GemmWorkspace(allowNative);
        }
        if (allowNative) {
            NativeSgemm.announceFallback();
        }
    }

    /** @return whether this engine uses native OpenBLAS (for the shapes it suits) */
    public boolean usesNative() {
        return workspaces[0].nativeBlas;
    }

    /** @return the pool this engine runs on */
    public WorkerPool pool() {
        return pool;
    }

    /**
     * The workspace reserved for part {@code p} of a parallel job; callers running their own parallel loops on
     * {@link #pool()} use it for serial products inside part p.
     *
     * @param p part index, 0 ≤ p &lt; threads
     * @return that part's workspace
     */
    public GemmWorkspace workspace(int p) {
        return workspaces[p];
    }

    /** @return bytes held by all workspaces */
    public long workspaceBytes() {
        long s = 4L * transposed.length;
        for (GemmWorkspace w : workspaces) {
            s += w.bytes();
        }
        return s;
    }

    /**
     * Parallel C (+)= op(A)·op(B).
     *
     * @param transA     op(A) = Aᵀ (A stored k×m)
     * @param transB     op(B) = Bᵀ (B stored n×k)
     * @param m          rows of C
     * @param n          columns of C
     * @param k          inner dimension
     * @param a          storage of A
     * @param aOff       offset of A
     * @param lda        row stride of stored A
     * @param b          storage of B
     * @param bOff       offset of B
     * @param ldb        row stride of stored B
     * @param c          storage of C
     * @param cOff       offset of C
     * @param ldc        row stride of C
     * @param accumulate add to C instead of overwriting it
     */
    public void multiply(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        run(transA, m, n, k, a, aOff, lda, transB, b, bOff, ldb, null, c, cOff, ldc, accumulate);
    }

    /**
     * Parallel C (+)= op(A)·B with B packed ahead.
     *
     * @param transA     op(A) = Aᵀ
     * @param m          rows of C
     * @param a          storage of A
     * @param aOff       offset of A
     * @param lda        row stride of stored A
     * @param b          packed op(B), k×n
     * @param c          storage of C
     * @param cOff       offset of C
     * @param ldc        row stride of C
     * @param accumulate add to C instead of overwriting it
     */
    public void multiply(boolean transA, int m, float[] a, int aOff, int lda, PackedMatrix b,
                         float[] c, int cOff, int ldc, boolean accumulate) {
        run(transA, m, b.columns(), b.rows(), a, aOff, lda, false, null, 0, 0, b, c, cOff, ldc, accumulate);
    }

    private void run(boolean transA, int m, int n, int k, float[] a, int aOff, int lda,
                     boolean transB, float[] b, int bOff, int ldb, PackedMatrix packed,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        if (swapsOperands(transA, transB, m, n, k, packed)) {
            multiplyTransposed(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        int parts = pool.threads();
        int mUnits = (m + MR - 1) / MR;
        int nUnits = (n + NR - 1) / NR;
        if (parts == 1 || (long) m * n * k < PARALLEL_THRESHOLD || Math.max(mUnits, nUnits) < parts) {
            serial(workspaces[0], transA, m, n, k, a, aOff, lda, transB, b, bOff, ldb, packed, 0,
                    c, cOff, ldc, accumulate);
            return;
        }
        boolean splitRows = mUnits >= nUnits;
        int units = splitRows ? mUnits : nUnits;
        pool.run(parts, p -> {
            int u0 = WorkerPool.partStart(units, parts, p);
            int u1 = WorkerPool.partStart(units, parts, p + 1);
            if (splitRows) {
                int r0 = u0 * MR;
                int r1 = Math.min(m, u1 * MR);
                if (r1 > r0) {
                    serial(workspaces[p], transA, r1 - r0, n, k, a, transA ? aOff + r0 : aOff + r0 * lda, lda,
                            transB, b, bOff, ldb, packed, 0, c, cOff + r0 * ldc, ldc, accumulate);
                }
            } else {
                int j0 = u0 * NR;
                int j1 = Math.min(n, u1 * NR);
                if (j1 > j0) {
                    serial(workspaces[p], transA, m, j1 - j0, k, a, aOff, lda,
                            transB, b, transB ? bOff + j0 * ldb : bOff + j0, ldb, packed, j0,
                            c, cOff + j0, ldc, accumulate);
                }
            }
        });
    }

    /**
     * Whether C = AᵀB (a weight gradient: A and B stored k×m and k×n, k the rows of a batch) is computed as
     * Cᵀ = BᵀA. The kernel streams B in vectors and broadcasts A; with the longer side of C (m &gt; n) on B's side,
     * the LSTM's weight gradients (m = 4H = 1024, n = 256) ran at 151-158 GFLOP/s against 120-131 (one core, the
     * same process, alternated). Not for the native engine, whose results stay as they were.
     */
    private boolean swapsOperands(boolean transA, boolean transB, int m, int n, int k, PackedMatrix packed) {
        return transA && !transB && packed == null && m > n
                && !(workspaces[0].nativeBlas && useNative(true, k, null));
    }

    /**
     * C (+)= AᵀB as Cᵀ (+)= BᵀA through a transposed copy of C. The same products are summed in the same order (a
     * fused multiply-add does not depend on the order of its two factors), and with {@code accumulate} the copy
     * starts from C, so the result is the one {@link #serial} gives for AᵀB, bit for bit.
     */
    private void multiplyTransposed(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, boolean accumulate) {
        if (transposed.length < m * n) {
            transposed = new float[m * n];
        }
        float[] t = transposed;
        if (accumulate) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    t[j * m + i] = c[cOff + i * ldc + j];
                }
            }
        }
        run(true, n, m, k, b, bOff, ldb, false, a, aOff, lda, null, t, 0, m, accumulate);
        copyTransposed(t, m, n, c, cOff, ldc);
    }

    /** c[cOff + i·ldc + j] = t[j·m + i] for i &lt; m, j &lt; n: C from its transpose Cᵀ (n×m, contiguous). */
    private static void copyTransposed(float[] t, int m, int n, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] = t[j * m + i];
            }
        }
    }

    /** Transposed results of {@link #weightGradients}: [nx][g] and [nh][g]. */
    private float[] transposedX = new float[0];
    private float[] transposedH = new float[0];

    /**
     * An LSTM layer's weight and bias gradients from one pass over its gate gradients G ({@code rows}×{@code g},
     * row-major): {@code cX} = GᵀX over all rows ({@code g}×{@code nx}), {@code cH} = GᵀH' over rows [skip, rows)
     * where row r of H' is row r − skip of H ({@code g}×{@code nh}; the previous step's hidden state), both
     * overwritten, and {@code sums[j]} += Σ_r G[r][j] (each column summed in increasing r from zero, as
     * {@code RowOps.addColumnSums}).
     *
     * <p>As {@link #multiplyTransposed}, the products are computed as Cᵀ = XᵀG and H'ᵀG, G on the kernel's vector side;
     * here each K block of G is packed once for both products and summed while packed, where two products and a
     * column-sum pass read the 300 MB of G three times and packed it twice in the paper configuration (packing
     * 3 %, the sums 1.1 % of the 1-thread iteration in perf). GᵀX is the product {@link #multiply} computes, bit for
     * bit; GᵀH' is summed in the K blocks of the whole G (the first one shortened by {@code skip} rows) instead of
     * blocks counted from row {@code skip}, which moves its last bits. Results do not depend on the thread count:
     * threads split the rows of Cᵀ, each packing every block for itself, and the column sums by panels.
     * With the native engine chosen for weight gradients, the three are computed as before, one after another.
     *
     * @param rows  rows of G, X and H' (steps × batch)
     * @param g     columns of G (4 × hidden)
     * @param gate  G
     * @param x     X, rows×nx
     * @param nx    columns of X
     * @param h     H, (rows − skip)×nh at least
     * @param nh    columns of H
     * @param skip  rows of H' before the first row of H (the batch: the first step has no previous state)
     * @param cX    GᵀX, g×nx, overwritten
     * @param cH    GᵀH', g×nh, overwritten
     * @param sums  column sums of G, added to
     */
    public void weightGradients(int rows, int g, float[] gate, float[] x, int nx, float[] h, int nh, int skip,
                                float[] cX, float[] cH, float[] sums) {
        if (workspaces[0].nativeBlas && useNative(true, rows, null)) {
            multiply(true, false, g, nh, rows - skip, gate, skip * g, g, h, 0, nh, cH, 0, nh, false);
            multiply(true, false, g, nx, rows, gate, 0, g, x, 0, nx, cX, 0, nx, false);
            ColumnSums.add(gate, 0, rows, g, 0, g, sums);
            return;
        }
        if (transposedX.length < nx * g) {
            transposedX = new float[nx * g];
        }
        if (transposedH.length < nh * g) {
            transposedH = new float[nh * g];
        }
        float[] tx = transposedX;
        float[] th = transposedH;
        int parts = pool.threads();
        int xUnits = (nx + MR - 1) / MR;
        int hUnits = (nh + MR - 1) / MR;
        int panels = (g + NR - 1) / NR;
        int used = (long) rows * g * (nx + nh) < PARALLEL_THRESHOLD ? 1 : Math.min(parts, Math.max(xUnits, hUnits));
        pool.run(used, p -> {
            int x0 = Math.min(nx, WorkerPool.partStart(xUnits, used, p) * MR);
            int x1 = Math.min(nx, WorkerPool.partStart(xUnits, used, p + 1) * MR);
            int h0 = Math.min(nh, WorkerPool.partStart(hUnits, used, p) * MR);
            int h1 = Math.min(nh, WorkerPool.partStart(hUnits, used, p + 1) * MR);
            int s0 = WorkerPool.partStart(panels, used, p);
            int s1 = WorkerPool.partStart(panels, used, p + 1);
            weightGradientPart(workspaces[p], rows, g, gate, x, nx, x0, x1, h, nh, h0, h1, skip, tx, th, sums, s0, s1);
        });
        copyTransposed(tx, g, nx, cX, 0, nx);
        copyTransposed(th, g, nh, cH, 0, nh);
    }

    /**
     * One thread's share of {@link #weightGradients}: rows [x0, x1) of XᵀG, rows [h0, h1) of H'ᵀG, the column sums of
     * panels [s0, s1).
     */
    private static void weightGradientPart(GemmWorkspace ws, int rows, int g, float[] gate, float[] x, int nx,
                                           int x0, int x1, float[] h, int nh, int h0, int h1, int skip,
                                           float[] tx, float[] th, float[] sums, int s0, int s1) {
        int paddedN = (g + NR - 1) / NR * NR;
        int c0 = s0 * NR;
        int c1 = Math.min(g, s1 * NR);
        float[] acc = new float[Math.max(0, c1 - c0)];
        if (rows <= skip) {
            for (int i = h0; i < h1; i++) {
                Arrays.fill(th, i * g, (i + 1) * g, 0f);
            }
        }
        for (int k0 = 0; k0 < rows; k0 += KC) {
            int kc = Math.min(KC, rows - k0);
            float[] bp = ws.bPack(kc * paddedN);
            GemmKernel.packB(false, gate, 0, g, k0, kc, 0, g, bp, 0);
            // the sums read the packed block ([panel][k][NR]) while it is in cache, each column in increasing rows
            for (int pnl = s0; pnl < s1; pnl++) {
                GemmKernel.addPanelSums(bp, pnl * kc * NR, kc, acc, pnl * NR - c0, Math.min(NR, g - pnl * NR));
            }
            if (x1 > x0) {
                directBlock(ws, true, x1 - x0, g, kc, x, k0 * nx + x0, nx, bp, 0, kc * NR, tx, x0 * g, g, k0 == 0);
            }
            int ks = Math.max(k0, skip);
            if (h1 > h0 && ks < k0 + kc) {
                directBlock(ws, true, h1 - h0, g, k0 + kc - ks, h, (ks - skip) * nh + h0, nh, bp, (ks - k0) * NR,
                        kc * NR, th, h0 * g, g, ks == skip);
            }
        }
        for (int c = c0; c < c1; c++) {
            sums[c] = acc[c - c0] + sums[c];
        }
    }

    /** sums[j] += Σ_r a[r][j], each column in increasing r from zero (the native path of {@link #weightGradients}). */
    /**
     * Serial C (+)= op(A)·op(B) on the calling thread.
     *
     * @param ws         the calling thread's workspace
     * @param transA     op(A) = Aᵀ
     * @param transB     op(B) = Bᵀ
     * @param m          rows of C
     * @param n          columns of C
     * @param k          inner dimension
     * @param a          storage of A
     * @param aOff       offset of A
     * @param lda        row stride of stored A
     * @param b          storage of B
     * @param bOff       offset of B
     * @param ldb        row stride of stored B
     * @param c          storage of C
     * @param cOff       offset of C
     * @param ldc        row stride of C
     * @param accumulate add to C instead of overwriting it
     */
    public static void multiplySerial(GemmWorkspace ws, boolean transA, boolean transB, int m, int n, int k,
                                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                      float[] c, int cOff, int ldc, boolean accumulate) {
        serial(ws, transA, m, n, k, a, aOff, lda, transB, b, bOff, ldb, null, 0, c, cOff, ldc, accumulate);
    }

    /**
     * Serial C (+)= op(A)·B with B packed ahead, on the calling thread.
     *
     * @param ws         the calling thread's workspace
     * @param transA     op(A) = Aᵀ
     * @param m          rows of C
     * @param a          storage of A
     * @param aOff       offset of A
     * @param lda        row stride of stored A
     * @param b          packed op(B)
     * @param c          storage of C
     * @param cOff       offset of C
     * @param ldc        row stride of C
     * @param accumulate add to C instead of overwriting it
     */
    public static void multiplySerial(GemmWorkspace ws, boolean transA, int m, float[] a, int aOff, int lda,
                                      PackedMatrix b, float[] c, int cOff, int ldc, boolean accumulate) {
        serial(ws, transA, m, b.columns(), b.rows(), a, aOff, lda, false, null, 0, 0, b, 0, c, cOff, ldc,
                accumulate);
    }

    /** Core loop; {@code pj0} is the first column of op(B) when B is pre-packed (multiple of NR). */
    private static void serial(GemmWorkspace ws, boolean transA, int m, int n, int k, float[] a, int aOff, int lda,
                               boolean transB, float[] b, int bOff, int ldb, PackedMatrix packed, int pj0,
                               float[] c, int cOff, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        if (ws.nativeBlas && useNative(transA, k, packed)) {
            nativeSerial(ws, transA, m, n, k, a, aOff, lda, transB, b, bOff, ldb, packed, pj0, c, cOff, ldc,
                    accumulate);
            return;
        }
        int paddedN = (n + NR - 1) / NR * NR;
        boolean direct = !packEveryPanel;
        if (packed == null && direct && !transA && m > MC && k > KC && (long) k * paddedN <= ROWS_FIRST_B
                && rowsFirst) {
            rowsFirst(ws, m, n, k, a, aOff, lda, transB, b, bOff, ldb, c, cOff, ldc, accumulate, paddedN);
            return;
        }
        float[] aPack = ws.aPack;
        float[] edge = ws.edge;
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            boolean overwrite = !accumulate && k0 == 0;
            float[] bp;
            if (packed != null) {
                bp = packed.data();
            } else {
                bp = ws.bPack(kc * paddedN);
                GemmKernel.packB(transB, b, bOff, ldb, k0, kc, 0, n, bp, 0);
            }
            for (int i0 = 0; i0 < m; i0 += MC) {
                int mc = Math.min(MC, m - i0);
                if (direct) {
                    directBlock(ws, transA, mc, n, kc, a, transA ? aOff + k0 * lda + i0 : aOff + i0 * lda + k0, lda,
                            bp, packed != null ? packed.offset(k0, kc, pj0) : 0, kc * NR, c, cOff + i0 * ldc, ldc,
                            overwrite);
                    continue;
                }
                GemmKernel.packA(transA, a, aOff, lda, i0, mc, k0, kc, aPack);
                for (int jp = 0; jp < n; jp += NR) {
                    int cols = Math.min(NR, n - jp);
                    int bo = packed != null ? packed.offset(k0, kc, pj0 + jp) : (jp / NR) * kc * NR;
                    for (int ip = 0; ip < mc; ip += MR) {
                        int rows = Math.min(MR, mc - ip);
                        int ao = (ip / MR) * kc * MR;
                        int co = cOff + (i0 + ip) * ldc + jp;
                        if (rows == MR && cols == NR) {
                            GemmKernel.tile(kc, aPack, ao, bp, bo, c, co, ldc, overwrite);
                        } else {
                            GemmKernel.edgeTile(kc, aPack, ao, bp, bo, c, co, ldc, rows, cols, overwrite, edge);
                        }
                    }
                }
            }
        }
    }

    /** Most floats of a B packed whole for {@link #rowsFirst} (4 MB). */
    private static final long ROWS_FIRST_B = 1L << 20;
    /** Rows of C kept in cache across the K blocks by {@link #rowsFirst}. */
    private static final int ROWS_FIRST_MC = 192;
    /** Whether {@link #rowsFirst} is used where it applies ({@code -Dhydrodelta.gemm.kFirst=true}: not, for timing). */
    static boolean rowsFirst = !Boolean.getBoolean("hydrodelta.gemm.kFirst");

    /**
     * {@link #serial} for a tall C with several K blocks and a small B (the LSTM's input gradient, 73,000 × 256 over
     * k = 1,024): B packed whole once, then a block of rows of C taken through all K blocks while it stays in cache.
     * With the K blocks outermost, every K block read and wrote the whole of C (75 MB) from memory again, four round
     * trips. Each element is still summed over its K blocks in increasing order, so the bits are {@link #serial}'s.
     */
    private static void rowsFirst(GemmWorkspace ws, int m, int n, int k, float[] a, int aOff, int lda,
                                  boolean transB, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
                                  boolean accumulate, int paddedN) {
        float[] bp = ws.bPack(k * paddedN);
        for (int k0 = 0; k0 < k; k0 += KC) {
            GemmKernel.packB(transB, b, bOff, ldb, k0, Math.min(KC, k - k0), 0, n, bp, k0 * paddedN);
        }
        for (int i0 = 0; i0 < m; i0 += ROWS_FIRST_MC) {
            int mc = Math.min(ROWS_FIRST_MC, m - i0);
            for (int k0 = 0; k0 < k; k0 += KC) {
                int kc = Math.min(KC, k - k0);
                directBlock(ws, false, mc, n, kc, a, aOff + i0 * lda + k0, lda, bp, k0 * paddedN, kc * NR, c,
                        cOff + i0 * ldc, ldc, !accumulate && k0 == 0);
            }
        }
    }

    /**
     * One block of rows of C (+)= op(A)·B over one K block of a packed B, A read in place: full panels of MR rows
     * through {@link GemmKernel#tileCols} (A transposed) or {@link GemmKernel#tileRows}, a last panel of fewer rows
     * packed. The product loop of {@link #serial}, {@link #rowsFirst} and {@link #weightGradients}.
     *
     * @param mc        rows of the block
     * @param n         columns of C
     * @param kc        depth of the K block
     * @param aBlock    offset in {@code a} of the block's first row at the K block's first k
     * @param bBase     offset in {@code bp} of the first column panel
     * @param bStride   floats from one column panel of B to the next (a panel holds its K block's rows from bBase)
     * @param cBlock    offset in {@code c} of the block's first row
     * @param overwrite write C instead of adding to it
     */
    private static void directBlock(GemmWorkspace ws, boolean transA, int mc, int n, int kc, float[] a, int aBlock,
                                    int lda, float[] bp, int bBase, int bStride, float[] c, int cBlock, int ldc,
                                    boolean overwrite) {
        float[] aPack = ws.aPack;
        float[] edge = ws.edge;
        int full = mc / MR * MR;
        if (full < mc) {
            GemmKernel.packA(transA, a, aBlock, lda, full, mc - full, 0, kc, aPack);
        }
        for (int jp = 0; jp < n; jp += NR) {
            int cols = Math.min(NR, n - jp);
            int bo = bBase + (jp / NR) * bStride;
            for (int ip = 0; ip < full; ip += MR) {
                int co = cBlock + ip * ldc + jp;
                if (transA) {
                    int ao = aBlock + ip;
                    if (cols == NR) {
                        GemmKernel.tileCols(kc, a, ao, lda, bp, bo, c, co, ldc, overwrite);
                    } else {
                        GemmKernel.edgeTileCols(kc, a, ao, lda, bp, bo, c, co, ldc, cols, overwrite, edge);
                    }
                } else {
                    int ao = aBlock + ip * lda;
                    if (cols == NR) {
                        GemmKernel.tileRows(kc, a, ao, lda, bp, bo, c, co, ldc, overwrite);
                    } else {
                        GemmKernel.edgeTileRows(kc, a, ao, lda, bp, bo, c, co, ldc, cols, overwrite, edge);
                    }
                }
            }
            if (full < mc) {
                GemmKernel.edgeTile(kc, aPack, 0, bp, bo, c, cBlock + full * ldc + jp, ldc, mc - full, cols,
                        overwrite, edge);
            }
        }
    }

    /**
     * Whether every panel of A is packed, as before A was read in place ({@link GemmKernel#tileRows},
     * {@link GemmKernel#tileCols}); {@code -Dhydrodelta.gemm.packA=true} sets it (same results bit for bit), for
     * side-by-side timing.
     */
    static boolean packEveryPanel = Boolean.getBoolean("hydrodelta.gemm.packA");

    /** Depth of a native K block. */
    static final int NATIVE_KC = 2048;
    /** Floats per native operand block (8 MB). */
    private static final long NATIVE_BLOCK = 1L << 21;

    /**
     * The engine rule: a function of the shape and of this machine's {@link GemmEngine#choice()} only, so a product
     * takes the same path on every run on the machine.
     */
    static boolean useNative(boolean transA, int k, PackedMatrix packed) {
        return useNative(GemmEngine.choice(), transA, k, packed);
    }

    static boolean useNative(GemmEngine.Choice engines, boolean transA, int k, PackedMatrix packed) {
        if (packed != null) {
            return engines.recurrent() && packed.nativeData() != null && k <= NATIVE_KC;
        }
        return transA ? engines.weightGradient() : k > 512 && engines.deep();
    }

    private static void nativeSerial(GemmWorkspace ws, boolean transA, int m, int n, int k, float[] a, int aOff,
                                     int lda, boolean transB, float[] b, int bOff, int ldb, PackedMatrix packed,
                                     int pj0, float[] c, int cOff, int ldc, boolean accumulate) {
        int kn = Math.min(k, NATIVE_KC);
        int mn = (int) Math.max(1, Math.min(m, NATIVE_BLOCK / Math.max(kn, n)));
        FloatPointer pa = ws.nativeA((long) mn * kn);
        FloatPointer pc = ws.nativeC((long) mn * n);
        FloatPointer pb;
        boolean tb = transB;
        int ldbN = 0;
        boolean bOnce = packed != null || kn == k;
        if (packed != null) {
            tb = packed.nativeTransposed();
            ldbN = tb ? k : packed.columns();
            pb = pj0 == 0 ? packed.nativeData() : packed.nativeData().getPointer(tb ? (long) pj0 * k : pj0);
        } else {
            pb = ws.nativeB((long) kn * n);
            if (bOnce) {
                ldbN = transB ? k : n;
                if (transB) {
                    copyIn(b, bOff, ldb, n, k, pb);
                } else {
                    copyIn(b, bOff, ldb, k, n, pb);
                }
            }
        }
        for (int i0 = 0; i0 < m; i0 += mn) {
            int mc = Math.min(mn, m - i0);
            if (accumulate) {
                copyIn(c, cOff + i0 * ldc, ldc, mc, n, pc);
            }
            for (int k0 = 0; k0 < k; k0 += kn) {
                int kc = Math.min(kn, k - k0);
                if (transA) {
                    copyIn(a, aOff + k0 * lda + i0, lda, kc, mc, pa);
                } else {
                    copyIn(a, aOff + i0 * lda + k0, lda, mc, kc, pa);
                }
                if (!bOnce) {
                    ldbN = transB ? kc : n;
                    if (transB) {
                        copyIn(b, bOff + k0, ldb, n, kc, pb);
                    } else {
                        copyIn(b, bOff + k0 * ldb, ldb, kc, n, pb);
                    }
                }
                NativeSgemm.sgemm(transA, tb, mc, n, kc, pa, transA ? mc : kc, pb, ldbN,
                        accumulate || k0 > 0 ? 1f : 0f, pc, n);
            }
            copyOut(pc, mc, n, c, cOff + i0 * ldc, ldc);
        }
    }

    /** Copies a rows×cols block with row stride {@code ld} from {@code src} into contiguous native memory. */
    static void copyIn(float[] src, int off, int ld, int rows, int cols, FloatPointer dst) {
        if (ld == cols) {
            dst.position(0).put(src, off, rows * cols);
        } else {
            for (int r = 0; r < rows; r++) {
                dst.position((long) r * cols).put(src, off + r * ld, cols);
            }
        }
        dst.position(0);
    }

    private static void copyOut(FloatPointer src, int rows, int cols, float[] dst, int off, int ld) {
        if (ld == cols) {
            src.position(0).get(dst, off, rows * cols);
        } else {
            for (int r = 0; r < rows; r++) {
                src.position((long) r * cols).get(dst, off + r * ld, cols);
            }
        }
        src.position(0);
    }
}
