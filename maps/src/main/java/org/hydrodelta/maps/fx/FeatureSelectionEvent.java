package org.hydrodelta.maps.fx;

import javafx.event.Event;
import javafx.event.EventType;
import org.hydrodelta.maps.render.FeatureHit;

/** Fired by {@link MapView} when the user clicks a feature (hit present) or empty map (hit null). */
public final class FeatureSelectionEvent extends Event {
    private static final long serialVersionUID = 1L;

    /** The single event type. */
    public static final EventType<FeatureSelectionEvent> FEATURE_SELECTED =
            new EventType<>(Event.ANY, "FEATURE_SELECTED");

    private final transient FeatureHit hit;

    /** @param hit the clicked feature, null when the click cleared the selection */
    public FeatureSelectionEvent(FeatureHit hit) {
        super(FEATURE_SELECTED);
        this.hit = hit;
    }

    /** @return the clicked feature, null when the selection was cleared */
    public FeatureHit hit() {
        return hit;
    }
}
