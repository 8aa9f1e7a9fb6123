package org.hydrodelta.app.gui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hydrodelta.app.cli.HydroDeltaCommand;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.CancelledException;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunRecorder;
import org.hydrodelta.core.train.TrainingListener;
import picocli.CommandLine;

/**
 * Tiny real runs for the window's run flows and the command line's resumptions: the camels-regions sample (19 real
 * CAMELS basins, NLDAS forcing, its map layers) saved into a temporary folder, a δ model trained for 2 epochs of 3
 * iterations on two basins (01013500, 03439000), a calibrated HBV on the same two, and a dataset "ungauged" holding a
 * copy of Dinwoody Creek's (06221400) real forcing and the real attribute tables, without any streamflow file.
 */
public final class RunFixtures {
    static final Path ROOT = Path.of(System.getProperty("hydrodelta.repo.root", ".."));
    /** The camels-regions sample project's folder. */
    public static final Path SAMPLE = ROOT.resolve("sample-projects/camels-regions");

    private RunFixtures() {
    }

    /**
     * @param model a model name
     * @return 2 epochs of 3 iterations on 01013500 and 03439000, hidden size 8, one thread
     */
    public static ExperimentConfig tiny(String model) {
        return new ExperimentConfig(model, "camels-nldas", List.of("01013500", "03439000"),
                Period.inclusive(LocalDate.of(1993, 10, 1), LocalDate.of(1996, 9, 30)),
                Period.inclusive(LocalDate.of(1996, 10, 1), LocalDate.of(1997, 9, 30)),
                Period.inclusive(LocalDate.of(1997, 10, 1), LocalDate.of(1998, 9, 30)), 60, 120, null, null,
                new ExperimentConfig.Hbv(2, List.of(), true, true), new ExperimentConfig.Network("lstm", 8, 0.0),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 2, 2, 3, 3L, 1, null));
    }

    /**
     * @param dir    an empty folder
     * @param models the models to train, one tiny run each (experiment named "tiny-" + model)
     * @return the saved project file, its runs trained and evaluated
     */
    static Path project(Path dir, String... models) throws Exception {
        Path file = untrained(dir, models);
        for (String m : models) {
            CommandLine cl = HydroDeltaCommand.create();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            int code = cl.execute("train", file.toString(), "--experiment", "tiny-" + m, "--evaluate",
                    "--attribute-sensitivity", "never");
            assertThat(code).as(err.toString()).isZero();
        }
        return file;
    }

    /**
     * @param dir    an empty folder
     * @param models a tiny experiment for each (named "tiny-" + model)
     * @return the saved project file, {@code project/camels-regions.hdproj} in {@code dir}, nothing trained
     */
    public static Path untrained(Path dir, String... models) throws Exception {
        Project p = ProjectStore.load(SAMPLE.resolve("camels-regions.hdproj"));
        p.experiments().clear();
        for (String m : models) {
            p.experiments().add(new Experiment("tiny-" + m, tiny(m)));
        }
        Path camels = SAMPLE.resolve("data/camels-us");
        Path ungauged = dir.resolve("ungauged");
        Path forcing = ungauged.resolve("basin_mean_forcing/nldas/10");
        Files.createDirectories(forcing);
        Files.copy(camels.resolve("basin_mean_forcing/nldas/10/06221400_lump_nldas_forcing_leap.txt"),
                forcing.resolve("06221400_lump_nldas_forcing_leap.txt"));
        Files.createDirectories(ungauged.resolve("camels_attributes_v2.0"));
        try (var s = Files.list(camels.resolve("camels_attributes_v2.0"))) {
            for (Path f : s.toList()) {
                Files.copy(f, ungauged.resolve("camels_attributes_v2.0").resolve(f.getFileName()));
            }
        }
        p.datasets().add(new DatasetRef("ungauged", "camels-us", ungauged, "nldas", Map.of()));
        Path file = dir.resolve("project/camels-regions.hdproj");
        ProjectStore.save(p, file);
        return file;
    }

    /**
     * Trains an experiment of a project through the core, records the run in the project as the window and the
     * command line do, and cancels the training at the end of its first epoch (after its checkpoint).
     *
     * @param file       the project file
     * @param experiment the experiment
     * @return the recorder, holding the run folder; the project entry is left running for the caller to end
     * @throws Exception if the training is not cancelled or the project cannot be read or written
     */
    public static RunRecorder cancelAfterFirstEpoch(Path file, String experiment) throws Exception {
        Project p = ProjectStore.load(file);
        RunRecorder recorder = new RunRecorder(file, experiment);
        CancellationToken token = new CancellationToken();
        try {
            ExperimentRunner.train(p, file.getParent(), experiment, p.experiment(experiment).orElseThrow().config(),
                    ProgressListener.NONE, token, new TrainingListener() {
                        @Override
                        public void runStarted(Path runDir) {
                            try {
                                recorder.started(runDir);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }

                        @Override
                        public void epoch(int epoch, double meanLoss, Map<String, Double> nse) {
                            token.cancel();
                        }
                    });
        } catch (CancelledException expected) {
            return recorder;
        }
        throw new AssertionError(experiment + " finished although it was cancelled after its first epoch");
    }

    /**
     * @param robot the robot
     * @param t     a training tab's view model
     * @return the group parts the tab names while they train, in order (filled on the FX thread)
     */
    static java.util.List<String> groupParts(org.testfx.api.FxRobot robot,
            org.hydrodelta.app.gui.training.TrainingViewModel t) {
        java.util.List<String> parts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        robot.interact(() -> t.groupPartProperty().addListener((o, a, b) -> {
            if (!b.isEmpty()) {
                parts.add(b);
            }
        }));
        return parts;
    }
}
