package org.hydrodelta.core.data.camels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CamelsForcingReaderTest {
    private static final Path SAMPLES = TestData.formatSamples().resolve("basin_mean_forcing");
    private static final Path DAYMET_01022500 = SAMPLES.resolve("daymet/01/01022500_lump_cida_forcing_leap.txt");

    private final CamelsForcingReader reader = new CamelsForcingReader();

    @TempDir
    Path tmp;

    static List<Path> allForcingFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : List.of(TestData.formatSamples(), TestData.camelsRegions(), TestData.piscataquis())) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.getFileName().toString().endsWith("_forcing_leap.txt")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void readsEveryCommittedForcingFileAndMatchesRawTextOnEveryLine() throws IOException {
        List<Path> files = allForcingFiles();
        assertThat(files).hasSize(16 + 19 + 1);
        for (Path f : files) {
            CamelsForcing c = reader.read(f);
            List<String> lines = Files.readAllLines(f);
            assertThat(c.nDays()).as(f.toString()).isEqualTo(lines.size() - 4);
            assertThat(c.areaM2()).isEqualTo(Double.parseDouble(lines.get(2).trim()));
            // independent reference: String.split of each raw line, columns in the Daymet/NLDAS order
            for (int i = 0; i < c.nDays(); i += 97) {
                String[] t = lines.get(4 + i).trim().split("\\s+");
                assertThat(c.start().plusDays(i)).isEqualTo(LocalDate.of(Integer.parseInt(t[0]),
                        Integer.parseInt(t[1]), Integer.parseInt(t[2])));
                assertThat(c.column("prcp")[i]).isEqualTo(Float.parseFloat(t[5]));
                assertThat(c.column("tmax")[i]).isEqualTo(Float.parseFloat(t[8]));
                assertThat(c.column("tmin")[i]).isEqualTo(Float.parseFloat(t[9]));
                assertThat(c.column("vp")[i]).isEqualTo(Float.parseFloat(t[10]));
            }
        }
    }

    @Test
    void readsAllHeaderVariantsToTheSameColumns() {
        // 01022500, 2000-01-02 in each product (values copied from the raw lines)
        CamelsForcing daymet = reader.read(DAYMET_01022500);
        CamelsForcing maurerExt = reader.read(SAMPLES.resolve("maurer_extended/01/01022500_lump_maurer_forcing_leap.txt"));
        CamelsForcing nldas = reader.read(SAMPLES.resolve("nldas/01/01022500_lump_nldas_forcing_leap.txt"));
        CamelsForcing maurer = reader.read(SAMPLES.resolve("maurer/01/01022500_lump_maurer_forcing_leap.txt"));
        for (CamelsForcing c : List.of(daymet, maurerExt, nldas, maurer)) {
            assertThat(c.start()).isEqualTo(LocalDate.of(2000, 1, 1));
            assertThat(c.columns().keySet()).containsExactlyInAnyOrder("dayl", "prcp", "srad", "swe", "tmax", "tmin", "vp");
            assertThat(c.latitude()).isEqualTo(44.82);
            assertThat(c.elevation()).isEqualTo(133.0);
            assertThat(c.areaM2()).isEqualTo(587675987.0);
        }
        assertThat(daymet.product()).isEqualTo("daymet");
        assertThat(daymet.column("tmax")[1]).isEqualTo(4.81f);
        assertThat(daymet.column("tmin")[1]).isEqualTo(-8.61f);
        assertThat(maurerExt.column("tmax")[1]).isEqualTo(4.18f);
        assertThat(maurerExt.column("tmin")[1]).isEqualTo(-10.29f);
        assertThat(maurerExt.column("prcp")[1]).isEqualTo(4.21f);
        assertThat(nldas.column("prcp")[1]).isEqualTo(1.22f);
        assertThat(nldas.column("srad")[0]).isEqualTo(189.60f);
        assertThat(maurer.column("dayl")[1]).isEqualTo(31302.07f);
    }

    @Test
    void crossesYearBoundaryInUnpaddedAndPaddedFiles() {
        // daymet 03015500 line 370-371: 2000 12 31 / 2001 01 01 prcp 1.08; maurer_extended 02064000: 2001 1 1 tmax 2.85
        CamelsForcing d = reader.read(SAMPLES.resolve("daymet/05/03015500_lump_cida_forcing_leap.txt"));
        int jan1 = (int) (LocalDate.of(2001, 1, 1).toEpochDay() - d.start().toEpochDay());
        assertThat(d.column("prcp")[jan1]).isEqualTo(1.08f);
        CamelsForcing m = reader.read(SAMPLES.resolve("maurer_extended/03/02064000_lump_maurer_forcing_leap.txt"));
        assertThat(m.column("tmax")[jan1]).isEqualTo(2.85f);
        assertThat(m.column("tmin")[jan1]).isEqualTo(-8.76f);
    }

    @Test
    void detectsTmaxEqualTminInNldasAndMaurer() {
        assertThat(reader.read(SAMPLES.resolve("nldas/02/01547700_lump_nldas_forcing_leap.txt")).tmaxEqualsTmin()).isTrue();
        assertThat(reader.read(SAMPLES.resolve("maurer/02/01547700_lump_maurer_forcing_leap.txt")).tmaxEqualsTmin()).isTrue();
        assertThat(reader.read(SAMPLES.resolve("daymet/02/01547700_lump_cida_forcing_leap.txt")).tmaxEqualsTmin()).isFalse();
    }

    @Test
    void rejectsTruncatedLine() throws IOException {
        Path f = corrupt(7, "2000 01 03 12\t31425.61\t0.00\t213.93\t0.00\t2.90");
        assertThatThrownBy(() -> reader.read(f)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":7: column 'tmin(C)': truncated line: expected 11 fields, found 9");
    }

    @Test
    void rejectsExtraFields() throws IOException {
        Path f = corrupt(7, "2000 01 03 12\t31425.61\t0.00\t213.93\t0.00\t2.90\t-9.79\t284.09\t7.5");
        assertThatThrownBy(() -> reader.read(f)).hasMessage(f + ":7: column 'field 12': extra fields: expected 11"
                + " fields (Year Mnth Day Hr dayl(s) prcp(mm/day) srad(W/m2) swe(mm) tmax(C) tmin(C) vp(Pa)),"
                + " found more starting with '7.5'");
    }

    @Test
    void rejectsNonNumericText() throws IOException {
        Path f = corrupt(7, "2000 01 03 12\t31425.61\tn/a\t213.93\t0.00\t2.90\t-9.79\t284.09");
        assertThatThrownBy(() -> reader.read(f)).hasMessage(f + ":7: column 'prcp(mm/day)': non-numeric value 'n/a'");
    }

    @Test
    void rejectsNegativePrecipitation() throws IOException {
        Path f = corrupt(7, "2000 01 03 12\t31425.61\t-1.50\t213.93\t0.00\t2.90\t-9.79\t284.09");
        assertThatThrownBy(() -> reader.read(f)).hasMessage(f + ":7: column 'prcp(mm/day)': negative precipitation -1.5 mm/d");
    }

    @Test
    void rejectsDuplicatedDate() throws IOException {
        Path f = corrupt(7, "2000 01 02 12\t31425.61\t0.00\t213.93\t0.00\t2.90\t-9.79\t284.09");
        assertThatThrownBy(() -> reader.read(f)).hasMessage(f + ":7: duplicated date 2000-01-02");
    }

    @Test
    void rejectsOutOfOrderDate() throws IOException {
        Path f = corrupt(8, "2000 01 01 12\t31425.61\t0.00\t213.93\t0.00\t2.90\t-9.79\t284.09");
        assertThatThrownBy(() -> reader.read(f)).hasMessage(f + ":8: date 2000-01-01 out of order: it follows 2000-01-03");
    }

    @Test
    void rejectsMissingDates() throws IOException {
        Path f = corrupt(7, null);
        assertThatThrownBy(() -> reader.read(f)).hasMessage(f + ":7: missing dates: 2000-01-04 follows 2000-01-02"
                + " (1 day missing, 2000-01-03)");
    }

    @Test
    void rejectsMissingHeader() throws IOException {
        List<String> lines = Files.readAllLines(DAYMET_01022500);
        Path f = tmp.resolve("01022500_lump_cida_forcing_leap.txt");
        Files.write(f, lines.subList(4, lines.size()));
        assertThatThrownBy(() -> reader.read(f)).hasMessage(f + ":1: missing header: line 1 must hold the gauge"
                + " latitude as a single number, found '2000 01 01 12\t31185.97\t0.00\t189.56\t0.00\t...'");
    }

    @Test
    void rejectsWrongDelimiter() throws IOException {
        Path f = corrupt(7, "2000,01,03,12,31425.61,0.00,213.93,0.00,2.90,-9.79,284.09");
        assertThatThrownBy(() -> reader.read(f)).hasMessage(f + ":7: column 'Year': wrong delimiter: fields must be"
                + " separated by spaces or tabs, found '2000,'");
    }

    @Test
    void rejectsCommaSeparatedHeader() throws IOException {
        Path f = corrupt(4, "Year,Mnth,Day,Hr,dayl(s),prcp(mm/day),srad(W/m2),swe(mm),tmax(C),tmin(C),vp(Pa)");
        assertThatThrownBy(() -> reader.read(f)).hasMessage(f + ":4: wrong delimiter: column names must be separated"
                + " by spaces or tabs, found ','");
    }

    @Test
    void turnsSentinelsIntoNaNAndCountsThem() throws IOException {
        Path f = corrupt(7, "2000 01 03 12\t31425.61\t-999.00\t213.93\t0.00\t2.90\t-9.79\t284.09");
        CamelsForcing c = reader.read(f);
        assertThat(c.column("prcp")[2]).isNaN();
        assertThat(c.sentinels()).isEqualTo(1);
    }

    /** A deliberately corrupted copy of the real Daymet file of 01022500 (line replaced, or removed when null). */
    private Path corrupt(int lineNo, String replacement) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(DAYMET_01022500));
        if (replacement == null) {
            lines.remove(lineNo - 1);
        } else {
            lines.set(lineNo - 1, replacement);
        }
        Path dir = Files.createDirectories(tmp.resolve("basin_mean_forcing/daymet/01"));
        Path f = dir.resolve("01022500_lump_cida_forcing_leap.txt");
        Files.write(f, lines);
        return f;
    }
}
