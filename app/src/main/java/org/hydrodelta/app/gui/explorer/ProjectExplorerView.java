package org.hydrodelta.app.gui.explorer;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The project explorer pane: layout and bindings to its {@link ProjectExplorerViewModel}. */
public final class ProjectExplorerView extends VBox {
    private final TableView<BasinRow> basinTable = new TableView<>();
    private final ListView<String> experimentList;
    private final ListView<String> runList;
    private final ListView<String> datasets;

    /**
     * @param vm the view model to show
     */
    public ProjectExplorerView(ProjectExplorerViewModel vm) {
        setId("projectExplorer");
        setSpacing(4);
        setPadding(new Insets(4));

        datasets = new ListView<>(vm.datasets());
        datasets.setId("datasetList");
        datasets.setPrefHeight(70);
        TitledPane datasetPane = new TitledPane("Datasets", datasets);

        TextField search = new TextField();
        search.setId("basinSearch");
        search.setPromptText("Search basins by id or name");
        search.textProperty().bindBidirectional(vm.filterProperty());
        Label summary = new Label();
        summary.textProperty().bind(vm.basinSummaryProperty());

        basinTable.setId("basinTable");
        basinTable.setItems(vm.filteredBasins());
        basinTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<BasinRow, String> id = new TableColumn<>("Id");
        id.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().id()));
        id.setPrefWidth(74);
        id.setMinWidth(74);
        TableColumn<BasinRow, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(120);
        TableColumn<BasinRow, Number> area = numberColumn("Area (km²)", "%,.0f");
        // wide enough for the header with its unit at the default window size (1280 px): the name column gives way
        area.setMinWidth(86);
        area.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().areaKm2()));
        TableColumn<BasinRow, Number> snow = numberColumn("Snow frac.", "%.2f");
        snow.setMinWidth(84);
        name.setMinWidth(60);
        snow.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().snowFraction()));
        headerTooltip(area, vm.areaDescriptionProperty());
        headerTooltip(snow, vm.snowDescriptionProperty());
        basinTable.getColumns().add(id);
        basinTable.getColumns().add(name);
        basinTable.getColumns().add(area);
        basinTable.getColumns().add(snow);
        VBox basinBox = new VBox(4, search, basinTable, summary);
        VBox.setVgrow(basinTable, Priority.ALWAYS);
        TitledPane basinPane = new TitledPane("Basins", basinBox);
        basinPane.setMaxHeight(Double.MAX_VALUE);

        ListView<String> experiments = new ListView<>(vm.experiments());
        experimentList = experiments;
        experiments.setId("experimentList");
        experiments.setPrefHeight(80);
        ListView<String> runs = new ListView<>(vm.runs());
        runList = runs;
        runs.setId("runList");
        runs.setPrefHeight(60);
        runs.setPlaceholder(new Label("No runs yet"));
        // each run with its state (running, finished, cancelled, failed, evaluated)
        runs.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                // the runs of a group (folds, members) stand together under its merged held-out result
                setText(empty || name == null ? null : vm.runLabel(name));
            }
        });

        getChildren().addAll(datasetPane, basinPane, new TitledPane("Experiments", experiments),
                new TitledPane("Runs", runs));
        VBox.setVgrow(basinPane, Priority.ALWAYS);
    }

    /** @return the experiment list (double-click opens the editor) */
    public ListView<String> experimentList() {
        return experimentList;
    }

    /** @return the dataset list (its menu locates a dataset's data) */
    public ListView<String> datasetList() {
        return datasets;
    }

    /** @return the run list */
    public ListView<String> runList() {
        return runList;
    }

    /** @return the basin table (for selection listeners) */
    public TableView<BasinRow> basinTable() {
        return basinTable;
    }

    /** Moves a column's title into a label whose tooltip says which attribute it is, described, with its unit. */
    private static void headerTooltip(TableColumn<BasinRow, ?> col, javafx.beans.value.ObservableStringValue text) {
        Label header = new Label(col.getText());
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(text);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        header.setTooltip(tip);
        col.setText(null);
        col.setGraphic(header);
    }

    private static TableColumn<BasinRow, Number> numberColumn(String title, String format) {
        TableColumn<BasinRow, Number> col = new TableColumn<>(title);
        col.setPrefWidth(90);
        col.setStyle("-fx-alignment: CENTER-RIGHT;");
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Double.isNaN(v.doubleValue()) ? "–" : String.format(format, v));
            }
        });
        return col;
    }
}
