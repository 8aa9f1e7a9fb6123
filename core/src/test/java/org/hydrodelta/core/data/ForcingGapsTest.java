package org.hydrodelta.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.hydrodelta.core.data.camels.CamelsDatasetLoader;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class ForcingGapsTest {
    private static BasinDataset piscataquisWithGap(int from, int len) {
        BasinDataset ds = new CamelsDatasetLoader().load(TestData.piscataquis(), LoadOptions.defaults(),
                ProgressListener.NONE, CancellationToken.NONE).dataset();
        EnumMap<Variable, float[]> data = new EnumMap<>(Variable.class);
        for (Variable v : ds.variables()) {
            data.put(v, ds.values(v).clone());
        }
        for (int t = from; t < from + len; t++) {
            data.get(Variable.TMEAN)[t] = Float.NaN; // deliberately removed days
        }
        return new BasinDataset(ds.basinIds(), ds.start(), ds.nDays(), data, ds.attributes(), ds.attributeNames(),
                ds.basinInfo(), ds.sources());
    }

    @Test
    void fillsShortInteriorGapLinearlyAndReportsIt() {
        BasinDataset ds = piscataquisWithGap(1000, 3);
        float before = ds.value(Variable.TMEAN, 0, 999);
        float after = ds.value(Variable.TMEAN, 0, 1003);
        List<DataIssue> issues = new ArrayList<>();
        BasinDataset filled = ForcingGaps.fillLinear(ds, List.of(Variable.TMEAN), 5, issues);
        assertThat(filled.value(Variable.TMEAN, 0, 1001)).isEqualTo(before + (after - before) * 2 / 4f);
        assertThat(ds.value(Variable.TMEAN, 0, 1001)).isNaN(); // the original is untouched
        assertThat(issues).extracting(DataIssue::message)
                .containsExactly("3 days of tmean filled by linear interpolation (gaps up to 5 days)");
    }

    @Test
    void leavesLongAndEdgeGapsAsNaN() {
        float[] a = {Float.NaN, 1, Float.NaN, Float.NaN, Float.NaN, 5, Float.NaN};
        assertThat(ForcingGaps.fillLinear(a, 0, a.length, 2)).isZero();
        assertThat(a[0]).isNaN();
        assertThat(a[3]).isNaN();
        assertThat(a[6]).isNaN();
        assertThat(ForcingGaps.fillLinear(a, 0, a.length, 3)).isEqualTo(3);
        assertThat(a).startsWith(Float.NaN, 1f, 2f, 3f, 4f, 5f);
    }

    @Test
    void neverFillsObservedFlow() {
        BasinDataset ds = piscataquisWithGap(10, 1);
        assertThatThrownBy(() -> ForcingGaps.fillLinear(ds, List.of(Variable.QOBS), 5, new ArrayList<>()))
                .hasMessage("observed flow is never filled: its gaps are masked in the loss");
    }

    @Test
    void dropsWindowsTouchingAGap() {
        BasinDataset ds = piscataquisWithGap(1000, 1);
        boolean[] ok = ForcingGaps.validWindowStarts(ds, 0, 365, List.of(Variable.PRCP, Variable.TMEAN, Variable.PET));
        assertThat(ok[635]).isTrue();
        assertThat(ok[636]).isFalse();
        assertThat(ok[1000]).isFalse();
        assertThat(ok[1001]).isTrue();
        assertThat(ok[ds.nDays() - 365]).isTrue();
        assertThat(ok[ds.nDays() - 364]).isFalse();
    }
}
