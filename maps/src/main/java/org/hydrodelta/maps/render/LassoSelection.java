package org.hydrodelta.maps.render;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The features a lasso caught, all from one layer (see {@link Lasso#select(MapScene, List)}).
 *
 * @param area           the lasso area in world (map CRS) coordinates: a valid polygon or multipolygon, empty for a
 *                       degenerate lasso
 * @param layerIndex     index in the scene of the layer the features belong to, -1 when nothing was caught
 * @param featureIndices indices into that layer's features, ascending
 * @param ids            the features' basin ids ({@link MapLayer#featureId}), in the same order
 */
public record LassoSelection(Geometry area, int layerIndex, List<Integer> featureIndices, List<String> ids) {
    /** Freezes the lists. */
    public LassoSelection {
        featureIndices = List.copyOf(featureIndices);
        ids = List.copyOf(ids);
    }

    /**
     * @param area the lasso area (may be empty)
     * @return a selection of nothing
     */
    public static LassoSelection none(Geometry area) {
        return new LassoSelection(area == null ? new GeometryFactory().createPolygon() : area, -1, List.of(),
                List.of());
    }

    /** @return whether no feature was caught */
    public boolean isEmpty() {
        return ids.isEmpty();
    }
}
