package org.hydrodelta.core.loss;

/**
 * Loss value and count of the observations that entered it.
 *
 * @param value the loss (0 when no data)
 * @param count number of (day, basin) pairs with an observation
 */
public record LossResult(double value, int count) {
    /** @return whether any observation entered the loss */
    public boolean hasData() {
        return count > 0;
    }
}
