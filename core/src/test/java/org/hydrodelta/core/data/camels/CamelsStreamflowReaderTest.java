package org.hydrodelta.core.data.camels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hydrodelta.core.data.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CamelsStreamflowReaderTest {
    private final CamelsStreamflowReader reader = new CamelsStreamflowReader();

    @TempDir
    Path tmp;

    @Test
    void readsEveryCommittedStreamflowFileAndMatchesRawText() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(TestData.formatSamples(), TestData.camelsRegions(), TestData.piscataquis())) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.getFileName().toString().endsWith("_streamflow_qc.txt")).sorted().forEach(files::add);
            }
        }
        assertThat(files.size()).isGreaterThanOrEqualTo(4 + 19 + 1);
        for (Path f : files) {
            CamelsStreamflow q = reader.read(f);
            List<String> lines = Files.readAllLines(f);
            assertThat(q.nDays()).isEqualTo(lines.size());
            for (int i = 0; i < q.nDays(); i += 53) {
                String[] t = lines.get(i).trim().split("\\s+");
                assertThat(q.basinId()).isEqualTo(t[0]);
                assertThat(q.start().plusDays(i)).isEqualTo(LocalDate.of(Integer.parseInt(t[1]),
                        Integer.parseInt(t[2]), Integer.parseInt(t[3])));
                float raw = Float.parseFloat(t[4]);
                if (raw < 0) {
                    assertThat(q.flowCfs()[i]).isNaN();
                } else {
                    assertThat(q.flowCfs()[i]).isEqualTo(raw);
                }
                assertThat(q.flagNames().get(q.flags()[i])).isEqualTo(t[5]);
            }
        }
    }

    @Test
    void turnsMissingFlowIntoNaNAndKeepsFlags() {
        // 01022500_streamflow_qc.txt line 12693: "01022500 2014 10 01  -999.00 M"
        CamelsStreamflow q = reader.read(TestData.camelsRegions().resolve("usgs_streamflow/01/01022500_streamflow_qc.txt"));
        int i = (int) (LocalDate.of(2014, 10, 1).toEpochDay() - q.start().toEpochDay());
        assertThat(i).isEqualTo(12692);
        assertThat(q.flowCfs()[i]).isNaN();
        assertThat(q.flagNames().get(q.flags()[i])).isEqualTo("M");
        assertThat(q.sentinels()).isEqualTo(92);
        assertThat(q.flagNames()).containsExactlyInAnyOrder("A", "A:e", "M");
    }

    @Test
    void convertsCfsToMillimetresPerDayByHand() {
        // 01547700 2000-03-01: 176.00 cfs (line 61); area_gages2 = 113.54 km² (camels_topo.txt)
        // 176 · 0.0283168 · 86400 = 430596.59 m³/d; / 113.54e6 m² = 0.00379247 m/d = 3.79247 mm/d
        CamelsStreamflow q = reader.read(TestData.formatSamples().resolve("usgs_streamflow/02/01547700_streamflow_qc.txt"));
        int i = (int) (LocalDate.of(2000, 3, 1).toEpochDay() - q.start().toEpochDay());
        assertThat(q.flowCfs()[i]).isEqualTo(176f);
        assertThat((double) q.flowMmPerDay(113.54)[i]).isCloseTo(176 * 2446.57152 / 113.54e6 * 1e3, within(1e-5));
        assertThat((double) q.flowMmPerDay(113.54)[i]).isCloseTo(3.79247, within(1e-5));
    }

    @Test
    void rejectsForeignGaugeId() throws IOException {
        Path src = TestData.formatSamples().resolve("usgs_streamflow/01/01022500_streamflow_qc.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(src));
        lines.set(9, lines.get(9).replace("01022500", "01022501"));
        Path f = tmp.resolve("01022500_streamflow_qc.txt");
        Files.write(f, lines);
        assertThatThrownBy(() -> reader.read(f)).hasMessage(f + ":10: column 'gauge_id': unknown basin id '01022501':"
                + " the file name says 01022500");
    }

    @Test
    void rejectsNonNumericFlow() throws IOException {
        Path src = TestData.formatSamples().resolve("usgs_streamflow/01/01022500_streamflow_qc.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(src));
        lines.set(2, "01022500 2000 01 03   3x7.00 A");
        Path f = tmp.resolve("01022500_streamflow_qc.txt");
        Files.write(f, lines);
        assertThatThrownBy(() -> reader.read(f)).hasMessage(f + ":3: column 'flow': non-numeric value '3x7.00'");
    }

    @Test
    void rejectsWrongDelimiter() throws IOException {
        Path src = TestData.formatSamples().resolve("usgs_streamflow/01/01022500_streamflow_qc.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(src));
        lines.set(4, "01022500,2000,01,05,320.00,A");
        Path f = tmp.resolve("01022500_streamflow_qc.txt");
        Files.write(f, lines);
        assertThatThrownBy(() -> reader.read(f)).hasMessage(f + ":5: column 'gauge_id': wrong delimiter: fields must be"
                + " separated by spaces or tabs, found ','");
    }
}
