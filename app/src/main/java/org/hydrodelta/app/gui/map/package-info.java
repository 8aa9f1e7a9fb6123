/** The basin map tab: the project's layers coloured by a metric of the latest evaluated run. */
package org.hydrodelta.app.gui.map;
