package org.hydrodelta.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.eval.ResultsReader;
import org.hydrodelta.core.eval.RunResults;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code evaluate --period/--epoch} and {@code predict} from the command line, on a tiny training of two real
 * CAMELS basins (01013500, 01022500: NLDAS forcing, USGS flow, the real attribute tables). The dataset "ungauged"
 * holds copies of real files: 01022500's forcing with its streamflow file copied and every flow value replaced by
 * the missing-value mark -999 (the flow dropped), and 06221400's forcing without any streamflow file.
 */
class EvaluatePredictCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("hydrodelta.repo.root", ".."));
    private static final Path SAMPLE = ROOT.resolve("sample-projects/camels-regions/data/camels-us");

    @TempDir
    static Path tmp;
    static Path file;
    static Path runDir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = HydroDeltaCommand.create();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    private static void copy(Path root, String f) throws Exception {
        Path t = root.resolve(f);
        Files.createDirectories(t.getParent());
        Files.copy(SAMPLE.resolve(f), t);
    }

    private static void attributes(Path root) throws Exception {
        try (var s = Files.list(SAMPLE.resolve("camels_attributes_v2.0"))) {
            for (Path p : s.toList()) {
                copy(root, "camels_attributes_v2.0/" + p.getFileName());
            }
        }
    }

    @BeforeAll
    static void trainTiny() throws Exception {
        Path gauged = tmp.resolve("camels-us");
        for (String f : List.of("basin_mean_forcing/nldas/01/01013500_lump_nldas_forcing_leap.txt",
                "basin_mean_forcing/nldas/01/01022500_lump_nldas_forcing_leap.txt",
                "usgs_streamflow/01/01022500_streamflow_qc.txt", "usgs_streamflow/01/01013500_streamflow_qc.txt")) {
            copy(gauged, f);
        }
        attributes(gauged);
        Path ungauged = tmp.resolve("ungauged");
        copy(ungauged, "basin_mean_forcing/nldas/01/01022500_lump_nldas_forcing_leap.txt");
        copy(ungauged, "basin_mean_forcing/nldas/10/06221400_lump_nldas_forcing_leap.txt");
        attributes(ungauged);
        // 01022500's flow dropped: every value of its real streamflow file becomes -999 (missing), flag M
        List<String> flow = new ArrayList<>();
        for (String line : Files.readAllLines(SAMPLE.resolve("usgs_streamflow/01/01022500_streamflow_qc.txt"))) {
            String[] f = line.trim().split("\\s+");
            flow.add(f[0] + " " + f[1] + " " + f[2] + " " + f[3] + " -999.00 M");
        }
        Files.createDirectories(ungauged.resolve("usgs_streamflow/01"));
        Files.write(ungauged.resolve("usgs_streamflow/01/01022500_streamflow_qc.txt"), flow);

        Project p = new Project("t");
        p.datasets().add(new DatasetRef("camels", "camels-us", gauged, "nldas", Map.of()));
        p.datasets().add(new DatasetRef("ungauged", "camels-us", ungauged, "nldas", Map.of()));
        p.basins().addAll(List.of("01013500", "01022500"));
        p.experiments().add(new Experiment("tiny", new ExperimentConfig("delta-hbv", "camels", null,
                Period.inclusive(LocalDate.of(1993, 10, 1), LocalDate.of(1995, 9, 30)),
                Period.inclusive(LocalDate.of(1995, 10, 1), LocalDate.of(1996, 9, 30)),
                Period.inclusive(LocalDate.of(1996, 10, 1), LocalDate.of(1997, 9, 30)), 60, 90, null, null,
                new ExperimentConfig.Hbv(2, List.of(), false, true), new ExperimentConfig.Network("lstm", 8, 0.0),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 2, 2, 3, 7L, 1, null))));
        file = tmp.resolve("t.hdproj");
        ProjectStore.save(p, file);
        Run trained = run("train", file.toString(), "--experiment", "tiny");
        assertThat(trained.code()).as(trained.err()).isZero();
        runDir = ProjectStore.load(file).runs().get(0).path();
    }

    private static String runName() {
        return runDir.getFileName().toString();
    }

    @Test
    void evaluateTakesAPeriodAndAnEpochAndRefusesWhatItCannotDo() throws Exception {
        Run validation = run("evaluate", file.toString(), "--run", runName(), "--period", "validation", "--epoch", "1",
                "--attribute-sensitivity", "never");
        assertThat(validation.code()).as(validation.err()).isZero();
        assertThat(validation.out()).contains("evaluated checkpoint: epoch_001", "period: 1995-10-01 .. 1996-09-30",
                "basins: 2\n", "eval/validation_epoch_001");
        Run window = run("evaluate", file.toString(), "--run", runName(), "--period", "1997-01-01:1997-06-30",
                "--attribute-sensitivity", "never");
        assertThat(window.code()).as(window.err()).isZero();
        assertThat(window.out()).contains("period: 1997-01-01 .. 1997-06-30");
        assertThat(RunResults.evaluations(runDir)).contains("validation_epoch_001", "1997-01-01_1997-06-30");
        assertThat(RunResults.of(runDir, "validation_epoch_001").metrics()).containsOnlyKeys("01013500", "01022500");

        Run noEpoch = run("evaluate", file.toString(), "--run", runName(), "--epoch", "5");
        assertThat(noEpoch.code()).isEqualTo(1);
        assertThat(noEpoch.err()).contains("no checkpoint of epoch 5; checkpoints exist for epochs 1, 2")
                .doesNotContain("\tat ");
        Run early = run("evaluate", file.toString(), "--run", runName(), "--period", "1993-10-15:1994-09-30");
        assertThat(early.code()).isEqualTo(1);
        assertThat(early.err()).contains("--period 1993-10-15:1994-09-30 needs 1993-08-16 .. 1994-09-30",
                "starts on 1993-09-29 (the first usable day)");
    }

    @Test
    void predictSimulatesABasinWhoseFlowIsDroppedAsEvaluationDoesAndFlagsAttributesOutOfRange() throws Exception {
        Run eval = run("evaluate", file.toString(), "--run", runName(), "--attribute-sensitivity", "never");
        assertThat(eval.code()).as(eval.err()).isZero();
        Run predict = run("predict", file.toString(), "--run", runName(), "--dataset", "ungauged", "--basins",
                "01022500");
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.out()).contains("period: 1996-10-01 .. 1997-09-30",
                "basins: 1 (0 with observed flow: skill metrics only for those)",
                "attributes: every basin inside the training basins' range");
        ResultsReader.BasinSeries evaluated = RunResults.of(runDir).outputs("01022500").orElseThrow();
        ResultsReader.BasinSeries predicted = RunResults.of(runDir, "predict_ungauged_1996-10-01_1997-09-30")
                .outputs("01022500").orElseThrow();
        assertThat(predicted.series().keySet()).isEqualTo(evaluated.series().keySet());
        for (String k : evaluated.series().keySet()) {
            if (!k.equalsIgnoreCase("qobs") && !k.equalsIgnoreCase("input_qobs")) {
                assertThat(predicted.series().get(k)).as(k).containsExactly(evaluated.series().get(k));
            }
        }
        assertThat(evaluated.series().keySet()).anyMatch(k -> k.equalsIgnoreCase("q_routed"))
                .anyMatch(k -> k.equalsIgnoreCase("snowpack"));

        // all basins of a dataset: 06221400 has no streamflow file and lies far above the training basins (elev_mean
        // 3336.8 m against 250.31 m of 01013500: (3336.8 - 250.31) / 250.31 = 1233 %)
        // its real geology table lacks geol_porostiy: refused with basin and attribute, until the user accepts the
        // training mean in its place
        Run refused = run("predict", file.toString(), "--run", runName(), "--dataset", "ungauged", "--period",
                "1996-10-01", "1997-03-31", "--name", "wind-river");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("06221400: geol_porostiy", "--fill-missing-attributes");
        Run all = run("predict", file.toString(), "--run", runName(), "--dataset", "ungauged", "--period",
                "1996-10-01", "1997-03-31", "--name", "wind-river", "--fill-missing-attributes");
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out()).contains("missing attribute value, training mean used: 06221400: geol_porostiy");
        assertThat(all.out()).contains("basins: 2 (0 with observed flow", "period: 1996-10-01 .. 1997-03-31",
                "06221400: elev_mean 3337 m is 1233 % above the training maximum 250.3 m");
        Path flags = runDir.resolve("eval/wind-river/attributes_out_of_range.csv");
        assertThat(all.out()).contains("flags: " + flags);
        assertThat(Files.readString(flags)).contains("06221400,elev_mean,3337,m,92.68,250.3,above,");

        Run none = run("predict", file.toString(), "--run", runName());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("--basins ID,ID", "--dataset NAME");
    }
}
