package org.hydrodelta.core.nn.gemm;

import static org.assertj.core.api.Assertions.assertThat;

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
    void engineRuleDependsOnTheShapeOnly() {
        PackedMatrix packed = new PackedMatrix().pack(false, new float[] {1, 2, 3, 4}, 0, 2, 2, 2);
        assertThat(Gemm.useNative(true, 38, null)).isTrue();
        assertThat(Gemm.useNative(false, 1024, null)).isTrue();
        assertThat(Gemm.useNative(false, 256, null)).isFalse();
        assertThat(Gemm.useNative(false, 256, packed)).isEqualTo(NativeSgemm.available());
    }
}
