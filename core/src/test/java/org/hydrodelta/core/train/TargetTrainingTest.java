package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.NormalizationStats;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.data.auxiliary.ObservationSpec;
import org.hydrodelta.core.model.Batch;
import org.hydrodelta.core.model.BatchAssembler;
import org.hydrodelta.core.model.HydroModel;
import org.hydrodelta.core.model.ModelRegistry;
import org.hydrodelta.core.nn.Parameter;
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
 * Training on streamflow plus the CAMELS Snow-17 snow water equivalent of the Piscataquis sample (issue 18): the
 * gradient of the two-target loss through the δ model, the calibrated HBV and the LSTM's extra head agrees with
 * finite differences on real winter windows; the SWE term changes the gradient; refusals name what is wrong.
 */
class TargetTrainingTest {
    @TempDir
    Path tmp;

    private static final List<ExperimentConfig.Target> FLOW_AND_SWE = List.of(
            new ExperimentConfig.Target(null, "flow", "rmse-comb", 1.0, null),
            new ExperimentConfig.Target("SNOWPACK+MELTWATER", "swe_snow17", "rmse", 0.5, "standardised"));

    private static ExperimentConfig config(String model, List<ExperimentConfig.Target> targets) {
        return new ExperimentConfig(model, null, null,
                Period.inclusive(LocalDate.of(1985, 10, 1), LocalDate.of(1987, 9, 30)), null,
                Period.inclusive(LocalDate.of(1995, 10, 1), LocalDate.of(1996, 9, 30)), 30, 120, null,
                "lstm".equals(model) ? null : null, new ExperimentConfig.Hbv(2, List.of(), false, true),
                new ExperimentConfig.Network("lstm", 6, 0.0), new ExperimentConfig.Training("rmse-comb", 0.25, null,
                        null, null, 2, null, 11L, 1, null)).withTargets(targets);
    }

    private static Project piscataquis() throws Exception {
        return ProjectStore.load(TestPaths.sampleProject("piscataquis-01031500").resolve("piscataquis.hdproj"));
    }

    /** Two windows of January to April (snow, melt) of 01031500 with the Snow-17 SWE beside the flow. */
    private static Batch winterBatch(ExperimentConfig c, ExperimentData data) {
        AuxiliaryTargets aux = AuxiliaryTargets.load(c, data);
        NormalizationStats stats = NormalizationStats.compute(data.dataset(), data.dataset().basinIds(),
                c.trainPeriod(), ExperimentRunner.forcings(c));
        BatchAssembler asm = new BatchAssembler(data.dataset(), stats, !"calibrated-hbv".equals(c.model()))
                .withAuxiliary(aux.observations(), aux.trainingSd(data));
        int a = data.dataset().dayIndex(LocalDate.of(1985, 12, 2));
        int b = data.dataset().dayIndex(LocalDate.of(1986, 12, 2));
        return asm.assemble(new int[] {0, 0}, new int[] {a, b}, 30, 120);
    }

    @Test
    void twoTargetGradientsMatchFiniteDifferencesForEveryModelKind() throws Exception {
        Project project = piscataquis();
        for (String model : List.of("delta-hbv", "calibrated-hbv", "lstm")) {
            ExperimentConfig c = config(model, "lstm".equals(model) ? List.of(
                    new ExperimentConfig.Target(null, "flow", "rmse-comb", 1.0, null),
                    new ExperimentConfig.Target("SWE", "swe_snow17", "rmse", 0.5, "standardised")) : FLOW_AND_SWE);
            assertThat(c.validate()).as(model).isEmpty();
            ExperimentData data = ExperimentData.load(project, c, ProgressListener.NONE, CancellationToken.NONE);
            Batch batch = winterBatch(c, data);
            float[] swe = batch.auxiliary().get("swe_snow17").values();
            assertThat(java.util.stream.IntStream.range(0, swe.length).filter(i -> swe[i] > 50).count())
                    .as("days with more than 50 mm of Snow-17 SWE").isGreaterThan(40);
            int nIn = c.forcings().size() + c.attributes().size();
            try (WorkerPool pool = new WorkerPool(1);
                    HydroModel m = ModelRegistry.create(c, nIn, 1, new Gemm(pool), 1);
                    HydroModel flowOnly = ModelRegistry.create(config(model, null), nIn, 1, new Gemm(pool), 1)) {
                double agreed = fdAgreement(m, batch);
                assertThat(agreed).as(model + ": share of the largest gradients matching finite differences")
                        .isGreaterThanOrEqualTo(0.9);
                // the SWE term is in the gradient: it differs from the flow-only model's (same initial weights)
                m.parameters().forEach(Parameter::zeroGrad);
                flowOnly.parameters().forEach(Parameter::zeroGrad);
                HydroModel.LossValue two = m.trainStep(batch);
                HydroModel.LossValue one = flowOnly.trainStep(batch);
                assertThat(two.count()).as(model + ": SWE days add to the count").isGreaterThan(one.count());
                assertThat(two.value()).isGreaterThan(one.value());
                if (!"lstm".equals(model)) {
                    assertThat(m.parameters().get(0).grad()).as(model).isNotEqualTo(flowOnly.parameters().get(0)
                            .grad());
                }
            }
        }
    }

    /**
     * The δ model's auxiliary path end to end with gaps: flow (rmse-comb) and the standardised Snow-17 SWE against
     * {@code SNOWPACK+MELTWATER}, both with NaN observations (sample 0 has no SWE at all, sample 1 has its first 40
     * flow days and every third SWE day missing). The masked days must leave the loss and the gradient (which then
     * differ from the unmasked batch's), and the analytic gradient of trainStep through the masked standardised term,
     * the HBV states and the network must match central finite differences on the largest network weights. The SWE
     * term is weighted up (2.0) so that it carries a large share of the gradient checked.
     */
    @Test
    void deltaModelGradientWithMaskedStandardisedSweMatchesFiniteDifferences() throws Exception {
        List<ExperimentConfig.Target> targets = List.of(
                new ExperimentConfig.Target(null, "flow", "rmse-comb", 1.0, null),
                new ExperimentConfig.Target("SNOWPACK+MELTWATER", "swe_snow17", "rmse", 2.0, "standardised"));
        ExperimentConfig c = config("delta-hbv", targets);
        assertThat(c.validate()).isEmpty();
        ExperimentData data = ExperimentData.load(piscataquis(), c, ProgressListener.NONE, CancellationToken.NONE);
        Batch full = winterBatch(c, data);
        int b = full.size();
        float[] flow = full.obs().clone();
        org.hydrodelta.core.loss.TargetLoss.Observed sweFull = full.auxiliary().get("swe_snow17");
        float[] swe = sweFull.values().clone();
        for (int d = 0; d < full.window(); d++) {
            swe[d * b] = Float.NaN;
            if (d % 3 == 0) {
                swe[d * b + 1] = Float.NaN;
            }
            if (d < 40) {
                flow[d * b + 1] = Float.NaN;
            }
        }
        int observed = 0;
        for (int i = 0; i < flow.length; i++) {
            observed += (Float.isNaN(flow[i]) ? 0 : 1) + (Float.isNaN(swe[i]) ? 0 : 1);
        }
        Batch masked = new Batch(b, full.warmup(), full.window(), full.basins(), full.input(), full.forcing(), flow,
                java.util.Map.of("swe_snow17", new org.hydrodelta.core.loss.TargetLoss.Observed(swe,
                        sweFull.sd())));
        int nIn = c.forcings().size() + c.attributes().size();
        try (WorkerPool pool = new WorkerPool(1); HydroModel m = ModelRegistry.create(c, nIn, 1, new Gemm(pool), 1)) {
            m.parameters().forEach(Parameter::zeroGrad);
            HydroModel.LossValue all = m.trainStep(full);
            float[] gAll = m.parameters().get(0).grad().clone();
            m.parameters().forEach(Parameter::zeroGrad);
            HydroModel.LossValue some = m.trainStep(masked);
            assertThat(some.count()).as("observations that entered the loss").isEqualTo(observed)
                    .isLessThan(all.count());
            assertThat(some.value()).isFinite().isNotEqualTo(all.value());
            assertThat(m.parameters().get(0).grad()).as("masked days leave the gradient").isNotEqualTo(gAll);
            assertThat(fdAgreement(m, masked)).as("share of the largest gradients matching finite differences")
                    .isGreaterThanOrEqualTo(0.9);
        }
    }

    /** Central differences on the 20 largest gradient entries; returns the share within 5 %. */
    private static double fdAgreement(HydroModel m, Batch batch) {
        List<Parameter> params = m.parameters();
        params.forEach(Parameter::zeroGrad);
        assertThat(m.trainStep(batch).value()).isFinite().isPositive();
        record Entry(Parameter p, int i, double grad) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Parameter p : params) {
            for (int i = 0; i < p.size(); i++) {
                entries.add(new Entry(p, i, p.grad()[i]));
            }
        }
        entries.sort(Comparator.comparingDouble(e -> -Math.abs(e.grad())));
        assertThat(Math.abs(entries.get(0).grad())).isGreaterThan(1e-3);
        int agreed = 0;
        List<Entry> top = entries.subList(0, Math.min(20, entries.size()));
        for (Entry e : top) {
            float[] w = e.p().value();
            float orig = w[e.i()];
            float h = 2e-3f;
            w[e.i()] = orig + h;
            double up = m.trainStep(batch).value();
            w[e.i()] = orig - h;
            double down = m.trainStep(batch).value();
            w[e.i()] = orig;
            double fd = (up - down) / ((double) (orig + h) - (orig - h));
            if (Math.abs(fd - e.grad()) <= 0.05 * Math.abs(e.grad()) + 1e-4) {
                agreed++;
            }
        }
        return (double) agreed / top.size();
    }

    @Test
    void targetsSurviveSavingAndAbsentTargetsStayOutOfTheFile() throws Exception {
        Project p = piscataquis();
        Path file = tmp.resolve("copy.hdproj");
        ProjectStore.save(p, file);
        String text = Files.readString(file);
        Project again = ProjectStore.load(file);
        ExperimentConfig swe = again.experiments().stream().filter(e -> e.name().equals("calibrated-hbv-swe"))
                .findFirst().orElseThrow().config();
        assertThat(swe.targets()).hasSize(2);
        assertThat(swe.targets().get(1)).isEqualTo(new ExperimentConfig.Target("SNOWPACK+MELTWATER", "swe_snow17",
                "rmse", 0.05, "standardised"));
        assertThat(again.experiments().stream().filter(e -> e.name().equals("calibrated-hbv")).findFirst()
                .orElseThrow().config().targets()).isNull();
        assertThat(text).doesNotContain("\"flow\" :").contains("\"observation.swe_snow17\"");
        assertThat(ModelRegistry.targetLoss(ExperimentConfig.defaults())).isNull();
    }

    @Test
    void refusalsNameTheTargetAndWhatIsAllowed() throws Exception {
        // an output the model does not produce: named, with the allowed ones
        ExperimentConfig noSuch = config("delta-hbv", List.of(new ExperimentConfig.Target(null, "flow", null, null,
                null), new ExperimentConfig.Target("SNOWDEPTH", "swe_snow17", null, 0.2, null)));
        assertThat(String.join("; ", noSuch.validate())).contains("targets[2].output").contains("SNOWDEPTH")
                .contains("SNOWPACK").contains("Q2");
        // HBV 1.1p's kernel takes a gradient on discharge only
        ExperimentConfig p11 = new ExperimentConfig("delta-hbv-1.1p", null, null, null, null, null, null, null, null,
                null, new ExperimentConfig.Hbv(1, List.of(), true, true), null, null).withTargets(FLOW_AND_SWE);
        assertThat(String.join("; ", p11.validate())).contains("targets[2].output").contains("delta-hbv-1.1p");
        // units that cannot be converted
        assertThatThrownBy(() -> ObservationSpec.parse("swe", "column:snow_depth_water_equivalent_mean:K:swe"))
                .hasMessageContaining("unit 'K' cannot be converted").hasMessageContaining("mm");
        assertThatThrownBy(() -> ObservationSpec.parse("et", "column:total_evaporation_sum:mm:et"))
                .hasMessageContaining("cannot be converted for kind 'et'");
        // an observation the dataset does not declare
        Project project = piscataquis();
        ExperimentConfig undeclared = config("delta-hbv", List.of(new ExperimentConfig.Target(null, "flow", null,
                null, null), new ExperimentConfig.Target("SM", "smap", null, null, null)));
        ExperimentData data = ExperimentData.load(project, undeclared, ProgressListener.NONE, CancellationToken.NONE);
        assertThatThrownBy(() -> AuxiliaryTargets.load(undeclared, data)).hasMessageContaining("targets[2]")
                .hasMessageContaining("'smap'").hasMessageContaining("swe_snow17");
        // the same message without loading data (what the experiment editor shows as the form changes)
        assertThat(AuxiliaryTargets.undeclared(undeclared, project.datasets().get(0))).singleElement().asString()
                .startsWith("targets[2].observation: dataset").contains("'smap'").contains("swe_snow17");
        assertThat(AuxiliaryTargets.undeclared(config("delta-hbv", FLOW_AND_SWE), project.datasets().get(0)))
                .isEmpty();
        // an observation missing for every training basin: the 19-basin sample has no benchmark output
        Path file = tmp.resolve("regions.hdproj");
        Path sample = TestPaths.sampleProject("camels-regions");
        Files.writeString(file, Files.readString(sample.resolve("camels-regions.hdproj"))
                .replace("\"data/", "\"" + sample.resolve("data").toString().replace('\\', '/') + "/")
                .replace("\"observation.baseflow\"", "\"observation.swe_snow17\": \"camels-benchmark:SWE\", "
                        + "\"observation.baseflow\""));
        Project regions = ProjectStore.load(file);
        ExperimentConfig missing = new ExperimentConfig("delta-hbv", "camels-nldas", List.of("01013500", "12010000"),
                Period.inclusive(LocalDate.of(1993, 10, 1), LocalDate.of(1995, 9, 30)), null,
                Period.inclusive(LocalDate.of(1998, 10, 1), LocalDate.of(1999, 9, 30)), 30, 120, null, null, null,
                null, null).withTargets(FLOW_AND_SWE);
        ExperimentData rd = ExperimentData.load(regions, missing, ProgressListener.NONE, CancellationToken.NONE);
        assertThatThrownBy(() -> AuxiliaryTargets.load(missing, rd)).hasMessageContaining("targets[2]")
                .hasMessageContaining("missing for every training basin").hasMessageContaining("01013500");
        // a bad declaration fails the project file, naming the dataset option
        Files.writeString(file, Files.readString(file).replace("camels-benchmark:SWE", "camels-benchmark:SNOW"));
        assertThatThrownBy(() -> ProjectStore.load(file)).hasMessageContaining("datasets[0].options.observation"
                + ".swe_snow17").hasMessageContaining("SWE");
    }
}
