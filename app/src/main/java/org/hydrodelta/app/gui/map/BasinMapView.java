package org.hydrodelta.app.gui.map;

import java.util.function.Consumer;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.hydrodelta.maps.fx.FeatureSelectionEvent;
import org.hydrodelta.maps.fx.MapView;

/** Layout of the map tab: metric chooser over the map; clicking a basin opens its hydrograph. */
public final class BasinMapView extends BorderPane {
    private final BasinMapViewModel vm;
    private final MapView map = new MapView();

    /**
     * @param vm      the map state
     * @param onBasin called with the id of a clicked basin
     * @param status  receives export messages
     */
    public BasinMapView(BasinMapViewModel vm, Consumer<String> onBasin, Consumer<String> status) {
        this.vm = vm;
        setId("basinMap");
        ComboBox<String> metric = new ComboBox<>(vm.metrics());
        metric.setId("mapMetric");
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        Label caption = new Label();
        caption.textProperty().bind(vm.captionProperty());
        Label hover = new Label();
        hover.textProperty().bind(map.hoverTextProperty());
        setTop(new ToolBar(new Label("Colour by"), metric, org.hydrodelta.app.gui.export.FigureExport.button(this,
                "basin_map", this::export, null, status), caption, hover));
        map.setId("mapView");
        map.mapSceneProperty().bind(vm.sceneProperty());
        map.setOnFeatureSelected((FeatureSelectionEvent e) -> onBasin.accept(e.hit().id()));
        setCenter(map);
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
