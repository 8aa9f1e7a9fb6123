/** The project explorer pane: datasets, basins (searchable), experiments and runs of the open project. */
package org.hydrodelta.app.gui.explorer;
