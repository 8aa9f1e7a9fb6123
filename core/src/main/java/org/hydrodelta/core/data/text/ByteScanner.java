package org.hydrodelta.core.data.text;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over the bytes of a whole text file that reads whitespace-separated fields without allocating: the
 * caller asks for the next number or the next token span on the current line and moves to the next line
 * explicitly. Numbers are parsed exactly (short decimals as an exact long divided by an exact power of ten, which
 * the JVM rounds correctly, i.e. the same double as {@link Double#parseDouble}); anything longer falls back to
 * {@link Double#parseDouble}. Not thread-safe: one scanner per file.
 */
public final class ByteScanner {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** Result of {@link #nextNumber()}: no field left on the line. */
    public static final int END_OF_LINE = 1;
    /** Result of {@link #nextNumber()}: the field is not a number. */
    public static final int NOT_A_NUMBER = 2;
    /** Result of {@link #nextNumber()}: a number followed directly by ',' or ';'. */
    public static final int WRONG_DELIMITER = 3;
    /** Result of {@link #nextNumber()}: a number was read into {@link #value()}. */
    public static final int OK = 0;

    private final byte[] buf;
    private final int end;
    private int pos;
    private long line;
    private double value;
    private int tokenStart;
    private int tokenEnd;

    /**
     * @param buf   the file contents
     * @param start first byte to read
     * @param end   one past the last byte
     */
    public ByteScanner(byte[] buf, int start, int end) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
        this.line = 1;
    }

    /** @return the 1-based number of the current line */
    public long line() {
        return line;
    }

    /** @return whether all bytes have been consumed */
    public boolean atEnd() {
        return pos >= end;
    }

    /** @return the last number read */
    public double value() {
        return value;
    }

    /** @return the current position */
    public int position() {
        return pos;
    }

    /** Skips the rest of the current line, including its terminator. */
    public void nextLine() {
        while (pos < end && buf[pos] != '\n') {
            pos++;
        }
        if (pos < end) {
            pos++;
        }
        line++;
    }

    /** @return whether the current line holds only spaces, tabs or a carriage return */
    public boolean lineIsBlank() {
        for (int p = pos; p < end && buf[p] != '\n'; p++) {
            byte c = buf[p];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** @return the rest of the current line as text (for messages and headers), without moving */
    public String restOfLine() {
        int p = pos;
        while (p < end && buf[p] != '\n') {
            p++;
        }
        int e = p > pos && buf[p - 1] == '\r' ? p - 1 : p;
        return new String(buf, pos, e - pos, StandardCharsets.UTF_8);
    }

    private void skipBlanks() {
        while (pos < end) {
            byte c = buf[pos];
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    /**
     * Moves to the next field on the line and marks its span (up to the next space, tab or line end).
     *
     * @return false when the line has no more fields
     */
    public boolean nextToken() {
        skipBlanks();
        if (pos >= end || buf[pos] == '\n') {
            return false;
        }
        tokenStart = pos;
        while (pos < end) {
            byte c = buf[pos];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                break;
            }
            pos++;
        }
        tokenEnd = pos;
        return true;
    }

    /** @return the last token (or failed number field) as text */
    public String token() {
        return new String(buf, tokenStart, tokenEnd - tokenStart, StandardCharsets.UTF_8);
    }

    /**
     * Compares the last token with ASCII text without allocating.
     *
     * @param s the expected text
     * @return whether they are equal
     */
    public boolean tokenEquals(String s) {
        int n = tokenEnd - tokenStart;
        if (n != s.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[tokenStart + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the next field as a number into {@link #value()}. "NaN", "nan" and "NA" read as NaN.
     *
     * @return {@link #OK}, {@link #END_OF_LINE}, {@link #NOT_A_NUMBER} or {@link #WRONG_DELIMITER}; on the last
     *     two, {@link #token()} gives the offending text
     */
    public int nextNumber() {
        skipBlanks();
        if (pos >= end || buf[pos] == '\n') {
            return END_OF_LINE;
        }
        int start = pos;
        tokenStart = pos;
        boolean neg = false;
        byte c = buf[pos];
        if (c == '-' || c == '+') {
            neg = c == '-';
            pos++;
        }
        long mant = 0;
        int digits = 0;
        int scale = 0;
        boolean any = false;
        while (pos < end && (c = buf[pos]) >= '0' && c <= '9') {
            if (digits < 18) {
                mant = mant * 10 + (c - '0');
                if (mant != 0) {
                    digits++;
                }
            } else {
                scale--;
            }
            any = true;
            pos++;
        }
        if (pos < end && buf[pos] == '.') {
            pos++;
            while (pos < end && (c = buf[pos]) >= '0' && c <= '9') {
                if (digits < 18) {
                    mant = mant * 10 + (c - '0');
                    if (mant != 0) {
                        digits++;
                    }
                    scale++;
                }
                any = true;
                pos++;
            }
        }
        boolean slow = false;
        if (any && pos < end && (buf[pos] == 'e' || buf[pos] == 'E')) {
            slow = true;
            pos++;
            if (pos < end && (buf[pos] == '-' || buf[pos] == '+')) {
                pos++;
            }
            boolean expDigits = false;
            while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
                pos++;
                expDigits = true;
            }
            any = expDigits;
        }
        if (pos < end) {
            c = buf[pos];
            if (c == ',' || c == ';') {
                tokenEnd = pos + 1;
                return any ? WRONG_DELIMITER : notNumber(start);
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return notNumber(start);
            }
        }
        if (!any) {
            return notNumber(start);
        }
        tokenEnd = pos;
        if (slow || digits > 15 || scale > 22 || scale < -22) {
            value = Double.parseDouble(new String(buf, start, pos - start, StandardCharsets.US_ASCII));
        } else {
            double v = scale >= 0 ? mant / POW10[scale] : mant * POW10[-scale];
            value = neg ? -v : v;
        }
        return OK;
    }

    private int notNumber(int start) {
        pos = start;
        nextToken();
        if (tokenEquals("NaN") || tokenEquals("nan") || tokenEquals("NA")) {
            value = Double.NaN;
            return OK;
        }
        return NOT_A_NUMBER;
    }
}
