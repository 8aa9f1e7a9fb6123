package org.hydrodelta.maps.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.hydrodelta.maps.io.Feature;
import org.hydrodelta.maps.style.LayerStyle;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The single map renderer: draws a {@link MapScene} through a {@link MapViewport} onto any Graphics2D (a
 * BufferedImage, JFreeSVG, JFreePDF or FXGraphics2D on a JavaFX canvas). Coordinates are converted to pixels
 * here rather than through a Graphics2D transform so that stroke widths stay in pixels and SVG/PDF output holds
 * pixel coordinates. Stateless and thread-safe.
 */
public final class MapRenderer {
    /** Colour of the selection outline: saturated orange, absent from every ramp's neighbourhood. */
    public static final Color SELECTION_COLOR = new Color(0xFF6A00);
    /** Map background (sea and outside the data). */
    public static final Color BACKGROUND = Color.WHITE;

    /** Screen-space vertex decimation threshold in pixels. */
    private static final double MIN_STEP = 0.5;

    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    private final LegendPainter legendPainter = new LegendPainter();

    /**
     * Draws the whole map: background, layers bottom to top, selection, labels, title and legend.
     *
     * @param g     target; its state (transform, clip, paint) is restored afterwards
     * @param scene what to draw
     * @param view  which part of the world, at which size
     */
    public void render(Graphics2D g, MapScene scene, MapViewport view) {
        render(g, scene, view, false);
    }

    /**
     * Draws the whole map, and for an exported figure also a scale bar (lower left) and a north arrow (upper
     * right), both measured at the map centre in the scene's projection (see {@link MapFurniture}).
     *
     * @param g         target; its state (transform, clip, paint) is restored afterwards
     * @param scene     what to draw
     * @param view      which part of the world, at which size
     * @param furniture whether to draw the scale bar and north arrow
     */
    public void render(Graphics2D g, MapScene scene, MapViewport view, boolean furniture) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.clip(new Rectangle2D.Double(0, 0, view.width(), view.height()));
            g2.setColor(BACKGROUND);
            g2.fill(new Rectangle2D.Double(0, 0, view.width(), view.height()));
            Envelope visible = view.visibleWorld();
            List<MapLayer> layers = scene.layers();
            for (MapLayer layer : layers) {
                drawLayer(g2, layer, view, visible);
            }
            Selection sel = scene.selection();
            if (sel != null && sel.layerIndex() >= 0 && sel.layerIndex() < layers.size()) {
                drawSelection(g2, layers.get(sel.layerIndex()), sel.featureIndex(), view);
            }
            List<Rectangle2D> placed = new java.util.ArrayList<>();
            if (scene.showLegend()) {
                scene.legendLayer().ifPresent(l -> placed.add(legendPainter.bounds(g2, l, scene.legendHasNoData(),
                        view.width(), view.height())));
            }
            MapFurniture bar = furniture ? furniture(scene, view) : null;
            if (bar != null) {
                placed.addAll(java.util.Arrays.asList(bar.occupied(g2, view)));
            }
            for (MapLayer layer : layers) {
                if (layer.style().labelField() != null) {
                    drawLabels(g2, layer, view, visible, placed);
                }
            }
            if (scene.title() != null && !scene.title().isBlank()) {
                g2.setFont(TITLE_FONT);
                g2.setColor(Color.BLACK);
                g2.drawString(scene.title(), 12f, 22f);
            }
            if (scene.showLegend()) {
                scene.legendLayer().ifPresent(l -> legendPainter.paint(g2, l, scene.legendHasNoData(), view.width(),
                        view.height()));
            }
            if (bar != null) {
                bar.paint(g2, view);
            }
        } finally {
            g2.dispose();
        }
    }

    /**
     * @return the scale bar and north arrow for the scene's projection (that of its layers), null for a scene
     *         without layers or whose centre the projection cannot take
     */
    static MapFurniture furniture(MapScene scene, MapViewport view) {
        if (scene.layers().isEmpty()) {
            return null;
        }
        try {
            return MapFurniture.measure(scene.layers().get(0).data().crs(), view);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Fills each feature with its own colour, collecting all outlines into one path that is stroked once at the
     * end: one stroking pass per layer is much cheaper than one per feature. A layer with one uniform fill that
     * is not pickable (a backdrop of non-overlapping outlines) is also filled in a single pass.
     */
    private void drawLayer(Graphics2D g, MapLayer layer, MapViewport view, Envelope visible) {
        LayerStyle style = layer.style();
        boolean uniform = style.choropleth() == null && !layer.pickable();
        Path2D.Double outlines = new Path2D.Double(Path2D.WIND_NON_ZERO);
        Path2D.Double uniformFill = uniform ? new Path2D.Double(Path2D.WIND_EVEN_ODD) : null;
        List<Feature> features = layer.data().features();
        double pad = (style.pointRadius() + 2) / view.scale();
        Stroke symbolStroke = new BasicStroke(style.strokeWidth());
        for (int i = 0; i < features.size(); i++) {
            Geometry geom = features.get(i).geometry();
            if (geom == null || geom.isEmpty()) {
                continue;
            }
            // Points are drawn with a radius, so widen the culling box by a few pixels.
            Envelope env = geom.getEnvelopeInternal();
            if (env.getMaxX() + pad < visible.getMinX() || env.getMinX() - pad > visible.getMaxX()
                    || env.getMaxY() + pad < visible.getMinY() || env.getMinY() - pad > visible.getMaxY()) {
                continue;
            }
            Color fill = style.choropleth() == null ? style.fill()
                    : style.choropleth().scale().colorFor(layer.value(i));
            drawGeometry(g, geom, view, fill, style, symbolStroke, outlines, uniformFill);
        }
        if (uniformFill != null && style.fill() != null) {
            g.setColor(style.fill());
            g.fill(uniformFill);
        }
        if (style.stroke() != null) {
            if (uniform) {
                outlines = borderPath(layer.borders(), view, visible);
            }
            g.setColor(style.stroke());
            g.setStroke(new BasicStroke(style.strokeWidth(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(outlines);
        }
    }

    /** The backdrop's borders, each shared edge once, as a screen path of the polylines that may be visible. */
    private static Path2D.Double borderPath(BorderNetwork net, MapViewport view, Envelope visible) {
        Path2D.Double path = new Path2D.Double();
        for (double[] xy : net.polylines()) {
            double minX = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < xy.length; i += 2) {
                minX = Math.min(minX, xy[i]);
                maxX = Math.max(maxX, xy[i]);
                minY = Math.min(minY, xy[i + 1]);
                maxY = Math.max(maxY, xy[i + 1]);
            }
            if (maxX < visible.getMinX() || minX > visible.getMaxX() || maxY < visible.getMinY()
                    || minY > visible.getMaxY()) {
                continue;
            }
            path.moveTo(view.toScreenX(xy[0]), view.toScreenY(xy[1]));
            for (int i = 2; i < xy.length; i += 2) {
                path.lineTo(view.toScreenX(xy[i]), view.toScreenY(xy[i + 1]));
            }
        }
        return path;
    }

    private void drawGeometry(Graphics2D g, Geometry geom, MapViewport view, Color fill, LayerStyle style,
            Stroke symbolStroke, Path2D.Double outlines, Path2D.Double uniformFill) {
        if (geom instanceof Point p) {
            double r = style.pointRadius();
            Ellipse2D dot = new Ellipse2D.Double(view.toScreenX(p.getX()) - r, view.toScreenY(p.getY()) - r,
                    2 * r, 2 * r);
            // Symbols are stroked one by one: a path of hundreds of small circles spanning the whole canvas
            // costs Java2D's rasteriser more than the separate calls.
            fillShape(g, dot, fill, uniformFill);
            if (style.stroke() != null) {
                g.setColor(style.stroke());
                g.setStroke(symbolStroke);
                g.draw(dot);
            }
        } else if (geom instanceof LineString) {
            Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
            appendGeometry(path, geom, view);
            // Lines have no area: they are drawn in the fill colour (the value colour for a choropleth).
            if (fill != null && style.choropleth() != null) {
                g.setColor(fill);
                g.setStroke(new BasicStroke(Math.max(1.5f, style.strokeWidth()), BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND));
                g.draw(path);
            } else {
                outlines.append(path, false);
            }
        } else if (geom instanceof Polygon || (geom.getDimension() == 2 && allPolygons(geom))) {
            // A multipolygon is one shape so that holes and parts fill together.
            Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
            appendGeometry(path, geom, view);
            fillShape(g, path, fill, uniformFill);
            outlines.append(path, false);
        } else {
            for (int i = 0; i < geom.getNumGeometries(); i++) {
                drawGeometry(g, geom.getGeometryN(i), view, fill, style, symbolStroke, outlines, uniformFill);
            }
        }
    }

    private static void fillShape(Graphics2D g, java.awt.Shape s, Color fill, Path2D.Double uniformFill) {
        if (fill == null) {
            return;
        }
        if (uniformFill != null) {
            uniformFill.append(s, false);
        } else {
            g.setColor(fill);
            g.fill(s);
        }
    }

    private static boolean allPolygons(Geometry g) {
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (!(g.getGeometryN(i) instanceof Polygon)) {
                return false;
            }
        }
        return true;
    }

    /** Appends the rings or lines of a geometry to a path, in screen pixels. */
    static void appendGeometry(Path2D.Double path, Geometry geom, MapViewport view) {
        if (geom instanceof Polygon p) {
            appendSequence(path, p.getExteriorRing().getCoordinateSequence(), view, true);
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                appendSequence(path, p.getInteriorRingN(h).getCoordinateSequence(), view, true);
            }
        } else if (geom instanceof LineString l) {
            appendSequence(path, l.getCoordinateSequence(), view, false);
        } else {
            for (int i = 0; i < geom.getNumGeometries(); i++) {
                Geometry part = geom.getGeometryN(i);
                if (part != geom) {
                    appendGeometry(path, part, view);
                }
            }
        }
    }

    private static void appendSequence(Path2D.Double path, CoordinateSequence seq, MapViewport view,
            boolean close) {
        int n = seq.size();
        if (n == 0) {
            return;
        }
        double lastX = view.toScreenX(seq.getX(0));
        double lastY = view.toScreenY(seq.getY(0));
        path.moveTo(lastX, lastY);
        // Vertices closer than MIN_STEP pixels to the last one drawn change nothing visible but cost stroking
        // time; the last vertex is always kept so rings and lines end where they should.
        for (int i = 1; i < n; i++) {
            double x = view.toScreenX(seq.getX(i));
            double y = view.toScreenY(seq.getY(i));
            if (i < n - 1 && Math.abs(x - lastX) < MIN_STEP && Math.abs(y - lastY) < MIN_STEP) {
                continue;
            }
            path.lineTo(x, y);
            lastX = x;
            lastY = y;
        }
        if (close) {
            path.closePath();
        }
    }

    private void drawSelection(Graphics2D g, MapLayer layer, int index, MapViewport view) {
        if (index < 0 || index >= layer.data().size()) {
            return;
        }
        Geometry geom = layer.data().features().get(index).geometry();
        if (geom == null) {
            return;
        }
        Stroke halo = new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        Stroke line = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        for (int i = 0; i < geom.getNumGeometries(); i++) {
            Geometry part = geom.getGeometryN(i);
            java.awt.Shape s;
            if (part instanceof Point p) {
                double r = layer.style().pointRadius() + 3;
                s = new Ellipse2D.Double(view.toScreenX(p.getX()) - r, view.toScreenY(p.getY()) - r, 2 * r, 2 * r);
            } else {
                Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
                appendGeometry(path, part, view);
                s = path;
            }
            g.setColor(Color.WHITE);
            g.setStroke(halo);
            g.draw(s);
            g.setColor(SELECTION_COLOR);
            g.setStroke(line);
            g.draw(s);
        }
    }

    /**
     * Draws labels greedily in feature order, skipping any label whose box would overlap one already drawn or the
     * legend:
     * hundreds of gauge ids stay legible at every zoom and more appear as the user zooms in.
     */
    private void drawLabels(Graphics2D g, MapLayer layer, MapViewport view, Envelope visible,
            List<Rectangle2D> placed) {
        g.setFont(LABEL_FONT);
        java.awt.FontMetrics fm = g.getFontMetrics();
        List<Point> anchors = layer.labelPoints();
        List<Feature> features = layer.data().features();
        double offset = layer.style().pointRadius() + 2;
        for (int i = 0; i < anchors.size(); i++) {
            Point p = anchors.get(i);
            if (p == null || !visible.contains(p.getX(), p.getY())) {
                continue;
            }
            String text = features.get(i).text(layer.style().labelField());
            if (text.isEmpty()) {
                continue;
            }
            float x = (float) (view.toScreenX(p.getX()) + offset);
            float y = (float) (view.toScreenY(p.getY()) + 4);
            Rectangle2D box = new Rectangle2D.Double(x - 1, y - fm.getAscent() - 1, fm.stringWidth(text) + 2,
                    fm.getAscent() + fm.getDescent() + 2);
            boolean free = true;
            for (int k = 0; k < placed.size() && free; k++) {
                free = !placed.get(k).intersects(box);
            }
            if (!free) {
                continue;
            }
            placed.add(box);
            // A white halo keeps labels legible over any fill.
            g.setColor(Color.WHITE);
            g.drawString(text, x - 1, y);
            g.drawString(text, x + 1, y);
            g.drawString(text, x, y - 1);
            g.drawString(text, x, y + 1);
            g.setColor(Color.BLACK);
            g.drawString(text, x, y);
        }
    }
}
