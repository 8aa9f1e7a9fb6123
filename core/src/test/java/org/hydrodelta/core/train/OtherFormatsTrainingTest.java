package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Users' own data trains the same way as CAMELS: a δ model on the Caravan-layout and CSV-mapping fixtures
 * (two real basins, year 2000, converted from CAMELS rows), trained and evaluated end to end.
 */
class OtherFormatsTrainingTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"caravan, caravan-fixture, camels_", "csv, csv-fixture/mapping.json, ''"})
    void trainsAndEvaluatesADeltaModel(String type, String path, String prefix) throws Exception {
        String firstBasin = prefix + "01022500";
        Path data = TestPaths.repoRoot().resolve("core/src/test/resources").resolve(path);
        Project p = new Project(type);
        p.datasets().add(new DatasetRef("own", type, data, null, null));
        p.basins().addAll(List.of(firstBasin, prefix + "01031500"));
        ExperimentConfig c = new ExperimentConfig("delta-hbv", "own", null,
                Period.inclusive(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 8, 31)), null,
                Period.inclusive(LocalDate.of(2000, 9, 1), LocalDate.of(2000, 12, 31)), 30, 60, null, null,
                new ExperimentConfig.Hbv(2, List.of("BETA"), true, true), new ExperimentConfig.Network("lstm", 8, 0.0),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 1, 2, 4, 5L, 1, null));
        ExperimentData d = ExperimentData.load(p, c, ProgressListener.NONE, CancellationToken.NONE);
        assertThat(d.dataset().basinIds()).hasSize(2).first().isEqualTo(firstBasin);
        RunFolder run = ExperimentRunner.train(p, tmp, "own", c, ProgressListener.NONE, CancellationToken.NONE,
                TrainingListener.NONE);
        ExperimentRunner.EvaluationResult r = ExperimentRunner.evaluate(p, run.dir(), ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(Files.readAllLines(r.dir().resolve("metrics.csv"))).hasSize(3);
        assertThat(r.median("nse")).isFinite();
        assertThat(r.sim().nDays()).isEqualTo(122);
    }
}
