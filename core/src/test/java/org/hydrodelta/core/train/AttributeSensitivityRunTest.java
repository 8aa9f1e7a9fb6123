package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.NormalizationStats;
import org.hydrodelta.core.eval.AttributeSensitivity;
import org.hydrodelta.core.eval.ResultsReader;
import org.hydrodelta.core.model.HydroModel;
import org.hydrodelta.core.model.ModelFactory;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluating a tiny real δ run on the camels-regions sample writes the attribute sensitivities: every basin ×
 * parameter × attribute, finite, equal to a fresh computation from the checkpoint when read back.
 */
class AttributeSensitivityRunTest {
    @TempDir
    Path tmp;

    @Test
    void evaluationWritesTheSensitivityTableOfADeltaRun() throws Exception {
        Project project = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
        ExperimentConfig config = ExperimentRunnerTest.tiny("delta-hbv", List.of("BETA", "BETAET"), 1, 4);
        RunFolder run = ExperimentRunner.train(project, tmp, "tiny", config, ProgressListener.NONE,
                CancellationToken.NONE, TrainingListener.NONE);
        ExperimentRunner.EvaluationResult r = ExperimentRunner.evaluate(project, run.dir(), ProgressListener.NONE,
                CancellationToken.NONE);

        Path csv = r.dir().resolve(AttributeSensitivity.FILE_NAME);
        assertThat(csv).isRegularFile();
        NormalizationStats stats = NormalizationStats.read(run.dir().resolve("normalization.json"));
        List<String> attributes = stats.featureNames().subList(3, stats.nFeatures());
        assertThat(attributes).hasSizeGreaterThan(20).contains("p_mean", "frac_snow", "slope_mean");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("basin_id,parameter,attribute,value");
        assertThat(lines).hasSize(1 + 4 * 13 * attributes.size());
        Set<String> keys = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(Double.parseDouble(f[3])).as(line).isFinite();
            keys.add(f[0] + "/" + f[1] + "/" + f[2]);
        }
        assertThat(keys).as("every basin × parameter × attribute once").hasSize(4 * 13 * attributes.size());

        AttributeSensitivity.Table read = ResultsReader.readSensitivity(csv);
        assertThat(read.basinIds()).containsExactlyElementsOf(r.sim().basinIds());
        assertThat(read.parameters()).containsExactly("BETA", "FC", "K0", "K1", "K2", "LP", "PERC", "UZL", "TT",
                "CFMAX", "CFR", "CWH", "BETAET");
        assertThat(read.attributes()).containsExactlyElementsOf(attributes);

        // recompute from the checkpoint, timed: the file reads back exactly what the computation gives
        ExperimentData data = ExperimentData.load(project, config, ProgressListener.NONE, CancellationToken.NONE);
        try (WorkerPool pool = new WorkerPool(config.training().threads());
                HydroModel model = ModelFactory.create(config, stats.nFeatures(), data.dataset().nBasins(),
                        new Gemm(pool), config.training().threads())) {
            Trainer.loadWeights(model, run.latestCheckpoint().orElseThrow());
            long t0 = System.nanoTime();
            AttributeSensitivity.Table fresh = AttributeSensitivity.compute(model, ModelFactory.hbvConfig(config),
                    stats, data.dataset(), data.allRows(), config.trainPeriod(), config.testPeriod(),
                    ProgressListener.NONE, CancellationToken.NONE).orElseThrow();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "attribute sensitivity of the tiny sample run (%d basins × %d "
                    + "parameters × %d attributes, %d network days, hidden 16, 2 threads): %.2f s%n",
                    fresh.basinIds().size(), fresh.parameters().size(), fresh.attributes().size(),
                    data.endIndex(config.testPeriod()) - data.startIndex(config.trainPeriod()), seconds);
            assertThat(read).isEqualTo(fresh);
        }
        // something actually drives the parameters
        float max = 0;
        for (float[] row : read.meanOverBasins(true)) {
            for (float v : row) {
                max = Math.max(max, v);
            }
        }
        assertThat(max).isGreaterThan(1e-4f);
    }
}
