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
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        ComboBox<String> period = new ComboBox<>(vm.periods());
        period.setId("evalPeriod");
        period.valueProperty().bindBidirectional(vm.periodProperty());
        // ISO dates whatever the desktop locale, as in the experiment editor: hydrologic periods are written 2009-10-01
        javafx.util.converter.LocalDateStringConverter iso = new javafx.util.converter.LocalDateStringConverter(
                java.time.format.DateTimeFormatter.ISO_LOCAL_DATE, java.time.format.DateTimeFormatter.ISO_LOCAL_DATE);
        DatePicker start = new DatePicker();
        start.setConverter(iso);
        start.setId("evalStart");
        start.valueProperty().bindBidirectional(vm.startProperty());
        DatePicker end = new DatePicker();
        end.setConverter(iso);
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
        // the labels keep their width: at 1280 pixels "Checkpoint" was cut to "Che..."
        form.getColumnConstraints().add(new javafx.scene.layout.ColumnConstraints(80, 80,
                javafx.scene.layout.Region.USE_PREF_SIZE));
        start.setPrefWidth(140);
        end.setPrefWidth(140);
        form.addRow(0, new Label("Period"), period, new HBox(6, start, toLabel(), end));
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
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        message.textProperty().bind(vm.messageProperty());
        message.styleProperty().bind(Bindings.when(vm.stateProperty().isEqualTo(RunTaskState.FAILED))
                .then("-fx-text-fill: #b00020;").otherwise(""));
        getChildren().addAll(title, note, form, new HBox(8, run, cancel, bar), message);
    }

    private static Label toLabel() {
        Label to = new Label("to");
        to.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return to;
    }

    /** @return the view model */
    public EvaluatePeriodViewModel viewModel() {
        return vm;
    }
}
