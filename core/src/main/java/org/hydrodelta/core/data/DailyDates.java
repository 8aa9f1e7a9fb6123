package org.hydrodelta.core.data;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Checks that the dates of a daily file run without gaps, duplicates or reversals, without allocating a
 * {@link LocalDate} per line: the next expected (year, month, day) is advanced by hand and compared.
 */
public final class DailyDates {
    private int y;
    private int m;
    private int d;
    private LocalDate first;
    private long count;

    /**
     * Accepts the date of the next line.
     *
     * @param year  year as read
     * @param month month as read
     * @param day   day as read
     * @return null when it is the expected next day, otherwise the reason it is not (invalid, duplicated, out of
     *     order, or days missing)
     */
    public String accept(int year, int month, int day) {
        if (first != null && year == y && month == m && day == d) {
            advance();
            count++;
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return "invalid date " + year + "-" + month + "-" + day;
        }
        if (first == null) {
            first = date;
            y = year;
            m = month;
            d = day;
            advance();
            count = 1;
            return null;
        }
        LocalDate expected = LocalDate.of(y, m, d);
        LocalDate previous = expected.minusDays(1);
        if (date.equals(previous)) {
            return "duplicated date " + date;
        }
        if (date.isBefore(previous)) {
            return "date " + date + " out of order: it follows " + previous;
        }
        long missing = date.toEpochDay() - expected.toEpochDay();
        return "missing dates: " + date + " follows " + previous + " (" + missing + (missing == 1 ? " day" : " days")
                + " missing, " + expected + (missing == 1 ? "" : " .. " + date.minusDays(1)) + ")";
    }

    private void advance() {
        d++;
        if (d > 28 && d > lengthOfMonth(y, m)) {
            d = 1;
            m++;
            if (m > 12) {
                m = 1;
                y++;
            }
        }
    }

    private static int lengthOfMonth(int y, int m) {
        switch (m) {
            case 2:
                return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** @return the first date accepted, or null */
    public LocalDate first() {
        return first;
    }

    /** @return how many consecutive days were accepted */
    public long count() {
        return count;
    }
}
