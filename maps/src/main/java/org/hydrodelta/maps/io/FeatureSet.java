package org.hydrodelta.maps.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * The features of one file with their schema and coordinate system. Immutable.
 */
public final class FeatureSet {
    private final String name;
    private final Path source;
    private final List<FieldDefinition> fields;
    private final List<Feature> features;
    private final CoordinateReferenceSystem crs;
    private final List<String> warnings;
    private final Envelope bounds;

    /**
     * @param name     display name (file name without extension)
     * @param source   file it came from, may be null for generated data
     * @param fields   attribute schema
     * @param features the features in file order
     * @param crs      coordinate system of the geometries (x = easting/longitude)
     * @param warnings things the user should know (e.g. WGS84 assumed), may be empty
     */
    public FeatureSet(String name, Path source, List<FieldDefinition> fields, List<Feature> features,
            CoordinateReferenceSystem crs, List<String> warnings) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = source;
        this.fields = List.copyOf(fields);
        this.features = List.copyOf(features);
        this.crs = Objects.requireNonNull(crs, "crs");
        this.warnings = List.copyOf(warnings);
        Envelope env = new Envelope();
        for (Feature f : features) {
            if (f.geometry() != null) {
                env.expandToInclude(f.geometry().getEnvelopeInternal());
            }
        }
        this.bounds = env;
    }

    /** @return display name */
    public String name() {
        return name;
    }

    /** @return source file, may be null */
    public Path source() {
        return source;
    }

    /** @return attribute schema in file order */
    public List<FieldDefinition> fields() {
        return fields;
    }

    /** @return features in file order */
    public List<Feature> features() {
        return features;
    }

    /** @return number of features */
    public int size() {
        return features.size();
    }

    /** @return coordinate system of the geometries */
    public CoordinateReferenceSystem crs() {
        return crs;
    }

    /** @return warnings collected while reading */
    public List<String> warnings() {
        return warnings;
    }

    /** @return bounding box of all geometries (null envelope when there are none) */
    public Envelope bounds() {
        return new Envelope(bounds);
    }

    /**
     * @param fieldName a field name
     * @return its definition, if the schema has it
     */
    public Optional<FieldDefinition> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /**
     * @param fieldName a numeric field
     * @return the field's values in feature order, NaN where missing
     */
    public double[] numbers(String fieldName) {
        double[] v = new double[features.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = features.get(i).number(fieldName);
        }
        return v;
    }

    /**
     * @param newFeatures features with replaced geometries
     * @param newCrs      their coordinate system
     * @return a copy with the same name, schema and warnings
     */
    public FeatureSet withFeatures(List<Feature> newFeatures, CoordinateReferenceSystem newCrs) {
        return new FeatureSet(name, source, fields, new ArrayList<>(newFeatures), newCrs, warnings);
    }
}
