package org.hydrodelta.maps.render;

import org.hydrodelta.maps.io.Feature;
import org.hydrodelta.maps.style.LayerStyle;
import org.hydrodelta.maps.style.ValueFormat;

/**
 * A feature found under the mouse.
 *
 * @param layerIndex   index of the layer in the scene
 * @param featureIndex index of the feature in the layer
 * @param layer        the layer
 * @param feature      the feature
 */
public record FeatureHit(int layerIndex, int featureIndex, MapLayer layer, Feature feature) {
    /** @return the basin id (prefix such as {@code camels_} removed) */
    public String id() {
        return layer.featureId(feature);
    }

    /** @return the feature's name, empty when unknown */
    public String name() {
        return layer.featureName(feature);
    }

    /** @return the value the layer is coloured by, NaN when missing or uncoloured */
    public double value() {
        return layer.value(featureIndex);
    }

    /** @return the selection this hit corresponds to */
    public Selection selection() {
        return new Selection(layerIndex, featureIndex);
    }

    /** @return tooltip text: id and name, then the coloured value with units */
    public String describe() {
        StringBuilder sb = new StringBuilder(id());
        if (!name().isEmpty()) {
            sb.append(" — ").append(name());
        }
        LayerStyle.Choropleth c = layer.style().choropleth();
        if (c != null) {
            sb.append('\n').append(c.field()).append(": ").append(ValueFormat.format(value()));
            if (c.units() != null && !c.units().isBlank() && !Double.isNaN(value())) {
                sb.append(' ').append(c.units());
            }
        }
        return sb.toString();
    }
}
