package org.hydrodelta.maps.render;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hydrodelta.maps.io.Feature;
import org.hydrodelta.maps.io.FeatureSet;
import org.hydrodelta.maps.io.FieldDefinition;
import org.hydrodelta.maps.style.Classification;
import org.hydrodelta.maps.style.ColorRamp;
import org.hydrodelta.maps.style.ColorScale;
import org.hydrodelta.maps.style.LayerStyle;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * A drawable layer: features already in the display projection, their style, the value of each feature for a
 * choropleth (NaN where missing) and which fields identify a feature in tooltips. Immutable; the
 * {@code coloured*} methods return new layers.
 */
public final class MapLayer {
    private static final Pattern PREFIXED_ID = Pattern.compile("^[A-Za-z]+_(\\d+)$");

    private final FeatureSet data;
    private final LayerStyle style;
    private final double[] values;
    private final boolean pickable;
    private final String idField;
    private final String nameField;
    private volatile Point[] labelPoints;
    private volatile BorderNetwork borders;

    private MapLayer(FeatureSet data, LayerStyle style, double[] values, boolean pickable) {
        this.data = Objects.requireNonNull(data, "data");
        this.style = Objects.requireNonNull(style, "style");
        this.values = values;
        this.pickable = pickable;
        this.idField = findField(data, "id");
        this.nameField = findField(data, "name");
    }

    /**
     * @param projected features in the display projection
     * @param style     how to draw them
     * @param pickable  whether hover and click find features of this layer (false for backdrops)
     * @return the layer
     */
    public static MapLayer of(FeatureSet projected, LayerStyle style, boolean pickable) {
        return new MapLayer(projected, style, null, pickable);
    }

    /**
     * Colours the features by one of their numeric fields.
     *
     * @param field          numeric field
     * @param units          units for the legend (may be empty)
     * @param ramp           colours
     * @param classification continuous, quantiles or equal interval
     * @param classes        number of classes for classed scales
     * @return the coloured layer
     * @throws IllegalArgumentException when the field does not exist
     */
    public MapLayer colouredByField(String field, String units, ColorRamp ramp, Classification classification,
            int classes) {
        if (data.field(field).isEmpty()) {
            throw new IllegalArgumentException("layer " + data.name() + " has no field '" + field
                    + "'; fields: " + String.join(", ", data.fields().stream().map(FieldDefinition::name).toList()));
        }
        return colouredBy(field, units, data.numbers(field), ramp, classification, classes);
    }

    /**
     * Colours the features by values computed elsewhere (a metric, a learned parameter, a model output).
     *
     * @param title          what the values are (legend title)
     * @param units          units for the legend (may be empty)
     * @param featureValues  one value per feature in feature order, NaN where missing
     * @param ramp           colours
     * @param classification continuous, quantiles or equal interval
     * @param classes        number of classes for classed scales
     * @return the coloured layer
     */
    public MapLayer colouredBy(String title, String units, double[] featureValues, ColorRamp ramp,
            Classification classification, int classes) {
        if (featureValues.length != data.size()) {
            throw new IllegalArgumentException(featureValues.length + " values for " + data.size() + " features");
        }
        ColorScale scale = classification.scale(ramp, featureValues, classes);
        return new MapLayer(data, style.withChoropleth(new LayerStyle.Choropleth(title, units, scale)),
                featureValues.clone(), pickable);
    }

    /**
     * Colours the features by any scale, e.g. a {@link org.hydrodelta.maps.style.CategoryColorScale}.
     *
     * @param title         legend title
     * @param featureValues one value per feature in feature order, NaN where missing
     * @param scale         the colours
     * @return the coloured layer
     */
    public MapLayer colouredBy(String title, double[] featureValues, ColorScale scale) {
        if (featureValues.length != data.size()) {
            throw new IllegalArgumentException(featureValues.length + " values for " + data.size() + " features");
        }
        return new MapLayer(data, style.withChoropleth(new LayerStyle.Choropleth(title, "", scale)),
                featureValues.clone(), pickable);
    }

    /**
     * Colours this layer's features the way another layer's are: each feature takes the value of the feature of
     * {@code other} with the same basin id (see {@link #featureId(Feature)}), NaN where there is none, on the
     * same colour scale, legend title and units, e.g. basin polygons coloured like their gauges.
     *
     * @param other a layer coloured by value
     * @return this layer coloured on {@code other}'s scale, or this layer uncoloured when {@code other} is not
     *         coloured
     */
    public MapLayer colouredLike(MapLayer other) {
        LayerStyle.Choropleth c = other.style().choropleth();
        if (c == null) {
            return style.choropleth() == null ? this : new MapLayer(data, style.withChoropleth(null), null,
                    pickable);
        }
        Map<String, Double> byId = new java.util.HashMap<>();
        for (int i = 0; i < other.data().size(); i++) {
            byId.put(other.featureId(other.data().features().get(i)), other.value(i));
        }
        return new MapLayer(data, style.withChoropleth(c), valuesById(byId), pickable);
    }

    /**
     * Looks values up by basin id (see {@link #featureId(Feature)}); features without a value get NaN.
     *
     * @param byId values keyed by basin id
     * @return one value per feature
     */
    public double[] valuesById(Map<String, Double> byId) {
        double[] v = new double[data.size()];
        for (int i = 0; i < v.length; i++) {
            Double d = byId.get(featureId(data.features().get(i)));
            v[i] = d == null ? Double.NaN : d;
        }
        return v;
    }

    /**
     * @param newStyle another style (choropleth values are kept)
     * @return this layer drawn differently
     */
    public MapLayer withStyle(LayerStyle newStyle) {
        return new MapLayer(data, newStyle, values, pickable);
    }

    /**
     * The feature's basin id: the id field's text, with a prefix such as Caravan's {@code camels_} removed so
     * that {@code camels_01022500} and {@code 01022500} match.
     *
     * @param f a feature of this layer
     * @return its id, or the feature index when there is no id field
     */
    public String featureId(Feature f) {
        if (idField == null) {
            return Integer.toString(f.index());
        }
        String id = f.text(idField).trim();
        Matcher m = PREFIXED_ID.matcher(id);
        return m.matches() ? m.group(1) : id;
    }

    /**
     * @param f a feature of this layer
     * @return its name, empty when there is no name field
     */
    public String featureName(Feature f) {
        return nameField == null ? "" : f.text(nameField);
    }

    /** @return the features and their CRS */
    public FeatureSet data() {
        return data;
    }

    /** @return the layer's name */
    public String name() {
        return data.name();
    }

    /** @return the style */
    public LayerStyle style() {
        return style;
    }

    /** @return whether hover and click consider this layer */
    public boolean pickable() {
        return pickable;
    }

    /**
     * @param featureIndex index into {@code data().features()}
     * @return the choropleth value, NaN when missing or when the layer is not coloured by value
     */
    public double value(int featureIndex) {
        return values == null ? Double.NaN : values[featureIndex];
    }

    /** @return true when at least one feature lacks a value in a choropleth layer */
    public boolean hasMissingValues() {
        return values != null && Arrays.stream(values).anyMatch(Double::isNaN);
    }

    /** @return a point inside each feature (for labels), computed once */
    List<Point> labelPoints() {
        Point[] p = labelPoints;
        if (p == null) {
            p = new Point[data.size()];
            for (int i = 0; i < p.length; i++) {
                Geometry g = data.features().get(i).geometry();
                p[i] = g == null || g.isEmpty() ? null : g.getInteriorPoint();
            }
            labelPoints = p;
        }
        return Arrays.asList(p);
    }

    /** @return the outlines with shared edges once, computed on first use */
    BorderNetwork borders() {
        BorderNetwork b = borders;
        if (b == null) {
            b = BorderNetwork.of(data.features());
            borders = b;
        }
        return b;
    }

    private static String findField(FeatureSet data, String suffix) {
        for (FieldDefinition f : data.fields()) {
            String n = f.name().toLowerCase(Locale.ROOT);
            if (n.equals(suffix) || n.endsWith("_" + suffix) || n.startsWith(suffix + "_")) {
                return f.name();
            }
        }
        for (FieldDefinition f : data.fields()) {
            if (f.name().toLowerCase(Locale.ROOT).contains(suffix)) {
                return f.name();
            }
        }
        return null;
    }
}
