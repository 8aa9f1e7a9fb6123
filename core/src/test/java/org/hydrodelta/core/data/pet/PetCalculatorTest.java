package org.hydrodelta.core.data.pet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PetCalculatorTest {
    // 01031500, 2005-07-14 (Daymet line 9331: tmax 27.52, tmin 14.71; gauge_lat 45.17501), day of year 195.
    private static final LocalDate DAY = LocalDate.of(2005, 7, 14);

    @Test
    void hargreavesMatchesHandComputationOfSpecFormula() {
        // J=195: δ=0.3737, ω_s=2.0... R_a=40.6913 MJ/m²/d; 0.0023·(21.115+17.8)·sqrt(12.81)·0.408·40.6913 = 5.3184
        float[] pet = PetCalculator.hargreaves(DAY, new float[] {27.52f}, new float[] {14.71f}, 45.17501);
        assertThat((double) pet[0]).isCloseTo(5.3184, within(1e-3));
        assertThat(PetCalculator.extraterrestrialRadiation(Math.toRadians(45.17501), 195)).isCloseTo(40.6913, within(1e-3));
    }

    @Test
    void hargreavesGivesZeroWhenTmaxEqualsTmin() {
        float[] pet = PetCalculator.hargreaves(DAY, new float[] {21f}, new float[] {21f}, 45.0);
        assertThat(pet[0]).isZero();
    }

    @Test
    void hamonMatchesHandComputation() {
        // astronomical day length 15.1335 h; e_sat(21.115 °C) = 25.09 hPa; 0.1651·(15.1335/12)·216.7·e_sat/(294.415)·1.2
        float[] pet = PetCalculator.hamon(DAY, new float[] {21.115f}, null, 45.17501);
        assertThat((double) pet[0]).isCloseTo(4.6058, within(1e-3));
    }

    @Test
    void priestleyTaylorIsPositiveInSummerAndNotNegativeInWinter() {
        // 01031500 2005-07-14 Daymet: srad 421.27 W/m², dayl 54604.78 s, vp 1678.86 Pa, elevation 318 m (header)
        float[] summer = PetCalculator.priestleyTaylor(DAY, new float[] {21.115f}, new float[] {421.27f},
                new float[] {54604.78f}, new float[] {1678.86f}, 45.06, 318);
        assertThat(summer[0]).isBetween(4f, 8f);
        float[] winter = PetCalculator.priestleyTaylor(LocalDate.of(2005, 1, 10), new float[] {-20f},
                new float[] {60f}, new float[] {30000f}, new float[] {100f}, 45.06, 318);
        assertThat(winter[0]).isGreaterThanOrEqualTo(0f).isLessThan(0.5f);
    }

    @Test
    void selectorAvoidsHargreavesWhenTmaxEqualsTminAndSaysWhy() {
        PetSelector.Availability nldas = new PetSelector.Availability(true, true, true, true, 44.6, 133);
        PetSelector.Choice c = PetSelector.choose(nldas, null);
        assertThat(c.method()).isEqualTo(PetMethod.PRIESTLEY_TAYLOR);
        assertThat(c.warnings()).containsExactly("Hargreaves cannot apply: Tmax == Tmin on every day (NLDAS/Maurer"
                + " write the daily mean twice), it would give zero PET; PET computed with priestley-taylor instead");
        PetSelector.Choice daymet = PetSelector.choose(new PetSelector.Availability(true, false, true, true, 45, 318), null);
        assertThat(daymet.method()).isEqualTo(PetMethod.HARGREAVES);
        assertThat(daymet.warnings()).isEmpty();
        PetSelector.Choice onlyT = PetSelector.choose(new PetSelector.Availability(true, true, false, false, 45, Double.NaN),
                PetMethod.HARGREAVES);
        assertThat(onlyT.method()).isEqualTo(PetMethod.HAMON);
        assertThat(onlyT.warnings()).containsExactly("Hargreaves cannot apply: Tmax == Tmin on every day (NLDAS/Maurer"
                + " write the daily mean twice), it would give zero PET; PET computed with hamon instead");
    }
}
