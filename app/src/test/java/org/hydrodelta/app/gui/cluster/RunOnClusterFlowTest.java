package org.hydrodelta.app.gui.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.hydrodelta.app.cluster.ClusterJob;
import org.hydrodelta.app.gui.MainView;
import org.hydrodelta.app.gui.MainViewModel;
import org.hydrodelta.app.gui.MessageLog;
import org.hydrodelta.app.gui.SampleWindow;
import org.hydrodelta.app.task.TaskHandle;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Run on cluster…" in the window, on a copy of the sample project in a folder whose name has a space, with test
 * fixtures in place of the cluster distribution's {@code bin/hydrodelta-cluster}: the dialog refuses a folder
 * without the launcher and a sweep key out of range, writes {@code job.sh} and {@code job.json}; submitted, the
 * fixture records its arguments and adds a real run by running the workbench's own {@code train} in a child JVM,
 * and the run is listed as soon as the job ends; a fixture that fails is reported with its exit code and its error
 * line, and Cancel in the status bar stops a job's whole process tree.
 */
@ExtendWith(ApplicationExtension.class)
class RunOnClusterFlowTest {
    @TempDir
    static Path tmp;
    static Path file;

    private MainViewModel vm;
    private MainView view;

    @BeforeAll
    static void copySample() throws Exception {
        file = SampleWindow.copySample(tmp.resolve("cluster flow/camels-regions.hdproj"), p -> {
            p.runs().clear();
            // two basins, small network, one epoch (--epochs 1): the child JVM's training takes seconds
            p.experiments().add(0, new Experiment("tiny", new ExperimentConfig("delta-hbv", null,
                    List.of("01013500", "03439000"), Period.inclusive(LocalDate.of(1993, 10, 1),
                            LocalDate.of(1996, 9, 30)),
                    Period.inclusive(LocalDate.of(1996, 10, 1), LocalDate.of(1997, 9, 30)),
                    Period.inclusive(LocalDate.of(1997, 10, 1), LocalDate.of(1998, 9, 30)), 60, 120, null, null,
                    new ExperimentConfig.Hbv(2, List.of("BETA"), true, true),
                    new ExperimentConfig.Network("lstm", 8, 0.5),
                    new ExperimentConfig.Training(null, null, "adam", 0.01, 3, 2, 6, 3L, 1, null))));
        });
    }

    @Start
    void start(Stage stage) {
        SampleWindow w = SampleWindow.show(stage, tmp);
        vm = w.vm();
        view = w.view();
        vm.open(file);
    }

    /** A cluster distribution whose launcher is this shell script. */
    private static Path distribution(String name, String body) throws Exception {
        Path dist = tmp.resolve(name);
        Path launcher = dist.resolve(ClusterJob.LAUNCHER);
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dist;
    }

    /** The fixture that records its arguments, then trains the experiment it was given with the app's own CLI. */
    private static Path recordingDistribution(Path argsFile) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return distribution("recording dist", "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > "
                + ClusterJob.shellQuote(argsFile.toString()) + "\n"
                + "echo \"fixture: training $4 of $2\"\n"
                + "exec " + ClusterJob.shellQuote(java) + " --add-modules=jdk.incubator.vector -Xss4m -Xmx1g"
                + " -XX:+UseSerialGC -Djava.awt.headless=true -cp "
                + ClusterJob.shellQuote(System.getProperty("java.class.path"))
                + " org.hydrodelta.app.Main train \"$2\" --experiment \"$4\" --epochs 1 --threads 1\n");
    }

    private RunOnClusterDialog openFromExperimentMenu(FxRobot robot, String experiment) {
        ListView<String> list = robot.lookup("#experimentList").queryListView();
        robot.interact(() -> list.getSelectionModel().select(experiment));
        // the menu a right click opens (shown at the list, as Monocle gives no popup trigger)
        robot.interact(() -> list.getContextMenu().show(list, javafx.geometry.Side.BOTTOM, 0, 0));
        robot.clickOn("Run on cluster…");
        WaitForAsyncUtils.waitForFxEvents();
        return view.lastClusterDialog();
    }

    private RunOnClusterDialog openFromRunsMenu(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        MenuItem item = bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "runOnClusterMenuItem".equals(i.getId())).findFirst().orElseThrow();
        robot.interact(item::fire);
        return view.lastClusterDialog();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Node> T node(RunOnClusterDialog d, String id) {
        return (T) d.getDialogPane().lookup("#" + id);
    }

    private static void set(FxRobot robot, RunOnClusterDialog d, String id, String text) {
        robot.interact(() -> {
            Node n = node(d, id);
            if (n instanceof TextArea a) {
                a.setText(text);
            } else {
                ((TextField) n).setText(text);
            }
        });
    }

    private List<String> messages(MessageLog.Severity s) {
        return vm.messages().entries().stream().filter(e -> e.severity() == s).map(MessageLog.Entry::text).toList();
    }

    @Test
    void writesTheJobThenSubmitsItAndTheRunItAddsIsListedWhenItEnds(FxRobot robot) throws Exception {
        Path argsFile = tmp.resolve("recorded-args.txt");
        Path dist = recordingDistribution(argsFile);
        RunOnClusterDialog d = openFromExperimentMenu(robot, "tiny");
        RunOnClusterViewModel cvm = d.viewModel();
        assertThat(cvm.experimentProperty().get()).isEqualTo("tiny");
        Label problems = node(d, "clusterProblems");
        Button write = node(d, "clusterWrite");
        Button submit = node(d, "clusterSubmit");
        assertThat(((RadioButton) node(d, "clusterModeGroup")).isDisabled()).as("tiny is no group").isTrue();

        // a folder without the launcher is refused by name
        Path empty = Files.createDirectories(tmp.resolve("no dist"));
        set(robot, d, "clusterDistribution", empty.toString());
        assertThat(problems.getText()).contains("no bin/hydrodelta-cluster in " + empty);
        assertThat(write.isDisabled()).isTrue();
        assertThat(submit.isDisabled()).isTrue();
        set(robot, d, "clusterDistribution", dist.toString());
        assertThat(problems.getText()).isEmpty();

        // a sweep key out of its range is named with the range, before anything is written
        robot.clickOn((Node) node(d, "clusterModeSweep"));
        set(robot, d, "clusterSweep", "network.hiddenSize=8,0\ntraining.seed=1,2");
        assertThat(problems.getText()).contains("network.hiddenSize must be in [1, 4096], was 0");
        assertThat(write.isDisabled()).isTrue();
        set(robot, d, "clusterSweep", "network.hiddenSize=8,16\ntraining.seed=1,2");
        assertThat(problems.getText()).isEmpty();

        // one run, data-parallel
        robot.clickOn((Node) node(d, "clusterModeTrain"));
        robot.interact(() -> ((Spinner<Integer>) node(d, "clusterPartitions")).getValueFactory().setValue(3));
        robot.interact(() -> ((Spinner<Integer>) node(d, "clusterThreads")).getValueFactory().setValue(2));
        robot.clickOn((Node) node(d, "clusterEpochs")).write("1");
        set(robot, d, "clusterMaster", "local[2]");
        assertThat(problems.getText()).isEmpty();
        robot.clickOn(write);
        assertThat(d.isShowing()).as("writing keeps the dialog open").isTrue();
        ClusterJob job = cvm.writtenProperty().get();
        Path folder = file.getParent().resolve("cluster-jobs").resolve(job.name());
        assertThat(job.name()).matches("tiny_\\d{8}-\\d{6}");
        assertThat(((Label) node(d, "clusterWritten")).getText()).isEqualTo("Written: " + folder.resolve("job.sh"));
        assertThat(messages(MessageLog.Severity.NOTICE)).anySatisfy(m -> assertThat(m).startsWith(
                "Wrote cluster job " + job.name() + ": " + folder.resolve("job.sh")));
        String projectPath = file.toAbsolutePath().normalize().toString();
        List<String> expected = List.of("train", projectPath, "--experiment", "tiny", "--partitions", "3",
                "--executor-threads", "2", "--epochs", "1", "--master", "local[2]");
        assertThat(folder.resolve("job.sh")).isExecutable();
        String sh = Files.readString(folder.resolve("job.sh"));
        assertThat(sh).startsWith("#!/bin/sh\n").contains("\nexec '" + dist.resolve("bin/hydrodelta-cluster")
                + "' train '" + projectPath + "' --experiment tiny --partitions 3 --executor-threads 2 --epochs 1"
                + " --master 'local[2]'\n").contains("\n# spark-submit --master 'local[2]' --deploy-mode client");
        JsonNode json = ProjectStore.mapper().readTree(folder.resolve("job.json").toFile());
        assertThat(json.get("mode").asText()).isEqualTo("train");
        assertThat(json.get("experiment").asText()).isEqualTo("tiny");
        assertThat(json.get("partitions").asInt()).isEqualTo(3);
        assertThat(json.get("epochs").asInt()).isEqualTo(1);
        assertThat(json.get("master").asText()).isEqualTo("local[2]");
        assertThat(json.get("project").asText()).isEqualTo(projectPath);
        assertThat(vm.explorer().runs()).isEmpty();

        // the runs list as it is at the moment the job's end is said
        List<List<String>> runsWhenFinished = new CopyOnWriteArrayList<>();
        robot.interact(() -> vm.messages().entries().addListener((ListChangeListener<MessageLog.Entry>) c -> {
            while (c.next()) {
                for (MessageLog.Entry e : c.getAddedSubList()) {
                    if (e.severity() == MessageLog.Severity.NOTICE && e.text().startsWith("cluster job "
                            + job.name() + " finished")) {
                        runsWhenFinished.add(List.copyOf(vm.explorer().runs()));
                    }
                }
            }
        }));
        robot.clickOn(submit);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(d.isShowing()).isFalse();
        assertThat(vm.tasks().tasks()).extracting(TaskHandle::title).containsExactly("Cluster job " + job.name());
        assertThat(robot.lookup("#taskTitle").queryLabeled().getText()).startsWith("Cluster job " + job.name());
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> vm.tasks().tasks().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(Files.readAllLines(argsFile)).as("the arguments the launcher got").isEqualTo(expected);
        assertThat(messages(MessageLog.Severity.ERROR)).isEmpty();
        RunRef run = ProjectStore.load(file).runs().stream().filter(r -> r.experiment().equals("tiny"))
                .findFirst().orElseThrow();
        assertThat(run.status()).isEqualTo(RunRef.FINISHED);
        assertThat(vm.statusProperty().get()).isEqualTo("cluster job " + job.name() + " finished: run " + run.name()
                + " added");
        assertThat(runsWhenFinished).as("listed when the job's end is said, not at the next check")
                .singleElement().satisfies(r -> assertThat(r).contains(run.name()));
        assertThat(robot.lookup("#runList").queryListView().getItems()).contains(run.name());
        assertThat(vm.projectProperty().get().run(run.name()).orElseThrow().status()).isEqualTo(RunRef.FINISHED);
        assertThat(vm.messages().entries()).extracting(MessageLog.Entry::text).contains("[" + job.name()
                + "] fixture: training tiny of " + projectPath);
    }

    @Test
    void aFailingJobNamesItsExitCodeAndErrorLineAndCancelStopsTheProcessTree(FxRobot robot) throws Exception {
        Path failing = distribution("failing dist", "echo 'connecting'\necho 'ERROR cannot reach"
                + " spark://nowhere:7077 within 10 s' >&2\nexit 3\n");
        RunOnClusterDialog d = openFromRunsMenu(robot);
        set(robot, d, "clusterDistribution", failing.toString());
        robot.clickOn((Node) node(d, "clusterSubmit"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !messages(MessageLog.Severity.ERROR).isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        String name = messages(MessageLog.Severity.NOTICE).stream().filter(m -> m.startsWith("Wrote cluster job"))
                .reduce((a, b) -> b).orElseThrow().replaceAll("Wrote cluster job (\\S+):.*", "$1");
        assertThat(messages(MessageLog.Severity.ERROR)).singleElement().isEqualTo("cluster job " + name
                + " failed with exit code 3; last lines of its error stream: ERROR cannot reach spark://nowhere:7077"
                + " within 10 s");
        assertThat(vm.messages().entries()).extracting(MessageLog.Entry::text).contains("[" + name + "] connecting",
                "[" + name + "] ERROR cannot reach spark://nowhere:7077 within 10 s");

        // a job that runs until cancelled, with a child of its own
        Path pid = tmp.resolve("sleeper.pid");
        Path sleeping = distribution("sleeping dist", "sleep 300 &\necho $! > " + ClusterJob.shellQuote(pid
                .toString()) + "\necho 'waiting'\nwait\n");
        RunOnClusterDialog again = openFromRunsMenu(robot);
        set(robot, again, "clusterDistribution", sleeping.toString());
        robot.clickOn((Node) node(again, "clusterSubmit"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.isRegularFile(pid) && !Files.readString(pid)
                .isBlank());
        long child = Long.parseLong(Files.readString(pid).strip());
        assertThat(ProcessHandle.of(child)).isPresent();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#taskCancel").queryButton()
                .isDisabled());
        robot.clickOn("#taskCancel");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.tasks().tasks().isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ProcessHandle.of(child).map(h -> !h.isAlive())
                .orElse(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(messages(MessageLog.Severity.WARNING)).anySatisfy(m -> assertThat(m).endsWith(
                "cancelled: the job's processes were stopped"));
        assertThat(messages(MessageLog.Severity.ERROR)).as("a cancelled job is no failure").hasSize(1);

        // Train… on the experiment's menu chooses it in the training tab, whose "Run on cluster…" offers it
        ListView<String> list = robot.lookup("#experimentList").queryListView();
        robot.interact(() -> list.getSelectionModel().select("delta-small"));
        robot.interact(() -> list.getContextMenu().show(list, javafx.geometry.Side.BOTTOM, 0, 0));
        robot.clickOn("Train…");
        org.hydrodelta.app.gui.training.TrainingView training = robot.lookup("#trainingView").queryAs(
                org.hydrodelta.app.gui.training.TrainingView.class);
        assertThat(training.viewModel().experimentProperty().get()).isEqualTo("delta-small");
        robot.clickOn("#clusterButton");
        RunOnClusterDialog fromTab = view.lastClusterDialog();
        assertThat(fromTab).isNotSameAs(again);
        assertThat(fromTab.viewModel().experimentProperty().get()).isEqualTo("delta-small");
        robot.interact(fromTab::close);
    }
}
