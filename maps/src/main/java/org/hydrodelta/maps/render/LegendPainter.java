package org.hydrodelta.maps.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.hydrodelta.maps.style.ColorScale;
import org.hydrodelta.maps.style.LayerStyle;
import org.hydrodelta.maps.style.LegendEntry;
import org.hydrodelta.maps.style.ValueFormat;

/**
 * Draws the legend of a coloured layer in the lower right corner: the title with units, a gradient bar with tick
 * values for a continuous scale or one swatch per class, and a "no data" swatch when values are missing. The
 * gradient is drawn as thin rectangles, which every Graphics2D target (SVG, PDF, FX) renders identically.
 */
final class LegendPainter {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final int PAD = 8;
    private static final int SWATCH = 14;
    private static final int ROW = SWATCH + 4;
    /** Room for the title above the bar: the top tick value is centred on the bar's top edge. */
    private static final int TITLE_ROW = 21;

    /**
     * @param nan whether the legend has a "no data" swatch
     * @return where the legend of {@code layer} goes on a canvas of the given size
     */
    Rectangle2D bounds(Graphics2D g, MapLayer layer, boolean nan, double width, double height) {
        LayerStyle.Choropleth c = layer.style().choropleth();
        ColorScale scale = c.scale();
        List<LegendEntry> entries = scale.entries();
        FontMetrics fm = g.getFontMetrics(TEXT);
        int textW = fm.stringWidth("no data");
        for (LegendEntry e : entries) {
            textW = Math.max(textW, fm.stringWidth(e.label()));
        }
        // bold text measures a little narrow through FXGraphics2D's metrics on screen: keep a margin
        int titleW = (int) Math.ceil(g.getFontMetrics(TITLE).stringWidth(c.title()) * 1.08);
        int boxW = Math.max(titleW, SWATCH + 6 + textW) + 2 * PAD;
        int boxH = PAD + TITLE_ROW + barHeight(scale, entries) + (nan ? ROW + 6 : 0) + PAD;
        return new Rectangle2D.Double(width - boxW - 10, height - boxH - 10, boxW, boxH);
    }

    private static int barHeight(ColorScale scale, List<LegendEntry> entries) {
        return scale.continuous() ? 120 : entries.size() * ROW;
    }

    /**
     * Draws the legend of {@code layer} inside a canvas of the given size.
     *
     * @param nan whether to add a "no data" swatch (this layer or another on the same scale lacks values)
     */
    void paint(Graphics2D g, MapLayer layer, boolean nan, double width, double height) {
        LayerStyle.Choropleth c = layer.style().choropleth();
        ColorScale scale = c.scale();
        List<LegendEntry> entries = scale.entries();
        Rectangle2D box = bounds(g, layer, nan, width, height);
        double x0 = box.getX();
        double y0 = box.getY();
        double boxW = box.getWidth();
        double boxH = box.getHeight();
        final int row = ROW;
        int barH = barHeight(scale, entries);
        g.setColor(new Color(255, 255, 255, 230));
        g.fill(new Rectangle2D.Double(x0, y0, boxW, boxH));
        g.setColor(new Color(0x808080));
        g.setStroke(new BasicStroke(0.8f));
        g.draw(new Rectangle2D.Double(x0, y0, boxW, boxH));
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(c.title(), (float) (x0 + PAD), (float) (y0 + PAD + 11));
        double top = y0 + PAD + TITLE_ROW;
        g.setFont(TEXT);
        if (scale.continuous()) {
            int steps = 60;
            double h = (double) barH / steps;
            for (int i = 0; i < steps; i++) {
                // high values at the top
                double v = scale.max() - (scale.max() - scale.min()) * (i + 0.5) / steps;
                g.setColor(scale.colorFor(v));
                g.fill(new Rectangle2D.Double(x0 + PAD, top + i * h, SWATCH, h + 0.6));
            }
            g.setColor(Color.BLACK);
            for (int k = 0; k <= 4; k++) {
                double v = scale.max() - (scale.max() - scale.min()) * k / 4.0;
                double y = top + barH * k / 4.0;
                g.drawString(ValueFormat.format(v), (float) (x0 + PAD + SWATCH + 6), (float) (y + 4));
            }
        } else {
            for (int i = 0; i < entries.size(); i++) {
                LegendEntry e = entries.get(entries.size() - 1 - i);
                swatch(g, x0 + PAD, top + i * row, e.color(), e.label());
            }
        }
        if (nan) {
            swatch(g, x0 + PAD, top + barH + 6, scale.nanColor(), "no data");
        }
    }

    private static void swatch(Graphics2D g, double x, double y, Color color, String label) {
        g.setColor(color);
        g.fill(new Rectangle2D.Double(x, y, SWATCH, SWATCH));
        g.setColor(new Color(0x606060));
        g.setStroke(new BasicStroke(0.6f));
        g.draw(new Rectangle2D.Double(x, y, SWATCH, SWATCH));
        g.setColor(Color.BLACK);
        g.drawString(label, (float) (x + SWATCH + 6), (float) (y + SWATCH - 3));
    }
}
