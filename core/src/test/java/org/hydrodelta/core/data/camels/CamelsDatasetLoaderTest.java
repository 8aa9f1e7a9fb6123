package org.hydrodelta.core.data.camels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.BasinInfo;
import org.hydrodelta.core.data.BasinReport;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.TestData;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CamelsDatasetLoaderTest {
    private final CamelsDatasetLoader loader = new CamelsDatasetLoader();

    @TempDir
    Path tmp;

    private LoadResult load(Path folder, LoadOptions o) {
        return loader.load(folder, o, ProgressListener.NONE, CancellationToken.NONE);
    }

    @Test
    void loadsAllNineteenRegionBasinsWithFlowInMillimetresPerDay() {
        LoadResult r = load(TestData.repoRoot().resolve("sample-projects/camels-regions"), LoadOptions.defaults());
        BasinDataset ds = r.dataset();
        assertThat(r.hasErrors()).isFalse();
        assertThat(ds.nBasins()).isEqualTo(19);
        assertThat(ds.start()).isEqualTo(LocalDate.of(1980, 1, 1));
        assertThat(ds.attributeNames()).isEqualTo(CamelsAttributes.DELTA_MODEL_ATTRIBUTES);
        int b = ds.basinIndex("01022500");
        int day = ds.dayIndex(LocalDate.of(2000, 1, 1));
        // streamflow line 7306: 255.00 cfs; area_gages2 573.6 km²: 255·2446.57152/573.6e6·1e3 = 1.087649 mm/d
        assertThat((double) ds.value(Variable.QOBS, b, day)).isCloseTo(1.087649, within(1e-5));
        // NLDAS line 7310: prcp 0.00, tmax = tmin = -6.44 -> tmean -6.44
        assertThat(ds.value(Variable.PRCP, b, day)).isZero();
        assertThat(ds.value(Variable.TMEAN, b, day)).isEqualTo(-6.44f);
        BasinInfo info = ds.basinInfo().get(b);
        assertThat(info.areaSource()).isEqualTo("area_gages2");
        assertThat(info.areaKm2()).isEqualTo(573.6);
        assertThat(info.name()).isEqualTo("Narraguagus River at Cherryfield, Maine");
        // NLDAS: Tmax == Tmin, so Hargreaves cannot apply and Priestley-Taylor is used, with a warning
        assertThat(info.petMethod()).isEqualTo("PRIESTLEY_TAYLOR");
        assertThat(r.issues()).anyMatch(i -> i.severity() == DataIssue.Severity.WARN
                && i.message().startsWith("Hargreaves cannot apply"));
        // a basin that starts in 1993 is NaN before, never 0
        int b2 = ds.basinIndex("01013500");
        assertThat(ds.value(Variable.PRCP, b2, 0)).isNaN();
        // 06221400 flow starts 2002-06-30: NaN before it, while its forcing is present
        int b3 = ds.basinIndex("06221400");
        int d2001 = ds.dayIndex(LocalDate.of(2001, 1, 1));
        assertThat(ds.value(Variable.QOBS, b3, d2001)).isNaN();
        assertThat(ds.value(Variable.PRCP, b3, d2001)).isNotNaN();
        assertThat(ds.fingerprint()).hasSize(64);
    }

    @Test
    void usesHargreavesForDaymetAndConvertsFlowByHand() {
        LoadResult r = load(TestData.piscataquis(), LoadOptions.defaults());
        BasinDataset ds = r.dataset();
        assertThat(ds.basinIds()).containsExactly("01031500");
        int day = ds.dayIndex(LocalDate.of(2005, 7, 14));
        // 236.00 cfs (line 9327), area_gages2 769.05 km²: 236·2446.57152/769.05e6·1e3 = 0.750785 mm/d
        assertThat((double) ds.value(Variable.QOBS, 0, day)).isCloseTo(0.750785, within(1e-5));
        assertThat(ds.value(Variable.TMEAN, 0, day)).isEqualTo((27.52f + 14.71f) * 0.5f);
        assertThat(ds.basinInfo().get(0).petMethod()).isEqualTo("HARGREAVES");
        // Hargreaves with gauge_lat 45.17501: hand computation 5.3184 mm/d (see PetCalculatorTest)
        assertThat((double) ds.value(Variable.PET, 0, day)).isCloseTo(5.3184, within(1e-3));
    }

    @Test
    void isIndependentOfThreadCount() {
        Path root = TestData.camelsRegions();
        BasinDataset one = load(root, new LoadOptions(null, null, null, null, null, 1)).dataset();
        BasinDataset two = load(root, new LoadOptions(null, null, null, null, null, 2)).dataset();
        assertThat(two.basinIds()).isEqualTo(one.basinIds());
        assertThat(two.values(Variable.PET)).isEqualTo(one.values(Variable.PET));
        assertThat(two.fingerprint()).isEqualTo(one.fingerprint());
    }

    @Test
    void skipsCorruptedBasinWithReasonAndLoadsTheOthers() throws IOException {
        Path root = copySubset("01022500", "01013500");
        Path f = root.resolve("basin_mean_forcing/nldas/01/01013500_lump_nldas_forcing_leap.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(99, lines.get(99).replace("\t", ";"));
        Files.write(f, lines);
        LoadResult r = load(root, LoadOptions.defaults());
        assertThat(r.dataset().basinIds()).containsExactly("01022500");
        BasinReport bad = r.reports().stream().filter(x -> x.basinId().equals("01013500")).findFirst().orElseThrow();
        assertThat(bad.usable()).isFalse();
        assertThat(r.issues()).filteredOn(i -> i.severity() == DataIssue.Severity.ERROR)
                .extracting(DataIssue::format).containsExactly("ERROR " + f + ":100: basin 01013500: column 'Hr':"
                        + " wrong delimiter: fields must be separated by spaces or tabs, found '12;'");
    }

    @Test
    void rejectsFlowInWrongUnitByMagnitude() throws IOException {
        Path root = copySubset("01022500");
        Path q = root.resolve("usgs_streamflow/01/01022500_streamflow_qc.txt");
        // deliberately corrupted: flow written in litres per second (x 28.3168) instead of ft³/s
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(q)) {
            String[] t = line.trim().split("\\s+");
            double v = Double.parseDouble(t[4]);
            out.add(t[0] + " " + t[1] + " " + t[2] + " " + t[3] + " " + String.format("%9.2f", v < 0 ? v : v * 28.3168)
                    + " " + t[5]);
        }
        Files.write(q, out);
        LoadResult r = load(root, LoadOptions.defaults());
        assertThat(r.dataset().nBasins()).isZero();
        assertThat(r.issues()).filteredOn(i -> i.severity() == DataIssue.Severity.ERROR).singleElement()
                .satisfies(i -> assertThat(i.format()).startsWith("ERROR " + q + ": basin 01022500: flow in the wrong unit? mean flow"
                        + " is ").endsWith("times the mean precipitation (a runoff ratio above 2 is not physical);"
                        + " converted from ft³/s with area 573.60 km² from area_gages2"));
    }

    @Test
    void reportsUnknownBasinId() {
        LoadResult r = load(TestData.camelsRegions(), LoadOptions.defaults().withBasins(List.of("01022500", "99999999")));
        assertThat(r.dataset().basinIds()).containsExactly("01022500");
        assertThat(r.issues()).filteredOn(i -> i.severity() == DataIssue.Severity.ERROR).extracting(DataIssue::format)
                .containsExactly("ERROR basin 99999999: unknown basin id '99999999': no forcing file"
                        + " 99999999_*_forcing_leap.txt under " + TestData.camelsRegions().resolve("basin_mean_forcing/nldas"));
    }

    @Test
    void fallsBackToForcingHeaderAreaWithoutAttributeTables() throws IOException {
        Path root = copySubset("01022500");
        for (String t : CamelsAttributes.TABLES) {
            Files.delete(root.resolve("camels_attributes_v2.0/camels_" + t + ".txt"));
        }
        Files.delete(root.resolve("camels_attributes_v2.0"));
        LoadResult r = load(root, LoadOptions.defaults());
        BasinDataset ds = r.dataset();
        BasinInfo info = ds.basinInfo().get(0);
        assertThat(info.areaSource()).isEqualTo("forcing header");
        assertThat(info.areaKm2()).isEqualTo(587.675987);
        assertThat(ds.attributeNames()).isEmpty();
        // 255 cfs on 2000-01-01 over the header's 587675987 m²: 255·2446.57152/587675987·1e3 = 1.061598 mm/d
        int day = ds.dayIndex(LocalDate.of(2000, 1, 1));
        assertThat((double) ds.value(Variable.QOBS, 0, day)).isCloseTo(1.061598, within(1e-5));
        assertThat(r.issues()).extracting(DataIssue::message).contains("no attribute tables (camels_attributes_v2.0/):"
                + " areas from the forcing headers, no static attributes");
    }

    @Test
    void keepsForcingSentinelsAsNaNAndReportsTheGap() throws IOException {
        Path root = copySubset("01022500");
        Path f = root.resolve("basin_mean_forcing/nldas/01/01022500_lump_nldas_forcing_leap.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        String[] t = lines.get(7309).split("\t"); // 2000-01-01, deliberately set to the -999 sentinel
        t[2] = "-999.00";
        lines.set(7309, String.join("\t", t));
        Files.write(f, lines);
        LoadResult r = load(root, LoadOptions.defaults());
        BasinDataset ds = r.dataset();
        int day = ds.dayIndex(LocalDate.of(2000, 1, 1));
        assertThat(ds.value(Variable.PRCP, 0, day)).isNaN();
        assertThat(r.reports().get(0).forcingSentinels()).isEqualTo(1);
        assertThat(r.issues()).extracting(DataIssue::message).contains("1 day with missing forcing (kept as NaN):"
                + " drop the affected training windows or fill them (linear interpolation); they are never set to 0");
    }

    /** Copies the attribute tables and the files of a few basins into a temporary CAMELS folder. */
    private Path copySubset(String... ids) throws IOException {
        Path src = TestData.camelsRegions();
        Path root = tmp.resolve("camels-us");
        Path attr = Files.createDirectories(root.resolve("camels_attributes_v2.0"));
        for (String t : CamelsAttributes.TABLES) {
            Files.copy(src.resolve("camels_attributes_v2.0/camels_" + t + ".txt"), attr.resolve("camels_" + t + ".txt"));
        }
        for (String id : ids) {
            for (String rel : List.of("basin_mean_forcing/nldas/01/" + id + "_lump_nldas_forcing_leap.txt",
                    "usgs_streamflow/01/" + id + "_streamflow_qc.txt")) {
                Files.createDirectories(root.resolve(rel).getParent());
                Files.copy(src.resolve(rel), root.resolve(rel));
            }
        }
        return root;
    }
}
