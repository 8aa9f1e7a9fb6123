package org.hydrodelta.core.hbv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hydrodelta.core.conceptual.ParameterDays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dynamic parameters read and their gradients written inside the vector loops ({@link DynamicRows}, M a multiple
 * of the vector length) give the same bits as the passes of their own used for other M: routed flow, every averaged
 * output, the final states and dLoss/du, at 1 and 2 threads, for dynamic parameters used in each stage.
 */
class HbvInLoopDynamicTest {
    static final int NB = 7;
    static final int WARM = 30;
    static final int WIN = 90;

    /** Dynamic parameters used in each stage: β and γ (soil, evapotranspiration), K1 (response), TT and CWH (snow). */
    static HbvConfig fiveDynamic(int nmul) {
        boolean[] snowSoilResponse = new boolean[13];
        snowSoilResponse[HbvParameter.BETA.ordinal()] = true;
        snowSoilResponse[HbvParameter.BETAET.ordinal()] = true;
        snowSoilResponse[HbvParameter.K1.ordinal()] = true;
        snowSoilResponse[HbvParameter.TT.ordinal()] = true;
        snowSoilResponse[HbvParameter.CWH.ordinal()] = true;
        return new HbvConfig(13, snowSoilResponse, nmul, true, true);
    }

    static Stream<Arguments> configs() {
        int vl = HbvStepVector.S.length();
        return Stream.of(
                Arguments.of("delta(beta, gamma), M = VL, 1 thread", HbvConfig.dynamicBetaGamma(vl), 1),
                Arguments.of("delta(beta, gamma), M = 2 VL, 2 threads", HbvConfig.dynamicBetaGamma(2 * vl), 2),
                Arguments.of("five dynamic, M = VL, 2 threads", fiveDynamic(vl), 2));
    }

    /**
     * Seeded forcing (rain on 40 % of the days, −8 to 17 °C: snow and melt), network outputs u and dLoss/dQ for
     * {@link #NB} basins over {@link #WARM} + {@link #WIN} days.
     *
     * @return {forcing, u, dLoss/dQ}
     */
    static float[][] inputs(HbvConfig cfg, long seed) {
        int days = WARM + WIN;
        float[] forcing = new float[days * NB * 3];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int d = 0; d < days; d++) {
            for (int b = 0; b < NB; b++) {
                int i = (d * NB + b) * 3;
                forcing[i] = rnd.nextDouble() < 0.4 ? (float) (20 * rnd.nextDouble()) : 0f;
                forcing[i + 1] = (float) (-8 + 25 * rnd.nextDouble());
                forcing[i + 2] = (float) (4 * rnd.nextDouble());
            }
        }
        float[] u = new float[days * NB * cfg.rowWidth()];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) rnd.nextDouble();
        }
        float[] gq = new float[WIN * NB];
        for (int i = 0; i < gq.length; i++) {
            gq[i] = (float) (rnd.nextDouble() - 0.5);
        }
        return new float[][] {forcing, u, gq};
    }

    /** Every averaged output of the last forward pass, then the final states. */
    static float[] outputsAndStates(HbvKernel k, HbvConfig cfg) {
        float[] states = new float[5 * NB * cfg.nmul()];
        k.copyFinalStates(states);
        float[] all = new float[HbvOutput.values().length * WIN * NB + states.length];
        int o = 0;
        for (HbvOutput out : HbvOutput.values()) {
            System.arraycopy(k.output(out), 0, all, o, WIN * NB);
            o += WIN * NB;
        }
        System.arraycopy(states, 0, all, o, states.length);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void inLoopDynamicParametersGiveTheSameBitsAsSeparatePasses(String name, HbvConfig cfg, int threads) {
        float[][] in = inputs(cfg, 5);
        float[] forcing = in[0];
        float[] u = in[1];
        float[] gq = in[2];
        ParameterDays pd = ParameterDays.training(WARM, WIN);
        float[][] results = new float[2][];
        float[][] outputs = new float[2][];
        for (int v = 0; v < 2; v++) {
            try (HbvKernel k = new HbvKernel(cfg, NB, WARM, WIN, threads, v == 0)) {
                float[] gu = new float[u.length];
                java.util.Arrays.fill(gu, 0.25f);
                k.forward(forcing, u, pd);
                k.backward(gq, gu);
                results[v] = gu;
                outputs[v] = outputsAndStates(k, cfg);
            }
        }
        assertThat(results[0]).as("dLoss/du").isEqualTo(results[1]);
        assertThat(outputs[0]).as("outputs and final states").isEqualTo(outputs[1]);
        long nonzero = 0;
        for (float g : results[0]) {
            nonzero += g != 0.25f ? 1 : 0;
        }
        assertThat(nonzero).as("gradient entries reached").isGreaterThan((long) WIN * NB * cfg.nmul());
    }
}
