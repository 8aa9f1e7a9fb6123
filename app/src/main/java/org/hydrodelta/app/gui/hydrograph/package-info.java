/** The basin hydrograph view: observed and simulated flow, hyetograph, and the model's states and fluxes. */
package org.hydrodelta.app.gui.hydrograph;
