package org.hydrodelta.app.gui.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.hydrodelta.app.cluster.ClusterJob;
import org.hydrodelta.app.cluster.ClusterJob.Mode;
import org.hydrodelta.app.gui.ClusterSettings;
import org.hydrodelta.app.gui.MessageLog;
import org.hydrodelta.app.task.CurrentThreadTaskExecutor;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dialog's "Evaluate runs" mode, headless: the experiment's finished runs to choose from, a period that core
 * cannot read named under the form with Write and Submit disabled, and the {@code evaluate} job written.
 */
@ExtendWith(ApplicationExtension.class)
class RunOnClusterDialogTest {
    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Node> T node(RunOnClusterDialog d, String id) {
        return (T) d.getDialogPane().lookup("#" + id);
    }

    @Test
    void theStrataNoteOffersToSetTheExperimentsStrataByAClick(FxRobot robot) throws Exception {
        Project project = new Project("p");
        project.experiments().add(new Experiment("plain", ExperimentConfig.defaults()));
        Path file = tmp.resolve("p/p.hdproj");
        ProjectStore.save(project, file);
        java.util.concurrent.atomic.AtomicInteger changed = new java.util.concurrent.atomic.AtomicInteger();
        RunOnClusterViewModel vm = new RunOnClusterViewModel(project, file, "plain", new CurrentThreadTaskExecutor(),
                new ClusterSettings(tmp.resolve("config/cluster.properties")), new MessageLog(), Runnable::run,
                () -> { });
        vm.setOnExperimentsChanged(changed::incrementAndGet);
        AtomicReference<RunOnClusterDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            RunOnClusterDialog d = new RunOnClusterDialog(vm);
            dialog.set(d);
            d.show();
        });
        RunOnClusterDialog d = dialog.get();
        Label note = node(d, "clusterStrataNote");
        Button set = node(d, "clusterSetStrata");
        assertThat(note.getParent().isVisible()).as("the note's row").isTrue();
        assertThat(note.getText()).startsWith("training.strata = 1 and 2 partitions: slices of random size");
        assertThat(set.isVisible()).isTrue();
        assertThat(set.getText()).isEqualTo("Set training.strata = 2");
        robot.interact(() -> vm.partitionsProperty().set(3));
        assertThat(set.getText()).isEqualTo("Set training.strata = 3");

        robot.clickOn(set);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(project.experiment("plain").orElseThrow().config().training().strata()).isEqualTo(3);
        assertThat(changed).hasValue(1);
        assertThat(note.getText()).isEmpty();
        assertThat(note.getParent().isVisible()).as("the note goes").isFalse();
        assertThat(set.isVisible()).isFalse();
        robot.interact(d::close);
    }

    @Test
    void evaluateModeChoosesRunsAndRefusesABadPeriodWithWriteAndSubmitDisabled(FxRobot robot) throws Exception {
        Project project = new Project("p");
        project.experiments().add(new Experiment("plain", ExperimentConfig.defaults()));
        project.experiments().add(new Experiment("fresh", ExperimentConfig.defaults()));
        Path file = tmp.resolve("p/p.hdproj");
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        for (String r : List.of("plain_1", "plain_2")) {
            project.runs().add(new RunRef(r, "plain", file.resolveSibling("runs/" + r), t));
        }
        ProjectStore.save(project, file);
        Path dist = tmp.resolve("dist");
        Path launcher = dist.resolve(ClusterJob.LAUNCHER);
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        MessageLog messages = new MessageLog();
        RunOnClusterViewModel vm = new RunOnClusterViewModel(project, file, "plain", new CurrentThreadTaskExecutor(),
                new ClusterSettings(tmp.resolve("config/cluster.properties")), messages, Runnable::run, () -> { });
        AtomicReference<RunOnClusterDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            vm.distributionProperty().set(dist.toString());
            RunOnClusterDialog d = new RunOnClusterDialog(vm);
            dialog.set(d);
            d.show();
        });
        RunOnClusterDialog d = dialog.get();
        Label problems = node(d, "clusterProblems");
        Button write = node(d, "clusterWrite");
        Button submit = node(d, "clusterSubmit");
        ListView<String> runs = node(d, "clusterRuns");
        TextField period = node(d, "clusterPeriod");
        assertThat(runs.isDisabled()).as("until Evaluate runs is chosen").isTrue();
        assertThat(period.isDisabled()).isTrue();

        robot.clickOn((Node) node(d, "clusterModeEvaluate"));
        assertThat(vm.modeProperty().get()).isEqualTo(Mode.EVALUATE);
        assertThat(runs.isDisabled()).isFalse();
        assertThat(runs.getItems()).containsExactly("plain_1", "plain_2");
        assertThat(runs.getSelectionModel().getSelectedItems()).as("the latest finished run").containsExactly(
                "plain_2");
        assertThat(((Node) node(d, "clusterPartitions")).isDisabled()).as("partitions serve evaluation").isFalse();
        assertThat(((Node) node(d, "clusterThreads")).isDisabled()).isTrue();
        assertThat(problems.getText()).isEmpty();
        robot.interact(() -> runs.getSelectionModel().selectAll());
        assertThat(vm.evaluateRuns()).containsExactly("plain_1", "plain_2");

        // a period core cannot read is named under the form, and nothing can be written or submitted
        robot.clickOn(period).write("1995-10-01:1996-13-30");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problems.getText()).startsWith("period: ").contains("dates are written YYYY-MM-DD (1996-13-30)");
        assertThat(write.isDisabled()).isTrue();
        assertThat(submit.isDisabled()).isTrue();
        robot.interact(() -> period.setText("1995-10-01:1996-09-30"));
        assertThat(problems.getText()).isEmpty();
        assertThat(write.isDisabled()).isFalse();
        assertThat(submit.isDisabled()).isFalse();

        robot.clickOn(write);
        ClusterJob job = vm.writtenProperty().get();
        assertThat(job).isNotNull();
        assertThat(job.argumentLists()).extracting(a -> a.get(3)).containsExactly("plain_1", "plain_2");
        assertThat(Files.readString(job.script())).contains(" --run plain_1 --partitions 2 --period"
                + " 1995-10-01:1996-09-30 --name cluster_1995-10-01_1996-09-30 --master 'local[*]' || exit $?\n");

        // an experiment without a finished run offers no evaluation
        robot.interact(() -> vm.experimentProperty().set("fresh"));
        assertThat(((RadioButton) node(d, "clusterModeEvaluate")).isDisabled()).isTrue();
        assertThat(((RadioButton) node(d, "clusterModeTrain")).isSelected()).isTrue();
        assertThat(runs.getItems()).isEmpty();
        robot.interact(d::close);
    }
}
