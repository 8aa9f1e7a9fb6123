package org.hydrodelta.app.gui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PopOver;
import org.hydrodelta.app.task.TaskHandle;

/**
 * The status bar: the last status message on the left; on the right one running background task with its
 * progress, message, remaining time and a cancel button, and how many more run and wait ({@code +1 running,
 * 2 queued}). The count opens the list of every task, each with its title, state, message, progress and a Cancel
 * of its own, so a cluster job running beside a training can be followed and stopped too.
 */
public final class StatusBar extends HBox {
    private final ObservableList<TaskHandle> tasks;
    private final Label taskTitle = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label eta = new Label();
    private final Button cancel = new Button("Cancel");
    private final Hyperlink more = new Hyperlink();
    private final HBox taskBox;
    private final IntegerProperty waitingTrainings = new SimpleIntegerProperty();
    private final VBox taskList = new VBox(8);
    private final InvalidationListener stateChanged = o -> show();
    private PopOver popOver;
    /** The task the bar shows; kept while it runs, so the bar does not jump when another one starts. */
    private TaskHandle shown;

    /**
     * @param status the status message to show
     * @param tasks  waiting and running tasks, in submission order
     */
    public StatusBar(ObservableStringValue status, ObservableList<TaskHandle> tasks) {
        this.tasks = tasks;
        setId("statusBar");
        Label statusLabel = new Label();
        statusLabel.setId("statusLabel");
        statusLabel.textProperty().bind(status);
        // a long message (a path, a reason) is cut at the window's edge: pointing at it shows all of it
        Tooltip whole = new Tooltip();
        whole.setId("statusTooltip");
        whole.setWrapText(true);
        whole.setMaxWidth(720);
        whole.textProperty().bind(status);
        statusLabel.tooltipProperty().bind(javafx.beans.binding.Bindings.when(javafx.beans.binding.Bindings
                .createBooleanBinding(() -> status.get() == null || status.get().isEmpty(), status))
                .then((Tooltip) null).otherwise(whole));
        statusLabel.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(statusLabel, Priority.ALWAYS);
        progress.setPrefWidth(160);
        progress.setId("taskProgress");
        cancel.setId("taskCancel");
        taskTitle.setId("taskTitle");
        eta.setId("taskEta");
        more.setId("taskMore");
        more.setTooltip(new Tooltip("Show every background task"));
        more.setOnAction(e -> {
            more.setVisited(false);
            togglePopOver();
        });
        taskList.setId("taskList");
        taskList.setPadding(new Insets(10));
        taskBox = new HBox(6, taskTitle, progress, eta, more, cancel);
        taskBox.setAlignment(Pos.CENTER_RIGHT);
        // the task's name, progress and time left keep their room; a long message is the one cut (its tooltip has it)
        taskBox.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        statusLabel.setMinWidth(0);
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
        setStyle("-fx-border-color: -fx-box-border transparent transparent transparent;");
        getChildren().addAll(statusLabel, taskBox);
        tasks.addListener((ListChangeListener<TaskHandle>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(t -> t.stateProperty().removeListener(stateChanged));
                c.getAddedSubList().forEach(t -> t.stateProperty().addListener(stateChanged));
            }
            show();
            refreshList();
        });
        tasks.forEach(t -> t.stateProperty().addListener(stateChanged));
        waitingTrainings.addListener(o -> {
            show();
            refreshList();
        });
        show();
    }

    /**
     * @return trainings waiting in the training tab's queue (they reach the worker one at a time), counted with the
     *         worker's own queued tasks
     */
    public IntegerProperty waitingTrainingsProperty() {
        return waitingTrainings;
    }

    /**
     * @param t a task
     * @return whether it is under way: running, or running until its next safe point after a cancel
     */
    private static boolean running(TaskHandle t) {
        TaskHandle.State s = t.stateProperty().get();
        return s == TaskHandle.State.RUNNING || s == TaskHandle.State.CANCELLING;
    }

    private void show() {
        boolean any = !tasks.isEmpty();
        taskBox.setVisible(any);
        taskBox.setManaged(any);
        if (!any) {
            shown = null;
            if (popOver != null) {
                popOver.hide();
            }
            return;
        }
        // the task shown stays while it runs; else the first running one, else the first
        if (shown == null || !tasks.contains(shown) || !running(shown)) {
            shown = tasks.stream().filter(StatusBar::running).findFirst().orElse(tasks.get(0));
        }
        TaskHandle t = shown;
        taskTitle.textProperty().bind(Bindings.concat(t.title(), ": ", t.messageProperty()));
        progress.progressProperty().bind(t.progressProperty());
        eta.textProperty().bind(etaText(t));
        cancel.disableProperty().bind(t.stateProperty().isNotEqualTo(TaskHandle.State.RUNNING));
        cancel.setOnAction(e -> t.cancel());
        long othersRunning = tasks.stream().filter(o -> o != t && running(o)).count();
        long queued = tasks.stream().filter(o -> o != t && !running(o)).count() + waitingTrainings.get();
        List<String> parts = new ArrayList<>();
        if (othersRunning > 0) {
            parts.add(othersRunning + " running");
        }
        if (queued > 0) {
            parts.add(queued + " queued");
        }
        more.setText(parts.isEmpty() ? "" : "+" + String.join(", ", parts));
        more.setVisible(!parts.isEmpty());
        more.setManaged(!parts.isEmpty());
    }

    private static StringExpression etaText(TaskHandle t) {
        return Bindings.when(t.etaProperty().isEmpty()).then("").otherwise(Bindings.concat(t.etaProperty(), " left"));
    }

    private void togglePopOver() {
        if (popOver == null) {
            ScrollPane scroll = new ScrollPane(taskList);
            scroll.setFitToWidth(true);
            scroll.setPrefViewportWidth(460);
            scroll.setMaxHeight(420);
            popOver = new PopOver(scroll);
            popOver.setTitle("Background tasks");
            popOver.setHeaderAlwaysVisible(true);
            popOver.setDetachable(false);
            popOver.setAnimated(false);
            popOver.setArrowLocation(PopOver.ArrowLocation.BOTTOM_RIGHT);
        }
        if (popOver.isShowing()) {
            popOver.hide();
        } else {
            fillList();
            popOver.show(more);
        }
    }

    /** Rebuilds the list while it is open (its rows follow their task's state, message and progress by themselves). */
    private void refreshList() {
        if (popOver != null && popOver.isShowing()) {
            fillList();
        }
    }

    /** One row a task, in submission order, and a line for the trainings waiting in the training tab. */
    private void fillList() {
        List<javafx.scene.Node> rows = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            rows.add(row(tasks.get(i), i));
        }
        if (waitingTrainings.get() > 0) {
            Label w = new Label(waitingTrainings.get() + (waitingTrainings.get() == 1 ? " training" : " trainings")
                    + " waiting in the Training tab's queue");
            w.setId("taskListWaitingTrainings");
            rows.add(w);
        }
        taskList.getChildren().setAll(rows);
    }

    private static VBox row(TaskHandle t, int index) {
        Label title = new Label(t.title());
        title.getStyleClass().add("task-row-title");
        title.setStyle("-fx-font-weight: bold;");
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        Label state = new Label();
        state.getStyleClass().add("task-row-state");
        state.textProperty().bind(Bindings.createStringBinding(() -> stateText(t.stateProperty().get()),
                t.stateProperty()));
        Label message = new Label();
        message.getStyleClass().add("task-row-message");
        message.textProperty().bind(t.messageProperty());
        message.setWrapText(true);
        message.setMaxWidth(440);
        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add("task-row-progress");
        bar.progressProperty().bind(t.progressProperty());
        bar.setPrefWidth(220);
        Label eta = new Label();
        eta.getStyleClass().add("task-row-eta");
        eta.textProperty().bind(etaText(t));
        Button stop = new Button("Cancel");
        stop.setId("taskRowCancel" + index);
        stop.getStyleClass().add("task-row-cancel");
        // a waiting task can be cancelled too: it then never starts
        stop.disableProperty().bind(t.stateProperty().isNotEqualTo(TaskHandle.State.RUNNING).and(t.stateProperty()
                .isNotEqualTo(TaskHandle.State.WAITING)));
        stop.setOnAction(e -> t.cancel());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, title, state);
        head.setAlignment(Pos.CENTER_LEFT);
        HBox foot = new HBox(8, bar, eta, gap, stop);
        foot.setAlignment(Pos.CENTER_LEFT);
        VBox row = new VBox(3, head, message, foot);
        row.setId("taskRow" + index);
        row.getStyleClass().add("task-row");
        return row;
    }

    private static String stateText(TaskHandle.State s) {
        return s == null ? "" : switch (s) {
            case WAITING -> "waiting";
            case RUNNING -> "running";
            case CANCELLING -> "cancelling";
            case SUCCEEDED -> "done";
            case CANCELLED -> "cancelled";
            case FAILED -> "failed";
        };
    }
}
