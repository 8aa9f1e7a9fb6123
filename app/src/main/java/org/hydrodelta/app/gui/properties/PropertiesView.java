package org.hydrodelta.app.gui.properties;

import java.util.Optional;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.PropertySheet;

/**
 * The properties pane: a ControlsFX property sheet, read-only, grouped by category. An attribute's description
 * and unit are its name's tooltip and are written under the sheet while the mouse is on its row.
 */
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
        description.setId("propertyDescription");
        description.setWrapText(true);
        description.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // a long description wraps inside the pane rather than widening it
        description.setMinWidth(0);
        description.setPrefWidth(100);
        description.setMaxWidth(Double.MAX_VALUE);
        description.setStyle("-fx-padding: 4 6 4 6; -fx-font-size: 0.92em;");
        description.setText(HINT);
        setBottom(description);
        // the row under the mouse: its name label's text (or that label's Text node) names the property
        sheet.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_MOVED, e -> {
            for (javafx.scene.Node n = e.getPickResult().getIntersectedNode(); n != null && n != sheet;
                    n = n.getParent()) {
                String text = n instanceof Label l ? l.getText() : n instanceof javafx.scene.text.Text t ? t.getText()
                        : null;
                if (text != null && show(text)) {
                    return;
                }
            }
        });
        vm.items().addListener((ListChangeListener<PropertiesViewModel.Item>) c -> description.setText(HINT));
    }

    private static final String HINT = "Point at an attribute for its description.";
    private final Label description = new Label();

    /**
     * Writes the description of a property under the sheet.
     *
     * @param name the property's name
     * @return false when no shown property has that name
     */
    boolean show(String name) {
        for (PropertiesViewModel.Item i : vm.items()) {
            if (i.name().equals(name)) {
                description.setText(i.description().isEmpty() ? i.name() + " = " + i.value()
                        : i.description() + "\n= " + i.value());
                return true;
            }
        }
        return false;
    }

    /** @return what is written under the sheet */
    public String descriptionText() {
        return description.getText();
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
            return item.description().isEmpty() ? item.name() + " = " + item.value() : item.description();
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
