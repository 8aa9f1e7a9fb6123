/**
 * Training of δ models, plain LSTMs and calibrated HBV: minibatch sampling (spec §5.5), the epoch length
 * formula (§5.4), the training loop with progress, cancellation and bit-identical resume, and run folders.
 */
package org.hydrodelta.core.train;
