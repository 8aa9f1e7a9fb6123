package org.hydrodelta.app.gui;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.hydrodelta.app.task.TaskHandle;

/**
 * The status bar: the last status message on the left; on the right the running background task with its
 * progress, message, remaining time and a cancel button, and how many more are queued.
 */
public final class StatusBar extends HBox {
    private final Label taskTitle = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label eta = new Label();
    private final Button cancel = new Button("Cancel");
    private final Label queued = new Label();
    private final HBox taskBox;
    private final javafx.beans.property.IntegerProperty waitingTrainings = new javafx.beans.property
            .SimpleIntegerProperty();

    /**
     * @param status the status message to show
     * @param tasks  waiting and running tasks, first = running
     */
    public StatusBar(javafx.beans.value.ObservableStringValue status, ObservableList<TaskHandle> tasks) {
        setId("statusBar");
        Label statusLabel = new Label();
        statusLabel.setId("statusLabel");
        statusLabel.textProperty().bind(status);
        statusLabel.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(statusLabel, Priority.ALWAYS);
        progress.setPrefWidth(160);
        progress.setId("taskProgress");
        cancel.setId("taskCancel");
        taskTitle.setId("taskTitle");
        eta.setId("taskEta");
        taskBox = new HBox(6, taskTitle, progress, eta, queued, cancel);
        taskBox.setAlignment(Pos.CENTER_RIGHT);
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
        setStyle("-fx-border-color: -fx-box-border transparent transparent transparent;");
        getChildren().addAll(statusLabel, taskBox);
        tasks.addListener((ListChangeListener<TaskHandle>) c -> show(tasks));
        waitingTrainings.addListener((o, a, n) -> show(tasks));
        show(tasks);
    }

    /**
     * @return trainings waiting in the training tab's queue (they reach the worker one at a time), counted with the
     *         worker's own queued tasks
     */
    public javafx.beans.property.IntegerProperty waitingTrainingsProperty() {
        return waitingTrainings;
    }

    private void show(ObservableList<TaskHandle> tasks) {
        taskBox.setVisible(!tasks.isEmpty());
        taskBox.setManaged(!tasks.isEmpty());
        if (tasks.isEmpty()) {
            return;
        }
        TaskHandle t = tasks.get(0);
        taskTitle.textProperty().bind(Bindings.concat(t.title(), ": ", t.messageProperty()));
        progress.progressProperty().bind(t.progressProperty());
        eta.textProperty().bind(Bindings.when(t.etaProperty().isEmpty()).then("")
                .otherwise(Bindings.concat(t.etaProperty(), " left")));
        int waiting = tasks.size() - 1 + waitingTrainings.get();
        queued.setText(waiting > 0 ? "+" + waiting + " queued" : "");
        cancel.disableProperty().bind(t.stateProperty().isNotEqualTo(TaskHandle.State.RUNNING));
        cancel.setOnAction(e -> t.cancel());
    }
}
