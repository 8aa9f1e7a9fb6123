package org.hydrodelta.maps.render;

import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.maps.io.Feature;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * Selection by a free-hand outline drawn on the map. The outline is a ring of world (map CRS) coordinates; it is
 * closed if needed and made valid, so a self-intersecting (figure-of-eight) outline selects what lies in each of
 * its loops. A polygon feature is inside when its interior point (the point its label is drawn at) is; a point
 * feature when any of its points is; other geometries by their interior point. Points on the outline count as
 * inside.
 */
public final class Lasso {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private Lasso() {
    }

    /**
     * Turns an outline into an area.
     *
     * @param outline the outline's vertices in world coordinates, open or closed; repeated consecutive points are
     *                ignored
     * @return a valid polygon or multipolygon; empty when the outline has fewer than three distinct points or
     *         encloses no area (all points on a line)
     */
    public static Geometry area(List<Coordinate> outline) {
        List<Coordinate> ring = new ArrayList<>();
        for (Coordinate c : outline) {
            if (c == null || !Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                continue;
            }
            if (ring.isEmpty() || !ring.get(ring.size() - 1).equals2D(c)) {
                ring.add(new Coordinate(c.x, c.y));
            }
        }
        if (ring.size() > 1 && ring.get(0).equals2D(ring.get(ring.size() - 1))) {
            ring.remove(ring.size() - 1);
        }
        if (ring.size() < 3) {
            return FACTORY.createPolygon();
        }
        ring.add(new Coordinate(ring.get(0)));
        Geometry polygon = FACTORY.createPolygon(ring.toArray(Coordinate[]::new));
        // GeometryFixer keeps every loop of a self-intersecting ring (buffer(0) alone drops the inverted ones)
        Geometry fixed = polygon.isValid() ? polygon : GeometryFixer.fix(polygon);
        if (fixed.isEmpty() || !(fixed instanceof Polygonal) || !(fixed.getArea() > 0)) {
            return FACTORY.createPolygon();
        }
        return fixed;
    }

    /**
     * @param layer a layer of the scene
     * @param area  a lasso area from {@link #area(List)}, in the layer's coordinates
     * @return indices of the layer's features inside the area, ascending
     */
    public static List<Integer> featuresInside(MapLayer layer, Geometry area) {
        List<Integer> inside = new ArrayList<>();
        if (area == null || area.isEmpty()) {
            return inside;
        }
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
        org.locationtech.jts.geom.Envelope bounds = area.getEnvelopeInternal();
        List<Feature> features = layer.data().features();
        List<Point> labels = null;
        for (int i = 0; i < features.size(); i++) {
            Geometry g = features.get(i).geometry();
            if (g == null || g.isEmpty() || !bounds.intersects(g.getEnvelopeInternal())) {
                continue;
            }
            boolean in;
            if (g instanceof Puntal) {
                in = prepared.intersects(g);
            } else {
                if (labels == null) {
                    labels = layer.labelPoints();
                }
                Point p = labels.get(i);
                in = p != null && prepared.intersects(p);
            }
            if (in) {
                inside.add(i);
            }
        }
        return inside;
    }

    /**
     * @param layer a layer of the scene
     * @param area  a lasso area from {@link #area(List)}, in the layer's coordinates
     * @return basin ids ({@link MapLayer#featureId}) of the layer's features inside the area, in feature order
     */
    public static List<String> idsInside(MapLayer layer, Geometry area) {
        return ids(layer, featuresInside(layer, area));
    }

    private static List<String> ids(MapLayer layer, List<Integer> featureIndices) {
        List<Feature> features = layer.data().features();
        return featureIndices.stream().map(i -> layer.featureId(features.get(i))).toList();
    }

    /**
     * Selects like a click does: from the topmost pickable layer that has features inside the outline.
     *
     * @param scene   the drawn scene
     * @param outline the lasso's vertices in world coordinates
     * @return what was caught; empty when the outline is degenerate or surrounds no pickable feature
     */
    public static LassoSelection select(MapScene scene, List<Coordinate> outline) {
        Geometry area = area(outline);
        if (area.isEmpty()) {
            return LassoSelection.none(area);
        }
        List<MapLayer> layers = scene.layers();
        for (int li = layers.size() - 1; li >= 0; li--) {
            MapLayer layer = layers.get(li);
            if (!layer.pickable()) {
                continue;
            }
            List<Integer> inside = featuresInside(layer, area);
            if (!inside.isEmpty()) {
                return new LassoSelection(area, li, inside, ids(layer, inside));
            }
        }
        return LassoSelection.none(area);
    }
}
