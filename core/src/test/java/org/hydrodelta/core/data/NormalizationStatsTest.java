package org.hydrodelta.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.hydrodelta.core.data.camels.CamelsDatasetLoader;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizationStatsTest {
    private static final List<Variable> INPUTS = List.of(Variable.PRCP, Variable.TMEAN, Variable.PET);
    private static final Period TRAIN = Period.waterYears(1995, 2000);
    private static BasinDataset ds;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        ds = new CamelsDatasetLoader().load(TestData.camelsRegions(), LoadOptions.defaults(), ProgressListener.NONE,
                CancellationToken.NONE).dataset();
    }

    @Test
    void computesStatisticsOnTrainingBasinsAndPeriodOnly() {
        List<String> train = List.of("01013500", "01022500", "02046000");
        NormalizationStats s = NormalizationStats.compute(ds, train, TRAIN, INPUTS);
        // independent reference: collect tmean of those basins over WY1995..2000 and compute by definition
        double[] v = collect(train, Variable.TMEAN, false);
        double mean = Arrays.stream(v).average().orElseThrow();
        double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
        Arrays.sort(v);
        double pos = 0.1 * (v.length - 1);
        double p10 = v[(int) pos] + (v[(int) pos + 1] - v[(int) pos]) * (pos - (int) pos);
        assertThat(s.stat("tmean").mean()).isCloseTo(mean, within(1e-9));
        assertThat(s.stat("tmean").std()).isCloseTo(Math.sqrt(var), within(1e-9));
        assertThat(s.stat("tmean").p10()).isCloseTo(p10, within(1e-9));
        assertThat(v.length).isEqualTo(3 * TRAIN.days());
        // precipitation statistics are those of log10(sqrt(P) + 0.1)
        double[] p = collect(train, Variable.PRCP, true);
        assertThat(s.stat("prcp").mean()).isCloseTo(Arrays.stream(p).average().orElseThrow(), within(1e-9));
        // a different period gives different statistics (the test period must not leak in)
        assertThat(NormalizationStats.compute(ds, train, Period.waterYears(2005, 2010), INPUTS).stat("tmean").mean())
                .isNotEqualTo(s.stat("tmean").mean());
    }

    @Test
    void replacesTinyStdByOneForConstantAttributes() {
        NormalizationStats s = NormalizationStats.compute(ds, List.of("01022500"), TRAIN, INPUTS);
        assertThat(s.stat("area_gages2").std()).isEqualTo(1.0);
        assertThat(s.stat("area_gages2").mean()).isCloseTo(573.6, within(1e-4));
    }

    @Test
    void turnsNaNIntoZeroAfterNormalisation() {
        List<String> train = List.of("01022500", "02046000");
        NormalizationStats s = NormalizationStats.compute(ds, train, TRAIN, INPUTS);
        int nf = s.nFeatures();
        assertThat(nf).isEqualTo(38);
        int b = ds.basinIndex("01013500"); // root_depth_50 is NA for 01013500; its forcing starts 1993-09-29
        float[] out = new float[3 * nf];
        int day = ds.dayIndex(LocalDate.of(1993, 9, 28));
        s.fillInputs(ds, b, day, 3, out, 0);
        assertThat(out[0]).isZero(); // prcp missing on 1993-09-28 -> 0, not the normalised 0 mm/d
        int rd = s.featureNames().indexOf("root_depth_50");
        assertThat(out[nf + rd]).isZero();
        float p = ds.value(Variable.PRCP, b, day + 1);
        double expected = (Math.log10(Math.sqrt(p) + 0.1) - s.stat("prcp").mean()) / s.stat("prcp").std();
        assertThat((double) out[nf]).isCloseTo(expected, within(1e-5));
        int pm = s.featureNames().indexOf("p_mean");
        assertThat(out[nf + pm]).isNotZero().isEqualTo(out[2 * nf + pm]);
    }

    @Test
    void roundTripsThroughJson() {
        NormalizationStats s = NormalizationStats.compute(ds, List.of("01013500", "01022500"), TRAIN, INPUTS);
        Path f = tmp.resolve("normalization.json");
        s.write(f);
        NormalizationStats r = NormalizationStats.read(f);
        assertThat(r.all()).isEqualTo(s.all());
        assertThat(r.featureNames()).isEqualTo(s.featureNames());
        assertThat(r.trainPeriod()).isEqualTo(TRAIN);
        assertThat(r.dataFingerprint()).isEqualTo(ds.fingerprint());
        float[] a = new float[10 * 38];
        float[] b = new float[10 * 38];
        s.fillInputs(ds, 3, 5000, 10, a, 0);
        r.fillInputs(ds, 3, 5000, 10, b, 0);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void selectsPeriodsAndBasinsWithoutChangingValues() {
        BasinDataset sub = ds.select(TRAIN).selectBasins(List.of("02046000", "01022500"));
        assertThat(sub.start()).isEqualTo(LocalDate.of(1994, 10, 1));
        assertThat(sub.nDays()).isEqualTo(TRAIN.days());
        LocalDate d = LocalDate.of(1997, 3, 4);
        assertThat(sub.value(Variable.QOBS, 1, sub.dayIndex(d)))
                .isEqualTo(ds.value(Variable.QOBS, ds.basinIndex("01022500"), ds.dayIndex(d)));
        assertThat(Period.waterYear(LocalDate.of(1994, 10, 1))).isEqualTo(1995);
        assertThat(Period.waterYear(LocalDate.of(1995, 9, 30))).isEqualTo(1995);
        assertThat(Period.PAPER_TRAIN.days()).isEqualTo(5478);
        assertThat(Period.PAPER_TEST.days()).isEqualTo(5479);
    }

    private static double[] collect(List<String> basins, Variable v, boolean precipTransform) {
        int d0 = ds.dayIndex(TRAIN.start());
        double[] out = new double[basins.size() * TRAIN.days()];
        int n = 0;
        for (String id : basins) {
            for (int t = 0; t < TRAIN.days(); t++) {
                float x = ds.value(v, ds.basinIndex(id), d0 + t);
                out[n++] = precipTransform ? Math.log10(Math.sqrt(x) + 0.1) : x;
            }
        }
        return out;
    }
}
