package org.hydrodelta.maps.crs;

import java.util.ArrayList;
import java.util.List;
import org.apache.sis.referencing.CRS;
import org.hydrodelta.maps.io.Feature;
import org.hydrodelta.maps.io.FeatureSet;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;
import org.opengis.util.FactoryException;

/**
 * Transforms JTS geometries between two coordinate systems. Each coordinate sequence is transformed in one bulk
 * call, which is what makes reprojecting hundreds of thousands of vertices cheap. Thread-safe.
 */
public final class GeometryReprojector {
    private final CoordinateReferenceSystem source;
    private final CoordinateReferenceSystem target;
    private final MathTransform transform;

    /**
     * @param source CRS of the input geometries
     * @param target CRS wanted
     */
    public GeometryReprojector(CoordinateReferenceSystem source, CoordinateReferenceSystem target) {
        this.source = CoordinateSystems.normalise(source);
        this.target = CoordinateSystems.normalise(target);
        try {
            this.transform = CRS.findOperation(this.source, this.target, null).getMathTransform();
        } catch (FactoryException e) {
            throw new IllegalArgumentException("no transformation from " + source.getName() + " to "
                    + target.getName() + ": " + e.getMessage(), e);
        }
    }

    /** @return the inverse reprojector (target to source) */
    public GeometryReprojector inverse() {
        return new GeometryReprojector(target, source);
    }

    /** @return target CRS */
    public CoordinateReferenceSystem target() {
        return target;
    }

    /**
     * Transforms one point.
     *
     * @param x x in the source CRS
     * @param y y in the source CRS
     * @return {x, y} in the target CRS
     */
    public double[] transform(double x, double y) {
        double[] p = {x, y};
        try {
            transform.transform(p, 0, p, 0, 1);
        } catch (TransformException e) {
            throw new IllegalArgumentException("cannot transform (" + x + ", " + y + "): " + e.getMessage(), e);
        }
        return p;
    }

    /**
     * @param geometry geometry in the source CRS (not modified)
     * @return a transformed copy, or null for null
     */
    public Geometry reproject(Geometry geometry) {
        if (geometry == null) {
            return null;
        }
        Geometry copy = geometry.copy();
        BulkFilter filter = new BulkFilter();
        copy.apply(filter);
        if (filter.failure != null) {
            throw new IllegalArgumentException("cannot transform geometry: " + filter.failure.getMessage(),
                    filter.failure);
        }
        copy.geometryChanged();
        return copy;
    }

    /**
     * @param set features in the source CRS
     * @return the same features with geometries in the target CRS
     */
    public FeatureSet reproject(FeatureSet set) {
        List<Feature> out = new ArrayList<>(set.size());
        for (Feature f : set.features()) {
            out.add(f.withGeometry(reproject(f.geometry())));
        }
        return set.withFeatures(out, target);
    }

    /** Transforms a whole sequence when called for its first coordinate, then skips the rest. */
    private final class BulkFilter implements CoordinateSequenceFilter {
        private TransformException failure;

        @Override
        public void filter(CoordinateSequence seq, int i) {
            if (i != 0 || failure != null) {
                return;
            }
            int n = seq.size();
            double[] xy = new double[2 * n];
            for (int k = 0; k < n; k++) {
                xy[2 * k] = seq.getX(k);
                xy[2 * k + 1] = seq.getY(k);
            }
            try {
                transform.transform(xy, 0, xy, 0, n);
            } catch (TransformException e) {
                failure = e;
                return;
            }
            for (int k = 0; k < n; k++) {
                seq.setOrdinate(k, 0, xy[2 * k]);
                seq.setOrdinate(k, 1, xy[2 * k + 1]);
            }
        }

        @Override
        public boolean isDone() {
            return failure != null;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
