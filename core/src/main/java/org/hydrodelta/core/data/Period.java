package org.hydrodelta.core.data;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A half-open date range {@code [start, end)}, the convention of the reference code (spec §5.1), with an optional
 * first day of model warm-up for a scored period (e.g. a validation period starting 1981-10-01 whose data begin
 * 1981-01-01 warms up from 1981-01-01).
 *
 * @param start       first day included
 * @param end         first day excluded
 * @param warmupStart first day of warm-up before {@code start} when scoring this period, or null for the default
 */
public record Period(LocalDate start, LocalDate end, LocalDate warmupStart) {

    /**
     * Validates the range.
     *
     * @param start       first day included
     * @param end         first day excluded, after start
     * @param warmupStart first warm-up day, not after start, or null
     */
    public Period {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("empty period: end " + end + " is not after start " + start);
        }
        if (warmupStart != null && warmupStart.isAfter(start)) {
            throw new IllegalArgumentException("warm-up start " + warmupStart + " is after the period's start " + start);
        }
    }

    /**
     * A period without its own warm-up start.
     *
     * @param start first day included
     * @param end   first day excluded, after start
     */
    public Period(LocalDate start, LocalDate end) {
        this(start, end, null);
    }

    /**
     * @param first first warm-up day, or null for the default
     * @return this period warming up from {@code first}
     */
    public Period withWarmupStart(LocalDate first) {
        return new Period(start, end, first);
    }

    /**
     * Water years {@code first..last} inclusive, each from 1 October of the previous calendar year to 30 September.
     *
     * @param first first water year (e.g. 1981 starts 1980-10-01)
     * @param last  last water year, inclusive
     * @return the period
     */
    public static Period waterYears(int first, int last) {
        return new Period(waterYearStart(first), waterYearStart(last + 1));
    }

    /**
     * @param date a day
     * @return the water year it belongs to (the calendar year in which that water year ends)
     */
    public static int waterYear(LocalDate date) {
        return date.getMonthValue() >= 10 ? date.getYear() + 1 : date.getYear();
    }

    /**
     * @param waterYear a water year
     * @return its first day, 1 October of the previous calendar year
     */
    public static LocalDate waterYearStart(int waterYear) {
        return LocalDate.of(waterYear - 1, 10, 1);
    }

    /** The paper's training period 1980-10-01 .. 1995-09-30 (5478 days). */
    public static final Period PAPER_TRAIN = new Period(LocalDate.of(1980, 10, 1), LocalDate.of(1995, 10, 1));
    /** The paper's test period 1995-10-01 .. 2010-09-30 (5479 days). */
    public static final Period PAPER_TEST = new Period(LocalDate.of(1995, 10, 1), LocalDate.of(2010, 10, 1));

    /** @return the number of days */
    public int days() {
        return (int) ChronoUnit.DAYS.between(start, end);
    }

    /**
     * @param date a day
     * @return whether it lies inside
     */
    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(end);
    }

    /**
     * @param other another period
     * @return the overlap, or null when they do not overlap
     */
    public Period intersect(Period other) {
        LocalDate s = start.isAfter(other.start) ? start : other.start;
        LocalDate e = end.isBefore(other.end) ? end : other.end;
        return e.isAfter(s) ? new Period(s, e) : null;
    }

    /**
     * A period given by its first and last day, both included (how people and project files write periods).
     *
     * @param first first day
     * @param last  last day, not before {@code first}
     * @return the period [first, last + 1)
     */
    public static Period inclusive(LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("period ends (" + last + ") before it starts (" + first + ")");
        }
        return new Period(first, last.plusDays(1));
    }

    /** @return the last day inside the period */
    public LocalDate lastDay() {
        return end.minusDays(1);
    }

    /**
     * @param other another period
     * @return whether the two share at least one day
     */
    public boolean overlaps(Period other) {
        return intersect(other) != null;
    }

    @Override
    public String toString() {
        return start + " .. " + end.minusDays(1) + (warmupStart == null ? "" : " (warm-up from " + warmupStart + ")");
    }
}
