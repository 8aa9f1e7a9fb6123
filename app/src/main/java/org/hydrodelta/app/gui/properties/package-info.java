/** The properties pane: every known fact about the selected basin, experiment or run, read-only. */
package org.hydrodelta.app.gui.properties;
