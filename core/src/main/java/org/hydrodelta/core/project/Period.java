package org.hydrodelta.core.project;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A closed date interval [start, end], both days included (a water year is 10-01 .. 09-30).
 *
 * @param start first day
 * @param end   last day, not before {@code start}
 */
public record Period(LocalDate start, LocalDate end) {
    /** Validates. */
    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("period ends (" + end + ") before it starts (" + start + ")");
        }
    }

    /** @return number of days, both ends included */
    public int days() {
        return (int) ChronoUnit.DAYS.between(start, end) + 1;
    }

    /**
     * @param other another period
     * @return whether the two share at least one day
     */
    public boolean overlaps(Period other) {
        return !start.isAfter(other.end) && !other.start.isAfter(end);
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
