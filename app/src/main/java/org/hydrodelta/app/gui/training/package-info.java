/** The training tab: start, follow (loss curve, validation NSE), cancel and resume runs on the background worker. */
package org.hydrodelta.app.gui.training;
