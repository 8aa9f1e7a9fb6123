package org.hydrodelta.app.gui.importer;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.hydrodelta.core.data.csv.CsvMapping;
import org.hydrodelta.core.data.csv.UnitConversion;

/**
 * The CSV column-mapping step of the import: file pattern, delimiter, date column and format, each role's column
 * and unit, the attributes file, a preview converted to the model's units and the problems found. Returns the saved
 * mapping file on OK, which is disabled while there are problems. All state is in {@link CsvMappingViewModel}.
 */
public final class CsvMappingDialog extends Dialog<Path> {
    /**
     * @param vm    the mapping state, already {@link CsvMappingViewModel#open opened} on a file or folder
     * @param owner the owner window
     */
    public CsvMappingDialog(CsvMappingViewModel vm, Window owner) {
        initOwner(owner);
        setTitle("CSV column mapping");
        setHeaderText("Say which column holds what; the preview shows the first rows in the model's units");
        setResizable(true);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        Label folder = new Label();
        folder.textProperty().bind(Bindings.createStringBinding(() -> String.valueOf(vm.folderProperty().get()),
                vm.folderProperty()));
        TextField pattern = new TextField();
        pattern.textProperty().bindBidirectional(vm.patternProperty());
        Label count = new Label();
        count.textProperty().bind(Bindings.size(vm.basins()).asString("%d basins; preview of"));
        ComboBox<String> previewBasin = new ComboBox<>(vm.basins());
        previewBasin.valueProperty().bindBidirectional(vm.previewBasinProperty());
        ComboBox<String> delimiter = new ComboBox<>(FXCollections.observableArrayList(CsvMappingViewModel.DELIMITERS));
        delimiter.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String d) {
                return "\t".equals(d) ? "tab" : d;
            }

            @Override
            public String fromString(String s) {
                return "tab".equals(s) ? "\t" : s;
            }
        });
        delimiter.valueProperty().bindBidirectional(vm.delimiterProperty());
        ObservableList<String> choices = FXCollections.observableArrayList();
        Runnable fill = () -> {
            List<String> c = new ArrayList<>();
            c.add(CsvMappingViewModel.NONE);
            c.addAll(vm.columns());
            choices.setAll(c);
        };
        fill.run();
        vm.columns().addListener((ListChangeListener<String>) ch -> fill.run());
        ComboBox<String> dateColumn = new ComboBox<>(vm.columns());
        dateColumn.valueProperty().bindBidirectional(vm.dateColumnProperty());
        ComboBox<String> dateFormat = new ComboBox<>(FXCollections.observableArrayList(CsvMappingViewModel.DATE_FORMATS));
        dateFormat.setEditable(true);
        dateFormat.valueProperty().bindBidirectional(vm.dateFormatProperty());
        int row = 0;
        g.addRow(row++, new Label("Folder"), folder);
        g.addRow(row++, new Label("Files"), new HBox(6, pattern, count, previewBasin));
        g.addRow(row++, new Label("Delimiter"), delimiter);
        g.addRow(row++, new Label("Date"), new HBox(6, dateColumn, dateFormat));
        for (String role : CsvMapping.ROLES) {
            ComboBox<String> col = new ComboBox<>(choices);
            col.valueProperty().bindBidirectional(vm.columnProperty(role));
            col.setPrefWidth(160);
            col.setId("column-" + role);
            ComboBox<String> unit = new ComboBox<>(FXCollections.observableArrayList(UnitConversion.units(role)));
            unit.setId("unit-" + role);
            unit.valueProperty().bindBidirectional(vm.unitProperty(role));
            unit.disableProperty().bind(vm.columnProperty(role).isEmpty());
            g.addRow(row++, new Label(role), new HBox(6, col, unit));
        }
        Label attrs = new Label();
        attrs.textProperty().bind(Bindings.createStringBinding(() -> vm.attributesProperty().get() == null ? "(none)"
                : vm.attributesProperty().get().toString(), vm.attributesProperty()));
        Button chooseAttrs = new Button("Choose…");
        chooseAttrs.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Attributes CSV (gauge_id, area in km², ...)");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File f = fc.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                vm.attributesProperty().set(f.toPath());
            }
        });
        Button clearAttrs = new Button("None");
        clearAttrs.setOnAction(e -> vm.attributesProperty().set(null));
        g.addRow(row++, new Label("Attributes"), new HBox(6, attrs, chooseAttrs, clearAttrs));
        TextField name = new TextField();
        name.textProperty().bindBidirectional(vm.datasetNameProperty());
        Label saveDir = new Label();
        saveDir.textProperty().bind(Bindings.createStringBinding(() -> vm.saveDirProperty().get() == null
                ? "(project not saved yet)" : "saved in " + vm.saveDirProperty().get(), vm.saveDirProperty()));
        Button chooseDir = new Button("Folder…");
        chooseDir.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Folder for the mapping and basin list");
            File f = dc.showDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                vm.saveDirProperty().set(f.toPath());
            }
        });
        g.addRow(row++, new Label("Dataset name"), new HBox(6, name, saveDir, chooseDir));

        TableView<List<String>> table = new TableView<>(vm.previewRows());
        table.setId("csvPreview");
        table.setPrefHeight(190);
        Runnable columns = () -> {
            table.getColumns().clear();
            for (int i = 0; i < vm.previewColumns().size(); i++) {
                final int k = i;
                TableColumn<List<String>, String> c = new TableColumn<>(vm.previewColumns().get(i));
                c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(k < cd.getValue().size() ? cd.getValue().get(k)
                        : ""));
                c.setSortable(false);
                table.getColumns().add(org.hydrodelta.app.gui.Columns.fitHeader(c));
            }
        };
        columns.run();
        vm.previewColumns().addListener((ListChangeListener<String>) ch -> columns.run());
        ListView<String> problems = new ListView<>(vm.problems());
        problems.setId("csvProblems");
        problems.setPrefHeight(70);
        problems.setStyle("-fx-text-fill: #b00020;");
        problems.setCellFactory(l -> wrapping(l));
        ListView<String> warnings = new ListView<>(vm.warnings());
        warnings.setPrefHeight(48);
        warnings.setCellFactory(l -> wrapping(l));
        Label problemsLabel = new Label();
        problemsLabel.textProperty().bind(Bindings.size(vm.problems()).asString("Problems (%d)"));
        VBox box = new VBox(8, g, new Label("Preview"), table, problemsLabel, problems, new Label("Warnings"), warnings);
        box.setPadding(new Insets(6));
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(Bindings.isNotEmpty(vm.problems()));
        setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            try {
                return vm.save();
            } catch (RuntimeException e) {
                new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR, e.getMessage()).showAndWait();
                return null;
            }
        });
    }

    /** A list cell that wraps long messages (file, line, field and what is wrong) to the list's width. */
    private static javafx.scene.control.ListCell<String> wrapping(ListView<String> list) {
        javafx.scene.control.ListCell<String> cell = new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        };
        cell.setWrapText(true);
        cell.prefWidthProperty().bind(list.widthProperty().subtract(20));
        return cell;
    }
}
