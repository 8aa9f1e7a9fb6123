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
        Text probe = new Text(text);
        // column headers are drawn in the default font, bold (modena.css)
        probe.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize()));
        double width = Math.ceil(probe.getLayoutBounds().getWidth()) + PADDING;
        column.setMinWidth(Math.max(column.getMinWidth(), width));
        column.setPrefWidth(Math.max(column.getPrefWidth(), width));
        return column;
    }
}
