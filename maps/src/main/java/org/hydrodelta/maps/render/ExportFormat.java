package org.hydrodelta.maps.render;

import java.nio.file.Path;
import java.util.Locale;

/** Figure formats a map can be exported to. */
public enum ExportFormat {
    /** Raster image. */
    PNG,
    /** Vector image (JFreeSVG). */
    SVG,
    /** Vector document (JFreePDF). */
    PDF;

    /**
     * @param file output file
     * @return the format named by its extension
     * @throws IllegalArgumentException for any other extension
     */
    public static ExportFormat of(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        return switch (ext) {
            case "png" -> PNG;
            case "svg" -> SVG;
            case "pdf" -> PDF;
            default -> throw new IllegalArgumentException(file + ": unsupported output format '" + ext
                    + "'; use .png, .svg or .pdf");
        };
    }
}
