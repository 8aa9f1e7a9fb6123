package org.hydrodelta.core.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvHeadTest {
    private static final Path FIXTURE = TestData.repoRoot().resolve("core/src/test/resources/csv-fixture");

    @TempDir
    Path tmp;

    @Test
    void readsHeaderAndFirstRowsSniffingTheDelimiter() {
        Path f = FIXTURE.resolve("csv/01022500.csv");
        CsvHead h = CsvHead.read(f, null, 3);
        assertThat(h.delimiter()).isEqualTo(';');
        assertThat(h.header()).containsExactly("Datum", "P_mm", "Tmax_C", "Tmin_C", "Q_cfs");
        assertThat(h.rows()).hasSize(3);
        assertThat(h.rows().get(0).line()).isEqualTo(2);
        assertThat(h.rows().get(2).fields()).containsExactly("03.01.2000", "5.50", "9.25", "-1.10", "337.00");
        assertThat(h.headerLooksLikeData()).isFalse();
        assertThat(CsvHead.read(FIXTURE.resolve("attributes.csv"), null, 10).delimiter()).isEqualTo(',');
    }

    @Test
    void keepsLineNumbersAcrossBlankLinesAndStripsTheByteOrderMark() throws IOException {
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, "\uFEFFdate\tP\n\n2000-01-01\t1.5\n2000-01-02\t2\n");
        CsvHead h = CsvHead.read(f, null, 15);
        assertThat(h.delimiter()).isEqualTo('\t');
        assertThat(h.header()).containsExactly("date", "P");
        assertThat(h.rows()).extracting(CsvHead.Row::line).containsExactly(3L, 4L);
    }

    @Test
    void emptyFileIsAnErrorOnLineOne() throws IOException {
        Path f = tmp.resolve("empty.csv");
        Files.writeString(f, "");
        assertThatThrownBy(() -> CsvHead.read(f, null, 5)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(f + ":1: missing header");
    }

    @Test
    void cellParsersMatchTheReader() {
        Path f = Path.of("x.csv");
        assertThat(DailyCsvReader.parseValue(f, 2, "P", "NA")).isNaN();
        assertThat(DailyCsvReader.parseValue(f, 2, "P", "1.25")).isEqualTo(1.25);
        assertThat(DailyCsvReader.isSentinel(DailyCsvReader.parseValue(f, 2, "P", "-9999"))).isTrue();
        assertThatThrownBy(() -> DailyCsvReader.parseValue(f, 7, "P_mm", "abc"))
                .hasMessage("x.csv:7: column 'P_mm': non-numeric value 'abc'");
        DailyCsvReader r = new DailyCsvReader(';', "Datum", DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        assertThat(r.parseDate(f, 2, "03.01.2000")).isEqualTo(LocalDate.of(2000, 1, 3));
        assertThatThrownBy(() -> r.parseDate(f, 4, "2000-01-03"))
                .hasMessage("x.csv:4: column 'Datum': invalid date '2000-01-03'");
        assertThat(UnitConversion.units("flow")).containsExactly("mm/d", "m3/s", "ft3/s", "l/s");
        assertThat(UnitConversion.units("nope")).isEqualTo(List.of());
    }
}
