package org.hydrodelta.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.data.csv.CsvDatasetLoader;
import org.hydrodelta.core.data.csv.CsvMapping;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A project made from the command line only: project new, import of the committed CSV fixture (a ';'-separated
 * export with dd.MM.yyyy dates and flow in ft³/s) with CAMELS' own ';'-separated attribute tables for the area,
 * with and without a header row, and experiments added, changed and shown with the editor's validation.
 */
class HeadlessProjectTest {
    private static final Path ROOT = Path.of(System.getProperty("hydrodelta.repo.root", ".."));
    private static final Path FIXTURE = ROOT.resolve("core/src/test/resources/csv-fixture/csv");
    private static final Path CAMELS_ATTRS = ROOT.resolve(
            "sample-projects/camels-regions/data/camels-us/camels_attributes_v2.0");

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = HydroDeltaCommand.create();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path newProject() {
        Run r = run("project", "new", tmp.resolve("p").toString(), "--name", "my basins");
        assertThat(r.code()).as(r.err()).isZero();
        Path file = tmp.resolve("p/my-basins.hdproj");
        assertThat(r.out()).contains("project created: " + file);
        assertThat(run("project", "new", tmp.resolve("p").toString(), "--name", "my basins").err())
                .contains("already exists");
        return file;
    }

    @Test
    void importsCamelsAndCaravanFoldersByTheirTypeAndRefusesAnUnknownKind() throws Exception {
        Path project = newProject();
        Run camels = run("import", project.toString(), "camels", ROOT.resolve("sample-projects/camels-regions")
                .toString());
        assertThat(camels.code()).as(camels.err()).isZero();
        Run caravan = run("import", project.toString(), "caravan", ROOT.resolve(
                "core/src/test/resources/caravan-fixture").toString());
        assertThat(caravan.code()).as(caravan.err()).isZero();
        Project p = ProjectStore.load(project);
        assertThat(p.dataset("camels-nldas")).hasValueSatisfying(d -> {
            assertThat(d.type()).isEqualTo("camels-us");
            assertThat(d.forcing()).isEqualTo("nldas");
            assertThat(d.path()).endsWith(Path.of("camels-regions/data/camels-us"));
        });
        assertThat(p.dataset("caravan")).hasValueSatisfying(d -> assertThat(d.type()).isEqualTo("caravan"));
        assertThat(p.basins()).hasSize(21).contains("01013500", "camels_01031500");

        Run wrongProduct = run("import", project.toString(), "camels", ROOT.resolve("sample-projects/camels-regions")
                .toString(), "--forcing", "daymet");
        assertThat(wrongProduct.code()).isNotZero();
        assertThat(wrongProduct.err()).contains("--forcing daymet", "forcing product 'daymet' not found", "nldas");
        Run notCaravan = run("import", project.toString(), "caravan", ROOT.resolve("docs").toString());
        assertThat(notCaravan.err()).contains("no Caravan data (attributes/, timeseries/) here or below");
        Run unknown = run("import", project.toString(), "grdc", ROOT.resolve("docs").toString());
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("KIND must be camels, caravan or csv, not 'grdc'");
    }

    @Test
    void importGuessesTheMappingAsTheDialogDoesAndTakesTheAreaFromCamelsTables() throws Exception {
        Path project = newProject();
        Run r = run("import", project.toString(), "csv", FIXTURE.toString(), "--name", "fixture", "--attributes",
                CAMELS_ATTRS.resolve("camels_topo.txt") + "," + CAMELS_ATTRS.resolve("camels_clim.txt"),
                "--attribute-delimiter", ";", "--area-column", "area_gages2");
        assertThat(r.code()).as(r.err()).isZero();
        // printed for review: the guessed delimiter, date format, roles and units
        assertThat(r.out()).contains("\"delimiter\" : \";\"", "\"dateColumn\" : \"Datum\"",
                "\"dateFormat\" : \"dd.MM.yyyy\"", "\"column\" : \"Q_cfs\"", "\"unit\" : \"ft3/s\"",
                "\"areaColumn\" : \"area_gages2\"", "2 basins, 2 new");
        Project p = ProjectStore.load(project);
        assertThat(p.basins()).containsExactly("01022500", "01031500");
        Path mapping = p.dataset("fixture").orElseThrow().path();
        CsvMapping m = CsvMapping.read(mapping);
        assertThat(m.columns.keySet()).containsExactly("prcp", "tmax", "tmin", "flow");
        LoadResult loaded = new CsvDatasetLoader().load(m, LoadOptions.defaults(), ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(loaded.dataset().nBasins()).isEqualTo(2);
        assertThat(loaded.dataset().attributeNames()).contains("area_gages2", "aridity");
        // ft³/s over CAMELS' 573.6 km² of 01022500: 255 cfs on 2000-01-01 is 255 * 0.0283168 * 86400 / 573.6e3 mm
        assertThat(loaded.dataset().value(Variable.QOBS, 0, 0)).isCloseTo((float) (255 * 0.0283168 * 86400
                / 573.6e3), org.assertj.core.data.Offset.offset(1e-4f));

        // without the area the flow unit is refused before anything is written
        Run noArea = run("import", project.toString(), "csv", FIXTURE.toString(), "--name", "no-area",
                "--attributes", CAMELS_ATTRS.resolve("camels_clim.txt").toString(), "--attribute-delimiter", ";");
        assertThat(noArea.code()).isEqualTo(1);
        assertThat(noArea.err()).contains("needs each basin's area").doesNotContain("Exception");
        assertThat(project.resolveSibling("mappings/no-area.json")).doesNotExist();
    }

    @Test
    void headerlessFilesAreReadWithTheColumnsNamedOnTheCommandLine() throws Exception {
        Path project = newProject();
        Path data = Files.createDirectories(tmp.resolve("export"));
        for (String id : List.of("01022500", "01031500")) {
            List<String> lines = Files.readAllLines(FIXTURE.resolve(id + ".csv"));
            Files.write(data.resolve(id + ".csv"), lines.subList(1, lines.size()));
        }
        Run refused = run("import", project.toString(), "csv", data.toString(), "--no-header");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("--no-header needs --columns");
        Run r = run("import", project.toString(), "csv", data.toString(), "--name", "headerless", "--no-header",
                "--columns", "Datum,P_mm,Tmax_C,Tmin_C,Q_cfs", "--column", "flow=", "--unit", "prcp=mm/d");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"header\" : false", "\"dateFormat\" : \"dd.MM.yyyy\"");
        CsvMapping m = CsvMapping.read(ProjectStore.load(project).dataset("headerless").orElseThrow().path());
        assertThat(m.columns).doesNotContainKey("flow");
        LoadResult loaded = new CsvDatasetLoader().load(m, LoadOptions.defaults(), ProgressListener.NONE,
                CancellationToken.NONE);
        // the first line is data: 2000-01-01 is read, with the header file's first values
        assertThat(loaded.dataset().start()).isEqualTo(java.time.LocalDate.of(2000, 1, 1));
        assertThat(loaded.dataset().value(Variable.TMAX, 0, 0)).isEqualTo(-2.36f);
    }

    @Test
    void experimentsAreAddedChangedAndShownWithTheEditorsValidation() throws Exception {
        Path project = newProject();
        Run add = run("experiment", "add", project.toString(), "std", "trainPeriod=1999-10-01..2008-09-30",
                "validationPeriod=1981-10-01..1989-09-30", "validationPeriod.warmupStart=1981-01-01",
                "testPeriod=1989-10-01..1999-09-30", "training.earlyStopping=3", "network.hiddenSize=64",
                "forcings=prcp,tmean");
        assertThat(add.code()).as(add.err()).isZero();
        Project p = ProjectStore.load(project);
        var c = p.experiment("std").orElseThrow().config();
        assertThat(c.validationPeriod().warmupStart()).isEqualTo(java.time.LocalDate.of(1981, 1, 1));
        assertThat(c.testPeriod().lastDay()).isEqualTo(java.time.LocalDate.of(1999, 9, 30));
        assertThat(c.training().earlyStopping()).isEqualTo(3);
        assertThat(c.network().hiddenSize()).isEqualTo(64);
        assertThat(c.forcings()).containsExactly("prcp", "tmean");

        Run unknown = run("experiment", "set", project.toString(), "std", "training.patience=3");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown key 'training.patience'", "earlyStopping");
        Run overlap = run("experiment", "set", project.toString(), "std", "testPeriod=2005-10-01..2010-09-30");
        assertThat(overlap.err()).contains("testPeriod 2005-10-01 .. 2010-09-30 overlaps trainPeriod");
        Run noValidation = run("experiment", "set", project.toString(), "std", "validationPeriod=");
        assertThat(noValidation.err()).contains("training.earlyStopping needs a validationPeriod");
        // nothing refused was saved; a valid change is, and "key=" restores the default
        Run set = run("experiment", "set", project.toString(), "std", "network.hiddenSize=", "training.epochs=7");
        assertThat(set.code()).as(set.err()).isZero();
        c = ProjectStore.load(project).experiment("std").orElseThrow().config();
        assertThat(c.network().hiddenSize()).isEqualTo(256);
        assertThat(c.training().epochs()).isEqualTo(7);
        assertThat(c.testPeriod().start()).isEqualTo(java.time.LocalDate.of(1989, 10, 1));
        Run show = run("experiment", "show", project.toString(), "std");
        assertThat(show.out()).contains("\"warmupStart\" : \"1981-01-01\"", "\"epochs\" : 7");
        assertThat(run("experiment", "add", project.toString(), "std").err()).contains("already has");
    }
}
