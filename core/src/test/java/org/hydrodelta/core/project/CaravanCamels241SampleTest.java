package org.hydrodelta.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.hydrodelta.core.TestPaths;
import org.junit.jupiter.api.Test;

/**
 * The at-scale sample project is what its README says: the 241 basins of the shared data set, the standard CAMELS
 * split with the validation warm-up from the first day of data, Hamon PET, and four valid experiments.
 */
class CaravanCamels241SampleTest {
    private static final Path FILE = TestPaths.sampleProject("caravan-camels-241").resolve("caravan-camels-241.hdproj");

    @Test
    void theSampleListsTheSharedBasinsWithTheStandardSplitAndValidExperiments() throws Exception {
        Project p = ProjectStore.load(FILE);
        assertThat(p.basins()).hasSize(241).doesNotHaveDuplicates();
        assertThat(p.datasets()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo("csv");
            assertThat(d.options()).containsEntry("pet", "hamon");
        });
        assertThat(p.experiments()).extracting(Experiment::name).containsExactly("delta-241", "lstm-241",
                "calibrated-hbv-241", "delta-paper-241");
        for (Experiment e : p.experiments()) {
            ExperimentConfig c = e.config();
            assertThat(c.validate()).as(e.name()).isEmpty();
            assertThat(c.trainPeriod().start()).isEqualTo(LocalDate.of(1999, 10, 1));
            assertThat(c.trainPeriod().lastDay()).isEqualTo(LocalDate.of(2008, 9, 30));
            assertThat(c.validationPeriod().start()).isEqualTo(LocalDate.of(1981, 10, 1));
            assertThat(c.validationPeriod().warmupStart()).isEqualTo(LocalDate.of(1981, 1, 1));
            assertThat(c.testPeriod().start()).isEqualTo(LocalDate.of(1989, 10, 1));
            assertThat(c.testPeriod().lastDay()).isEqualTo(LocalDate.of(1999, 9, 30));
        }
        // the shared data set beside the repository (CI has it) holds exactly these basins
        Path list = TestPaths.repoRoot().resolve("../shared/data/caravan-camels-241/basins.txt").normalize();
        if (Files.isRegularFile(list)) {
            List<String> ids = Files.readAllLines(list).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
            assertThat(p.basins()).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    /**
     * The sample copied elsewhere without its data, as a user copies a project: its mapping's relative paths reach
     * nothing. inspect, training's loader and the attributes fail once, naming the mapping file, the key's line and
     * the folder looked for (they failed in 241 lines calling each basin unknown, or with the attribute file alone);
     * the window's reading of the attributes leaves the dataset out and says why.
     */
    @Test
    void aCopyWithoutItsDataFailsOnceNamingTheMappingsKeyAndThePathLookedFor(
            @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("a/b/c241"));
        for (String f : List.of("caravan-camels-241.hdproj", "mapping.json")) {
            Files.copy(FILE.resolveSibling(f), copy.resolve(f));
        }
        Path file = copy.resolve("caravan-camels-241.hdproj");
        Path mapping = copy.resolve("mapping.json");
        String lookedFor = copy.resolve("../../../shared/data/caravan-camels-241/basins.txt").normalize().toString();
        Project p = ProjectStore.load(file);
        DatasetRef d = p.datasets().get(0);
        org.assertj.core.api.ThrowableAssert.ThrowingCallable[] paths = {
            () -> ProjectDoctor.inspect(file, org.hydrodelta.core.data.LoadOptions.defaults()),
            () -> org.hydrodelta.core.train.ExperimentData.load(d, null, null, null,
                    org.hydrodelta.core.progress.ProgressListener.NONE,
                    org.hydrodelta.core.progress.CancellationToken.NONE),
            () -> ProjectAttributes.of(p)};
        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable c : paths) {
            org.assertj.core.api.Assertions.assertThatThrownBy(c)
                    .isInstanceOf(org.hydrodelta.core.data.DataFormatException.class)
                    .hasMessageStartingWith(mapping + ":3: dataset 'era5-land': \"basinList\": "
                            + "../../../shared/data/caravan-camels-241/basins.txt: " + lookedFor + " does not exist")
                    .hasMessageContaining("relative paths are read from its own folder, " + copy);
        }
        List<String> why = new java.util.ArrayList<>();
        assertThat(ProjectAttributes.available(p, why::add).tables()).isEmpty();
        assertThat(why).singleElement().asString().contains("dataset 'era5-land'").contains(lookedFor);

        // with the basin list and the files' folder found, the attribute table the mapping names is looked for
        String text = Files.readString(mapping).replace("\"../../../shared/data/caravan-camels-241/basins.txt\"",
                "\"" + TestPaths.repoRoot().resolve("../shared/data/caravan-camels-241/basins.txt").normalize() + "\"")
                .replace("\"../../../shared/data/caravan-camels-241/timeseries/", "\"" + TestPaths.repoRoot()
                        .resolve("../shared/data/caravan-camels-241/timeseries").normalize() + "/");
        Files.writeString(mapping, text);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProjectAttributes.of(ProjectStore.load(file)))
                .hasMessageContaining("\"attributes\": ../../../shared/data/caravan-camels-241/attributes.csv: "
                        + copy.resolve("../../../shared/data/caravan-camels-241/attributes.csv").normalize()
                        + " does not exist");
        // a missing mapping file is named as such
        Files.delete(mapping);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProjectAttributes.of(ProjectStore.load(file)))
                .hasMessage(mapping + ": dataset 'era5-land': the dataset's column mapping file does not"
                        + " exist (moved or deleted? import the data again)");
    }

    /**
     * The copy of the sample without its data, pointed at the folder the data are in (as the window's "Locate
     * data" and {@code project locate} do): a folder without the files is refused naming them, nothing written; the
     * data's folder rewrites the mapping (relative to its own folder, the old one kept) and the project loads.
     */
    @Test
    void aCopyWithoutItsDataIsPointedAtItsData(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path data = TestPaths.repoRoot().resolve("../shared/data/caravan-camels-241").normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(data), "the shared data beside the repository");
        Path copy = Files.createDirectories(tmp.resolve("a/b/c241"));
        for (String f : List.of("caravan-camels-241.hdproj", "mapping.json")) {
            Files.copy(FILE.resolveSibling(f), copy.resolve(f));
        }
        Path file = copy.resolve("caravan-camels-241.hdproj");
        Path mapping = copy.resolve("mapping.json");
        String before = Files.readString(mapping);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataRelocation.relocate(file, "era5-land",
                data.resolve("timeseries"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no basinList (basins.txt), files (timeseries/), attributes (attributes.csv)")
                .hasMessageEndingWith("(nothing was changed)");
        assertThat(Files.readString(mapping)).isEqualTo(before);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataRelocation.relocate(file, "nope", data))
                .hasMessageContaining("no dataset 'nope'");

        // the folder above the data's: the data's folder is found by its old name
        String said = DataRelocation.relocate(file, "era5-land", data.getParent());
        assertThat(said).startsWith("dataset 'era5-land' now reads its files from " + data);
        assertThat(Files.readString(copy.resolve("mapping.json.bak"))).isEqualTo(before);
        com.fasterxml.jackson.databind.JsonNode m = ProjectStore.mapper().readTree(mapping.toFile());
        String up = copy.relativize(data).toString();
        assertThat(m.get("basinList").asText()).isEqualTo(up + "/basins.txt");
        assertThat(m.get("files").asText()).isEqualTo(up + "/timeseries/{id}.csv");
        assertThat(m.get("attributes").asText()).isEqualTo(up + "/attributes.csv");
        assertThat(m.get("columns").get("flow").get("column").asText()).as("the rest kept").isEqualTo("streamflow");
        Project p = ProjectStore.load(file);
        p.datasets().get(0).checkAvailable();
        assertThat(ProjectAttributes.of(p).tableFor("01031500").orElseThrow().name("01031500"))
                .contains("Piscataquis");
        assertThat(org.hydrodelta.core.train.ExperimentData.load(p.datasets().get(0), List.of("01031500", "01022500"),
                null, null, org.hydrodelta.core.progress.ProgressListener.NONE,
                org.hydrodelta.core.progress.CancellationToken.NONE).dataset().nBasins()).isEqualTo(2);
    }
}
