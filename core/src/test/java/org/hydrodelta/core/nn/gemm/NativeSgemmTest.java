package org.hydrodelta.core.nn.gemm;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The registry jar's OpenBLAS loads on the supported platform (Linux x86-64) and the engine says which is used. */
class NativeSgemmTest {
    @Test
    void nativeOpenBlasLoadsOnLinuxX86AndIsUsedByDefault() {
        boolean linuxX86 = System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        boolean forcedVector = "vector".equalsIgnoreCase(System.getProperty("hydrodelta.gemm",
                System.getenv("HYDRODELTA_GEMM")));
        if (linuxX86 && !forcedVector) {
            assertThat(NativeSgemm.available()).as(NativeSgemm.status()).isTrue();
            assertThat(NativeSgemm.status()).startsWith("native OpenBLAS 0.3.19");
            try (WorkerPool pool = new WorkerPool(1)) {
                assertThat(new Gemm(pool).usesNative()).isTrue();
                assertThat(new Gemm(pool, false).usesNative()).isFalse();
            }
        } else {
            assertThat(NativeSgemm.status()).startsWith("Java Vector API kernel");
        }
    }

    @Test
    void engineRuleDependsOnTheShapeAndTheMachinesChoiceOnly() {
        PackedMatrix packed = new PackedMatrix().pack(false, new float[] {1, 2, 3, 4}, 0, 2, 2, 2);
        GemmEngine.Choice allNative = GemmEngine.Choice.allNative("test");
        assertThat(Gemm.useNative(allNative, true, 38, null)).isTrue();
        assertThat(Gemm.useNative(allNative, false, 1024, null)).isTrue();
        assertThat(Gemm.useNative(allNative, false, 256, null)).isFalse();
        // the pack holds a native copy only where this process sends recurrent steps to OpenBLAS
        assertThat(Gemm.useNative(allNative, false, 256, packed))
                .isEqualTo(NativeSgemm.available() && GemmEngine.choice().recurrent());
        GemmEngine.Choice allVector = GemmEngine.Choice.allVector("test");
        assertThat(Gemm.useNative(allVector, true, 38, null)).isFalse();
        assertThat(Gemm.useNative(allVector, false, 1024, null)).isFalse();
        assertThat(Gemm.useNative(allVector, false, 256, packed)).isFalse();
        GemmEngine.Choice onlyWeights = new GemmEngine.Choice(false, true, false, "test");
        assertThat(Gemm.useNative(onlyWeights, true, 38, null)).isTrue();
        assertThat(Gemm.useNative(onlyWeights, false, 1024, null)).isFalse();
    }

    @Test
    void aThreadCountRaisedByAnotherLibraryIsPutBackToOneBeforeEachProduct() {
        Assumptions.assumeTrue(NativeSgemm.available(), NativeSgemm.status());
        // 512 x 512 x 512: large enough for OpenBLAS to use its threads when it is allowed to
        int n = 512;
        java.util.Random rnd = new java.util.Random(5);
        try (FloatPointer a = new FloatPointer(n * n); FloatPointer b = new FloatPointer(n * n);
             FloatPointer c1 = new FloatPointer(n * n); FloatPointer c2 = new FloatPointer(n * n)) {
            for (int i = 0; i < n * n; i++) {
                a.put(i, (float) rnd.nextGaussian());
                b.put(i, (float) rnd.nextGaussian());
            }
            NativeSgemm.sgemm(false, false, n, n, n, a, n, b, n, 0f, c1, n);
            openblas_nolapack.blas_set_num_threads(2); // as ND4J does when it shares the process
            NativeSgemm.sgemm(false, false, n, n, n, a, n, b, n, 0f, c2, n);
            assertThat(openblas_nolapack.blas_get_num_threads()).isEqualTo(1);
            float[] x = new float[n * n];
            float[] y = new float[n * n];
            c1.get(x);
            c2.get(y);
            assertThat(y).isEqualTo(x);
        } finally {
            openblas_nolapack.blas_set_num_threads(1);
        }
    }
}
