/** Progress reporting and cooperative cancellation, shared by the command line and the workbench. */
package org.hydrodelta.core.progress;
