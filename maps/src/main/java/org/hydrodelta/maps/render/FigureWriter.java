package org.hydrodelta.maps.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
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

/**
 * Writes any figure drawn with Graphics2D (a map, a JFreeChart chart) to PNG, SVG or PDF, so what the user
 * sees on screen is what they export, whatever the target.
 */
public final class FigureWriter {
    /** Draws a figure of a given size, in pixels (PNG) or points (SVG, PDF). */
    @FunctionalInterface
    public interface Painter {
        /**
         * @param g      where to draw
         * @param width  figure width
         * @param height figure height
         */
        void paint(Graphics2D g, double width, double height);
    }

    private FigureWriter() {
    }

    /**
     * @param p      the figure
     * @param width  pixels
     * @param height pixels
     * @return an ARGB image
     */
    public static BufferedImage image(Painter p, double width, double height) {
        BufferedImage img = new BufferedImage((int) Math.ceil(width), (int) Math.ceil(height),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            p.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * @param p      the figure
     * @param width  points
     * @param height points
     * @return the SVG document
     */
    public static String svg(Painter p, double width, double height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        p.paint(g, width, height);
        return g.getSVGDocument();
    }

    /**
     * @param p      the figure
     * @param title  document title
     * @param width  page width in points
     * @param height page height in points
     * @return the PDF bytes
     */
    public static byte[] pdf(Painter p, String title, double width, double height) {
        PDFDocument doc = new PDFDocument();
        doc.setTitle(title == null ? "HydroDelta figure" : title);
        Page page = doc.createPage(new Rectangle2D.Double(0, 0, width, height));
        PDFGraphics2D g = page.getGraphics2D();
        p.paint(g, width, height);
        return doc.getPDFBytes();
    }

    /**
     * Writes the figure in the format named by the file's extension; nothing is left behind on failure.
     *
     * @param p      the figure
     * @param title  document title (PDF)
     * @param width  figure width
     * @param height figure height
     * @param out    .png, .svg or .pdf file
     * @throws IOException when the file cannot be written
     */
    public static void write(Painter p, String title, double width, double height, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ExportFormat format = ExportFormat.of(out);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try {
            switch (format) {
                case PNG -> {
                    if (!ImageIO.write(image(p, width, height), "png", tmp.toFile())) {
                        throw new IOException(out + ": no PNG writer available");
                    }
                }
                case SVG -> Files.writeString(tmp, svg(p, width, height));
                case PDF -> Files.write(tmp, pdf(p, title, width, height));
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
