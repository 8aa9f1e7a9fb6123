package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.ProjectException;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset's PET choice reaches the loader, is recorded for the run, and a wrong value is refused by key. */
class PetChoiceRunRecordTest {
    private static final Path MAPPING = TestPaths.repoRoot().resolve(
            "core/src/test/resources/caravan-camels-subset/mapping.json");

    @TempDir
    Path tmp;

    private static String record(Map<String, String> options) {
        DatasetRef ref = new DatasetRef("era5", "csv", MAPPING, null, options);
        LoadResult r = ExperimentData.load(ref, null, null, null, ProgressListener.NONE, CancellationToken.NONE);
        return ExperimentRunner.petRecord(new ExperimentData(r.dataset(), r.issues(), ref, r.dataset().basinIds(),
                java.util.List.of()));
    }

    @Test
    void theRunRecordsWherePetCameFrom() {
        assertThat(record(Map.of())).isEqualTo("the data's PET column (computed automatically where a basin has"
                + " none); file: 3 basins");
        assertThat(record(Map.of("pet", "hamon"))).isEqualTo("computed with hamon, even where the data has a PET"
                + " column; hamon: 3 basins");
    }

    @Test
    void aProjectWithAnUnknownPetChoiceIsRefusedNamingTheKey() throws IOException {
        Path file = tmp.resolve("p.hdproj");
        Files.writeString(file, "{\"formatVersion\": 1, \"name\": \"p\", \"created\": \"2026-12-04T00:00:00Z\","
                + " \"modified\": \"2026-12-04T00:00:00Z\", \"datasets\": [{\"name\": \"era5\", \"type\": \"csv\","
                + " \"path\": \"" + MAPPING.toString().replace("\\", "/") + "\", \"options\": {\"pet\": \"penman\"}}]}");
        assertThatThrownBy(() -> ProjectStore.load(file)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("datasets[0].options.pet: 'penman' is not a PET choice (allowed: column, auto,"
                        + " hargreaves, priestley-taylor, hamon)");
    }
}
