package org.hydrodelta.maps.render;

import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/**
 * Everything one map shows: layers bottom to top (the first is usually the backdrop), the selection, an optional
 * title and whether to draw the legend. Immutable.
 *
 * @param layers     layers in drawing order
 * @param selection  selected feature, null for none
 * @param title      title drawn at the top left, null for none
 * @param showLegend whether to draw the legend of the topmost coloured layer
 */
public record MapScene(List<MapLayer> layers, Selection selection, String title, boolean showLegend) {
    /** Freezes the layer list. */
    public MapScene {
        layers = List.copyOf(layers);
    }

    /**
     * @param layers layers in drawing order
     * @return a scene with a legend, no title and no selection
     */
    public static MapScene of(List<MapLayer> layers) {
        return new MapScene(layers, null, null, true);
    }

    /**
     * @param s the new selection, null to clear
     * @return this scene with another selection
     */
    public MapScene withSelection(Selection s) {
        return new MapScene(layers, s, title, showLegend);
    }

    /**
     * @param t title, null for none
     * @return this scene with a title
     */
    public MapScene withTitle(String t) {
        return new MapScene(layers, selection, t, showLegend);
    }

    /**
     * Replaces one layer, e.g. with the same basins coloured by another metric.
     *
     * @param index position of the layer
     * @param layer the replacement
     * @return a new scene
     */
    public MapScene withLayer(int index, MapLayer layer) {
        List<MapLayer> copy = new java.util.ArrayList<>(layers);
        copy.set(index, layer);
        return new MapScene(copy, selection, title, showLegend);
    }

    /** @return the bounds of all layers in the display projection */
    public Envelope bounds() {
        Envelope e = new Envelope();
        for (MapLayer l : layers) {
            e.expandToInclude(l.data().bounds());
        }
        return e;
    }

    /** @return the topmost layer coloured by value, whose legend is drawn */
    public Optional<MapLayer> legendLayer() {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).style().choropleth() != null) {
                return Optional.of(layers.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * @return whether the legend needs a "no data" swatch: its layer, or another layer coloured on the same scale
     *         (basin polygons coloured like their gauges), has features without a value
     */
    public boolean legendHasNoData() {
        return legendLayer().map(legend -> layers.stream().anyMatch(l -> l.style().choropleth() != null
                && l.style().choropleth().equals(legend.style().choropleth()) && l.hasMissingValues()))
                .orElse(false);
    }
}
