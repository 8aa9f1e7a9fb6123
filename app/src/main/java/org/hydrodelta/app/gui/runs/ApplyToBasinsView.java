package org.hydrodelta.app.gui.runs;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.hydrodelta.core.eval.AttributeRangeCheck;

/**
 * The "Apply to basins…" form of a run: dataset, basins (picked in the dataset's list or typed, or the whole
 * dataset), an optional period; Apply runs the prediction in the background; the basins with attributes outside the
 * training range are listed per attribute, with how far.
 */
public final class ApplyToBasinsView extends VBox {
    private final ApplyToBasinsViewModel vm;

    /** @param vm the form's state */
    public ApplyToBasinsView(ApplyToBasinsViewModel vm) {
        this.vm = vm;
        setId("applyToBasinsView");
        setSpacing(8);
        setPadding(new Insets(12));
        Label title = new Label("Apply " + vm.run().name() + " to basins");
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        Label note = new Label("Streamflow and every state and flux for basins the run did not train on; their flow"
                + " may be absent (metrics only where it was observed). The run's own normalisation is used.");
        note.setWrapText(true);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        ComboBox<String> dataset = new ComboBox<>(vm.datasets());
        dataset.setId("applyDataset");
        dataset.valueProperty().bindBidirectional(vm.datasetProperty());
        CheckBox whole = new CheckBox("Every basin of the dataset");
        whole.setId("applyWholeDataset");
        whole.selectedProperty().bindBidirectional(vm.wholeDatasetProperty());
        TextField basins = new TextField();
        basins.setId("applyBasins");
        basins.setPromptText("basin ids, separated by commas (or pick them in the list)");
        basins.textProperty().bindBidirectional(vm.basinsProperty());
        basins.disableProperty().bind(vm.wholeDatasetProperty());
        ListView<String> list = new ListView<>(vm.datasetBasins());
        list.setId("applyBasinList");
        list.setPrefHeight(140);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.disableProperty().bind(vm.wholeDatasetProperty());
        list.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<String>) c ->
                vm.basinsProperty().set(String.join(", ", list.getSelectionModel().getSelectedItems())));
        // ISO dates whatever the desktop locale, as in the experiment editor: hydrologic periods are written 2009-10-01
        javafx.util.converter.LocalDateStringConverter iso = new javafx.util.converter.LocalDateStringConverter(
                java.time.format.DateTimeFormatter.ISO_LOCAL_DATE, java.time.format.DateTimeFormatter.ISO_LOCAL_DATE);
        DatePicker start = new DatePicker();
        start.setConverter(iso);
        start.setId("applyStart");
        start.valueProperty().bindBidirectional(vm.startProperty());
        DatePicker end = new DatePicker();
        end.setConverter(iso);
        end.setId("applyEnd");
        end.valueProperty().bindBidirectional(vm.endProperty());
        start.setPromptText("run's test period");
        end.setPromptText("run's test period");
        CheckBox skip = new CheckBox("Skip basins that cannot be simulated (they are listed)");
        skip.setId("applySkipUnusable");
        skip.selectedProperty().bindBidirectional(vm.skipUnusableProperty());
        CheckBox fill = new CheckBox("Use the training mean for missing attribute values (they are listed)");
        fill.setId("applyFillMissing");
        fill.selectedProperty().bindBidirectional(vm.fillMissingAttributesProperty());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        // the labels keep their width: at 1280 pixels they were cut to "Dat..."
        form.getColumnConstraints().add(new javafx.scene.layout.ColumnConstraints(60, 60,
                javafx.scene.layout.Region.USE_PREF_SIZE));
        form.addRow(0, new Label("Dataset"), dataset, whole);
        form.addRow(1, new Label("Basins"), basins);
        GridPane.setColumnSpan(basins, 2);
        form.addRow(2, new Label(""), list);
        GridPane.setColumnSpan(list, 2);
        Label to = new Label("to");
        to.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        start.setPrefWidth(150);
        end.setPrefWidth(150);
        form.addRow(3, new Label("Period"), new HBox(6, start, to, end));
        form.addRow(4, new Label(""), skip);
        form.addRow(5, new Label(""), fill);
        GridPane.setHgrow(basins, Priority.ALWAYS);

        Button apply = new Button("Apply");
        apply.setId("applyButton");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("applyCancel");
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar bar = new ProgressBar();
        bar.setId("applyProgress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.stateProperty().isEqualTo(RunTaskState.RUNNING));
        apply.disableProperty().bind(vm.stateProperty().isEqualTo(RunTaskState.RUNNING));
        cancel.disableProperty().bind(vm.stateProperty().isNotEqualTo(RunTaskState.RUNNING));
        Label message = new Label();
        message.setId("applyMessage");
        message.setWrapText(true);
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        message.textProperty().bind(vm.messageProperty());
        message.styleProperty().bind(Bindings.when(vm.stateProperty().isEqualTo(RunTaskState.FAILED))
                .then("-fx-text-fill: #b00020;").otherwise(""));

        TableView<AttributeRangeCheck.Flag> flags = new TableView<>(vm.flags());
        flags.setId("applyFlags");
        flags.setPlaceholder(new Label("No basin outside the training basins' attribute range (yet)"));
        flags.getColumns().add(column("basin", f -> f.basinId()));
        flags.getColumns().add(column("attribute", f -> f.attribute()));
        flags.getColumns().add(column("value", f -> number(f.value())));
        flags.getColumns().add(column("training range", f -> number(f.min()) + " .. " + number(f.max())));
        TableColumn<AttributeRangeCheck.Flag, Number> far = new TableColumn<>("how far (%)");
        far.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().percent()));
        far.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Double.isInfinite(v.doubleValue()) ? "–"
                        : String.format(java.util.Locale.ROOT, "%.0f %% %s", v.doubleValue(),
                                getTableRow() != null && getTableRow().getItem() != null && getTableRow().getItem()
                                        .above() ? "above" : "below"));
            }
        });
        flags.getColumns().add(far);
        flags.getColumns().add(column("message", AttributeRangeCheck.Flag::format));
        flags.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label flagTitle = new Label("Attributes outside the training basins' range (the network extrapolates there)");
        ListView<String> missing = new ListView<>(vm.missing());
        missing.setId("applyMissing");
        missing.setPrefHeight(60);
        missing.setPlaceholder(new Label("No attribute value missing"));
        getChildren().addAll(title, note, form, new HBox(8, apply, cancel, bar), message, flagTitle, flags,
                new Label("Attribute values the basins lack"), missing);
        VBox.setVgrow(flags, Priority.ALWAYS);
    }

    private static String number(double v) {
        return Math.abs(v) >= 1000 ? String.format(java.util.Locale.ROOT, "%.0f", v)
                : String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    private static TableColumn<AttributeRangeCheck.Flag, String> column(String title,
            java.util.function.Function<AttributeRangeCheck.Flag, String> value) {
        TableColumn<AttributeRangeCheck.Flag, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(value.apply(x.getValue())));
        return c;
    }

    /** @return the view model */
    public ApplyToBasinsViewModel viewModel() {
        return vm;
    }
}
