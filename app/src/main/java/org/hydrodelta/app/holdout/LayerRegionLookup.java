package org.hydrodelta.app.holdout;

import java.io.IOException;
import java.util.ArrayList;
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
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The regions of a PUR holdout by polygon layer ({@code holdout.regionLayer}, {@code holdout.regionField}): each
 * basin's gauge point, from the project's gauges layer, is placed in the polygon that contains it, and the polygon's
 * field names the region. It lives in the app because it needs both the project (core) and the layer readers and
 * geometry of the maps module, and core depends on neither maps nor JTS; core defines the
 * {@link HoldoutPlan.RegionLookup} it implements, and the command line and the window pass it to the plan.
 */
public final class LayerRegionLookup implements HoldoutPlan.RegionLookup {
    /** The lookup. */
    public static final LayerRegionLookup INSTANCE = new LayerRegionLookup();

    private LayerRegionLookup() {
    }

    @Override
    public Map<String, String> regions(Project project, String layer, String field, List<String> basins)
            throws IOException {
        LayerRef polygons = project.layers().stream().filter(l -> l.name().equals(layer)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("holdout.regionLayer '" + layer + "': the project"
                        + " has no layer of that name; its layers: " + project.layers().stream().map(LayerRef::name)
                        .toList()));
        LayerRef gauges = project.layers().stream().filter(l -> l.role().equals("gauges")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("holdout.regionLayer '" + layer + "': the project"
                        + " has no gauges layer to place the basins with; add one (role gauges)"));
        FeatureSet regions = VectorDataReader.read(polygons.path());
        if (regions.field(field).isEmpty()) {
            throw new IllegalArgumentException("holdout.regionField '" + field + "': layer '" + layer + "' ("
                    + polygons.path() + ") has no such field; its fields: " + regions.fields().stream()
                    .map(f -> f.name()).toList());
        }
        FeatureSet points = VectorDataReader.read(gauges.path());
        if (points.crs() != null && regions.crs() != null && !points.crs().equals(regions.crs())) {
            points = new GeometryReprojector(points.crs(), regions.crs()).reproject(points);
        }
        MapLayer ids = MapLayer.of(points, LayerStyle.POINTS, false);
        Map<String, Geometry> where = new LinkedHashMap<>();
        for (Feature f : points.features()) {
            if (f.geometry() != null && !f.geometry().isEmpty()) {
                where.putIfAbsent(ids.featureId(f), f.geometry());
            }
        }
        List<String> absent = basins.stream().filter(b -> !where.containsKey(b)).toList();
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("holdout.regionLayer '" + layer + "': " + absent.size() + " basin"
                    + (absent.size() == 1 ? " is" : "s are") + " not in the gauges layer '" + gauges.name() + "' ("
                    + gauges.path() + "): " + absent);
        }
        List<PreparedGeometry> prepared = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Feature f : regions.features()) {
            if (f.geometry() != null && !f.geometry().isEmpty() && f.geometry().getDimension() == 2) {
                prepared.add(PreparedGeometryFactory.prepare(f.geometry()));
                names.add(f.text(field).trim());
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String b : basins) {
            Geometry g = where.get(b);
            Point p = g instanceof Point pt ? pt : g.getInteriorPoint();
            for (int i = 0; i < prepared.size(); i++) {
                if (!names.get(i).isEmpty() && prepared.get(i).covers(p)) {
                    out.put(b, names.get(i));
                    break;
                }
            }
        }
        // basins outside every polygon are refused by the plan, by name
        return out;
    }
}
