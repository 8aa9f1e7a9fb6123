package org.hydrodelta.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.doctor.BasinDiagnosis;
import org.hydrodelta.core.data.doctor.DoctorReport;
import org.hydrodelta.core.data.pet.PetChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor follows the project's PET choice, and an explicit choice (`inspect --pet`) overrides it. */
class ProjectDoctorPetTest {
    private static final Path MAPPING = TestPaths.repoRoot().resolve(
            "core/src/test/resources/caravan-camels-subset/mapping.json");

    @TempDir
    Path tmp;

    @Test
    void anExplicitChoiceOverridesTheProjectsAndTheProjectsAppliesOtherwise() throws IOException {
        Path file = tmp.resolve("p.hdproj");
        Files.writeString(file, "{\"formatVersion\": 1, \"name\": \"p\", \"created\": \"2026-12-04T00:00:00Z\","
                + " \"modified\": \"2026-12-04T00:00:00Z\", \"datasets\": [{\"name\": \"era5\", \"type\": \"csv\","
                + " \"path\": \"" + MAPPING.toString().replace("\\", "/") + "\", \"options\": {\"pet\": \"hamon\"}}]}");
        assertThat(methods(ProjectDoctor.inspect(file, LoadOptions.defaults()))).containsOnly("HAMON");
        assertThat(methods(ProjectDoctor.inspect(file, LoadOptions.defaults(), PetChoice.parse("column"))))
                .containsOnly("file");
        // Hargreaves needs Tmax and Tmin, which this forcing lacks: the doctor says so and uses what can be computed
        DoctorReport hargreaves = ProjectDoctor.inspect(file, LoadOptions.defaults(), PetChoice.parse("hargreaves"));
        assertThat(methods(hargreaves)).containsOnly("HAMON");
        assertThat(hargreaves.issues()).anySatisfy(i -> assertThat(i.format()).containsIgnoringCase("hargreaves"));
    }

    private static java.util.List<String> methods(DoctorReport r) {
        assertThat(r.basins()).hasSize(3);
        return r.basins().stream().map(BasinDiagnosis::petMethod).map(String::valueOf).toList();
    }
}
