/** Export of what a view shows: figures to PNG, SVG or PDF through one writer, tables and series to CSV. */
package org.hydrodelta.app.gui.export;
