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
import org.hydrodelta.core.model.ModelRegistry;
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
                HydroModel model = ModelRegistry.create(config, stats.nFeatures(), data.dataset().nBasins(),
                        new Gemm(pool), config.training().threads())) {
            Trainer.loadWeights(model, run.latestCheckpoint().orElseThrow());
            long t0 = System.nanoTime();
            AttributeSensitivity.Table fresh = AttributeSensitivity.compute(model,
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

    @Test
    void evaluationComputesItForTheDesktopPresetButAsksBeforeThePaperConfigurationsHour() throws Exception {
        Project project = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
        double[] flops = new double[2];
        int k = 0;
        for (String name : List.of("delta-desktop", "delta-paper")) {
            ExperimentConfig config = project.experiment(name).orElseThrow().config();
            ExperimentData data = ExperimentData.load(project, config, ProgressListener.NONE, CancellationToken.NONE);
            NormalizationStats stats = NormalizationStats.compute(data.dataset(), data.dataset().basinIds(),
                    config.trainPeriod(), ExperimentRunner.forcings(config));
            try (WorkerPool pool = new WorkerPool(1);
                    HydroModel model = ModelRegistry.create(config, stats.nFeatures(), data.dataset().nBasins(),
                            new Gemm(pool), 1)) {
                flops[k++] = AttributeSensitivity.estimatedFlops(model,
                        data.dataset(), data.allRows().length, config.trainPeriod(), config.testPeriod());
            }
        }
        System.out.printf(java.util.Locale.ROOT, "attribute sensitivity work on the 19 sample basins: delta-desktop "
                + "%.2e FLOP, delta-paper %.2e FLOP (auto limit %.0e)%n", flops[0], flops[1],
                AttributeSensitivity.AUTO_LIMIT_FLOPS);
        assertThat(flops[0]).isBetween(1e11, AttributeSensitivity.AUTO_LIMIT_FLOPS);
        // the paper's network on these 19 basins is already over the limit; on its 671 basins 35 times more
        assertThat(flops[1]).isGreaterThan(AttributeSensitivity.AUTO_LIMIT_FLOPS);
    }

    @Test
    void neverRemovesAStaleTableAndModelsWithoutLearnedParametersGetNone() throws Exception {
        Project project = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
        ExperimentConfig config = ExperimentRunnerTest.tiny("delta-hbv", List.of(), 1, 2);
        RunFolder run = ExperimentRunner.train(project, tmp, "tiny", config, ProgressListener.NONE,
                CancellationToken.NONE, TrainingListener.NONE);
        Path csv = ExperimentRunner.evaluate(project, run.dir(), AttributeSensitivity.Mode.ALWAYS,
                ProgressListener.NONE, CancellationToken.NONE).dir().resolve(AttributeSensitivity.FILE_NAME);
        assertThat(csv).isRegularFile();
        ExperimentRunner.evaluate(project, run.dir(), AttributeSensitivity.Mode.NEVER, ProgressListener.NONE,
                CancellationToken.NONE);
        assertThat(csv).as("a re-evaluation without the table does not leave the old one behind").doesNotExist();
    }
}
