/**
 * Hydrologic models behind one interface, created by name from an experiment configuration (neuralhydrology's
 * {@code get_model(cfg)}): the δ model (network → sigmoid → parameter ranges → HBV → routing), the plain LSTM
 * benchmark, and HBV calibrated per basin by gradient descent through the same kernel.
 */
package org.hydrodelta.core.model;
