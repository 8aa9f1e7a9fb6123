/** The results tab: sortable per-basin metrics of a run and the metric's distribution across runs. */
package org.hydrodelta.app.gui.results;
