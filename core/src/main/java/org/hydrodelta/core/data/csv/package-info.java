/**
 * Plain per-basin CSV files: a delimiter-separated daily table reader, the column mapping (which column is
 * precipitation, temperature, PET, flow, with units and the date format) saved in the project as JSON, and the
 * loader that turns a mapping plus a basin-list file into a dataset.
 */
package org.hydrodelta.core.data.csv;
