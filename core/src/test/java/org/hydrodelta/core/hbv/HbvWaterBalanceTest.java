package org.hydrodelta.core.hbv;

import org.hydrodelta.core.conceptual.ParameterDays;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Storage change = P − ET − Q per component, day by day and over ten years of real forcing (basin 01031500,
 * 1985-10-01 onwards). One component per "basin" (each basin gets its own random parameter set and the same
 * forcing), so the component means the kernel reports are single components; 19 lanes run both the vector
 * loop and the scalar tail.
 */
class HbvWaterBalanceTest {
    private static final int NB = 19;
    private static final int DAYS = 3652;

    @Test
    void conservesMassOverTenYears() throws IOException {
        float[] forcing = new SampleForcing().replicated(1985, 10, 1, DAYS, NB);
        boolean[] dyn = new boolean[13];
        dyn[0] = true;
        dyn[12] = true;
        HbvConfig cfg = new HbvConfig(13, dyn, 1, true, true);
        float[] u = new float[DAYS * NB * cfg.rowWidth()];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) rnd.nextDouble();
        }
        try (HbvKernel k = new HbvKernel(cfg, NB, 0, DAYS, 1)) {
            k.forward(forcing, u, ParameterDays.training(0, DAYS));
            float[] et = k.output(HbvOutput.ET);
            float[] q = k.output(HbvOutput.Q);
            HbvOutput[] stores = {HbvOutput.SNOWPACK, HbvOutput.MELTWATER, HbvOutput.SM, HbvOutput.SUZ,
                HbvOutput.SLZ};
            for (int b = 0; b < NB; b++) {
                double before = 5 * 0.001f;
                double sumP = 0;
                double sumOut = 0;
                double sumFloorBound = 0;
                for (int t = 0; t < DAYS; t++) {
                    double after = 0;
                    for (HbvOutput s : stores) {
                        after += k.output(s)[t * NB + b];
                    }
                    double p = forcing[(t * NB + b) * 3];
                    double balance = (after - before) - (p - et[t * NB + b] - q[t * NB + b]);
                    // The only source is the SM floor after ET (≤ 1e-5 mm/d, spec §1.5); the rest is float32
                    // round-off of sums of storages up to ~10^3 mm.
                    double roundOff = 4e-7 * (after + before + p + 1);
                    assertThat(balance).as("basin %d day %d: ΔS − (P − ET − Q)", b, t)
                            .isBetween(-roundOff, 1e-5 + roundOff);
                    sumP += p;
                    sumOut += et[t * NB + b] + q[t * NB + b];
                    sumFloorBound += 1e-5;
                    before = after;
                }
                double storageChange = before - 5 * 0.001f;
                double residual = storageChange - (sumP - sumOut);
                assertThat(residual).as("basin %d ten-year residual (P = %.1f mm)", b, sumP)
                        .isBetween(-1e-6 * sumP, sumFloorBound + 1e-6 * sumP);
            }
        }
    }
}
