/** The data doctor tab: per-basin diagnosis table and the gap heat map, before any training starts. */
package org.hydrodelta.app.gui.doctor;
