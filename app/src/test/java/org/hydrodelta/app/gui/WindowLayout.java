package org.hydrodelta.app.gui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.scene.text.Text;

/**
 * What a window test looks for in a laid-out window: tool bars that hide controls behind "&gt;&gt;", controls
 * that reach past the window's edge or are squeezed until their text ends in "…", and tabs that cannot be
 * brought into view. Controls inside scrolling containers (tables, lists, scroll panes) are left alone: scrolling
 * reaches them. Call on the FX thread.
 */
final class WindowLayout {
    private WindowLayout() {
    }

    /** Whether a node and all its parents are visible (the contents of tabs behind others are not). */
    static boolean shown(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static boolean scrolls(Node n) {
        for (Node x = n.getParent(); x != null; x = x.getParent()) {
            if (x instanceof ScrollPane || x instanceof TableView || x instanceof ListView || x instanceof TreeView
                    || x instanceof javafx.scene.control.TreeTableView) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param root  the window's root
     * @param where what is shown, for the messages
     * @return one line per problem
     */
    static List<String> problems(Parent root, String where) {
        root.applyCss();
        root.layout();
        List<String> out = new ArrayList<>();
        double w = root.getScene().getWidth();
        double h = root.getScene().getHeight();
        for (Node n : root.lookupAll(".tool-bar-overflow-button")) {
            if (shown(n)) {
                out.add(where + ": a tool bar hides controls behind >> (" + n.getParent() + ")");
            }
        }
        for (Node n : root.lookupAll("*")) {
            boolean control = n instanceof ButtonBase || n instanceof ComboBoxBase || n instanceof ChoiceBox
                    || n instanceof Spinner || n instanceof TextField || n instanceof Slider;
            if (!control || !shown(n) || scrolls(n) || n.getScene() == null) {
                continue;
            }
            Bounds b = n.localToScene(n.getLayoutBounds());
            String name = describe(n);
            if (b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > w + 1 || b.getMaxY() > h + 1) {
                out.add(where + ": " + name + " reaches past the window (" + Math.round(b.getMinX()) + ".."
                        + Math.round(b.getMaxX()) + " x " + Math.round(b.getMinY()) + ".." + Math.round(b.getMaxY())
                        + ")");
            }
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
                String shownText = labelText(l);
                if (shownText != null && !shownText.equals(l.getText())) {
                    out.add(where + ": " + name + " is cut to '" + shownText + "'");
                }
            }
        }
        // table column headers: a header squeezed to "Area (k…" hides the column's unit
        for (Node header : root.lookupAll(".column-header")) {
            if (!shown(header) || header.getScene() == null) {
                continue;
            }
            for (Node n : header.lookupAll("*")) {
                if (n instanceof Labeled l && shown(n) && l.getText() != null && !l.getText().isEmpty()) {
                    String shownText = labelText(l);
                    if (shownText != null && !shownText.equals(l.getText())) {
                        out.add(where + ": the column header '" + l.getText() + "' is cut to '" + shownText + "'");
                    }
                }
            }
        }
        return out;
    }

    /**
     * @param tp    a tab pane whose tab {@code t} is selected
     * @param t     the tab
     * @param where for the message
     * @return a problem when the tab's header is not inside the tab pane
     */
    static List<String> unreachable(TabPane tp, Tab t, String where) {
        tp.applyCss();
        tp.layout();
        Bounds pane = tp.localToScene(tp.getLayoutBounds());
        for (Node n : tp.lookupAll(".tab")) {
            if (n.getProperties().get(Tab.class) == t) {
                Bounds b = n.localToScene(n.getLayoutBounds());
                if (!shown(n) || b.getMinX() < pane.getMinX() - 1 || b.getMaxX() > pane.getMaxX() + 1) {
                    return List.of(where + ": the tab's header is not in view");
                }
                return List.of();
            }
        }
        return List.of(where + ": no header for the tab");
    }

    /** The text a labeled control draws: its skin's Text node, which ends in "…" when the control is squeezed. */
    private static String labelText(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t) {
                return t.getText();
            }
        }
        return null;
    }

    private static String describe(Node n) {
        String text = n instanceof Labeled l ? " '" + l.getText() + "'" : "";
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : " #" + n.getId()) + text;
    }
}
