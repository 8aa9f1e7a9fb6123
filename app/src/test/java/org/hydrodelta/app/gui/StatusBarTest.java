package org.hydrodelta.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.hydrodelta.app.task.TaskHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The status bar with several tasks, headless: a cluster job running beside a training is counted as running, not
 * queued; the count opens the list of every task, each with its own Cancel.
 */
@ExtendWith(ApplicationExtension.class)
class StatusBarTest {
    private final ObservableList<TaskHandle> tasks = FXCollections.observableArrayList();
    private StatusBar bar;
    private final SimpleStringProperty status = new SimpleStringProperty("Ready");

    /** A task whose state the test sets. */
    private static final class Fake implements TaskHandle {
        private final String title;
        private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
        private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("");
        private final ReadOnlyObjectWrapper<State> state;
        private int cancels;

        Fake(String title, State state) {
            this.title = title;
            this.state = new ReadOnlyObjectWrapper<>(state);
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public ReadOnlyDoubleProperty progressProperty() {
            return progress.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyStringProperty messageProperty() {
            return message.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyStringProperty etaProperty() {
            return eta.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyObjectProperty<State> stateProperty() {
            return state.getReadOnlyProperty();
        }

        @Override
        public void cancel() {
            cancels++;
            state.set(State.CANCELLING);
        }
    }

    @Start
    void start(Stage stage) {
        bar = new StatusBar(status, tasks);
        BorderPane root = new BorderPane();
        root.setBottom(bar);
        stage.setScene(new Scene(root, 1000, 400));
        stage.show();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryLabeled().getText();
    }

    /** @return what a label shows on screen (its text, or the text cut with an ellipsis) */
    private static String shown(FxRobot robot, String id) {
        return ((javafx.scene.text.Text) robot.lookup(id).queryLabeled().lookup(".text")).getText();
    }

    /**
     * A message longer than the window (a path or two, a reason) is the one cut, with its whole text in a tooltip;
     * the task's name and time left keep their room (they were squeezed to "..." beside such a message).
     */
    @Test
    void aLongMessageIsCutNotTheRunningTask(FxRobot robot) {
        Fake training = new Fake("Training delta-241", TaskHandle.State.RUNNING);
        String longMessage = "Opened caravan-camels-241.hdproj: 241 basins, 1 dataset, 4 experiments; DATA NOT FOUND: "
                + "layer 'US states': /tmp/camels-regions/data/geo/us_states/conus_states.geojson does not exist; "
                + "layer 'CAMELS gauges (671)': /tmp/camels-regions/data/geo/camels_gauges_671.geojson does not exist";
        robot.interact(() -> {
            training.message.set("epoch 1/20");
            training.progress.set(0.02);
            training.eta.set("41 min");
            tasks.add(training);
            status.set(longMessage);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot, "#taskTitle")).isEqualTo("Training delta-241: epoch 1/20");
        assertThat(shown(robot, "#taskEta")).isEqualTo("41 min left");
        assertThat(shown(robot, "#statusLabel")).endsWith("...").hasSizeLessThan(longMessage.length());
        assertThat(robot.lookup("#statusLabel").queryLabeled().getTooltip().getText()).isEqualTo(longMessage);
    }

    @Test
    void aClusterJobBesideATrainingIsRunningNotQueuedAndCanBeCancelledFromTheList(FxRobot robot) {
        Fake training = new Fake("Training delta-desktop", TaskHandle.State.RUNNING);
        Fake cluster = new Fake("Cluster job tiny_20240506-070809", TaskHandle.State.RUNNING);
        Fake export = new Fake("Exporting arrays", TaskHandle.State.WAITING);
        robot.interact(() -> {
            training.message.set("epoch 2/50");
            training.progress.set(0.04);
            training.eta.set("3 min 20 s");
            cluster.message.set("fixture: training tiny");
            tasks.addAll(training, cluster);
        });
        assertThat(text(robot, "#taskTitle")).isEqualTo("Training delta-desktop: epoch 2/50");
        assertThat(text(robot, "#taskEta")).isEqualTo("3 min 20 s left");
        assertThat(text(robot, "#taskMore")).isEqualTo("+1 running");
        assertThat((Object) robot.lookup("#taskMore").query()).isInstanceOf(Hyperlink.class);

        robot.interact(() -> tasks.add(export));
        assertThat(text(robot, "#taskMore")).isEqualTo("+1 running, 1 queued");
        robot.interact(() -> bar.waitingTrainingsProperty().set(2));
        assertThat(text(robot, "#taskMore")).isEqualTo("+1 running, 3 queued");
        // a waiting task that starts is counted as running from then on
        robot.interact(() -> export.state.set(TaskHandle.State.RUNNING));
        assertThat(text(robot, "#taskMore")).isEqualTo("+2 running, 2 queued");
        robot.interact(() -> export.state.set(TaskHandle.State.WAITING));

        // the count opens every task, each with title, message, progress and its own Cancel
        robot.clickOn("#taskMore");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#taskList").tryQuery()).isPresent();
        List<Node> rows = List.copyOf(robot.lookup(".task-row").queryAll());
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(r -> ((Labeled) r.lookup(".task-row-title")).getText()).containsExactly(
                "Training delta-desktop", "Cluster job tiny_20240506-070809", "Exporting arrays");
        assertThat(rows).extracting(r -> ((Labeled) r.lookup(".task-row-state")).getText()).containsExactly(
                "running", "running", "waiting");
        assertThat(((Labeled) rows.get(1).lookup(".task-row-message")).getText()).isEqualTo(
                "fixture: training tiny");
        assertThat(((ProgressBar) rows.get(0).lookup(".task-row-progress")).getProgress()).isEqualTo(0.04);
        assertThat(((Labeled) rows.get(0).lookup(".task-row-eta")).getText()).isEqualTo("3 min 20 s left");
        assertThat(robot.lookup("#taskListWaitingTrainings").queryLabeled().getText()).isEqualTo(
                "2 trainings waiting in the Training tab's queue");
        Button cancelCluster = (Button) rows.get(1).lookup(".task-row-cancel");
        assertThat(cancelCluster.getId()).isEqualTo("taskRowCancel1");
        robot.clickOn(cancelCluster);
        assertThat(cluster.cancels).isEqualTo(1);
        assertThat(training.cancels).as("only the job's own Cancel").isZero();
        assertThat(((Labeled) rows.get(1).lookup(".task-row-state")).getText()).isEqualTo("cancelling");
        assertThat(cancelCluster.isDisabled()).isTrue();

        // the job ends: the list follows, and the count with it
        robot.interact(() -> tasks.remove(cluster));
        assertThat(robot.lookup(".task-row").queryAll()).hasSize(2);
        assertThat(text(robot, "#taskMore")).isEqualTo("+3 queued");
        robot.interact(() -> bar.waitingTrainingsProperty().set(0));
        robot.interact(() -> tasks.remove(export));
        assertThat(robot.lookup("#taskMore").query().isVisible()).isFalse();
    }

    @Test
    void theBarFollowsARunningTaskRatherThanAWaitingOneBeforeIt(FxRobot robot) {
        Fake waiting = new Fake("Training delta-small", TaskHandle.State.WAITING);
        Fake job = new Fake("Cluster job plain_20240506-070809", TaskHandle.State.RUNNING);
        robot.interact(() -> tasks.addAll(waiting, job));
        assertThat(text(robot, "#taskTitle")).startsWith("Cluster job plain_20240506-070809");
        assertThat(text(robot, "#taskMore")).isEqualTo("+1 queued");
        assertThat(robot.lookup("#taskCancel").queryButton().isDisabled()).isFalse();
        robot.clickOn("#taskCancel");
        assertThat(job.cancels).isEqualTo(1);
        assertThat(waiting.cancels).isZero();
        // when the waiting one starts, the bar stays with the job until it is gone
        robot.interact(() -> waiting.state.set(TaskHandle.State.RUNNING));
        assertThat(text(robot, "#taskTitle")).startsWith("Cluster job plain_20240506-070809");
        assertThat(text(robot, "#taskMore")).isEqualTo("+1 running");
        robot.interact(() -> tasks.remove(job));
        assertThat(text(robot, "#taskTitle")).startsWith("Training delta-small");
        assertThat(robot.lookup("#taskMore").query().isVisible()).isFalse();
    }
}
