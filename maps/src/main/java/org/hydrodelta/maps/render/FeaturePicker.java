package org.hydrodelta.maps.render;

import java.util.List;
import java.util.Optional;
import org.hydrodelta.maps.io.Feature;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Location;

/**
 * Finds the feature under a screen position, topmost pickable layer first: points within their drawn radius
 * plus a tolerance (nearest wins), polygons containing the position.
 */
public final class FeaturePicker {
    private FeaturePicker() {
    }

    /**
     * @param scene     the drawn scene
     * @param view      the viewport it was drawn with
     * @param sx        screen x
     * @param sy        screen y
     * @param tolerance extra pixels around point symbols
     * @return the hit, if any
     */
    public static Optional<FeatureHit> pick(MapScene scene, MapViewport view, double sx, double sy,
            double tolerance) {
        List<MapLayer> layers = scene.layers();
        double wx = view.toWorldX(sx);
        double wy = view.toWorldY(sy);
        Coordinate world = new Coordinate(wx, wy);
        for (int li = layers.size() - 1; li >= 0; li--) {
            MapLayer layer = layers.get(li);
            if (!layer.pickable()) {
                continue;
            }
            double reach = layer.style().pointRadius() + tolerance;
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            List<Feature> features = layer.data().features();
            for (int i = 0; i < features.size(); i++) {
                Geometry g = features.get(i).geometry();
                if (g == null) {
                    continue;
                }
                if (g instanceof Polygonal) {
                    if (g.getEnvelopeInternal().contains(world)
                            && SimplePointInAreaLocator.locate(world, g) != Location.EXTERIOR) {
                        return Optional.of(new FeatureHit(li, i, layer, features.get(i)));
                    }
                    continue;
                }
                for (int k = 0; k < g.getNumGeometries(); k++) {
                    Geometry part = g.getGeometryN(k);
                    if (part instanceof Point p) {
                        double dx = view.toScreenX(p.getX()) - sx;
                        double dy = view.toScreenY(p.getY()) - sy;
                        double d = Math.hypot(dx, dy);
                        if (d <= reach && d < bestD) {
                            bestD = d;
                            best = i;
                        }
                    } else {
                        double d = part.distance(part.getFactory().createPoint(world)) * view.scale();
                        if (d <= reach && d < bestD) {
                            bestD = d;
                            best = i;
                        }
                    }
                }
            }
            if (best >= 0) {
                return Optional.of(new FeatureHit(li, best, layer, features.get(best)));
            }
        }
        return Optional.empty();
    }
}
