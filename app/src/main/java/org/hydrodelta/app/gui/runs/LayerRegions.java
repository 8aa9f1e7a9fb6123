package org.hydrodelta.app.gui.runs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.project.LayerRef;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.train.HoldoutPlan;
import org.hydrodelta.maps.crs.GeometryReprojector;
import org.hydrodelta.maps.io.Feature;
import org.hydrodelta.maps.io.FeatureSet;
import org.hydrodelta.maps.io.VectorDataReader;
import org.hydrodelta.maps.render.MapLayer;
import org.hydrodelta.maps.style.LayerStyle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * PUR regions from a polygon layer (the window's {@link HoldoutPlan.RegionLookup}; core reads no map layers): a
 * basin's region is the {@code holdout.regionField} of the first polygon of {@code holdout.regionLayer} that holds
 * its gauge (the project's gauges layer), the gauge brought into the polygons' coordinate system. Basins whose
 * gauge is missing or lies in no polygon are left out of the answer, and the plan refuses them by name.
 */
public final class LayerRegions implements HoldoutPlan.RegionLookup {
    @Override
    public Map<String, String> regions(Project project, String layer, String field, List<String> basins)
            throws IOException {
        LayerRef polygons = project.layers().stream().filter(l -> l.name().equals(layer)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("holdout.regionLayer '" + layer + "' is not a layer of the project;"
                        + " it has " + project.layers().stream().map(LayerRef::name).toList()));
        LayerRef gauges = project.layers().stream().filter(l -> l.role().equals("gauges")).findFirst().orElseThrow(
                () -> new IllegalArgumentException("holdout.regionLayer needs a gauges layer in the project to place"
                        + " the basins in the regions"));
        FeatureSet regions = VectorDataReader.read(polygons.path());
        if (regions.field(field).isEmpty()) {
            throw new IllegalArgumentException("holdout.regionField '" + field + "' is not a field of layer '" + layer
                    + "' (" + polygons.path() + "); its fields are " + regions.fields().stream().map(f -> f.name())
                    .toList());
        }
        FeatureSet points = VectorDataReader.read(gauges.path());
        MapLayer probe = MapLayer.of(points, LayerStyle.POINTS, true);
        GeometryReprojector toRegions = new GeometryReprojector(points.crs(), regions.crs());
        GeometryFactory gf = new GeometryFactory();
        java.util.Set<String> wanted = new java.util.HashSet<>(basins);
        Map<String, String> out = new LinkedHashMap<>();
        for (Feature g : points.features()) {
            String id = probe.featureId(g);
            if (!wanted.contains(id) || out.containsKey(id) || !(g.geometry() instanceof Point p)) {
                continue;
            }
            double[] xy = toRegions.transform(p.getX(), p.getY());
            Point at = gf.createPoint(new Coordinate(xy[0], xy[1]));
            for (Feature r : regions.features()) {
                Geometry shape = r.geometry();
                String name = r.text(field);
                if (shape != null && name != null && !name.isBlank() && shape.covers(at)) {
                    out.put(id, name.strip());
                    break;
                }
            }
        }
        return out;
    }
}
