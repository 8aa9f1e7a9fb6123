package org.hydrodelta.core.data.camels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hydrodelta.core.data.DailyDates;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.SourceFile;
import org.hydrodelta.core.data.csv.DailyTable;
import org.hydrodelta.core.data.text.ByteScanner;

/**
 * Reads a CAMELS benchmark model output file ({@code benchmark_model_output/flow_timeseries/<product>/<huc>/
 * <id>_<seed>_model_output.txt}, SAC-SMA + Snow-17): header {@code YR MNTH DY HR SWE PRCP RAIM TAIR PET ET MOD_RUN
 * OBS_RUN}, then one line per day, all in mm or mm/d and °C. A reference for simulated snowpack, ET and flow.
 * Columns are returned by their upper-case header name.
 */
public final class CamelsModelOutputReader {

    /**
     * @param file the model output file
     * @return its columns on consecutive dates
     * @throws DataFormatException on any malformed content
     */
    public DailyTable read(Path file) {
        byte[] buf = SourceFile.readBytes(file);
        long checksum = SourceFile.checksum(buf);
        ByteScanner s = new ByteScanner(buf, 0, buf.length);
        String headerText = s.restOfLine();
        List<String> names = new ArrayList<>();
        while (s.nextToken()) {
            names.add(s.token().toUpperCase(Locale.ROOT));
        }
        if (names.size() < 5 || !names.get(0).equals("YR")) {
            throw new DataFormatException(file, 1, null, "missing header: the first line must start with 'YR MNTH DY"
                    + " HR', found '" + (headerText.length() > 40 ? headerText.substring(0, 40) + "..." : headerText) + "'");
        }
        s.nextLine();
        int width = names.size();
        int capacity = Math.max(1, CamelsForcingReader.countLines(buf, s.position()));
        float[][] cols = new float[width][capacity];
        DailyDates dates = new DailyDates();
        int n = 0;
        while (!s.atEnd()) {
            if (s.lineIsBlank()) {
                s.nextLine();
                continue;
            }
            long line = s.line();
            for (int k = 0; k < width; k++) {
                int r = s.nextNumber();
                if (r != ByteScanner.OK) {
                    throw CamelsForcingReader.fieldError(file, line, names, k, width, r, s);
                }
                cols[k][n] = (float) s.value();
            }
            if (s.nextToken()) {
                throw new DataFormatException(file, line, "field " + (width + 1), "extra fields: expected " + width
                        + " fields, found more starting with '" + s.token() + "'");
            }
            String bad = dates.accept((int) cols[0][n], (int) cols[1][n], (int) cols[2][n]);
            if (bad != null) {
                throw new DataFormatException(file, line, null, bad);
            }
            n++;
            s.nextLine();
        }
        if (n == 0) {
            throw new DataFormatException(file, 2, null, "no data lines after the header");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int k = 4; k < width; k++) {
            out.put(names.get(k), n == capacity ? cols[k] : java.util.Arrays.copyOf(cols[k], n));
        }
        return new DailyTable(file, dates.first(), n, out, 0, checksum, buf.length);
    }

    /**
     * Finds the benchmark model-output files of a CAMELS {@code benchmark_model_output} folder in one walk.
     *
     * @param bench the folder (may be absent)
     * @return basin id → its first {@code <basin>_NN_model_output.txt} in name order; empty when the folder is absent
     * @throws java.io.IOException if the folder cannot be listed
     */
    public static java.util.Map<String, Path> index(Path bench) throws java.io.IOException {
        java.util.Map<String, Path> out = new java.util.HashMap<>();
        if (!java.nio.file.Files.isDirectory(bench)) {
            return out;
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(bench)) {
            files.filter(x -> x.getFileName().toString().endsWith("_model_output.txt")).sorted().forEach(x -> {
                String name = x.getFileName().toString();
                int cut = name.indexOf('_');
                if (cut > 0) {
                    out.putIfAbsent(name.substring(0, cut), x);
                }
            });
        }
        return out;
    }
}
