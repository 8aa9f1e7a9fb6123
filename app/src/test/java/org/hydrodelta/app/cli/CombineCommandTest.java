package org.hydrodelta.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hydrodelta combine} on two tiny real runs (a δ model and a calibrated HBV) of three basins of the sample.
 */
public class CombineCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("hydrodelta.repo.root", ".."));

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    /** Runs the command line; {@code err} holds what it printed on standard error (also used by the resume tests). */
    static Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        // progress and errors both go to standard error
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = HydroDeltaCommand.create();
            cl.setErr(new PrintWriter(System.err, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    /**
     * @param model delta-hbv or calibrated-hbv
     * @return a tiny configuration of it on three sample basins, with a validation period
     */
    public static ExperimentConfig tiny(String model) {
        boolean calibrated = model.equals("calibrated-hbv");
        return new ExperimentConfig(model, "camels-nldas", List.of("01013500", "03439000", "12010000"),
                Period.inclusive(LocalDate.of(2004, 10, 1), LocalDate.of(2005, 9, 30)),
                Period.inclusive(LocalDate.of(2005, 10, 1), LocalDate.of(2006, 9, 30)),
                Period.inclusive(LocalDate.of(2006, 10, 1), LocalDate.of(2007, 9, 30)), 90, 120, null, null,
                new ExperimentConfig.Hbv(1, List.of(), !calibrated, true),
                calibrated ? null : new ExperimentConfig.Network("lstm", 8, 0.0),
                new ExperimentConfig.Training("nse", null, "adam", calibrated ? 0.05 : 0.02, 2, 3, 3, 3L, 2, null));
    }

    @Test
    void combinesTwoRunsAndPrintsTheMediansOfEachTheMeanAndTheCombination() throws Exception {
        Project sample = ProjectStore.load(ROOT.resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        sample.runs().clear();
        Path file = tmp.resolve("p").resolve("p.hdproj");
        ProjectStore.save(sample, file);
        Project p = ProjectStore.load(file);
        List<String> names = new ArrayList<>();
        for (String model : List.of("delta-hbv", "calibrated-hbv")) {
            Path dir = ExperimentRunner.train(p, file.getParent(), model, tiny(model), ProgressListener.NONE,
                    CancellationToken.NONE, TrainingListener.NONE).dir();
            RunRef ref = new RunRef(dir.getFileName().toString(), model, dir, Instant.now());
            ProjectStore.update(file, q -> q.putRun(ref));
            names.add(ref.name());
        }
        Run one = run("combine", file.toString(), "--runs", names.get(0), "--name", "c1");
        assertThat(one.code()).as(one.out() + "|" + one.err()).isNotZero();
        assertThat(one.err()).as(one.out()).contains("at least 2 runs, got 1");
        Run bad = run("combine", file.toString(), "--runs", String.join(",", names), "--name", "c1", "--hidden", "0");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--hidden must be in 1..256, was 0");

        Run ok = run("combine", file.toString(), "--runs", String.join(",", names), "--name", "both", "--hidden", "4",
                "--epochs", "80", "--seed", "2");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("combination both of 2 runs on 3 basins").contains("plain mean")
                .contains(names.get(0)).contains(names.get(1)).containsPattern("combination +-?\\d+\\.\\d{3}");
        assertThat(ok.err()).contains("evaluating ").contains("100% combined both");
        assertThat(ProjectStore.load(file).run("both")).isPresent();
        assertThat(file.getParent().resolve("runs/both/weights.csv")).exists();
        assertThat(Files.readAllLines(file.getParent().resolve("runs/both/weights.csv"))).hasSize(4);
    }
}
