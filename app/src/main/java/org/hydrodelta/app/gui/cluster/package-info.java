/** The "Run on cluster…" dialog: jobs for the cluster module's distribution, written beside the project and run. */
package org.hydrodelta.app.gui.cluster;
