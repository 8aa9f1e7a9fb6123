package org.hydrodelta.core.data.camels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CamelsAttributesTest {
    private static final Path ATTR = TestData.camelsRegions().resolve("camels_attributes_v2.0");

    @TempDir
    Path tmp;

    @Test
    void joinsAllSevenTablesForAll671Basins() {
        BasinAttributes a = CamelsAttributes.read(ATTR);
        assertThat(a.basinIds()).hasSize(671).startsWith("01013500", "01022500");
        assertThat(a.issues()).isEmpty();
        // values copied from the raw rows of camels_name/topo/clim.txt
        assertThat(a.name("01013500")).isEqualTo("Fish River near Fort Kent, Maine");
        assertThat(a.areaKm2("01022500")).isEqualTo(573.6);
        assertThat(a.latitude("01013500")).isEqualTo(47.23739);
        assertThat(a.longitude("01013500")).isEqualTo(-68.58264);
        assertThat(a.fracSnow("01013500")).isEqualTo(0.313440357191799);
        assertThat(a.value("01022500", "geol_permeability")).isEqualTo(-14.2138);
        assertThat(a.text("01022500", "huc_02")).isEqualTo("01");
        assertThat(a.columns()).containsAll(CamelsAttributes.DELTA_MODEL_ATTRIBUTES);
    }

    @Test
    void acceptsCamelsRootAndProjectFolder() {
        assertThat(CamelsAttributes.read(TestData.camelsRegions()).basinIds()).hasSize(671);
        assertThat(CamelsAttributes.read(TestData.repoRoot().resolve("sample-projects/camels-regions"))
                .basinIds()).hasSize(671);
    }

    @Test
    void keepsLeadingZerosInIds() {
        BasinAttributes a = CamelsAttributes.read(ATTR);
        assertThat(a.contains("01013500")).isTrue();
        assertThat(a.contains("1013500")).isFalse();
    }

    @Test
    void encodesCategoricalColumnsBySortedFactorisation() {
        BasinAttributes a = CamelsAttributes.read(ATTR);
        List<String> cover = a.categories("dom_land_cover");
        assertThat(cover).isSorted().hasSize(12).doesNotHaveDuplicates();
        assertThat(cover.get(0)).isEqualTo("Barren or Sparsely Vegetated");
        // 01013500 is "    Mixed Forests" in camels_vege.txt: trimmed, then its index in the sorted list
        assertThat(a.value("01013500", "dom_land_cover")).isEqualTo(cover.indexOf("Mixed Forests"));
        assertThat(a.kind("geol_1st_class")).isEqualTo(BasinAttributes.Kind.CATEGORICAL);
        assertThat(a.value("01013500", "geol_1st_class"))
                .isEqualTo(a.categories("geol_1st_class").indexOf("Siliciclastic sedimentary rocks"));
        assertThat(a.kind("gauge_name")).isEqualTo(BasinAttributes.Kind.TEXT);
    }

    @Test
    void reportsMissingValuesAsNaN() {
        BasinAttributes a = CamelsAttributes.read(ATTR);
        // camels_hydro.txt: 03281100;NA;NA;NA;0.385867771188684;NA;...
        assertThat(a.value("03281100", "q_mean")).isNaN();
        assertThat(a.value("03281100", "baseflow_index")).isCloseTo(0.385867771188684, within(1e-15));
        assertThat(a.missingAttributes("03281100")).contains("q_mean", "runoff_ratio").doesNotContain("baseflow_index");
        // camels_geol.txt: 01121000;Metamorphics;1;NA;... : categorical NA stays missing, not a category
        assertThat(a.value("01121000", "geol_2nd_class")).isNaN();
        assertThat(a.categories("geol_2nd_class")).doesNotContain("NA");
    }

    @Test
    void buildsModelAttributeMatrixInRequestedOrder() {
        BasinAttributes a = CamelsAttributes.read(ATTR);
        float[][] m = a.matrix(List.of("01022500", "01013500"), CamelsAttributes.DELTA_MODEL_ATTRIBUTES);
        assertThat(m).hasDimensions(2, 35);
        assertThat(m[1][CamelsAttributes.DELTA_MODEL_ATTRIBUTES.indexOf("area_gages2")]).isEqualTo(2252.7f);
        assertThat(m[1][CamelsAttributes.DELTA_MODEL_ATTRIBUTES.indexOf("root_depth_50")]).isNaN();
        assertThatThrownBy(() -> a.matrix(List.of("99999999"), List.of("p_mean")))
                .hasMessage("unknown basin id '99999999': not in the attribute tables");
    }

    @Test
    void skipsBasinWithTruncatedRowAndNamesFileLineColumn() throws IOException {
        Path dir = copyWith("camels_topo.txt", 3, "01022500;44.60797;-67.93524;92.68");
        BasinAttributes a = CamelsAttributes.read(dir);
        assertThat(a.contains("01022500")).isFalse();
        assertThat(a.basinIds()).hasSize(670);
        assertThat(a.issues()).extracting(DataIssue::format).containsExactly("ERROR " + dir.resolve("camels_topo.txt")
                + ":3: column 'slope_mean': truncated row: expected 7 fields separated by ';', found 4;"
                + " basin 01022500 skipped");
    }

    @Test
    void rejectsNonNumericTextInNumericColumn() throws IOException {
        Path dir = copyWith("camels_topo.txt", 3, "01022500;44.60797;-67.93524;92.68;17.79072;abc;620.38");
        BasinAttributes a = CamelsAttributes.read(dir);
        assertThat(a.contains("01022500")).isFalse();
        assertThat(a.issues()).extracting(DataIssue::format).containsExactly("ERROR " + dir.resolve("camels_topo.txt")
                + ":3: column 'area_gages2': non-numeric value 'abc' in a numeric column; basin 01022500 skipped");
    }

    @Test
    void rejectsDuplicatedGaugeId() throws IOException {
        Path dir = copyWith("camels_clim.txt", 3, Files.readAllLines(ATTR.resolve("camels_clim.txt")).get(1));
        BasinAttributes a = CamelsAttributes.read(dir);
        assertThat(a.contains("01013500")).isFalse();
        assertThat(a.issues()).extracting(DataIssue::message).anyMatch(m -> m.equals(
                "column 'gauge_id': duplicated gauge id 01013500 (first on line 2); basin 01013500 skipped"));
    }

    @Test
    void warnsWhenATableMissesABasin() throws IOException {
        Path dir = copyWith("camels_soil.txt", 3, null);
        BasinAttributes a = CamelsAttributes.read(dir);
        assertThat(a.contains("01022500")).isTrue();
        assertThat(a.value("01022500", "sand_frac")).isNaN();
        assertThat(a.missingAttributes("01022500")).hasSize(11).contains("sand_frac");
        assertThat(a.issues()).extracting(DataIssue::format).containsExactly("WARN " + dir.resolve("camels_soil.txt")
                + ": basin 01022500 has no row in camels_soil.txt; its 11 attributes from this table are missing (NaN)");
    }

    @Test
    void rejectsMissingHeader() throws IOException {
        Path dir = copyWith("camels_name.txt", 1, null);
        assertThatThrownBy(() -> CamelsAttributes.read(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage(dir.resolve("camels_name.txt") + ":1: column '01013500': missing header: the first line"
                        + " must start with 'gauge_id' but starts with '01013500;01;Fish River near Fort Kent, M...'");
    }

    @Test
    void rejectsWrongDelimiter() throws IOException {
        Path dir = copyAll();
        Path f = dir.resolve("camels_topo.txt");
        Files.writeString(f, Files.readString(f).replace(';', ','));
        assertThatThrownBy(() -> CamelsAttributes.read(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":1: wrong delimiter: expected ';' between fields but the header uses ','");
    }

    @Test
    void rejectsMissingTable() throws IOException {
        Path dir = copyAll();
        Files.delete(dir.resolve("camels_geol.txt"));
        assertThatThrownBy(() -> CamelsAttributes.read(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage(dir.resolve("camels_geol.txt") + ": attribute table missing: expected camels_geol.txt"
                        + " next to the other CAMELS attribute tables");
    }

    private Path copyAll() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("camels_attributes_v2.0"));
        for (String t : CamelsAttributes.TABLES) {
            Files.copy(ATTR.resolve("camels_" + t + ".txt"), dir.resolve("camels_" + t + ".txt"));
        }
        return dir;
    }

    /** Deliberately corrupted copy: line {@code lineNo} (1-based) of one table replaced, or removed when null. */
    private Path copyWith(String table, int lineNo, String replacement) throws IOException {
        Path dir = copyAll();
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(dir.resolve(table)));
        if (replacement == null) {
            lines.remove(lineNo - 1);
        } else {
            lines.set(lineNo - 1, replacement);
        }
        Files.write(dir.resolve(table), lines);
        return dir;
    }
}
