/**
 * The experiment editor: every option of a model configuration, validated in place as the user edits; basins are
 * chosen from the project's list or by lasso on its map.
 */
package org.hydrodelta.app.gui.experiment;
