package org.hydrodelta.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.hydrodelta.core.data.Period;
import org.junit.jupiter.api.Test;

class ExperimentConfigTest {
    @Test
    void defaultsAreThePaperConfiguration() {
        ExperimentConfig c = ExperimentDefaults.paper();
        assertThat(c.validate()).isEmpty();
        assertThat(c.model()).isEqualTo("delta-hbv");
        assertThat(c.hbv().components()).isEqualTo(16);
        assertThat(c.hbv().dynamicParameters()).containsExactly("BETA", "BETAET");
        assertThat(c.network().hiddenSize()).isEqualTo(256);
        assertThat(c.training().optimizer()).isEqualTo("adadelta");
        assertThat(c.training().batchSize()).isEqualTo(100);
        assertThat(c.attributes()).hasSize(35).contains("geol_porostiy");
        assertThat(c.trainPeriod().days()).isEqualTo(5478);
        assertThat(c.testPeriod().days()).isEqualTo(5479);
    }

    @Test
    void explainsOverlappingPeriodsAndAShortTrainingPeriod() {
        ExperimentConfig c = new ExperimentConfig(null, null, null,
                Period.inclusive(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 12, 31)), null,
                Period.inclusive(LocalDate.of(2000, 6, 1), LocalDate.of(2001, 12, 31)), null, null, null, null, null, null,
                null);
        assertThat(c.validate()).anySatisfy(m -> assertThat(m).startsWith("testPeriod 2000-06-01 .. 2001-12-31 "
                + "overlaps trainPeriod")).anySatisfy(m -> assertThat(m).contains("fewer than warmupDays + "
                + "windowDays = 730"));
    }

    @Test
    void gammaNeedsTheEtShapeVariant() {
        ExperimentConfig c = new ExperimentConfig(null, null, null, null, null, null, null, null, null, null,
                new ExperimentConfig.Hbv(16, java.util.List.of("BETAET"), false, true), null, null);
        assertThat(c.validate()).singleElement().asString().contains("BETAET needs hbv.etShape = true");
    }
}
