package org.hydrodelta.app.gui.experiment;

/** How basins chosen elsewhere (such as by lasso on the map) change an experiment's basin selection. */
public enum BasinSelectionMode {
    /** The chosen basins become the selection. */
    REPLACE("Replace"),
    /** The chosen basins are added to the selection. */
    ADD("Add"),
    /** The chosen basins are removed from the selection. */
    REMOVE("Remove");

    private final String label;

    BasinSelectionMode(String label) {
        this.label = label;
    }

    /** @return the name shown in the window */
    public String label() {
        return label;
    }
}
