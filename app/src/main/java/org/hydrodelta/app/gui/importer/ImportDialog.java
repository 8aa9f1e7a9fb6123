package org.hydrodelta.app.gui.importer;

import java.io.File;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * The import dialog: choose a folder, a CSV mapping, or plain CSV files (mapped in {@link CsvMappingDialog}), check
 * what was found, name the dataset, add map layers with their roles, import.
 */
public final class ImportDialog extends Dialog<Boolean> {
    /**
     * @param vm    the import state
     * @param owner the main window
     */
    public ImportDialog(ImportViewModel vm, Window owner) {
        initOwner(owner);
        setTitle("Import data");
        setHeaderText("Import a CAMELS-US or Caravan folder, or CSV files through a column mapping, and map layers");
        Button choose = new Button("Choose folder…");
        Button chooseMapping = new Button("Choose CSV mapping…");
        chooseMapping.setOnAction(e -> {
            javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
            fc.setTitle("CSV column mapping");
            fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("CSV mapping", "*.json"));
            File f = fc.showOpenDialog(owner);
            if (f != null) {
                vm.inspect(f.toPath());
            }
        });
        Button chooseCsv = new Button("Choose CSV files…");
        chooseCsv.setOnAction(e -> {
            javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
            fc.setTitle("One basin's CSV file (its name is the basin id)");
            fc.getExtensionFilters().addAll(new javafx.stage.FileChooser.ExtensionFilter("CSV", "*.csv", "*.txt"),
                    new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
            File f = fc.showOpenDialog(owner);
            if (f != null) {
                CsvMappingViewModel mvm = new CsvMappingViewModel(vm.mappingsDir(), vm.project());
                mvm.open(f.toPath());
                new CsvMappingDialog(mvm, getDialogPane().getScene().getWindow()).showAndWait()
                        .ifPresent(mapping -> vm.useCsvMapping(mapping, mvm.datasetNameProperty().get().strip()));
            }
        });
        Button addLayer = new Button("Add map layer…");
        addLayer.setOnAction(e -> {
            javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
            fc.setTitle("Map layer");
            fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Shapefile or GeoJSON", "*.shp",
                    "*.geojson", "*.json"));
            File f = fc.showOpenDialog(owner);
            if (f != null) {
                vm.addLayer(f.toPath());
            }
        });
        Label layout = new Label();
        layout.textProperty().bind(vm.layoutProperty());
        choose.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Data folder");
            File f = dc.showDialog(owner);
            if (f != null) {
                vm.inspect(f.toPath());
            }
        });
        ComboBox<String> product = new ComboBox<>(vm.products());
        product.valueProperty().bindBidirectional(vm.productProperty());
        ComboBox<String> pet = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                ImportViewModel.PET_CHOICES));
        pet.valueProperty().bindBidirectional(vm.petProperty());
        pet.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String c) {
                return c == null ? "" : switch (c) {
                    case "column" -> "PET column of the data (computed where absent)";
                    case "auto" -> "computed, method chosen from the data";
                    default -> "computed: " + c;
                };
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        pet.setTooltip(new javafx.scene.control.Tooltip("ERA5-Land PET (Caravan) is several times the CAMELS PET;"
                + " the data doctor compares it with a temperature-based estimate. Computing PET replaces the"
                + " column in every run of this dataset, and each run records the choice."));
        TextField name = new TextField();
        name.textProperty().bindBidirectional(vm.nameProperty());
        ListView<String> basins = new ListView<>(vm.basins());
        basins.setPrefHeight(140);
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.size(vm.basins()).asString("%d basins"));
        CheckBox layers = new CheckBox();
        layers.selectedProperty().bindBidirectional(vm.addLayersProperty());
        layers.textProperty().bind(javafx.beans.binding.Bindings.size(vm.layers()).asString(
                "Add the %d map layers found beside the data"));
        ListView<LayerChoice> layerList = new ListView<>(vm.layers());
        layerList.setPrefHeight(110);
        layerList.setCellFactory(lv -> new LayerCell());
        Label layerMessage = new Label();
        layerMessage.setWrapText(true);
        layerMessage.textProperty().bind(vm.layerMessageProperty());
        Label problem = new Label();
        problem.setStyle("-fx-text-fill: #b00020;");
        problem.textProperty().bind(vm.problemProperty());
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        g.add(new javafx.scene.layout.HBox(6, choose, chooseCsv, chooseMapping), 0, 0, 2, 1);
        g.addRow(1, new Label("Layout"), layout);
        g.addRow(2, new Label("Forcing product"), product);
        g.addRow(3, new Label("PET"), pet);
        g.addRow(4, new Label("Dataset name"), name);
        g.addRow(5, count, basins);
        g.add(layers, 1, 6);
        g.addRow(7, addLayer, layerList);
        g.add(layerMessage, 1, 8);
        g.add(problem, 0, 9, 2, 1);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(vm.problemProperty().isNotEmpty());
        setResizable(true);
        setResultConverter(b -> {
            if (b == ButtonType.OK) {
                vm.apply();
                return true;
            }
            return false;
        });
    }

    /** A layer row: include it, its file name, its role, the reader's warnings as tooltip. */
    private static final class LayerCell extends javafx.scene.control.ListCell<LayerChoice> {
        @Override
        protected void updateItem(LayerChoice l, boolean empty) {
            super.updateItem(l, empty);
            setText(null);
            if (empty || l == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            CheckBox include = new CheckBox(l.path().getFileName().toString());
            include.selectedProperty().bindBidirectional(l.includeProperty());
            ComboBox<String> role = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                    LayerChoice.ROLES));
            role.valueProperty().bindBidirectional(l.roleProperty());
            Label warn = new Label(l.warnings().isEmpty() ? "" : "⚠ " + String.join("; ", l.warnings()));
            setGraphic(new javafx.scene.layout.HBox(8, include, role, warn));
            setTooltip(new javafx.scene.control.Tooltip(l.path().toString()));
        }
    }
}
