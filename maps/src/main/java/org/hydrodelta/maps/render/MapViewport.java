package org.hydrodelta.maps.render;

import org.locationtech.jts.geom.Envelope;

/**
 * Which part of the (projected) world is shown on a canvas of a given pixel size: the world point at the canvas
 * centre and the scale in pixels per world unit. Immutable; pan and zoom return new viewports. Screen y grows
 * downward, world y upward.
 *
 * @param centerX world x at the canvas centre
 * @param centerY world y at the canvas centre
 * @param scale   pixels per world unit (&gt; 0)
 * @param width   canvas width in pixels
 * @param height  canvas height in pixels
 */
public record MapViewport(double centerX, double centerY, double scale, double width, double height) {
    /** Validates the scale and size. */
    public MapViewport {
        if (!(scale > 0) || !(width > 0) || !(height > 0)) {
            throw new IllegalArgumentException("viewport needs a positive scale and size: scale " + scale
                    + ", " + width + "x" + height);
        }
    }

    /**
     * @param world  area to show
     * @param width  canvas width in pixels
     * @param height canvas height in pixels
     * @param margin blank border in pixels on each side
     * @return a viewport showing all of {@code world}, centred
     */
    public static MapViewport fit(Envelope world, double width, double height, double margin) {
        double w = Math.max(world.getWidth(), 1e-9);
        double h = Math.max(world.getHeight(), 1e-9);
        double usableW = Math.max(1, width - 2 * margin);
        double usableH = Math.max(1, height - 2 * margin);
        double scale = Math.min(usableW / w, usableH / h);
        return new MapViewport(world.centre().x, world.centre().y, scale, width, height);
    }

    /**
     * @param x world x
     * @return screen x in pixels
     */
    public double toScreenX(double x) {
        return (x - centerX) * scale + width / 2;
    }

    /**
     * @param y world y
     * @return screen y in pixels
     */
    public double toScreenY(double y) {
        return height / 2 - (y - centerY) * scale;
    }

    /**
     * @param sx screen x
     * @return world x
     */
    public double toWorldX(double sx) {
        return (sx - width / 2) / scale + centerX;
    }

    /**
     * @param sy screen y
     * @return world y
     */
    public double toWorldY(double sy) {
        return (height / 2 - sy) / scale + centerY;
    }

    /** @return the world area visible on the canvas */
    public Envelope visibleWorld() {
        return new Envelope(toWorldX(0), toWorldX(width), toWorldY(height), toWorldY(0));
    }

    /**
     * @param dx pixels to move the map right
     * @param dy pixels to move the map down
     * @return the panned viewport
     */
    public MapViewport panBy(double dx, double dy) {
        return new MapViewport(centerX - dx / scale, centerY + dy / scale, scale, width, height);
    }

    /**
     * Zooms keeping the world point under the given screen position where it is (wheel zoom).
     *
     * @param factor &gt; 1 zooms in
     * @param sx     anchor screen x
     * @param sy     anchor screen y
     * @return the zoomed viewport
     */
    public MapViewport zoomAt(double factor, double sx, double sy) {
        double wx = toWorldX(sx);
        double wy = toWorldY(sy);
        double s = scale * factor;
        double cx = wx - (sx - width / 2) / s;
        double cy = wy - (height / 2 - sy) / s;
        return new MapViewport(cx, cy, s, width, height);
    }

    /**
     * @param newWidth  new canvas width
     * @param newHeight new canvas height
     * @return the same centre and scale on a resized canvas
     */
    public MapViewport resized(double newWidth, double newHeight) {
        return new MapViewport(centerX, centerY, scale, newWidth, newHeight);
    }
}
