package org.hydrodelta.app.gui.properties;

import java.util.Optional;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.PropertySheet;

/** The properties pane: a ControlsFX property sheet, read-only, grouped by category. */
public final class PropertiesView extends BorderPane {
    private final PropertiesViewModel vm;

    /** @param vm what to show */
    public PropertiesView(PropertiesViewModel vm) {
        this.vm = vm;
        setId("propertiesPane");
        PropertySheet sheet = new PropertySheet();
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(true);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        vm.items().addListener((ListChangeListener<PropertiesViewModel.Item>) c -> sheet.getItems().setAll(
                vm.items().stream().map(ReadOnlyItem::new).toList()));
        Label title = new Label();
        title.textProperty().bind(vm.titleProperty());
        title.setStyle("-fx-font-weight: bold; -fx-padding: 4 6 4 6;");
        setTop(title);
        setCenter(sheet);
    }

    /** @return the view model */
    public PropertiesViewModel viewModel() {
        return vm;
    }

    /** One row of the sheet, not editable. */
    private static final class ReadOnlyItem implements PropertySheet.Item {
        private final PropertiesViewModel.Item item;

        ReadOnlyItem(PropertiesViewModel.Item item) {
            this.item = item;
        }

        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public String getCategory() {
            return item.category();
        }

        @Override
        public String getName() {
            return item.name();
        }

        @Override
        public String getDescription() {
            return item.name() + " = " + item.value();
        }

        @Override
        public Object getValue() {
            return item.value();
        }

        @Override
        public void setValue(Object value) {
            // read-only: edits happen in the experiment editor
        }

        @Override
        public boolean isEditable() {
            return false;
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.empty();
        }
    }
}
