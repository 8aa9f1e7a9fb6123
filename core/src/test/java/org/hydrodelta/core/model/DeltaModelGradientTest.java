package org.hydrodelta.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.NormalizationStats;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.hbv.HbvConfig;
import org.hydrodelta.core.nn.Parameter;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.train.ExperimentData;
import org.junit.jupiter.api.Test;

/**
 * The whole chain, network → sigmoid → HBV (dynamic β and γ, warm-up, 2 components) → routing → loss, on real
 * winter-to-summer forcing of two Maine basins: the gradient of the loss with respect to network weights agrees
 * with central finite differences.
 */
class DeltaModelGradientTest {
    @Test
    void endToEndGradientMatchesFiniteDifferences() throws Exception {
        Maine maine = twoMaineBasins();
        BatchAssembler asm = maine.asm();
        // window 1994-01-01 .. 1994-04-30 after 30 warm-up days: snow, melt and spring flow
        int first = maine.first();
        Batch batch = asm.assemble(new int[] {0, 1}, new int[] {first, first}, 30, 120);

        try (WorkerPool pool = new WorkerPool(1);
                DeltaModel model = new DeltaModel(new org.hydrodelta.core.hbv.HbvModel(HbvConfig.dynamicBetaGamma(2)), asm.nInputs(), 6, 0f, 11L,
                        new Gemm(pool), 2, 30, 120, new org.hydrodelta.core.loss.RmseCombLoss(), 1)) {
            List<Parameter> params = model.parameters();
            params.forEach(Parameter::zeroGrad);
            double loss0 = model.trainStep(batch).value();
            assertThat(loss0).isFinite().isPositive();

            record Entry(Parameter p, int i, double grad) {
            }
            List<Entry> entries = new ArrayList<>();
            for (Parameter p : params) {
                for (int i = 0; i < p.size(); i++) {
                    entries.add(new Entry(p, i, p.grad()[i]));
                }
            }
            entries.sort(Comparator.comparingDouble(e -> -Math.abs(e.grad())));
            int checked = 0;
            int agreed = 0;
            for (Entry e : entries.subList(0, 24)) {
                float[] w = e.p().value();
                float orig = w[e.i()];
                float h = 2e-3f;
                w[e.i()] = orig + h;
                double up = model.trainStep(batch).value();
                w[e.i()] = orig - h;
                double down = model.trainStep(batch).value();
                w[e.i()] = orig;
                double fd = (up - down) / (2.0 * ((double) (orig + h) - orig));
                checked++;
                if (Math.abs(fd - e.grad()) <= 0.05 * Math.abs(e.grad()) + 1e-4) {
                    agreed++;
                }
            }
            // float32 finite differences can straddle a min/max kink of the HBV for an odd weight
            assertThat(agreed).as("weights whose gradient matches finite differences").isGreaterThanOrEqualTo(
                    checked - 2);
            assertThat(Math.abs(entries.get(0).grad())).isGreaterThan(1e-3);
        }
    }

    /**
     * Training hands the window days' dynamic parameters to the kernel as a compact block (see
     * {@code DeltaModel.forwardTrain}): the loss and every gradient are bit for bit those of the kernel reading them
     * from u's rows, with 16 components (the kernel's vector loops read the block) and with 2 (its passes of their
     * own), and dropout on.
     */
    @Test
    void theDynamicBlockGivesTheBitsOfUsRows() throws Exception {
        Maine maine = twoMaineBasins();
        BatchAssembler asm = maine.asm();
        int first = maine.first();
        Batch batch = asm.assemble(new int[] {0, 1, 0}, new int[] {first, first + 40, first + 80}, 30, 120);
        for (int nmul : new int[] {16, 2}) {
            double[] loss = new double[2];
            float[][][] grads = new float[2][][];
            for (int v = 0; v < 2; v++) {
                try (WorkerPool pool = new WorkerPool(1);
                        DeltaModel model = new DeltaModel(
                                new org.hydrodelta.core.hbv.HbvModel(HbvConfig.dynamicBetaGamma(nmul)), asm.nInputs(), 8,
                                0.5f, 7L, new Gemm(pool), 3, 30, 120, new org.hydrodelta.core.loss.RmseCombLoss(), 1)) {
                    model.blockEnabled = v == 0;
                    model.parameters().forEach(Parameter::zeroGrad);
                    loss[v] = model.trainStep(batch).value();
                    assertThat(model.lastTookBlock()).as("M=%d, block enabled %s", nmul, v == 0).isEqualTo(v == 0);
                    grads[v] = model.parameters().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
                }
            }
            assertThat(loss[0]).as("loss, M=%d", nmul).isFinite().isEqualTo(loss[1]);
            for (int p = 0; p < grads[0].length; p++) {
                assertThat(grads[0][p]).as("gradient %d, M=%d", p, nmul).isEqualTo(grads[1][p]);
            }
            assertThat(java.util.Arrays.stream(grads[0]).mapToDouble(g -> {
                double m = 0;
                for (float x : g) {
                    m = Math.max(m, Math.abs(x));
                }
                return m;
            }).max().orElse(0)).as("largest gradient, M=%d", nmul).isGreaterThan(1e-4);
        }
    }

    /** Inputs of 01013500 and 01022500 (training 1993-1995), and the day 1993-12-02 where the batches start. */
    private record Maine(BatchAssembler asm, int first) {
    }

    private static Maine twoMaineBasins() throws Exception {
        Project project = ProjectStore.load(TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj"));
        ExperimentConfig c = new ExperimentConfig("delta-hbv", null, List.of("01013500", "01022500"),
                Period.inclusive(LocalDate.of(1993, 10, 1), LocalDate.of(1995, 9, 30)), null,
                Period.inclusive(LocalDate.of(1995, 10, 1), LocalDate.of(1996, 9, 30)), 30, 120, null, null, null, null,
                null);
        ExperimentData data = ExperimentData.load(project, c, ProgressListener.NONE, CancellationToken.NONE);
        NormalizationStats stats = NormalizationStats.compute(data.dataset(), data.dataset().basinIds(),
                c.trainPeriod(), List.of(Variable.PRCP, Variable.TMEAN, Variable.PET));
        return new Maine(new BatchAssembler(data.dataset(), stats, true),
                data.dataset().dayIndex(LocalDate.of(1993, 12, 2)));
    }
}
