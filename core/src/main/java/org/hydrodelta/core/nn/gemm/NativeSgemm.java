package org.hydrodelta.core.nn.gemm;

import java.util.Locale;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The native OpenBLAS {@code cblas_sgemm} of the registry jar {@code org.bytedeco:openblas} (the build ND4J itself
 * uses), loaded once and run single-threaded: {@link Gemm} splits work over its own worker threads by a fixed
 * rule, so results stay bit-identical for a fixed thread count and no OpenBLAS thread spins.
 *
 * <p>JavaCPP's {@code float[]} overloads copy the whole Java array in and out on every call (measured: a 1×1×1
 * product on 20 MB arrays takes about half a second), so operands are copied explicitly, block by block, into
 * native buffers held by each {@link GemmWorkspace}.
 *
 * <p>{@code -Dhydrodelta.gemm=vector} or the environment variable {@code HYDRODELTA_GEMM=vector} forces the Java
 * Vector API kernel; when the native library cannot be loaded that kernel is used and one line says so.
 */
public final class NativeSgemm {
    private static final int ROW_MAJOR = 101;
    private static final boolean AVAILABLE;
    private static final String STATUS;
    private static final String MODE;
    private static volatile boolean announced;

    static {
        String forced = System.getProperty("hydrodelta.gemm", System.getenv("HYDRODELTA_GEMM"));
        String mode = forced == null ? "auto" : forced.trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("native") && !mode.equals("vector")) {
            System.err.println("Note: hydrodelta.gemm (or HYDRODELTA_GEMM) is '" + forced
                    + "'; allowed values are auto, native and vector; using auto.");
            mode = "auto";
        }
        boolean ok = false;
        String status;
        if (mode.equals("vector")) {
            status = "Java Vector API kernel (native OpenBLAS disabled by hydrodelta.gemm=vector)";
        } else {
            try {
                Loader.load(openblas_nolapack.class);
                org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
                FloatPointer a = new FloatPointer(2f);
                FloatPointer b = new FloatPointer(3f);
                FloatPointer c = new FloatPointer(0f);
                // a 1x1x1 test product: the library loads and computes (single-threaded, set just above; the
                // environment's OPENBLAS_NUM_THREADS=1, set by the launchers, also keeps it from starting a thread pool)
                openblas_nolapack.cblas_sgemm(ROW_MAJOR, 111, 111, 1, 1, 1, 1f, a, 1, b, 1, 0f, c, 1);
                ok = c.get(0) == 6f;
                a.close();
                b.close();
                c.close();
                status = ok ? "native OpenBLAS " + Loader.getVersion("org.bytedeco", "openblas")
                        + " (single-threaded per worker) with the Java Vector API kernel for tall thin products"
                        : "Java Vector API kernel (native OpenBLAS gave a wrong test product)";
            } catch (Throwable t) {
                status = "Java Vector API kernel (native OpenBLAS could not be loaded on "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
            }
        }
        AVAILABLE = ok;
        STATUS = status;
        MODE = mode;
    }

    private NativeSgemm() {
    }

    /** @return whether the native library is loaded and products use it by default */
    public static boolean available() {
        return AVAILABLE;
    }

    /** @return {@code auto}, {@code native} or {@code vector}: how {@link GemmEngine} picks the engines */
    static String mode() {
        return MODE;
    }

    /** @return one line naming the matrix-product engine in use */
    public static String status() {
        return STATUS;
    }

    /** Prints one line to standard error, once per process, when the native library could not be loaded. */
    static void announceFallback() {
        if (!AVAILABLE && !announced && !STATUS.contains("disabled")) {
            announced = true;
            System.err.println("Note: matrix products use the " + STATUS + "; results are the same to float"
                    + " tolerance, training is slower.");
        }
    }

    /**
     * Row-major C = op(A)·op(B) + beta·C on native buffers.
     *
     * @param transA op(A) = Aᵀ
     * @param transB op(B) = Bᵀ
     * @param m      rows of C
     * @param n      columns of C
     * @param k      inner dimension
     * @param a      A
     * @param lda    row stride of stored A
     * @param b      B
     * @param ldb    row stride of stored B
     * @param beta   0 (overwrite) or 1 (accumulate)
     * @param c      C
     * @param ldc    row stride of C
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, int lda,
                             FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        // OpenBLAS's thread count is one global of the process: another library in the same process (ND4J loads
        // the same OpenBLAS in the tests) may raise it, and a threaded sgemm sums in another order. Products are
        // split over HydroDelta's own workers, so each call must run single-threaded to stay bit-reproducible.
        if (openblas_nolapack.blas_get_num_threads() != 1) {
            openblas_nolapack.blas_set_num_threads(1);
        }
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? 112 : 111, transB ? 112 : 111, m, n, k, 1f, a, lda, b, ldb,
                beta, c, ldc);
    }
}
