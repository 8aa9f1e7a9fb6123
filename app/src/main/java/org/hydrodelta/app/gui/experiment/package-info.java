/** The experiment editor: every option of a model configuration, validated in place as the user edits. */
package org.hydrodelta.app.gui.experiment;
