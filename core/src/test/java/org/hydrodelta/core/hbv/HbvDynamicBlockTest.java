package org.hydrodelta.core.hbv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.hydrodelta.core.conceptual.ParameterDays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dynamic parameters of the window days taken from a compact block ({@code [windowDay][basin][nDynamic·M]})
 * give the bits of the same values read from u's rows: routed flow, every averaged output, the final states, dLoss/du
 * of the values read from u and, in the block, dLoss/du of the dynamic ones. u's dynamic columns on the window days
 * hold NaN, so a read of them shows; their gradient entries must stay as they were. In the vector loops
 * ({@link DynamicRows}) and in the passes of their own (M not a multiple of the vector length, or forced).
 */
class HbvDynamicBlockTest {
    private static final int NB = HbvInLoopDynamicTest.NB;
    private static final int WARM = HbvInLoopDynamicTest.WARM;
    private static final int WIN = HbvInLoopDynamicTest.WIN;

    static Stream<Arguments> configs() {
        int vl = HbvStepVector.S.length();
        return Stream.of(
                Arguments.of("delta(beta, gamma), M = VL, 1 thread, in the loops", HbvConfig.dynamicBetaGamma(vl), 1,
                        true),
                Arguments.of("delta(beta, gamma), M = 2 VL, 2 threads, in the loops",
                        HbvConfig.dynamicBetaGamma(2 * vl), 2, true),
                Arguments.of("five dynamic, M = VL, 2 threads, in the loops", HbvInLoopDynamicTest.fiveDynamic(vl), 2,
                        true),
                Arguments.of("delta(beta, gamma), M = VL, 2 threads, own passes", HbvConfig.dynamicBetaGamma(vl), 2,
                        false),
                Arguments.of("delta(beta, gamma), M = 5, 2 threads", HbvConfig.dynamicBetaGamma(5), 2, true));
    }

    /** What one lane-slice of the block holds: window day t, basin b, k-th dynamic parameter. */
    private interface Slice {
        void at(int blockIndex, int uIndex);
    }

    /** Calls {@code s} with the block index and u index of every window day, basin and dynamic parameter. */
    private static void forEachSlice(HbvConfig cfg, int[] dyn, Slice s) {
        int m = cfg.nmul();
        for (int t = 0; t < WIN; t++) {
            for (int b = 0; b < NB; b++) {
                for (int k = 0; k < dyn.length; k++) {
                    s.at((t * NB + b) * dyn.length * m + k * m, ((WARM + t) * NB + b) * cfg.rowWidth() + dyn[k] * m);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void blockGivesTheBitsOfUsRows(String name, HbvConfig cfg, int threads, boolean inLoop) {
        int m = cfg.nmul();
        float[][] in = HbvInLoopDynamicTest.inputs(cfg, 11);
        float[] forcing = in[0];
        float[] u = in[1];
        float[] gq = in[2];
        int[] dyn = java.util.stream.IntStream.range(0, cfg.nParams()).filter(cfg::isDynamic).toArray();
        float[] block = new float[WIN * NB * dyn.length * m];
        float[] uWithoutDynamic = u.clone();
        forEachSlice(cfg, dyn, (bi, ui) -> {
            System.arraycopy(u, ui, block, bi, m);
            Arrays.fill(uWithoutDynamic, ui, ui + m, Float.NaN);
        });
        ParameterDays pd = ParameterDays.training(WARM, WIN);

        float[] guRows = new float[u.length];
        Arrays.fill(guRows, 0.25f);
        float[] outRows;
        try (HbvKernel k = new HbvKernel(cfg, NB, WARM, WIN, threads, inLoop)) {
            assertThat(k.dynamicBlockWidth()).isEqualTo(dyn.length * m);
            k.forward(forcing, u, pd);
            k.backward(gq, guRows);
            outRows = HbvInLoopDynamicTest.outputsAndStates(k, cfg);
        }
        float[] guBlock = new float[u.length];
        Arrays.fill(guBlock, 0.25f);
        float[] gBlock = new float[block.length];
        Arrays.fill(gBlock, 0.25f);
        float[] outBlock;
        try (HbvKernel k = new HbvKernel(cfg, NB, WARM, WIN, threads, inLoop)) {
            k.forward(forcing, uWithoutDynamic, block, pd);
            k.backward(gq, guBlock, gBlock);
            outBlock = HbvInLoopDynamicTest.outputsAndStates(k, cfg);
        }

        assertThat(outBlock).as("outputs and final states").isEqualTo(outRows);
        float[] expectedBlockGradient = new float[block.length];
        float[] expectedU = guRows.clone();
        forEachSlice(cfg, dyn, (bi, ui) -> {
            System.arraycopy(guRows, ui, expectedBlockGradient, bi, m);
            Arrays.fill(expectedU, ui, ui + m, 0.25f);
        });
        assertThat(gBlock).as("dLoss/d(block)").isEqualTo(expectedBlockGradient);
        assertThat(guBlock).as("dLoss/du of the values read from u; u's dynamic window columns untouched")
                .isEqualTo(expectedU);
        long reached = 0;
        for (float g : gBlock) {
            reached += g != 0.25f ? 1 : 0;
        }
        assertThat(reached).as("block gradient entries reached").isGreaterThan(gBlock.length / 5L);
    }

    @Test
    void backwardMustMatchTheForward() {
        HbvConfig cfg = HbvConfig.dynamicBetaGamma(4);
        int days = WARM + WIN;
        float[] forcing = new float[days * NB * 3];
        float[] u = new float[days * NB * cfg.rowWidth()];
        Arrays.fill(u, 0.5f);
        ParameterDays pd = ParameterDays.training(WARM, WIN);
        try (HbvKernel k = new HbvKernel(cfg, NB, WARM, WIN, 1)) {
            float[] block = new float[WIN * NB * k.dynamicBlockWidth()];
            Arrays.fill(block, 0.5f);
            k.forward(forcing, u, block, pd);
            assertThatThrownBy(() -> k.backward(new float[WIN * NB], new float[u.length]))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("dynamic block");
            k.forward(forcing, u, pd);
            assertThatThrownBy(() -> k.backward(new float[WIN * NB], new float[u.length], new float[block.length]))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no dynamic block");
            assertThatThrownBy(() -> k.forward(forcing, u, new float[3], pd))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dynamic block");
        }
        try (HbvKernel k = new HbvKernel(HbvConfig.staticTwelve(4), NB, WARM, WIN, 1)) {
            assertThat(k.dynamicBlockWidth()).isZero();
        }
    }
}
