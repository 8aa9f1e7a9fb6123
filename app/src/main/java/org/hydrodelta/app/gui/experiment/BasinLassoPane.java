package org.hydrodelta.app.gui.experiment;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import org.hydrodelta.app.gui.map.BasinMapViewModel;
import org.hydrodelta.maps.fx.LassoSelectionEvent;
import org.hydrodelta.maps.fx.MapView;

/**
 * Choosing an experiment's basins by lasso on the project's map: the map of {@link BasinMapViewModel} with lasso
 * mode on, Replace / Add / Remove, and how many of the project's basins the last lasso caught. Ids the lasso
 * catches that are not project basins (e.g. a polygon without a gauge in the project) are ignored. The gauges are
 * coloured in two classes: first the experiment's basins, after a lasso the basins it caught.
 */
public final class BasinLassoPane extends BorderPane {
    private final ExperimentEditorViewModel editor;
    private final MapView map = new MapView();
    private final ObservableList<String> lassoed = FXCollections.observableArrayList();
    private final ObjectProperty<BasinSelectionMode> mode = new SimpleObjectProperty<>(BasinSelectionMode.REPLACE);
    private final Label count = new Label();
    private final BasinMapViewModel mapVm;
    /** Whether the lasso picks a custom holdout's held-out basins (else the experiment's basins). */
    private final boolean heldOut;

    /**
     * @param editor the experiment editor whose basins are changed by {@link #apply()}
     * @param mapVm  the project's map (backdrop, basin polygons, gauges of the project's basins)
     */
    public BasinLassoPane(ExperimentEditorViewModel editor, BasinMapViewModel mapVm) {
        this(editor, mapVm, false);
    }

    /**
     * @param editor  the experiment editor whose basins (or held-out basins) are changed by {@link #apply()}
     * @param mapVm   the project's map (backdrop, basin polygons, gauges of the project's basins)
     * @param heldOut true to pick the held-out basins of a custom holdout, shown as held out and training
     */
    public BasinLassoPane(ExperimentEditorViewModel editor, BasinMapViewModel mapVm, boolean heldOut) {
        this.editor = editor;
        this.heldOut = heldOut;
        this.mapVm = mapVm;
        setId("basinLasso");
        map.setId("lassoMap");
        map.mapSceneProperty().bind(mapVm.sceneProperty());
        map.setLassoMode(true);
        map.setOnLassoSelected(this::onLasso);
        ToggleButton lasso = new ToggleButton("Lasso");
        lasso.setId("lassoToggle");
        lasso.selectedProperty().bindBidirectional(map.lassoModeProperty());
        lasso.setTooltip(new javafx.scene.control.Tooltip(
                "Drag around basins to select them; off: drag pans (Shift+drag always draws a lasso)"));
        ToggleGroup modes = new ToggleGroup();
        ToolBar bar = new ToolBar(lasso);
        for (BasinSelectionMode m : BasinSelectionMode.values()) {
            RadioButton r = new RadioButton(m.label());
            r.setId("lassoMode" + m.label());
            r.setUserData(m);
            r.setToggleGroup(modes);
            r.setSelected(m == mode.get());
            bar.getItems().add(r);
        }
        modes.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                mode.set((BasinSelectionMode) t.getUserData());
            }
        });
        mode.addListener((o, a, m) -> modes.getToggles().stream().filter(t -> t.getUserData() == m).findFirst()
                .ifPresent(t -> t.setSelected(true)));
        count.setId("lassoCount");
        lassoed.addListener((javafx.collections.ListChangeListener<String>) c -> updateCount());
        updateCount();
        Label hover = new Label();
        hover.textProperty().bind(map.hoverTextProperty());
        bar.getItems().addAll(count, hover);
        setTop(bar);
        setCenter(map);
        if (heldOut) {
            mapVm.showChosen("Holdout", "held out", "training", editor.basins().keySet(), editor.chosenHeldOut());
        } else {
            mapVm.showChosen("Basins", "in the experiment", "not chosen", editor.basins().keySet(),
                    editor.chosenBasins());
        }
        setPadding(new Insets(0));
    }

    private void onLasso(LassoSelectionEvent e) {
        lassoed.setAll(editor.projectBasins(e.ids()));
        mapVm.showChosen("Lasso", "caught", "not caught", editor.basins().keySet(), lassoed);
    }

    private void updateCount() {
        int n = lassoed.size();
        count.setText(n + (n == 1 ? " basin" : " basins") + " selected");
        count.setTooltip(n == 0 ? null : new javafx.scene.control.Tooltip(String.join(", ", lassoed)));
    }

    /**
     * Applies the last lasso's basins to the editor with the chosen mode.
     *
     * @return how many basins were applied
     */
    public int apply() {
        return heldOut ? editor.applyHeldOutSelection(List.copyOf(lassoed), mode.get())
                : editor.applyBasinSelection(List.copyOf(lassoed), mode.get());
    }

    /** @return the project basins the last lasso caught, in feature order */
    public ObservableList<String> lassoedBasins() {
        return lassoed;
    }

    /** @return replace, add or remove */
    public ObjectProperty<BasinSelectionMode> modeProperty() {
        return mode;
    }

    /** @return the map node */
    public MapView map() {
        return map;
    }

    /**
     * Opens the lasso dialog and, on OK, applies the lassoed basins to the editor.
     *
     * @param owner  the window the dialog belongs to, may be null
     * @param editor the experiment editor
     * @param status receives what was applied, or why the map could not be shown
     */
    public static void showDialog(Window owner, ExperimentEditorViewModel editor, Consumer<String> status) {
        showDialog(owner, editor, status, false);
    }

    /**
     * Opens the lasso dialog for the experiment's basins or a custom holdout's held-out basins and, on OK, applies
     * the lassoed basins to the editor.
     *
     * @param owner   the window the dialog belongs to, may be null
     * @param editor  the experiment editor
     * @param status  receives what was applied, or why the map could not be shown
     * @param heldOut true for the held-out basins
     */
    public static void showDialog(Window owner, ExperimentEditorViewModel editor, Consumer<String> status,
            boolean heldOut) {
        BasinMapViewModel mapVm;
        try {
            mapVm = new BasinMapViewModel(editor.project());
        } catch (IOException | RuntimeException ex) {
            status.accept("Cannot show the basin map: " + ex.getMessage());
            return;
        }
        BasinLassoPane pane = new BasinLassoPane(editor, mapVm, heldOut);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(heldOut ? "Select the held-out basins on the map" : "Select basins on the map");
        dialog.setResizable(true);
        dialog.getDialogPane().setContent(pane);
        dialog.getDialogPane().setPrefSize(900, 620);
        ButtonType ok = new ButtonType("OK", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ok).disableProperty()
                .bind(javafx.beans.binding.Bindings.isEmpty(pane.lassoedBasins()));
        Optional<ButtonType> answer = dialog.showAndWait();
        if (answer.isPresent() && answer.get() == ok) {
            BasinSelectionMode m = pane.modeProperty().get();
            int n = pane.apply();
            String what = heldOut ? "held-out basins" : "basins";
            status.accept(switch (m) {
                case REPLACE -> (heldOut ? "Held-out basins" : "Basins") + " replaced by " + n + " chosen on the map";
                case ADD -> "Added " + n + " " + what + " chosen on the map";
                case REMOVE -> "Removed " + n + " " + what + " chosen on the map";
            });
        }
    }
}
