package org.hydrodelta.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code inspect}, {@code train} and {@code evaluate} agree on a basin with a broken forcing file: inspect and train
 * name file:line:field and exit 1 (train before writing anything), {@code --skip-unusable} trains on the others and
 * records what it skipped, and the run is in the project with its status.
 */
class TrainIntegrityTest {
    private static final Path ROOT = Path.of(System.getProperty("hydrodelta.repo.root", ".."));
    // 01013500 is the one broken here (the other, 01022500, has every attribute: 01013500 lacks root_depth_50)
    private static final String FORCING = "basin_mean_forcing/nldas/01/01013500_lump_nldas_forcing_leap.txt";

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = HydroDeltaCommand.create();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path project(int batchSize) throws Exception {
        Path src = ROOT.resolve("sample-projects/camels-regions/data/camels-us");
        Path root = tmp.resolve("camels-us");
        List<String> files = new ArrayList<>(List.of(FORCING,
                "basin_mean_forcing/nldas/01/01022500_lump_nldas_forcing_leap.txt",
                "usgs_streamflow/01/01022500_streamflow_qc.txt", "usgs_streamflow/01/01013500_streamflow_qc.txt"));
        try (var s = Files.list(src.resolve("camels_attributes_v2.0"))) {
            s.forEach(p -> files.add("camels_attributes_v2.0/" + p.getFileName()));
        }
        for (String f : files) {
            Path t = root.resolve(f);
            Files.createDirectories(t.getParent());
            if (!Files.exists(t)) {
                Files.copy(src.resolve(f), t);
            }
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(root.resolve(FORCING)));
        lines.set(999, lines.get(999).substring(0, 12)); // line 1000 cut after year, month, day
        Files.write(root.resolve(FORCING), lines, StandardCharsets.UTF_8);
        Project p = new Project("t");
        p.datasets().add(new DatasetRef("camels", "camels-us", root, "nldas", Map.of()));
        p.basins().addAll(List.of("01013500", "01022500"));
        p.experiments().add(new Experiment("tiny", new ExperimentConfig("delta-hbv", "camels", null,
                Period.inclusive(LocalDate.of(1993, 10, 1), LocalDate.of(1995, 9, 30)), null,
                Period.inclusive(LocalDate.of(1995, 10, 1), LocalDate.of(1996, 9, 30)), 30, 60, null, null,
                new ExperimentConfig.Hbv(2, List.of(), false, true), new ExperimentConfig.Network("lstm", 8, 0.0),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 1, 2, 2, 7L, 1, null))));
        Path file = tmp.resolve("t.hdproj");
        ProjectStore.save(p, file);
        if (batchSize > 0) {
            Files.writeString(file, Files.readString(file).replace("\"batchSize\" : 2", "\"batchSize\" : " + batchSize));
        }
        return file;
    }

    @Test
    void inspectTrainAndEvaluateAgreeAndNothingIsDroppedSilently() throws Exception {
        Path file = project(0);
        String where = tmp.resolve("camels-us").resolve(FORCING) + ":1000";

        Run inspect = run("inspect", file.toString());
        assertThat(inspect.code()).isEqualTo(1);
        assertThat(inspect.err()).contains(where);
        assertThat(inspect.out()).contains("01013500  SKIPPED");

        Run refused = run("train", file.toString(), "--experiment", "tiny");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains(where).contains("--skip-unusable").contains("1 of 2 requested basins")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(ProjectStore.load(file).runs()).isEmpty();
        assertThat(tmp.resolve("runs")).doesNotExist();

        Run trained = run("train", file.toString(), "--experiment", "tiny", "--skip-unusable");
        assertThat(trained.code()).as(trained.err()).isZero();
        Project p = ProjectStore.load(file);
        assertThat(p.runs()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RunRef.FINISHED));
        Path dir = p.runs().get(0).path();
        assertThat(Files.readAllLines(dir.resolve("basins_used.txt"))).containsExactly("01022500");
        assertThat(Files.readString(dir.resolve("basins_skipped.csv"))).contains("01013500,").contains(",1000,")
                .contains("truncated line");
        assertThat(Files.readString(dir.resolve("log.csv"))).startsWith("iteration,epoch,loss,validation_nse\n");
        assertThat(Files.readAllLines(dir.resolve("timing.csv"))).hasSize(3);

        Run eval = run("evaluate", file.toString(), "--run", p.runs().get(0).name(), "--attribute-sensitivity",
                "never");
        assertThat(eval.code()).as(eval.err()).isZero();
    }

    @Test
    void anAbsurdBatchSizeIsRefusedByKeyAndRange() throws Exception {
        Path file = project(2000000000);
        Run r = run("train", file.toString(), "--experiment", "tiny");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("training.batchSize must be in [1, 10000], was 2000000000")
                .doesNotContain("Exception").doesNotContain("-589934592");
    }

    @Test
    void internalErrorsNeverShowTheirMessage() {
        assertThat(HydroDeltaCommand.userMessage(new NullPointerException("Cannot read field \"x\" because null")))
                .startsWith("internal error (NullPointerException)").doesNotContain("Cannot read field");
        assertThat(HydroDeltaCommand.userMessage(new java.nio.file.FileSystemException("/a/b.tmp", null,
                "No space left on device"))).isEqualTo("/a/b.tmp: No space left on device");
    }
}
