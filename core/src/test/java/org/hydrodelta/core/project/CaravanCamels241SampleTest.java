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
}
