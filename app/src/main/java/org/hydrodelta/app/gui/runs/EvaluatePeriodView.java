package org.hydrodelta.app.gui.runs;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The "Evaluate period…" form of a run: period (train, validation, test or custom days) and checkpoint epoch;
 * Evaluate runs in the background and the result appears under the period's name (e.g. {@code validation_epoch_002}).
 */
public final class EvaluatePeriodView extends VBox {
    private final EvaluatePeriodViewModel vm;

    /** @param vm the form's state */
    public EvaluatePeriodView(EvaluatePeriodViewModel vm) {
        this.vm = vm;
        setId("evaluatePeriodView");
        setSpacing(8);
        setPadding(new Insets(12));
        Label title = new Label("Evaluate " + vm.run().name());
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        Label note = new Label("A period after the training period warms up over the training period (the test"
                + " protocol); any other over the run's warm-up days of data before it.");
        note.setWrapText(true);
        ComboBox<String> period = new ComboBox<>(vm.periods());
        period.setId("evalPeriod");
        period.valueProperty().bindBidirectional(vm.periodProperty());
        DatePicker start = new DatePicker();
        start.setId("evalStart");
        start.valueProperty().bindBidirectional(vm.startProperty());
        DatePicker end = new DatePicker();
        end.setId("evalEnd");
        end.valueProperty().bindBidirectional(vm.endProperty());
        start.disableProperty().bind(vm.periodProperty().isNotEqualTo(EvaluatePeriodViewModel.CUSTOM));
        end.disableProperty().bind(start.disableProperty());
        ComboBox<Integer> epoch = new ComboBox<>();
        epoch.setId("evalEpoch");
        epoch.getItems().add(null);
        epoch.getItems().addAll(vm.epochs());
        String chosen = vm.chosenCheckpoint().isEmpty() ? "none" : vm.chosenCheckpoint();
        StringConverter<Integer> names = new StringConverter<>() {
            @Override
            public String toString(Integer e) {
                return e == null ? "the run's choice (" + chosen + ")" : "epoch " + e;
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        };
        epoch.setConverter(names);
        epoch.setButtonCell(new javafx.scene.control.cell.ComboBoxListCell<>(names) {
            @Override
            public void updateItem(Integer item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? names.toString(null) : names.toString(item));
            }
        });
        epoch.setCellFactory(l -> new javafx.scene.control.cell.ComboBoxListCell<>(names) {
            @Override
            public void updateItem(Integer item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : names.toString(item));
            }
        });
        epoch.valueProperty().bindBidirectional(vm.epochProperty());
        Label folder = new Label();
        folder.setId("evalFolder");
        folder.textProperty().bind(Bindings.createStringBinding(() -> {
            try {
                return "results as " + vm.evaluationName();
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }, vm.periodProperty(), vm.startProperty(), vm.endProperty(), vm.epochProperty()));
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Period"), period, new HBox(6, start, new Label("to"), end));
        form.addRow(1, new Label("Checkpoint"), epoch, folder);
        Button run = new Button("Evaluate");
        run.setId("evaluateButton");
        run.setDefaultButton(true);
        run.setOnAction(e -> vm.start());
        run.disableProperty().bind(vm.stateProperty().isEqualTo(RunTaskState.RUNNING));
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.stateProperty().isNotEqualTo(RunTaskState.RUNNING));
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.stateProperty().isEqualTo(RunTaskState.RUNNING));
        Label message = new Label();
        message.setId("evalMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.styleProperty().bind(Bindings.when(vm.stateProperty().isEqualTo(RunTaskState.FAILED))
                .then("-fx-text-fill: #b00020;").otherwise(""));
        getChildren().addAll(title, note, form, new HBox(8, run, cancel, bar), message);
    }

    /** @return the view model */
    public EvaluatePeriodViewModel viewModel() {
        return vm;
    }
}
