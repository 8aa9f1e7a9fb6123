package org.hydrodelta.core.data.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.TestData;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class CaravanDatasetLoaderTest {
    private static final Path FIXTURE = TestData.repoRoot().resolve("core/src/test/resources/caravan-fixture");

    @Test
    void loadsCaravanLayoutWithEra5NamesAndStringIds() {
        LoadResult r = new CaravanDatasetLoader().load(FIXTURE, LoadOptions.defaults(), ProgressListener.NONE,
                CancellationToken.NONE);
        BasinDataset ds = r.dataset();
        assertThat(r.hasErrors()).isFalse();
        assertThat(ds.basinIds()).containsExactly("camels_01022500", "camels_01031500");
        assertThat(ds.start()).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(ds.nDays()).isEqualTo(366);
        // 2000-01-02 of 01022500: Daymet prcp 0.00, tmin -8.61, tmax 4.81; flow 272 cfs -> 1.160159 mm/d
        assertThat(ds.value(Variable.TMIN, 0, 1)).isEqualTo(-8.61f);
        assertThat(ds.value(Variable.TMEAN, 0, 1)).isEqualTo(-1.9f);
        assertThat((double) ds.value(Variable.QOBS, 0, 1)).isCloseTo(272 * 2446.57152 / 573.6e6 * 1e3, within(1e-5));
        // no potential_evaporation_sum column: PET computed; the temperature range exists, so Hargreaves
        assertThat(ds.basinInfo().get(0).petMethod()).isEqualTo("HARGREAVES");
        assertThat(ds.basinInfo().get(1).name()).isEqualTo("Piscataquis River near Dover-Foxcroft, Maine");
        assertThat(ds.basinInfo().get(1).areaKm2()).isEqualTo(769.05);
        assertThat(ds.attributeNames()).contains("area", "p_mean", "frac_snow").doesNotContain("gauge_lat", "gauge_name");
        assertThat(ds.attributes()[1][ds.attributeNames().indexOf("frac_snow")]).isEqualTo(0.291836473001958f);
    }
}
