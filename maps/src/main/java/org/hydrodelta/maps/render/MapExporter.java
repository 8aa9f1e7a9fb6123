package org.hydrodelta.maps.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a scene to PNG, SVG or PDF through the same {@link MapRenderer} the screen uses, with a scale bar and a
 * north arrow added (a figure leaves the window without its zoom and coordinates).
 */
public final class MapExporter {
    private final MapRenderer renderer = new MapRenderer();

    private FigureWriter.Painter painter(MapScene scene, MapViewport view) {
        return (g, w, h) -> renderer.render(g, scene, view, true);
    }

    /**
     * @param scene  what to draw
     * @param view   viewport (its size is the image size)
     * @return an ARGB image of the map
     */
    public BufferedImage renderImage(MapScene scene, MapViewport view) {
        return FigureWriter.image(painter(scene, view), view.width(), view.height());
    }

    /**
     * @param scene what to draw
     * @param view  viewport; its size is the figure size in pixels (PNG) or points (SVG, PDF)
     * @return the SVG document text
     */
    public String renderSvg(MapScene scene, MapViewport view) {
        return FigureWriter.svg(painter(scene, view), view.width(), view.height());
    }

    /**
     * @param scene what to draw
     * @param view  viewport; its size is the page size in points
     * @return the PDF bytes
     */
    public byte[] renderPdf(MapScene scene, MapViewport view) {
        return FigureWriter.pdf(painter(scene, view), scene.title() == null ? "HydroDelta map" : scene.title(),
                view.width(), view.height());
    }

    /**
     * Writes the map in the format named by the file's extension.
     *
     * @param scene what to draw
     * @param view  viewport and figure size
     * @param out   .png, .svg or .pdf file
     * @throws IOException when the file cannot be written
     */
    public void write(MapScene scene, MapViewport view, Path out) throws IOException {
        FigureWriter.write(painter(scene, view), scene.title() == null ? "HydroDelta map" : scene.title(),
                view.width(), view.height(), out);
    }
}
