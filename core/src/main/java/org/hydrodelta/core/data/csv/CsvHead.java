package org.hydrodelta.core.data.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DelimitedLine;

/**
 * The header and the first rows of a delimiter-separated file, split into fields exactly as {@link DailyCsvReader}
 * splits them, for previews and for guessing a {@link CsvMapping}. Only the first lines are read.
 *
 * @param file      the file
 * @param delimiter the field separator used to split (given or sniffed)
 * @param header    the header fields, trimmed, without a byte-order mark
 * @param rows      up to the requested number of non-blank data lines
 */
public record CsvHead(Path file, char delimiter, List<String> header, List<Row> rows) {
    /** The delimiters {@link #read} can sniff, in order of preference on a tie. */
    public static final List<Character> DELIMITERS = List.of(',', ';', '\t');

    /**
     * One data line.
     *
     * @param line   1-based line number in the file (the header is line 1)
     * @param fields the fields, untrimmed
     */
    public record Row(long line, List<String> fields) {
        /** Copies. */
        public Row {
            fields = List.copyOf(fields);
        }
    }

    /** Copies. */
    public CsvHead {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /**
     * Reads the header and the first data lines.
     *
     * @param file      the file
     * @param delimiter the separator, or null to sniff it from the header (the most frequent of {@link #DELIMITERS})
     * @param maxRows   how many non-blank data lines to keep at most
     * @return the head
     * @throws DataFormatException  when the file is empty (line 1)
     * @throws UncheckedIOException when the file cannot be read
     */
    public static CsvHead read(Path file, Character delimiter, int maxRows) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || first.isBlank()) {
                throw new DataFormatException(file, 1, null, "missing header: the file is empty or starts with a blank"
                        + " line");
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            char d = delimiter != null ? delimiter : sniff(first);
            List<String> header = new ArrayList<>();
            for (String h : DelimitedLine.split(first, d)) {
                header.add(h.trim());
            }
            List<Row> rows = new ArrayList<>();
            long lineNo = 1;
            String line;
            while (rows.size() < maxRows && (line = in.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    rows.add(new Row(lineNo, DelimitedLine.split(line, d)));
                }
            }
            return new CsvHead(file, d, header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + org.hydrodelta.core.io.IoErrors.reason(e), e);
        }
    }

    /**
     * Guesses the separator of a header line: the one of {@link #DELIMITERS} that occurs most often (',' when none).
     *
     * @param headerLine the first line of a file
     * @return the separator
     */
    public static char sniff(String headerLine) {
        char best = ',';
        long bestCount = 0;
        for (char c : DELIMITERS) {
            long n = headerLine.chars().filter(ch -> ch == c).count();
            if (n > bestCount) {
                best = c;
                bestCount = n;
            }
        }
        return best;
    }

    /**
     * @return whether the first header field looks like data (a digit), i.e. the file probably has no header row
     */
    public boolean headerLooksLikeData() {
        return !header.isEmpty() && !header.get(0).isEmpty() && Character.isDigit(header.get(0).charAt(0));
    }
}
