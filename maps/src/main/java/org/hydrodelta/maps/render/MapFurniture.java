package org.hydrodelta.maps.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;
import org.apache.sis.referencing.GeodeticCalculator;
import org.hydrodelta.maps.crs.CoordinateSystems;
import org.hydrodelta.maps.crs.GeometryReprojector;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * The scale bar and north arrow of an exported map, both measured at the map centre in the map's own projection:
 * the bar's length is a round ground distance (1, 2 or 5 times a power of ten, in km or m) measured along the
 * screen's horizontal through the centre on the ellipsoid, and the arrow points to true north there (on a CONUS
 * Albers map west of 96° W north leans to the right, east of it to the left). Immutable.
 *
 * @param scaleBar   the scale bar
 * @param northAngle angle of true north at the map centre, radians clockwise from straight up on the screen
 */
public record MapFurniture(ScaleBar scaleBar, double northAngle) {
    /** Longest the scale bar may be, as a fraction of the map width. */
    static final double MAX_BAR_FRACTION = 0.22;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font NORTH_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final int MARGIN = 12;
    private static final double ARROW = 34;

    /**
     * A scale bar.
     *
     * @param metres ground length it stands for
     * @param pixels its length on the map
     * @param label  the length as text, e.g. "200 km"
     */
    public record ScaleBar(double metres, double pixels, String label) {
    }

    /**
     * Measures the scale and the direction of north at the centre of a view.
     *
     * @param crs  the map's (display) coordinate system; x = easting or longitude
     * @param view the view
     * @return the scale bar (at most {@value #MAX_BAR_FRACTION} of the width) and the north angle
     * @throws IllegalArgumentException when the centre is outside the projection's domain
     */
    public static MapFurniture measure(CoordinateReferenceSystem crs, MapViewport view) {
        GeometryReprojector toLonLat = new GeometryReprojector(crs, CoordinateSystems.wgs84());
        double cx = view.centerX();
        double cy = view.centerY();
        // ground length of a short horizontal segment through the centre (50 pixels either side)
        double half = 50 / view.scale();
        double[] west = toLonLat.transform(cx - half, cy);
        double[] east = toLonLat.transform(cx + half, cy);
        GeodeticCalculator calc = GeodeticCalculator.create(CoordinateSystems.wgs84());
        calc.setStartGeographicPoint(west[1], west[0]);
        calc.setEndGeographicPoint(east[1], east[0]);
        double groundMetres = calc.getGeodesicDistance();
        double pixelsPerMetre = 100 / groundMetres;
        ScaleBar bar = roundBar(pixelsPerMetre, view.width() * MAX_BAR_FRACTION);

        // true north: the direction the centre moves on the map when its latitude grows a little
        double[] centre = toLonLat.transform(cx, cy);
        GeometryReprojector toMap = toLonLat.inverse();
        double dLat = centre[1] < 89.9 ? 0.01 : -0.01;
        double[] p0 = toMap.transform(centre[0], centre[1]);
        double[] p1 = toMap.transform(centre[0], centre[1] + dLat);
        double dx = (p1[0] - p0[0]) * Math.signum(dLat);
        double dy = (p1[1] - p0[1]) * Math.signum(dLat);
        // world y grows upward like screen "up": clockwise from up is atan2(east, north)
        return new MapFurniture(bar, Math.atan2(dx, dy));
    }

    /** The longest bar of 1, 2 or 5 times a power of ten metres that fits in {@code maxPixels}. */
    static ScaleBar roundBar(double pixelsPerMetre, double maxPixels) {
        double maxMetres = maxPixels / pixelsPerMetre;
        double power = Math.pow(10, Math.floor(Math.log10(maxMetres)));
        double metres = power;
        for (double m : new double[] {5, 2, 1}) {
            if (m * power <= maxMetres) {
                metres = m * power;
                break;
            }
        }
        String label = metres >= 1000 ? format(metres / 1000) + " km" : format(metres) + " m";
        return new ScaleBar(metres, metres * pixelsPerMetre, label);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%g", v);
    }

    /**
     * Where the scale bar itself (without its label) is drawn: the lower left corner.
     *
     * @param view the view
     * @return the bar's rectangle in pixels
     */
    public Rectangle2D barBounds(MapViewport view) {
        return new Rectangle2D.Double(MARGIN + 8, view.height() - MARGIN - 8 - 6, scaleBar.pixels(), 6);
    }

    /**
     * The north arrow's centre: the upper right corner.
     *
     * @param view the view
     * @return {x, y} in pixels
     */
    public double[] arrowCentre(MapViewport view) {
        return new double[] {view.width() - MARGIN - 24, MARGIN + 24 + 14};
    }

    /** @return the boxes the scale bar and north arrow cover, for labels to avoid */
    Rectangle2D[] occupied(Graphics2D g, MapViewport view) {
        Rectangle2D bar = barBounds(view);
        Rectangle2D barBox = new Rectangle2D.Double(MARGIN, bar.getY() - 20, bar.getWidth() + 16 + labelWidth(g),
                bar.getHeight() + 28);
        double[] c = arrowCentre(view);
        Rectangle2D arrowBox = new Rectangle2D.Double(c[0] - 26, c[1] - 38, 52, 66);
        return new Rectangle2D[] {barBox, arrowBox};
    }

    private double labelWidth(Graphics2D g) {
        return g.getFontMetrics(FONT).stringWidth(scaleBar.label()) + 4;
    }

    /**
     * Draws the scale bar (two halves, black and white, with 0, half and full length marked) and the north arrow
     * (an arrow with "N" at its tip, turned to true north).
     *
     * @param g    target
     * @param view the view
     */
    void paint(Graphics2D g, MapViewport view) {
        Rectangle2D[] boxes = occupied(g, view);
        g.setColor(new Color(255, 255, 255, 215));
        g.fill(boxes[0]);
        g.fill(boxes[1]);
        Rectangle2D bar = barBounds(view);
        double halfW = bar.getWidth() / 2;
        g.setColor(Color.BLACK);
        g.fill(new Rectangle2D.Double(bar.getX(), bar.getY(), halfW, bar.getHeight()));
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(bar.getX() + halfW, bar.getY(), halfW, bar.getHeight()));
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.draw(bar);
        g.setFont(FONT);
        FontMetrics fm = g.getFontMetrics();
        float textY = (float) (bar.getY() - 4);
        g.drawString("0", (float) (bar.getX() - fm.stringWidth("0") / 2.0), textY);
        String full = scaleBar.label();
        String number = full.substring(0, full.indexOf(' '));
        g.drawString(number, (float) (bar.getMaxX() - fm.stringWidth(number) / 2.0), textY);
        g.drawString(full.substring(full.indexOf(' ') + 1), (float) (bar.getMaxX() + fm.stringWidth(number) / 2.0
                + 3), (float) bar.getMaxY());

        double[] c = arrowCentre(view);
        Graphics2D a = (Graphics2D) g.create();
        try {
            a.translate(c[0], c[1]);
            a.rotate(northAngle);
            Path2D.Double left = new Path2D.Double();
            left.moveTo(0, -ARROW / 2);
            left.lineTo(-8, ARROW / 2);
            left.lineTo(0, ARROW / 2 - 7);
            left.closePath();
            Path2D.Double right = new Path2D.Double();
            right.moveTo(0, -ARROW / 2);
            right.lineTo(8, ARROW / 2);
            right.lineTo(0, ARROW / 2 - 7);
            right.closePath();
            a.setColor(Color.WHITE);
            a.fill(right);
            a.setColor(Color.BLACK);
            a.fill(left);
            a.setStroke(new BasicStroke(1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            a.draw(left);
            a.draw(right);
            a.setFont(NORTH_FONT);
            FontMetrics nf = a.getFontMetrics();
            a.drawString("N", (float) (-nf.stringWidth("N") / 2.0), (float) (-ARROW / 2 - 4));
        } finally {
            a.dispose();
        }
    }
}
