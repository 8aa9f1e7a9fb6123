package org.hydrodelta.app.gui.export;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import org.hydrodelta.maps.render.FigureWriter;
import org.jfree.chart.JFreeChart;

/** Export actions shared by the views: a figure to PNG, SVG or PDF, and data to CSV. */
public final class FigureExport {
    /** Default figure size in pixels (PNG) or points (SVG, PDF). */
    public static final double WIDTH = 1200;
    /** Default figure height. */
    public static final double HEIGHT = 800;

    private FigureExport() {
    }

    /**
     * @param chart a chart
     * @return a painter drawing it at any size
     */
    public static FigureWriter.Painter of(JFreeChart chart) {
        return (g, w, h) -> chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, w, h));
    }

    /**
     * Writes a chart; the format follows the file's extension.
     *
     * @param chart the chart
     * @param out   .png, .svg or .pdf
     * @throws IOException if writing fails
     */
    public static void write(JFreeChart chart, Path out) throws IOException {
        String title = chart.getTitle() == null ? "HydroDelta figure" : chart.getTitle().getText();
        FigureWriter.write(of(chart), title, WIDTH, HEIGHT, out);
    }

    /** Something that can write itself to a file. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param out target file
         * @throws IOException if writing fails
         */
        void write(Path out) throws IOException;
    }

    /**
     * An "Export" menu button with a figure entry and, when {@code csv} is not null, a data entry.
     *
     * @param owner    node whose window owns the file dialogs
     * @param baseName suggested file name without extension
     * @param figure   writes the figure
     * @param csv      writes the data, or {@code null}
     * @param status   receives "Exported ..." or the error
     * @return the button
     */
    public static MenuButton button(Node owner, String baseName, Writer figure, Writer csv, Consumer<String> status) {
        MenuItem fig = new MenuItem("Figure (PNG, SVG, PDF)…");
        fig.setOnAction(e -> choose(owner, baseName + ".svg", figure, status, new FileChooser.ExtensionFilter(
                "SVG", "*.svg"), new FileChooser.ExtensionFilter("PNG", "*.png"), new FileChooser.ExtensionFilter("PDF",
                "*.pdf")));
        MenuButton b = new MenuButton("Export", null, fig);
        b.setId("exportButton");
        if (csv != null) {
            MenuItem data = new MenuItem("Data (CSV)…");
            data.setOnAction(e -> choose(owner, baseName + ".csv", csv, status, new FileChooser.ExtensionFilter(
                    "CSV", "*.csv")));
            b.getItems().add(data);
        }
        return b;
    }

    /** Where export dialogs open: the last folder exported to, else the open project's folder. */
    private static volatile java.nio.file.Path folder;

    /**
     * @param dir the open project's folder (export dialogs open there until the user exports elsewhere), or null
     */
    public static void setProjectFolder(java.nio.file.Path dir) {
        folder = dir;
    }

    private static void choose(Node owner, String name, Writer w, Consumer<String> status,
            FileChooser.ExtensionFilter... filters) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        java.nio.file.Path dir = folder;
        if (dir != null && java.nio.file.Files.isDirectory(dir)) {
            fc.setInitialDirectory(dir.toFile());
        }
        fc.getExtensionFilters().addAll(filters);
        File f = fc.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        if (f == null) {
            return;
        }
        folder = f.toPath().toAbsolutePath().getParent();
        try {
            w.write(f.toPath());
            status.accept("Exported " + f.getName());
        } catch (IOException | RuntimeException ex) {
            status.accept("Export failed: " + ex.getMessage());
        }
    }
}
