/** Importing data into a project: a CAMELS-US or Caravan folder, its basins and the map layers beside it. */
package org.hydrodelta.app.gui.importer;
