package org.hydrodelta.maps.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.maps.crs.CoordinateSystems;
import org.hydrodelta.maps.crs.GeometryReprojector;
import org.hydrodelta.maps.io.FeatureSet;
import org.hydrodelta.maps.io.VectorDataReader;
import org.hydrodelta.maps.style.Classification;
import org.hydrodelta.maps.style.ColorRamp;
import org.hydrodelta.maps.style.LayerStyle;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * Builds a scene from vector files the way both the window and {@code hydrodelta map} do: the first file is the
 * backdrop, the others are drawn above it with a polygon or point style by geometry type, all reprojected to one
 * display projection chosen from the data's extent; optionally coloured by a numeric field.
 */
public final class MapSceneBuilder {
    private final List<FeatureSet> sets = new ArrayList<>();
    private String colorBy;
    private String units = "";
    private ColorRamp ramp = ColorRamp.VIRIDIS;
    private Classification classification = Classification.CONTINUOUS;
    private int classes = 5;
    private String labelField;
    private String title;
    private final List<String> warnings = new ArrayList<>();

    /**
     * @param file a shapefile or GeoJSON file; the first one added is the backdrop
     * @return this builder
     * @throws IOException for unreadable or malformed files ({@link org.hydrodelta.maps.io.MapDataException})
     */
    public MapSceneBuilder addFile(Path file) throws IOException {
        FeatureSet set = VectorDataReader.read(file);
        warnings.addAll(set.warnings());
        sets.add(set);
        return this;
    }

    /**
     * @param set features already read; the first one added is the backdrop
     * @return this builder
     */
    public MapSceneBuilder add(FeatureSet set) {
        warnings.addAll(set.warnings());
        sets.add(set);
        return this;
    }

    /**
     * @param field numeric field to colour the non-backdrop layers by, null for plain fills
     * @param fieldUnits units for the legend
     * @return this builder
     */
    public MapSceneBuilder colorBy(String field, String fieldUnits) {
        this.colorBy = field;
        this.units = fieldUnits == null ? "" : fieldUnits;
        return this;
    }

    /**
     * @param r colour ramp
     * @return this builder
     */
    public MapSceneBuilder ramp(ColorRamp r) {
        this.ramp = r;
        return this;
    }

    /**
     * @param c         continuous or classed
     * @param nClasses  number of classes for classed scales
     * @return this builder
     */
    public MapSceneBuilder classification(Classification c, int nClasses) {
        this.classification = c;
        this.classes = nClasses;
        return this;
    }

    /**
     * @param field field to label features of the non-backdrop layers with, null for none
     * @return this builder
     */
    public MapSceneBuilder labels(String field) {
        this.labelField = field;
        return this;
    }

    /**
     * @param t map title, null for none
     * @return this builder
     */
    public MapSceneBuilder title(String t) {
        this.title = t;
        return this;
    }

    /** @return warnings from reading (such as a WGS84 assumption) */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * @return the scene in the display projection
     * @throws IllegalArgumentException when there are no layers or no layer has the colour-by field
     */
    public MapScene build() {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("a map needs at least one layer");
        }
        CoordinateReferenceSystem display = CoordinateSystems.displayProjectionFor(lonLatBounds());
        List<MapLayer> layers = new ArrayList<>();
        boolean coloured = false;
        for (int i = 0; i < sets.size(); i++) {
            FeatureSet projected = new GeometryReprojector(sets.get(i).crs(), display).reproject(sets.get(i));
            if (i == 0 && sets.size() > 1) {
                layers.add(MapLayer.of(projected, LayerStyle.BACKDROP, false));
                continue;
            }
            LayerStyle style = isPolygonal(projected) ? LayerStyle.POLYGONS : LayerStyle.POINTS;
            if (labelField != null && projected.field(labelField).isPresent()) {
                style = style.withLabels(labelField);
            }
            MapLayer layer = MapLayer.of(projected, style, true);
            if (colorBy != null && projected.field(colorBy).isPresent()) {
                layer = layer.colouredByField(colorBy, units, ramp, classification, classes);
                coloured = true;
            }
            layers.add(layer);
        }
        if (colorBy != null && !coloured) {
            throw new IllegalArgumentException("no layer has the field '" + colorBy + "'");
        }
        return new MapScene(layers, null, title, true);
    }

    private Envelope lonLatBounds() {
        Envelope all = new Envelope();
        for (FeatureSet s : sets) {
            Envelope b = s.bounds();
            if (b.isNull()) {
                continue;
            }
            if (CoordinateSystems.isGeographic(s.crs())) {
                all.expandToInclude(b);
            } else {
                GeometryReprojector toLonLat = new GeometryReprojector(s.crs(), CoordinateSystems.wgs84());
                double[] lo = toLonLat.transform(b.getMinX(), b.getMinY());
                all.expandToInclude(lo[0], lo[1]);
                double[] hi = toLonLat.transform(b.getMaxX(), b.getMaxY());
                all.expandToInclude(hi[0], hi[1]);
            }
        }
        return all;
    }

    private static boolean isPolygonal(FeatureSet set) {
        for (var f : set.features()) {
            Geometry g = f.geometry();
            if (g != null) {
                return g instanceof Polygonal;
            }
        }
        return false;
    }
}
