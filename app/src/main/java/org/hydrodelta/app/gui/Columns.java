package org.hydrodelta.app.gui;

import javafx.scene.control.TableColumn;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/** Table columns wide enough for their header: a header cut to "p_minu…" hides which metric or unit it is. */
public final class Columns {
    /** Space around the header text: the label's padding and the sort arrow. */
    private static final double PADDING = 26;

    private Columns() {
    }

    /**
     * Makes the column at least as wide as its header text (the table scrolls sideways when they do not all fit).
     *
     * @param column a column with a text header
     * @param <S>    row type
     * @param <T>    cell type
     * @return the column
     */
    public static <S, T> TableColumn<S, T> fitHeader(TableColumn<S, T> column) {
        String text = column.getText();
        if (text == null || text.isEmpty()) {
            return column;
        }
        // column headers are drawn in the default font, bold (modena.css)
        double width = width(text, FontWeight.BOLD);
        column.setMinWidth(Math.max(column.getMinWidth(), width));
        column.setPrefWidth(Math.max(column.getPrefWidth(), width));
        return column;
    }

    /**
     * Gives the column room for a typical cell, e.g. a period {@code 1993-09-29 .. 2013-10-03}, on top of its header.
     *
     * @param column a column
     * @param sample the widest text its cells usually hold
     * @param <S>    row type
     * @param <T>    cell type
     * @return the column
     */
    public static <S, T> TableColumn<S, T> fitCells(TableColumn<S, T> column, String sample) {
        column.setPrefWidth(Math.max(column.getPrefWidth(), width(sample, FontWeight.NORMAL)));
        return column;
    }

    private static double width(String text, FontWeight weight) {
        Text probe = new Text(text);
        probe.setFont(Font.font(Font.getDefault().getFamily(), weight, Font.getDefault().getSize()));
        return Math.ceil(probe.getLayoutBounds().getWidth()) + PADDING;
    }
}
