package org.hydrodelta.core.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.TestData;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetLoaderTest {
    private static final Path FIXTURE = TestData.repoRoot().resolve("core/src/test/resources/csv-fixture");

    @TempDir
    Path tmp;

    private static LoadResult load(CsvMapping m) {
        return new CsvDatasetLoader().load(m, LoadOptions.defaults(), ProgressListener.NONE, CancellationToken.NONE);
    }

    @Test
    void loadsMappedCsvWithDateFormatAndUnitConversion() {
        LoadResult r = load(CsvMapping.read(FIXTURE.resolve("mapping.json")));
        BasinDataset ds = r.dataset();
        assertThat(r.hasErrors()).isFalse();
        assertThat(ds.basinIds()).containsExactly("01022500", "01031500");
        // 01031500 2000-01-02 (csv line 3): Tmax -1.39, Tmin -13.06, Q 198 cfs over 769.05 km²
        assertThat(ds.value(Variable.TMEAN, 1, 1)).isEqualTo((-1.39f + -13.06f) * 0.5f);
        assertThat((double) ds.value(Variable.QOBS, 1, 1)).isCloseTo(198 * 2446.57152 / 769.05e6 * 1e3, within(1e-5));
        assertThat(ds.has(Variable.PET)).isTrue();
        assertThat(ds.attributeNames()).containsExactly("area", "elev_mean");
    }

    @Test
    void savesAndReloadsTheMapping() {
        CsvMapping m = CsvMapping.read(FIXTURE.resolve("mapping.json"));
        Path copy = tmp.resolve("mapping.json");
        m.write(copy);
        CsvMapping back = CsvMapping.read(copy);
        assertThat(back.columns.keySet()).containsExactlyElementsOf(m.columns.keySet());
        assertThat(back.columns.get("flow").unit).isEqualTo("ft3/s");
        assertThat(back.dateFormat).isEqualTo("dd.MM.yyyy");
    }

    @Test
    void rejectsUnknownUnitNamingTheMappingFile() throws IOException {
        Path f = tmp.resolve("mapping.json");
        Files.writeString(f, Files.readString(FIXTURE.resolve("mapping.json")).replace("ft3/s", "cfs"));
        assertThatThrownBy(() -> CsvMapping.read(f)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ": role 'flow': unknown unit 'cfs'; use one of [mm/d, m3/s, ft3/s, l/s]");
    }

    @Test
    void skipsBasinWithBadLinesAndNamesFileLineColumn() throws IOException {
        Path dir = copyFixture();
        Path f = dir.resolve("csv/01031500.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(4, "04.01.2000;-0.50;-1.39;-13.06;198.00");
        Files.write(f, lines);
        LoadResult r = load(CsvMapping.read(dir.resolve("mapping.json")));
        assertThat(r.dataset().basinIds()).containsExactly("01022500");
        assertThat(r.issues()).filteredOn(i -> i.severity() == DataIssue.Severity.ERROR).extracting(DataIssue::format)
                .containsExactly("ERROR " + f + ":5: basin 01031500: column 'P_mm': negative precipitation -0.5");
    }

    @Test
    void reportsEachMalformedCsvCase() throws IOException {
        Path dir = copyFixture();
        Path f = dir.resolve("csv/01022500.csv");
        List<String> orig = Files.readAllLines(f);
        DailyCsvReader reader = new DailyCsvReader(';', "Datum", java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        assertThat(message(reader, f, orig, 3, "03.01.2000;0.00;2.90")).isEqualTo(f
                + ":4: column 'Tmin_C': truncated line: expected 5 fields, found 3");
        assertThat(message(reader, f, orig, 3, "03.01.2000;0.00;2.90;-9.79;337.00;1")).isEqualTo(f
                + ":4: column 'field 6': extra fields: expected 5 fields, found 6");
        assertThat(message(reader, f, orig, 3, "03.01.2000;x;2.90;-9.79;337.00")).isEqualTo(f
                + ":4: column 'P_mm': non-numeric value 'x'");
        assertThat(message(reader, f, orig, 3, "02.01.2000;0.00;2.90;-9.79;337.00")).isEqualTo(f
                + ":4: duplicated date 2000-01-02");
        assertThat(message(reader, f, orig, 3, "2000-01-03;0.00;2.90;-9.79;337.00")).isEqualTo(f
                + ":4: column 'Datum': invalid date '2000-01-03'");
        assertThat(message(reader, f, orig, 3, "03.01.2000,0.00,2.90,-9.79,337.00")).isEqualTo(f
                + ":4: wrong delimiter: expected ';' between fields, found ','");
        assertThat(message(reader, f, orig, 0, "01.01.2000;0.00;-2.36;-14.36;255.00")).isEqualTo(f
                + ":1: missing header: no column 'Datum' in the header (found 01.01.2000, 0.00, -2.36, -14.36, 255.00)");
    }

    @Test
    void readsBasinListKeepingLeadingZeros() throws IOException {
        assertThat(CsvDatasetLoader.readBasinList(FIXTURE.resolve("basins.txt"))).containsExactly("01022500", "01031500");
        Path f = tmp.resolve("basins.txt");
        Files.write(f, List.of("01022500", "01031500", "01022500"));
        assertThatThrownBy(() -> CsvDatasetLoader.readBasinList(f))
                .hasMessage(f + ":3: duplicated basin id 01022500 (first on line 1)");
    }

    private static String message(DailyCsvReader reader, Path f, List<String> orig, int index, String line)
            throws IOException {
        List<String> lines = new ArrayList<>(orig);
        lines.set(index, line);
        Files.write(f, lines);
        try {
            reader.read(f, null, java.util.Set.of("P_mm"));
            return "no error";
        } catch (DataFormatException e) {
            return e.getMessage();
        }
    }

    /** Copies the fixture so tests can corrupt files deliberately. */
    private Path copyFixture() throws IOException {
        Path dir = tmp.resolve("csv-fixture");
        Files.createDirectories(dir.resolve("csv"));
        for (String n : List.of("mapping.json", "basins.txt", "attributes.csv", "csv/01022500.csv", "csv/01031500.csv")) {
            Files.copy(FIXTURE.resolve(n), dir.resolve(n));
        }
        return dir;
    }
}
