package org.hydrodelta.maps.fx;

import java.util.List;
import javafx.event.Event;
import javafx.event.EventType;
import org.hydrodelta.maps.render.LassoSelection;
import org.locationtech.jts.geom.Geometry;

/** Fired by {@link MapView} when the user finishes drawing a lasso, whether or not it caught any feature. */
public final class LassoSelectionEvent extends Event {
    private static final long serialVersionUID = 1L;

    /** The single event type. */
    public static final EventType<LassoSelectionEvent> LASSO_SELECTED = new EventType<>(Event.ANY, "LASSO_SELECTED");

    private final transient LassoSelection selection;

    /** @param selection what the lasso caught, with its area in world coordinates */
    public LassoSelectionEvent(LassoSelection selection) {
        super(LASSO_SELECTED);
        this.selection = selection;
    }

    /** @return what the lasso caught */
    public LassoSelection selection() {
        return selection;
    }

    /** @return the basin ids caught, in feature order; empty when none */
    public List<String> ids() {
        return selection.ids();
    }

    /** @return the lasso area in world (map CRS) coordinates; empty for a degenerate lasso */
    public Geometry area() {
        return selection.area();
    }
}
