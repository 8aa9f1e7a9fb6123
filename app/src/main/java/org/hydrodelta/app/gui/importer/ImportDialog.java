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

/** The import dialog: choose a folder, check what was found, name the dataset, import. */
public final class ImportDialog extends Dialog<Boolean> {
    /**
     * @param vm    the import state
     * @param owner the main window
     */
    public ImportDialog(ImportViewModel vm, Window owner) {
        initOwner(owner);
        setTitle("Import data");
        setHeaderText("Import a CAMELS-US or Caravan folder, or CSV files through a column mapping");
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
        Label problem = new Label();
        problem.setStyle("-fx-text-fill: #b00020;");
        problem.textProperty().bind(vm.problemProperty());
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        g.addRow(0, new javafx.scene.layout.HBox(6, choose, chooseMapping), layout);
        g.addRow(1, new Label("Forcing product"), product);
        g.addRow(2, new Label("Dataset name"), name);
        g.addRow(3, count, basins);
        g.add(layers, 1, 4);
        g.add(problem, 0, 5, 2, 1);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(vm.problemProperty().isNotEmpty());
        setResultConverter(b -> {
            if (b == ButtonType.OK) {
                vm.apply();
                return true;
            }
            return false;
        });
    }
}
