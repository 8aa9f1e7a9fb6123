package org.hydrodelta.app.gui.map;

import java.util.function.Consumer;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.hydrodelta.maps.fx.FeatureSelectionEvent;
import org.hydrodelta.maps.fx.MapView;
import org.hydrodelta.maps.render.MapLayer;
import org.hydrodelta.maps.render.MapScene;
import org.hydrodelta.maps.render.Selection;

/**
 * Layout of the map tab: metric chooser over the map; clicking a basin opens its hydrograph and the selected
 * basin stays outlined on the map. When the project's runs change, {@link #setViewModel} swaps in a fresh view model
 * and keeps the chosen metric and the selected basin.
 */
public final class BasinMapView extends BorderPane {
    private BasinMapViewModel vm;
    private final MapView map = new MapView();
    private final ComboBox<String> metric = new ComboBox<>();
    private final Label caption = new Label();
    private String selectedBasin;

    /**
     * @param vm      the map state
     * @param onBasin called with the id of a clicked basin
     * @param status  receives export messages
     */
    public BasinMapView(BasinMapViewModel vm, Consumer<String> onBasin, Consumer<String> status) {
        setId("basinMap");
        metric.setId("mapMetric");
        caption.setId("mapCaption");
        caption.setMinWidth(0);
        Label hover = new Label();
        hover.setId("mapHover");
        hover.setMinWidth(0);
        hover.textProperty().bind(map.hoverTextProperty());
        metric.setPrefWidth(200);
        // what the colours show and what is under the mouse on a line of their own: in the tool bar they went
        // behind ">>" at 1280 pixels
        javafx.scene.layout.HBox info = new javafx.scene.layout.HBox(16, caption, hover);
        info.setPadding(new javafx.geometry.Insets(2, 8, 2, 8));
        setTop(new javafx.scene.layout.VBox(new ToolBar(new Label("Colour by"), metric,
                org.hydrodelta.app.gui.export.FigureExport.button(this, "basin_map", this::export, null, status)),
                info));
        map.setId("mapView");
        map.setOnFeatureSelected((FeatureSelectionEvent e) -> {
            if (e.hit() != null) {
                selectedBasin = e.hit().id();
                onBasin.accept(selectedBasin);
            }
        });
        setCenter(map);
        setViewModel(vm);
    }

    /**
     * Shows another view model (the project's runs changed), keeping the chosen metric when the new one offers it.
     *
     * @param next the new map state
     */
    public void setViewModel(BasinMapViewModel next) {
        String chosen = vm == null ? null : vm.metricProperty().get();
        if (vm != null) {
            metric.valueProperty().unbindBidirectional(vm.metricProperty());
        }
        vm = next;
        // a prediction without observed flow opens on its mean streamflow, whatever was chosen before
        if (chosen != null && !chosen.equals(BasinMapViewModel.NONE) && next.metrics().contains(chosen)
                && !next.withoutSkill()) {
            next.metricProperty().set(chosen);
        }
        metric.setItems(next.metrics());
        metric.valueProperty().bindBidirectional(next.metricProperty());
        caption.textProperty().bind(next.captionProperty());
        map.mapSceneProperty().bind(next.sceneProperty());
        if (selectedBasin != null) {
            showBasin(selectedBasin);
        }
    }

    /**
     * Outlines a basin's gauge (or polygon) on the map, as when it is clicked; fires nothing.
     *
     * @param basinId the basin, or null to clear
     * @return whether the map shows that basin
     */
    public boolean showBasin(String basinId) {
        selectedBasin = basinId;
        MapScene s = map.getMapScene();
        if (s == null || basinId == null) {
            map.select(null);
            return false;
        }
        // the top-most layer naming the basin: gauges are drawn above polygons
        for (int l = s.layers().size() - 1; l >= 0; l--) {
            MapLayer layer = s.layers().get(l);
            for (int f = 0; f < layer.data().features().size(); f++) {
                if (basinId.equals(layer.featureId(layer.data().features().get(f)))) {
                    map.select(new Selection(l, f));
                    return true;
                }
            }
        }
        map.select(null);
        return false;
    }

    /**
     * Writes the map as shown (same scene and viewport as the screen).
     *
     * @param out .png, .svg or .pdf
     * @throws java.io.IOException if writing fails
     */
    public void export(java.nio.file.Path out) throws java.io.IOException {
        org.hydrodelta.maps.render.MapViewport view = map.viewport().orElseThrow(() -> new java.io.IOException(
                "the map has not been drawn yet"));
        new org.hydrodelta.maps.render.MapExporter().write(map.getMapScene(), view, out);
    }

    /** @return the view model */
    public BasinMapViewModel viewModel() {
        return vm;
    }

    /** @return the map node */
    public MapView map() {
        return map;
    }
}
