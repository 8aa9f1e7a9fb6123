package org.hydrodelta.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a delimiter-separated table (CAMELS attribute tables use ';', Caravan uses ','). Fields may
 * be double-quoted (Caravan gauge names contain commas); quotes are removed and {@code ""} inside quotes is a
 * literal quote. Kept tiny and allocation-light because it runs once per attribute row, not in time loops.
 */
public final class DelimitedLine {
    private DelimitedLine() {
    }

    /**
     * Splits a line into fields.
     *
     * @param line      the line without its terminator
     * @param delimiter the field separator
     * @return the fields, untrimmed, quotes removed
     */
    public static List<String> split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(c);
                    i++;
                }
                // anything between the closing quote and the delimiter is kept, as a lenient reader would
                int end = line.indexOf(delimiter, i);
                if (end < 0) {
                    sb.append(line, i, n);
                    out.add(sb.toString());
                    return out;
                }
                sb.append(line, i, end);
                out.add(sb.toString());
                i = end + 1;
            } else {
                int end = line.indexOf(delimiter, i);
                if (end < 0) {
                    out.add(line.substring(i));
                    return out;
                }
                out.add(line.substring(i, end));
                i = end + 1;
            }
        }
    }
}
