/** The "Combine runs…" dialog: a learned combination of evaluated runs, fitted on the background executor. */
package org.hydrodelta.app.gui.combine;
