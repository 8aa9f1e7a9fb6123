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
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
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
            for (MapLayer layer : layers) {
                if (layer.style().labelField() != null) {
                    drawLabels(g2, layer, view, visible);
                }
            }
            if (scene.title() != null && !scene.title().isBlank()) {
                g2.setFont(TITLE_FONT);
                g2.setColor(Color.BLACK);
                g2.drawString(scene.title(), 12f, 22f);
            }
            if (scene.showLegend()) {
                scene.legendLayer().ifPresent(l -> legendPainter.paint(g2, l, view.width(), view.height()));
            }
        } finally {
            g2.dispose();
        }
    }

    private void drawLayer(Graphics2D g, MapLayer layer, MapViewport view, Envelope visible) {
        LayerStyle style = layer.style();
        Stroke stroke = new BasicStroke(style.strokeWidth(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        List<Feature> features = layer.data().features();
        for (int i = 0; i < features.size(); i++) {
            Geometry geom = features.get(i).geometry();
            if (geom == null || geom.isEmpty()) {
                continue;
            }
            // Points are drawn with a radius, so widen the culling box by a few pixels.
            Envelope env = geom.getEnvelopeInternal();
            double pad = (style.pointRadius() + 2) / view.scale();
            if (env.getMaxX() + pad < visible.getMinX() || env.getMinX() - pad > visible.getMaxX()
                    || env.getMaxY() + pad < visible.getMinY() || env.getMinY() - pad > visible.getMaxY()) {
                continue;
            }
            Color fill = style.choropleth() == null ? style.fill()
                    : style.choropleth().scale().colorFor(layer.value(i));
            drawGeometry(g, geom, view, fill, style.stroke(), stroke, style.pointRadius());
        }
    }

    private void drawGeometry(Graphics2D g, Geometry geom, MapViewport view, Color fill, Color strokeColor,
            Stroke stroke, double radius) {
        if (geom instanceof Point p) {
            double sx = view.toScreenX(p.getX());
            double sy = view.toScreenY(p.getY());
            Ellipse2D dot = new Ellipse2D.Double(sx - radius, sy - radius, 2 * radius, 2 * radius);
            paint(g, dot, fill, strokeColor, stroke);
        } else if (geom instanceof Polygon || geom instanceof LineString) {
            boolean area = geom instanceof Polygon;
            Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
            appendGeometry(path, geom, view);
            paint(g, path, area ? fill : null, area ? strokeColor : (fill != null ? fill : strokeColor), stroke);
        } else if (geom.getDimension() == 2 && allPolygons(geom)) {
            // A multipolygon is one shape so that holes and parts fill and outline together.
            Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
            appendGeometry(path, geom, view);
            paint(g, path, fill, strokeColor, stroke);
        } else {
            for (int i = 0; i < geom.getNumGeometries(); i++) {
                drawGeometry(g, geom.getGeometryN(i), view, fill, strokeColor, stroke, radius);
            }
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

    private static void paint(Graphics2D g, java.awt.Shape s, Color fill, Color strokeColor, Stroke stroke) {
        if (fill != null) {
            g.setColor(fill);
            g.fill(s);
        }
        if (strokeColor != null) {
            g.setColor(strokeColor);
            g.setStroke(stroke);
            g.draw(s);
        }
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
        path.moveTo(view.toScreenX(seq.getX(0)), view.toScreenY(seq.getY(0)));
        for (int i = 1; i < n; i++) {
            path.lineTo(view.toScreenX(seq.getX(i)), view.toScreenY(seq.getY(i)));
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

    private void drawLabels(Graphics2D g, MapLayer layer, MapViewport view, Envelope visible) {
        g.setFont(LABEL_FONT);
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
