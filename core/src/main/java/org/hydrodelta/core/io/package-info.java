/** Plain-file writers for results: CSV tables and NumPy {@code .npy} arrays, readable without HydroDelta. */
package org.hydrodelta.core.io;
