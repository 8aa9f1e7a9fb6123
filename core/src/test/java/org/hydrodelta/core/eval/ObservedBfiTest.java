package org.hydrodelta.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.TestPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The observed baseflow index evaluation computes where the attributes have none ({@link BasinMetrics#observedBfi})
 * against the CAMELS-US {@code baseflow_index} signature it reproduces, on the real flow of the 241 shared
 * Caravan-CAMELS basins over the signature period (water years 1990-2009).
 */
class ObservedBfiTest {
    private static final Path SHARED = TestPaths.repoRoot().resolve("../shared/data").normalize();

    /** @return the daily streamflow of a caravan-camels-241 basin from 1989-10-01 to 2009-09-30, NaN for gaps */
    static float[] flow(String id) throws Exception {
        List<Float> q = new ArrayList<>();
        for (String line : Files.readAllLines(SHARED.resolve("caravan-camels-241/timeseries/" + id + ".csv"))) {
            String date = line.substring(0, line.indexOf(','));
            if (date.compareTo("1989-10-01") >= 0 && date.compareTo("2009-09-30") <= 0) {
                String v = line.substring(line.lastIndexOf(',') + 1).trim();
                q.add(v.isEmpty() || v.equalsIgnoreCase("nan") ? Float.NaN : Float.parseFloat(v));
            }
        }
        float[] out = new float[q.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = q.get(i);
        }
        return out;
    }

    @Test
    void givesTheCamelsBaseflowIndexOfThe241BasinsFromTheirFlow() throws Exception {
        Path hydro = SHARED.resolve("camels-us/camels_attributes_v2.0/camels_hydro.txt");
        Assumptions.assumeTrue(Files.isRegularFile(hydro), "the shared data beside the repository");
        Map<String, Double> camels = new HashMap<>();
        List<String> lines = Files.readAllLines(hydro);
        int column = List.of(lines.get(0).split(";")).indexOf("baseflow_index");
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(";");
            camels.put(f[0], Double.parseDouble(f[column]));
        }
        List<String> ids = Files.readAllLines(SHARED.resolve("caravan-camels-241/basins.txt")).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        assertThat(ids).hasSize(241);
        double[] diff = new double[ids.size()];
        int within001 = 0;
        int within01 = 0;
        for (int i = 0; i < ids.size(); i++) {
            diff[i] = Math.abs(BasinMetrics.observedBfi(flow(ids.get(i))) - camels.get(ids.get(i)));
            within001 += diff[i] < 0.001 ? 1 : 0;
            within01 += diff[i] < 0.01 ? 1 : 0;
        }
        System.out.printf("observed BFI against CAMELS baseflow_index, 241 basins: %d within 0.001, %d within 0.01,"
                + " median |difference| %.5f%n", within001, within01, BasinMetrics.median(diff));
        // the others are arid streams with many days of zero flow
        assertThat(within001).isGreaterThanOrEqualTo(210);
        assertThat(within01).isGreaterThanOrEqualTo(230);
        assertThat(BasinMetrics.median(diff)).isLessThan(0.0005);
        // Piscataquis River (snowmelt, humid): CAMELS 0.544
        assertThat(BasinMetrics.observedBfi(flow("01031500"))).isCloseTo(camels.get("01031500"),
                org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void gapsSplitTheSeriesAndTooLittleFlowGivesNoIndex() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHARED.resolve("caravan-camels-241")), "the shared data");
        float[] q = flow("01031500");
        double whole = BasinMetrics.observedBfi(q);
        // one missing day in the middle: two stretches filtered apart, nearly the same index
        float[] gap = q.clone();
        gap[q.length / 2] = Float.NaN;
        assertThat(BasinMetrics.observedBfi(gap)).isCloseTo(whole, org.assertj.core.data.Offset.offset(0.002))
                .isNotEqualTo(whole);
        // a stretch shorter than the filter's 30 days between two gaps is left out: the index without its days
        float[] shortStretch = gap.clone();
        for (int i = q.length / 2 + 1; i < q.length / 2 + 20; i++) {
            shortStretch[i] = q[i] * 50; // a flood the index would feel if it were filtered
        }
        shortStretch[q.length / 2 + 20] = Float.NaN;
        float[] without = gap.clone();
        for (int i = q.length / 2 + 1; i <= q.length / 2 + 20; i++) {
            without[i] = Float.NaN;
        }
        assertThat(BasinMetrics.observedBfi(shortStretch)).isEqualTo(BasinMetrics.observedBfi(without));
        // less than a year of usable flow: no index
        float[] little = new float[q.length];
        java.util.Arrays.fill(little, Float.NaN);
        System.arraycopy(q, 0, little, 0, 300);
        assertThat(BasinMetrics.observedBfi(little)).isNaN();
        // an attribute's index is kept; without one the flow's is computed
        float[] sim = q.clone();
        assertThat(BasinMetrics.compute(sim, q, null, null, null, q, 0.5).get("bfi_obs")).isEqualTo(0.5);
        assertThat(BasinMetrics.compute(sim, q, null, null, null, q, Double.NaN).get("bfi_obs")).isEqualTo(whole);
    }
}
