package org.hydrodelta.maps.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hydrodelta.maps.io.Feature;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * The outlines of a set of polygons with every shared edge kept once, as polylines in world coordinates. Adjacent
 * states share their borders vertex for vertex; stroking each border once instead of twice halves the
 * rasteriser's work on interior borders and keeps them the same darkness as the coast.
 */
final class BorderNetwork {
    private final List<double[]> polylines;

    private BorderNetwork(List<double[]> polylines) {
        this.polylines = polylines;
    }

    /** @return polylines as {x0, y0, x1, y1, ...} */
    List<double[]> polylines() {
        return polylines;
    }

    /** Builds the network of the polygon rings of all features. */
    static BorderNetwork of(List<Feature> features) {
        Set<Segment> seen = new HashSet<>();
        List<double[]> out = new ArrayList<>();
        for (Feature f : features) {
            Geometry g = f.geometry();
            if (g != null) {
                addGeometry(g, seen, out);
            }
        }
        return new BorderNetwork(out);
    }

    private static void addGeometry(Geometry g, Set<Segment> seen, List<double[]> out) {
        if (g instanceof Polygon p) {
            addRing(p.getExteriorRing().getCoordinateSequence(), seen, out);
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                addRing(p.getInteriorRingN(i).getCoordinateSequence(), seen, out);
            }
        } else if (g instanceof LineString l) {
            addRing(l.getCoordinateSequence(), seen, out);
        } else {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (g.getGeometryN(i) != g) {
                    addGeometry(g.getGeometryN(i), seen, out);
                }
            }
        }
    }

    private static void addRing(CoordinateSequence seq, Set<Segment> seen, List<double[]> out) {
        double[] run = null;
        int len = 0;
        for (int i = 0; i + 1 < seq.size(); i++) {
            double ax = seq.getX(i);
            double ay = seq.getY(i);
            double bx = seq.getX(i + 1);
            double by = seq.getY(i + 1);
            if (seen.add(Segment.of(ax, ay, bx, by))) {
                if (run == null) {
                    run = new double[2 * (seq.size() - i)];
                    run[0] = ax;
                    run[1] = ay;
                    len = 2;
                }
                run[len++] = bx;
                run[len++] = by;
            } else if (run != null) {
                out.add(Arrays.copyOf(run, len));
                run = null;
            }
        }
        if (run != null) {
            out.add(Arrays.copyOf(run, len));
        }
    }

    /** An undirected segment: its endpoints in a fixed order so that A-B equals B-A. */
    private record Segment(double x1, double y1, double x2, double y2) {
        static Segment of(double ax, double ay, double bx, double by) {
            boolean swap = ax > bx || (ax == bx && ay > by);
            return swap ? new Segment(bx, by, ax, ay) : new Segment(ax, ay, bx, by);
        }
    }
}
