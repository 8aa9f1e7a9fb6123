package org.hydrodelta.maps.render;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;

/** Writes a scene to PNG, SVG or PDF through the same {@link MapRenderer} the screen uses. */
public final class MapExporter {
    private final MapRenderer renderer = new MapRenderer();

    /**
     * @param scene  what to draw
     * @param view   viewport (its size is the image size)
     * @return an ARGB image of the map
     */
    public BufferedImage renderImage(MapScene scene, MapViewport view) {
        BufferedImage img = new BufferedImage((int) Math.ceil(view.width()), (int) Math.ceil(view.height()),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            renderer.render(g, scene, view);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * @param scene what to draw
     * @param view  viewport; its size is the figure size in pixels (PNG) or points (SVG, PDF)
     * @return the SVG document text
     */
    public String renderSvg(MapScene scene, MapViewport view) {
        SVGGraphics2D g = new SVGGraphics2D(view.width(), view.height());
        renderer.render(g, scene, view);
        return g.getSVGDocument();
    }

    /**
     * @param scene what to draw
     * @param view  viewport; its size is the page size in points
     * @return the PDF bytes
     */
    public byte[] renderPdf(MapScene scene, MapViewport view) {
        PDFDocument doc = new PDFDocument();
        doc.setTitle(scene.title() == null ? "HydroDelta map" : scene.title());
        Page page = doc.createPage(new Rectangle2D.Double(0, 0, view.width(), view.height()));
        PDFGraphics2D g = page.getGraphics2D();
        renderer.render(g, scene, view);
        return doc.getPDFBytes();
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
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        switch (ExportFormat.of(out)) {
            case PNG -> {
                if (!ImageIO.write(renderImage(scene, view), "png", out.toFile())) {
                    throw new IOException(out + ": no PNG writer available");
                }
            }
            case SVG -> Files.writeString(out, renderSvg(scene, view));
            case PDF -> Files.write(out, renderPdf(scene, view));
        }
    }
}
