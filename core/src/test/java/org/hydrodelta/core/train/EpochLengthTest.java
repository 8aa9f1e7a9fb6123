package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpochLengthTest {
    @Test
    void paperSetupGives431IterationsPerEpoch() {
        // 671 basins, 1980-10-01..1995-09-30 (5,478 days), batch 100, window 365, warm-up 365
        assertThat(EpochLength.iterations(100, 365, 671, 5478, 365)).isEqualTo(431);
        assertThat(50 * EpochLength.iterations(100, 365, 671, 5478, 365)).isEqualTo(21_550);
    }

    @Test
    void aBatchCoveringEverythingNeedsOneIteration() {
        assertThat(EpochLength.iterations(19, 3650, 19, 4015, 365)).isEqualTo(1);
    }

    @Test
    void smallSampleProjectNeedsMoreThanOneIteration() {
        // camels-regions desktop preset: 19 basins, 10 water years (3,652 days), batch 19:
        // coverage 365/3287 = 0.1110, ln 0.01 / ln(1 - 0.1110) = 39.1 -> 40
        assertThat(EpochLength.iterations(19, 365, 19, 3652, 365)).isEqualTo(40);
    }

    @Test
    void refusesAPeriodShorterThanWarmupPlusWindow() {
        assertThatThrownBy(() -> EpochLength.iterations(10, 365, 5, 700, 365)).hasMessageContaining("no training "
                + "window fits");
    }
}
