package org.hydrodelta.maps.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hydrodelta.maps.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodePageTest {
    @ParameterizedTest
    @CsvSource({"UTF-8, UTF-8", "UTF8, UTF-8", "ISO-8859-1, ISO-8859-1", "88591, ISO-8859-1",
        "1252, windows-1252", "ANSI 1252, windows-1252"})
    void resolvesEsriCodePageNames(String cpg, String charset, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.cpg");
        Files.writeString(f, cpg + "\r\n");
        assertThat(ShapefileReader.charset(f).name()).isEqualTo(charset);
    }

    @Test
    void refusesUnknownCodePage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.cpg");
        Files.writeString(f, "KLINGON");
        assertThatThrownBy(() -> ShapefileReader.charset(f)).isInstanceOf(MapDataException.class)
                .hasMessage(f + ": encoding: unknown character encoding 'KLINGON'");
    }

    @Test
    void decodesTextWithTheCpgEncoding(@TempDir Path dir) throws Exception {
        // Real basin geometry; the sample data holds no non-ASCII text, so this deliberate test string (with an
        // accented letter) is written in windows-1252 to check that the .cpg drives decoding.
        FeatureSet basins = ShapefileReader.read(TestData.twoBasins());
        Path shp = dir.resolve("accents.shp");
        ShapefileWriter.write(shp, ShapeType.POLYGON, List.of(basins.features().get(0).geometry()),
                List.of(new FieldDefinition("name", FieldType.CHARACTER, 30, 0)),
                List.of(Map.of("name", "Rivière Narraguagus")), null, java.nio.charset.Charset.forName("windows-1252"));
        assertThat(Files.readString(dir.resolve("accents.cpg"), StandardCharsets.US_ASCII)).isEqualTo("windows-1252");
        FeatureSet read = ShapefileReader.read(shp);
        assertThat(read.features().get(0).text("name")).isEqualTo("Rivière Narraguagus");
        assertThat(read.warnings()).singleElement().asString().contains("assuming WGS84");
    }
}
