/**
 * Evaluation: goodness-of-fit metrics per basin (small pure functions with their formula and reference) and
 * their summaries across basins.
 */
package org.hydrodelta.core.eval;
