package org.hydrodelta.core.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the per-basin output tables that {@link ResultsWriter} writes ({@code outputs/<basin>.csv}), the
 * metrics and the attribute sensitivities.
 */
public final class ResultsReader {
    private ResultsReader() {
    }

    /**
     * A basin's simulated and observed series.
     *
     * @param start  first date
     * @param series by column name (lower case, e.g. {@code qobs}, {@code q_routed}, {@code snowpack}), one value a
     *               day, NaN for empty cells
     */
    public record BasinSeries(LocalDate start, Map<String, float[]> series) {
        /** @return number of days */
        public int nDays() {
            return series.isEmpty() ? 0 : series.values().iterator().next().length;
        }
    }

    /**
     * @param csv an {@code outputs/<basin>.csv} file
     * @return its columns
     * @throws IOException if the file is missing or malformed (the message names file and line)
     */
    public static BasinSeries read(Path csv) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.startsWith("date,")) {
                throw new IOException(csv + ":1: not a HydroDelta output table (expected a 'date' column first)");
            }
            String[] names = header.split(",", -1);
            List<float[]> rows = new ArrayList<>();
            LocalDate start = null;
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String[] f = line.split(",", -1);
                if (f.length != names.length) {
                    throw new IOException(csv + ":" + lineNo + ": " + f.length + " fields, header has " + names.length);
                }
                try {
                    LocalDate d = LocalDate.parse(f[0]);
                    if (start == null) {
                        start = d;
                    } else if (!d.equals(start.plusDays(rows.size()))) {
                        throw new IOException(csv + ":" + lineNo + ": date " + d + " out of sequence");
                    }
                    float[] v = new float[names.length - 1];
                    for (int i = 1; i < names.length; i++) {
                        v[i - 1] = f[i].isEmpty() ? Float.NaN : Float.parseFloat(f[i]);
                    }
                    rows.add(v);
                } catch (DateTimeParseException | NumberFormatException e) {
                    throw new IOException(csv + ":" + lineNo + ": " + e.getMessage(), e);
                }
            }
            Map<String, float[]> series = new LinkedHashMap<>();
            for (int i = 1; i < names.length; i++) {
                float[] s = new float[rows.size()];
                for (int d = 0; d < s.length; d++) {
                    s[d] = rows.get(d)[i - 1];
                }
                series.put(names[i], s);
            }
            return new BasinSeries(start, series);
        }
    }

    /**
     * One basin's series from an evaluation folder: its {@code outputs/<basin>.csv} table when written, else the
     * same columns (lower-case inputs, {@code qobs}, then every output) from the compact {@code .npy} arrays.
     *
     * @param evalDir an evaluation folder (e.g. the test evaluation folder of a run)
     * @param basinId the basin
     * @return the series, or null when the folder has none for this basin
     * @throws IOException if a file is malformed
     */
    public static BasinSeries readBasin(Path evalDir, String basinId) throws IOException {
        Path outputs = evalDir.resolve("outputs");
        Path csv = outputs.resolve(basinId + ".csv");
        if (Files.isRegularFile(csv)) {
            return read(csv);
        }
        Path indexFile = outputs.resolve(ResultsWriter.OUTPUTS_INDEX);
        if (!Files.isRegularFile(indexFile)) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode index = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(indexFile.toFile());
        int row = -1;
        int k = 0;
        for (com.fasterxml.jackson.databind.JsonNode b : index.path("basins")) {
            if (b.asText().equals(basinId)) {
                row = k;
            }
            k++;
        }
        if (row < 0) {
            return null;
        }
        int nDays = index.path("nDays").asInt();
        Map<String, float[]> series = new LinkedHashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode n : index.path("inputs")) {
            String name = n.asText();
            series.put(name.toLowerCase(java.util.Locale.ROOT), npyRow(outputs.resolve(ResultsWriter.INPUT_PREFIX
                    + name + ".npy"), row, nDays));
        }
        java.util.Set<String> constant = new java.util.HashSet<>();
        index.path("constantInTime").forEach(n -> constant.add(n.asText()));
        for (com.fasterxml.jackson.databind.JsonNode n : index.path("outputs")) {
            Path f = outputs.resolve(n.asText() + ".npy");
            float[] v;
            if (constant.contains(n.asText())) {
                v = new float[nDays];
                java.util.Arrays.fill(v, npyRow(f, row, 1)[0]);
            } else {
                v = npyRow(f, row, nDays);
            }
            series.put(n.asText().toLowerCase(java.util.Locale.ROOT), v);
        }
        return new BasinSeries(LocalDate.parse(index.path("start").asText()), series);
    }

    /** Row {@code row} of a {@code [basin][day]} float32 .npy file, read without loading the others. */
    private static float[] npyRow(Path npy, int row, int nDays) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(npy)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(10).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            if (ch.read(head, 0) != 10 || head.get(0) != (byte) 0x93 || head.get(6) != 1) {
                throw new IOException(npy + ": not a version 1.0 .npy file");
            }
            int headerLen = Short.toUnsignedInt(head.getShort(8));
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(nDays * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            long pos = 10L + headerLen + (long) row * nDays * 4;
            while (buf.hasRemaining()) {
                if (ch.read(buf, pos + buf.position()) < 0) {
                    throw new IOException(npy + ": shorter than its index says");
                }
            }
            buf.flip();
            float[] out = new float[nDays];
            buf.asFloatBuffer().get(out);
            return out;
        }
    }

    /**
     * Reads {@code metrics.csv}.
     *
     * @param csv the file {@link ResultsWriter} wrote
     * @return per basin id, metric name → value (NaN for empty cells), in file order
     * @throws IOException if missing or malformed (file and line named)
     */
    public static Map<String, Map<String, Double>> readMetrics(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("basin_id,")) {
            throw new IOException(csv + ":1: not a metrics table (expected 'basin_id' first)");
        }
        String[] names = lines.get(0).split(",", -1);
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != names.length) {
                throw new IOException(csv + ":" + (i + 1) + ": " + f.length + " fields, header has " + names.length);
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int j = 1; j < f.length; j++) {
                try {
                    row.put(names[j], f[j].isEmpty() ? Double.NaN : Double.parseDouble(f[j]));
                } catch (NumberFormatException e) {
                    throw new IOException(csv + ":" + (i + 1) + ": column '" + names[j] + "': not a number: " + f[j], e);
                }
            }
            out.put(f[0], row);
        }
        return out;
    }

    /**
     * Reads {@value AttributeSensitivity#FILE_NAME} (long format, see {@link ResultsWriter}). Basins, parameters and
     * attributes keep the order of their first appearance; a combination missing from the file reads as NaN.
     *
     * @param csv the file {@link ResultsWriter#writeSensitivity} wrote
     * @return the table
     * @throws IOException if missing or malformed (file and line named)
     */
    public static AttributeSensitivity.Table readSensitivity(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals("basin_id,parameter,attribute,value")) {
            throw new IOException(csv + ":1: not an attribute sensitivity table (expected the header "
                    + "'basin_id,parameter,attribute,value')");
        }
        Map<String, Integer> basins = new LinkedHashMap<>();
        Map<String, Integer> params = new LinkedHashMap<>();
        Map<String, Integer> attrs = new LinkedHashMap<>();
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNos = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String[] f = lines.get(i).split(",", -1);
            if (f.length != 4) {
                throw new IOException(csv + ":" + (i + 1) + ": " + f.length + " fields, expected 4");
            }
            basins.putIfAbsent(f[0], basins.size());
            params.putIfAbsent(f[1], params.size());
            attrs.putIfAbsent(f[2], attrs.size());
            rows.add(f);
            lineNos.add(i + 1);
        }
        float[][][] v = new float[basins.size()][params.size()][attrs.size()];
        for (float[][] b : v) {
            for (float[] p : b) {
                java.util.Arrays.fill(p, Float.NaN);
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i);
            try {
                v[basins.get(f[0])][params.get(f[1])][attrs.get(f[2])] = f[3].isEmpty() ? Float.NaN
                        : Float.parseFloat(f[3]);
            } catch (NumberFormatException e) {
                throw new IOException(csv + ":" + lineNos.get(i) + ": not a number: " + f[3], e);
            }
        }
        return new AttributeSensitivity.Table(new ArrayList<>(basins.keySet()), new ArrayList<>(params.keySet()),
                new ArrayList<>(attrs.keySet()), v);
    }
}
