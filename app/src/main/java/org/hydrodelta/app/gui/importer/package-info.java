/**
 * Importing data into a project: a CAMELS-US or Caravan folder, plain per-basin CSV files through a column mapping
 * built in {@link org.hydrodelta.app.gui.importer.CsvMappingViewModel}, their basins, and map layers found beside the
 * data or added by the user.
 */
package org.hydrodelta.app.gui.importer;
