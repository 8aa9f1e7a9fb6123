/**
 * The JavaFX workbench: the main window, its panes (each a view with its own view model) and the glue to
 * core. Views hold layout and bindings; view models hold state, validation and calls into core, and are
 * testable without a window.
 */
package org.hydrodelta.app.gui;
