package org.hydrodelta.app.gui.combine;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.GridPane;
import org.hydrodelta.core.combine.ModelCombiner;

/**
 * The "Combine runs…" dialog: tick the runs, name the combination, choose the network's size, epochs and seed;
 * what is wrong is said under the form and keeps OK disabled.
 */
public final class CombineDialog extends Dialog<ButtonType> {
    /** @param vm the dialog's state */
    public CombineDialog(CombineViewModel vm) {
        setTitle("Combine runs");
        setHeaderText("Learn per basin how to weight the chosen runs (from the basins' attributes, on the validation"
                + " period)");
        ListView<String> list = new ListView<>(vm.runs());
        list.setId("combineRuns");
        list.setPrefHeight(180);
        list.setCellFactory(CheckBoxListCell.forListView(run -> {
            SimpleBooleanProperty on = new SimpleBooleanProperty(vm.chosen().contains(run));
            on.addListener((o, a, b) -> {
                if (b && !vm.chosen().contains(run)) {
                    vm.chosen().add(run);
                } else if (!b) {
                    vm.chosen().remove(run);
                }
            });
            return on;
        }));
        TextField name = new TextField();
        name.setId("combineName");
        name.textProperty().bindBidirectional(vm.nameProperty());
        Spinner<Integer> hidden = new Spinner<>(1, ModelCombiner.MAX_HIDDEN, vm.hiddenProperty().get());
        hidden.setEditable(true);
        hidden.valueProperty().addListener((o, a, b) -> vm.hiddenProperty().set(b));
        Spinner<Integer> epochs = new Spinner<>(1, ModelCombiner.MAX_EPOCHS, vm.epochsProperty().get(), 50);
        epochs.setEditable(true);
        epochs.valueProperty().addListener((o, a, b) -> vm.epochsProperty().set(b));
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, vm.seedProperty().get());
        seed.setEditable(true);
        seed.valueProperty().addListener((o, a, b) -> vm.seedProperty().set(b));
        Label problems = new Label();
        problems.setId("combineProblems");
        problems.setWrapText(true);
        problems.setStyle("-fx-text-fill: #b00020;");
        problems.textProperty().bind(vm.problemsProperty());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Runs"), list);
        form.addRow(1, new Label("Name"), name);
        form.addRow(2, new Label("Hidden units"), hidden);
        form.addRow(3, new Label("Epochs"), epochs);
        form.addRow(4, new Label("Seed"), seed);
        form.add(problems, 0, 5, 2, 1);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).setId("combineOk");
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(vm.problemsProperty().isNotEmpty());
    }
}
