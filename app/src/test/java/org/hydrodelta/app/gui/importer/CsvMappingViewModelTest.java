package org.hydrodelta.app.gui.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.data.csv.CsvDatasetLoader;
import org.hydrodelta.core.data.csv.CsvMapping;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMappingViewModelTest {
    private static final Path FIXTURE = Path.of(System.getProperty("hydrodelta.repo.root"))
            .resolve("core/src/test/resources/csv-fixture");

    @TempDir
    Path tmp;
    private Path data;
    private Path mappings;

    /** The fixture's CSV and attributes files, without its mapping.json and basins.txt. */
    @BeforeEach
    void copyFixture() throws IOException {
        data = tmp.resolve("csv-fixture");
        Files.createDirectories(data.resolve("csv"));
        for (String n : List.of("attributes.csv", "csv/01022500.csv", "csv/01031500.csv")) {
            Files.copy(FIXTURE.resolve(n), data.resolve(n));
        }
        mappings = tmp.resolve("project/mappings");
    }

    private CsvMappingViewModel open() {
        CsvMappingViewModel vm = new CsvMappingViewModel(mappings, new Project("p"));
        vm.open(data.resolve("csv/01022500.csv"));
        return vm;
    }

    @Test
    void guessesTheFixturesLayoutFromOneFile() {
        CsvMappingViewModel vm = open();
        assertThat(vm.folderProperty().get()).isEqualTo(data.resolve("csv"));
        assertThat(vm.patternProperty().get()).isEqualTo("{id}.csv");
        assertThat(vm.basins()).containsExactly("01022500", "01031500");
        assertThat(vm.previewBasinProperty().get()).isEqualTo("01022500");
        assertThat(vm.delimiterProperty().get()).isEqualTo(";");
        assertThat(vm.columns()).containsExactly("Datum", "P_mm", "Tmax_C", "Tmin_C", "Q_cfs");
        assertThat(vm.dateColumnProperty().get()).isEqualTo("Datum");
        assertThat(vm.dateFormatProperty().get()).isEqualTo("dd.MM.yyyy");
        assertThat(vm.columnProperty("prcp").get()).isEqualTo("P_mm");
        assertThat(vm.unitProperty("prcp").get()).isEqualTo("mm/d");
        assertThat(vm.columnProperty("flow").get()).isEqualTo("Q_cfs");
        assertThat(vm.unitProperty("flow").get()).isEqualTo("ft3/s");
        assertThat(vm.columnProperty("tmax").get()).isEqualTo("Tmax_C");
        assertThat(vm.columnProperty("tmin").get()).isEqualTo("Tmin_C");
        assertThat(vm.unitProperty("tmin").get()).isEqualTo("degC");
        assertThat(vm.columnProperty("tmean").get()).isEqualTo(CsvMappingViewModel.NONE);
        assertThat(vm.columnProperty("pet").get()).isEqualTo(CsvMappingViewModel.NONE);
        assertThat(vm.attributesProperty().get()).isEqualTo(data.resolve("attributes.csv"));
        assertThat(vm.datasetNameProperty().get()).isEqualTo("csv-fixture");
        assertThat(vm.problems()).isEmpty();
    }

    @Test
    void guessesRolesAndUnitsFromHeaderNames() {
        assertThat(CsvMappingViewModel.guessRole("precip")).isEqualTo("prcp");
        assertThat(CsvMappingViewModel.guessRole("total_precipitation_sum")).isEqualTo("prcp");
        assertThat(CsvMappingViewModel.guessRole("temperature_2m_max")).isEqualTo("tmax");
        assertThat(CsvMappingViewModel.guessRole("Tmean")).isEqualTo("tmean");
        assertThat(CsvMappingViewModel.guessRole("PET")).isEqualTo("pet");
        assertThat(CsvMappingViewModel.guessRole("discharge_m3s")).isEqualTo("flow");
        assertThat(CsvMappingViewModel.guessRole("Datum")).isNull();
        assertThat(CsvMappingViewModel.guessUnit("flow", "discharge_m3s")).isEqualTo("m3/s");
        assertThat(CsvMappingViewModel.guessUnit("flow", "Q_cfs")).isEqualTo("ft3/s");
        assertThat(CsvMappingViewModel.guessUnit("flow", "qobs")).isEqualTo("mm/d");
        assertThat(CsvMappingViewModel.guessUnit("tmax", "Tmax_F")).isEqualTo("degF");
        assertThat(CsvMappingViewModel.guessUnit("prcp", "P_in")).isEqualTo("in/d");
    }

    @Test
    void previewsTheFirstRowsInModelUnits() {
        CsvMappingViewModel vm = open();
        assertThat(vm.previewColumns()).containsExactly("line", "date", "prcp (mm/d)", "tmax (°C)", "tmin (°C)",
                "flow (mm/d)");
        assertThat(vm.previewRows()).hasSize(CsvMappingViewModel.PREVIEW_ROWS);
        // csv line 2: 01.01.2000;0.00;-2.36;-14.36;255.00, area 573.6 km² in attributes.csv:
        // 255 ft³/s × 0.0283168 m³/ft³ × 86400 s/d / 573.6e6 m² × 1000 mm/m = 1.08765 mm/d
        assertThat(vm.previewRows().get(0)).containsExactly("2", "2000-01-01", "0.000", "-2.360", "-14.360", "1.088");
        assertThat(vm.previewRows().get(2).get(2)).isEqualTo("5.500");

        // without the attributes file the flow cannot be converted
        vm.attributesProperty().set(null);
        assertThat(vm.previewRows().get(0).get(5)).isEqualTo("needs area");
        assertThat(vm.problems()).anyMatch(p -> p.contains("Flow in ft3/s needs each basin's area"));
        // in mm/d it needs no area, but reading cfs as mm/d is caught by the import's magnitude check
        vm.unitProperty("flow").set("mm/d");
        assertThat(vm.previewRows().get(0).get(5)).isEqualTo("255.000");
        assertThat(vm.problems()).singleElement().asString().startsWith(data.resolve("csv/01022500.csv")
                + ": basin 01022500: flow in the wrong unit?").endsWith("column 'Q_cfs' read as mm/d");
        vm.unitProperty("flow").set("ft3/s");
        vm.attributesProperty().set(data.resolve("attributes.csv"));
        assertThat(vm.problems()).isEmpty();
    }

    @Test
    void flowNeedsTheAreaOfThePreviewedBasin() throws IOException {
        Path attrs = tmp.resolve("other-attributes.csv");
        List<String> lines = Files.readAllLines(data.resolve("attributes.csv"));
        Files.write(attrs, List.of(lines.get(0), lines.get(2)));
        CsvMappingViewModel vm = open();
        vm.attributesProperty().set(attrs);
        assertThat(vm.previewRows().get(0).get(5)).isEqualTo("needs area");
        Path f = data.resolve("csv/01022500.csv");
        assertThat(vm.problems()).contains(f + ": column 'Q_cfs': flow in ft3/s needs the basin area:"
                + " no 'area' (km²) for basin 01022500 in the attributes file");
    }

    @Test
    void reportsBadRowsWithFileLineAndField() throws IOException {
        Path f = data.resolve("csv/01022500.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(4, "04.01.2000;x;10.43;-2.10;359.00");
        lines.set(5, "2000-01-05;0.00;10.43;-2.10;359.00");
        lines.set(6, "06.01.2000;0.00;10.43");
        Files.write(f, lines);
        CsvMappingViewModel vm = open();
        assertThat(vm.dateFormatProperty().get()).isEqualTo("dd.MM.yyyy");
        assertThat(vm.problems()).containsExactly(f + ":5: column 'P_mm': non-numeric value 'x'",
                f + ":6: column 'Datum': invalid date '2000-01-05'",
                f + ":7: column 'Tmin_C': truncated line: expected 5 fields, found 3");
        assertThat(vm.previewRows().get(3)).containsExactly("5", "2000-01-04", "missing", "10.430", "-2.100",
                "1.531");
        assertThat(vm.previewRows().get(4).get(1)).isEqualTo("?");
        assertThatThrownBy(vm::save).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readsTheWholePreviewedFileAsTheImportWill() throws IOException {
        Path f = data.resolve("csv/01022500.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(199, lines.get(199).replaceFirst(";[0-9.]+;", ";-3.00;"));
        Files.write(f, lines);
        CsvMappingViewModel vm = open();
        assertThat(vm.problems()).singleElement().asString().startsWith(f + ":200: basin 01022500: column 'P_mm':"
                + " negative precipitation -3.0");
        // the other basin's file is fine
        vm.previewBasinProperty().set("01031500");
        assertThat(vm.problems()).isEmpty();
    }

    @Test
    void explainsMissingPrecipitationDuplicateColumnsAndWrongDelimiter() {
        CsvMappingViewModel vm = open();
        vm.columnProperty("pet").set("Q_cfs");
        assertThat(vm.problems()).contains("Column 'Q_cfs' is used for both role 'pet' and role 'flow'");
        vm.columnProperty("pet").set(CsvMappingViewModel.NONE);
        vm.columnProperty("prcp").set(CsvMappingViewModel.NONE);
        assertThat(vm.problems()).containsExactly("Map the precipitation column (role 'prcp')");
        vm.columnProperty("prcp").set("P_mm");
        vm.unitProperty("prcp").set("cm/d");
        assertThat(vm.problems()).containsExactly("Role 'prcp': unknown unit 'cm/d'; use one of [mm/d, in/d]");
        vm.unitProperty("prcp").set("mm/d");
        vm.delimiterProperty().set(",");
        assertThat(vm.problems()).anyMatch(p -> p.startsWith(data.resolve("csv/01022500.csv")
                + ":1: only one column when split at ','"));
        vm.delimiterProperty().set(";");
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.columnProperty("flow").get()).isEqualTo("Q_cfs");
    }

    @Test
    void savedMappingLoadsLikeTheFixturesOwnMapping() {
        CsvMappingViewModel vm = open();
        Path file = vm.save();
        assertThat(file).isEqualTo(mappings.resolve("csv-fixture.json"));
        assertThat(mappings.resolve("csv-fixture-basins.txt")).exists();
        CsvMapping m = CsvMapping.read(file);
        assertThat(m.files).isEqualTo("../../csv-fixture/csv/{id}.csv");
        assertThat(m.attributes).isEqualTo("../../csv-fixture/attributes.csv");
        assertThat(m.basinList).isEqualTo("csv-fixture-basins.txt");
        assertThat(m.delimiter).isEqualTo(";");
        assertThat(m.dateFormat).isEqualTo("dd.MM.yyyy");

        BasinDataset mine = load(m);
        BasinDataset theirs = load(CsvMapping.read(FIXTURE.resolve("mapping.json")));
        assertThat(mine.basinIds()).containsExactlyElementsOf(theirs.basinIds()).hasSize(2);
        assertThat(mine.start()).isEqualTo(theirs.start());
        assertThat(mine.nDays()).isEqualTo(theirs.nDays());
        assertThat(mine.variables()).isEqualTo(theirs.variables());
        for (Variable v : theirs.variables()) {
            for (int b = 0; b < theirs.nBasins(); b++) {
                assertThat(mine.series(v, b)).as(v + " basin " + b).containsExactly(theirs.series(v, b));
            }
        }
        assertThat(mine.attributeNames()).isEqualTo(theirs.attributeNames());

        // the same name cannot be saved twice
        assertThat(vm.problems()).singleElement().asString().contains("already exists");

        // and the import dialog imports it as a "csv" dataset
        Project p = new Project("p");
        ImportViewModel ivm = new ImportViewModel(p, tmp.resolve("project"));
        assertThat(ivm.mappingsDir()).isEqualTo(mappings);
        ivm.useCsvMapping(file, "csv-fixture");
        assertThat(ivm.basins()).containsExactly("01022500", "01031500");
        assertThat(ivm.problemProperty().get()).isEmpty();
        ivm.apply();
        assertThat(p.datasets()).singleElement().extracting(DatasetRef::name, DatasetRef::type, DatasetRef::path)
                .containsExactly("csv-fixture", "csv", file);
        assertThat(p.basins()).containsExactly("01022500", "01031500");
    }

    @Test
    void needsAFolderWhileTheProjectIsUnsaved() {
        CsvMappingViewModel vm = new CsvMappingViewModel(null, new Project("p"));
        vm.open(data.resolve("csv"));
        assertThat(vm.basins()).containsExactly("01022500", "01031500");
        assertThat(vm.problems()).containsExactly("The project has not been saved yet: save it first, or choose a"
                + " folder for the mapping");
        vm.saveDirProperty().set(tmp.resolve("elsewhere"));
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.save()).exists();
    }

    private static BasinDataset load(CsvMapping m) {
        LoadResult r = new CsvDatasetLoader().load(m, LoadOptions.defaults(), ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(r.hasErrors()).isFalse();
        return r.dataset();
    }
}
