package org.hydrodelta.core.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hydrodelta.core.io.NpyWriter;

/**
 * Merges evaluation folders of disjoint basin sets over the same period (the held-out basins of the folds of a
 * spatial holdout) into one folder that reads exactly like a run's evaluation ({@link RunResults}): {@code
 * metrics.csv} with an extra last column {@code fold}, {@code metrics_summary.csv} recomputed over every basin,
 * {@code outputs_mean.csv}, {@code outputs/*.npy} with {@code index.json} (basins in part order), the per-basin CSV
 * tables where the parts have them, the attribute sensitivities and out-of-range flags where the parts have them,
 * and {@code evaluation.json}. The folder is written beside the target and moved into place, so a reader never sees
 * half of it. A basin in two parts, parts of different periods or outputs are refused, naming the folders.
 */
public final class ResultsMerger {
    /** The extra column of a merged {@code metrics.csv}: the part (fold) each basin comes from. */
    public static final String FOLD_COLUMN = "fold";

    private ResultsMerger() {
    }

    /**
     * One evaluation folder to merge.
     *
     * @param fold the value of its rows in the {@value #FOLD_COLUMN} column
     * @param dir  the evaluation folder (e.g. {@code <run>/eval/heldout})
     */
    public record Part(int fold, Path dir) {
    }

    /**
     * @param parts the folders, in order
     * @param out   the merged folder (replaced when it exists)
     * @param info  fields of the merged {@code evaluation.json} (the first part's period, scored days, run-up and
     *              dataset are added when absent)
     * @return per basin, its metrics and fold, in merged order
     * @throws IOException if a part is missing or malformed, or the parts do not fit together
     */
    public static Map<String, Map<String, Double>> merge(List<Part> parts, Path out, Map<String, String> info)
            throws IOException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".merging");
        deleteTree(tmp);
        Files.createDirectories(tmp.resolve(RunResults.OUTPUTS));
        // metrics with the fold column; every basin once
        Map<String, Map<String, Double>> merged = new LinkedHashMap<>();
        Map<String, Path> from = new LinkedHashMap<>();
        String header = null;
        List<String> rows = new ArrayList<>();
        for (Part p : parts) {
            Path csv = p.dir().resolve(RunResults.METRICS);
            if (!Files.isRegularFile(csv)) {
                throw new IOException(csv + ": missing (the part was not evaluated)");
            }
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (header == null) {
                header = lines.get(0);
            } else if (!header.equals(lines.get(0))) {
                throw new IOException(csv + ":1: columns differ from " + from.values().iterator().next());
            }
            Map<String, Map<String, Double>> m = ResultsReader.readMetrics(csv);
            for (Map.Entry<String, Map<String, Double>> e : m.entrySet()) {
                if (from.containsKey(e.getKey())) {
                    throw new IOException("basin " + e.getKey() + " is in " + from.get(e.getKey()) + " and in "
                            + csv + ": the parts to merge must hold different basins");
                }
                from.put(e.getKey(), csv);
                Map<String, Double> row = new LinkedHashMap<>(e.getValue());
                row.put(FOLD_COLUMN, (double) p.fold());
                merged.put(e.getKey(), row);
            }
            for (String l : lines.subList(1, lines.size())) {
                if (!l.isBlank()) {
                    rows.add(l + "," + p.fold());
                }
            }
        }
        writeLines(tmp.resolve(RunResults.METRICS), header + "," + FOLD_COLUMN, rows);
        ResultsWriter.writeSummary(tmp, new ArrayList<>(merged.values()));
        concatTable(parts, ResultsWriter.OUTPUTS_MEAN, tmp, true);
        concatTable(parts, AttributeSensitivity.FILE_NAME, tmp, false);
        concatTable(parts, AttributeRangeCheck.FILE_NAME, tmp, false);
        mergeOutputs(parts, tmp.resolve(RunResults.OUTPUTS));
        // evaluation.json: the caller's fields, then what the parts share
        Map<String, String> all = new LinkedHashMap<>(info);
        Map<String, String> first = RunResults.of(parts.get(0).dir().getParent().getParent(),
                parts.get(0).dir().getFileName().toString()).info();
        for (String k : List.of("period", "scored", "runUp", "dataset")) {
            if (!all.containsKey(k) && first.containsKey(k)) {
                all.put(k, first.get(k));
            }
        }
        all.put("basins", Integer.toString(merged.size()));
        ResultsWriter.writeInfo(tmp, all);
        deleteTree(out);
        Files.createDirectories(out.getParent());
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        return merged;
    }

    /** Concatenates a table of every part (same header); absent from some part: written only when required. */
    private static void concatTable(List<Part> parts, String name, Path out, boolean required) throws IOException {
        String header = null;
        List<String> rows = new ArrayList<>();
        int present = 0;
        for (Part p : parts) {
            Path f = p.dir().resolve(name);
            if (!Files.isRegularFile(f)) {
                if (required) {
                    throw new IOException(f + ": missing");
                }
                continue;
            }
            present++;
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                continue;
            }
            if (header == null) {
                header = lines.get(0);
            } else if (!header.equals(lines.get(0))) {
                throw new IOException(f + ":1: columns differ from the first part's " + name);
            }
            lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).forEach(rows::add);
        }
        // a table some parts lack (sensitivity skipped for one fold) would look complete but is not: leave it out
        if (header != null && present == parts.size()) {
            writeLines(out.resolve(name), header, rows);
        }
    }

    private static void mergeOutputs(List<Part> parts, Path out) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> indexes = new ArrayList<>();
        for (Part p : parts) {
            Path f = p.dir().resolve(RunResults.OUTPUTS).resolve(ResultsWriter.OUTPUTS_INDEX);
            if (!Files.isRegularFile(f)) {
                throw new IOException(f + ": missing (the part has no compact outputs)");
            }
            indexes.add(json.readTree(f.toFile()));
        }
        com.fasterxml.jackson.databind.JsonNode first = indexes.get(0);
        String start = first.path("start").asText();
        int nDays = first.path("nDays").asInt();
        List<String> outputs = texts(first.path("outputs"));
        List<String> inputs = texts(first.path("inputs"));
        Set<String> constant = new LinkedHashSet<>(texts(first.path("constantInTime")));
        List<String> basins = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            com.fasterxml.jackson.databind.JsonNode ix = indexes.get(i);
            Path where = parts.get(i).dir().resolve(RunResults.OUTPUTS).resolve(ResultsWriter.OUTPUTS_INDEX);
            if (!ix.path("start").asText().equals(start) || ix.path("nDays").asInt() != nDays) {
                throw new IOException(where + ": period " + ix.path("start").asText() + " + " + ix.path("nDays")
                        + " days differs from the first part's " + start + " + " + nDays);
            }
            if (!texts(ix.path("outputs")).equals(outputs) || !texts(ix.path("inputs")).equals(inputs)) {
                throw new IOException(where + ": outputs or inputs differ from the first part's");
            }
            // constant in every part stays one value per basin; otherwise written day by day
            constant.retainAll(texts(ix.path("constantInTime")));
            basins.addAll(texts(ix.path("basins")));
        }
        List<String> arrays = new ArrayList<>(outputs);
        inputs.forEach(n -> arrays.add(ResultsWriter.INPUT_PREFIX + n));
        for (String name : arrays) {
            int cols = constant.contains(name) ? 1 : nDays;
            float[] all = new float[basins.size() * cols];
            int row = 0;
            for (int i = 0; i < parts.size(); i++) {
                int n = indexes.get(i).path("basins").size();
                Path f = parts.get(i).dir().resolve(RunResults.OUTPUTS).resolve(name + ".npy");
                float[] a = readNpy(f);
                if (a.length != n * nDays && a.length != n) {
                    throw new IOException(f + ": " + a.length + " values, expected " + n + " basins × " + nDays
                            + " days or × 1");
                }
                int have = a.length / Math.max(1, n);
                for (int k = 0; k < n; k++, row++) {
                    for (int d = 0; d < cols; d++) {
                        all[row * cols + d] = a[k * have + (have == 1 ? 0 : d)];
                    }
                }
            }
            NpyWriter.write(out.resolve(name + ".npy"), all, basins.size(), cols);
        }
        for (Part p : parts) {
            try (java.util.stream.Stream<Path> s = Files.list(p.dir().resolve(RunResults.OUTPUTS))) {
                for (Path f : s.filter(x -> x.getFileName().toString().endsWith(".csv")).toList()) {
                    Files.copy(f, out.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode index = json.createObjectNode();
        index.put("start", start);
        index.put("nDays", nDays);
        basins.forEach(index.putArray("basins")::add);
        outputs.forEach(index.putArray("outputs")::add);
        constant.forEach(index.putArray("constantInTime")::add);
        inputs.forEach(index.putArray("inputs")::add);
        json.writerWithDefaultPrettyPrinter().writeValue(out.resolve(ResultsWriter.OUTPUTS_INDEX).toFile(), index);
    }

    /** Reads a little-endian float32 version 1.0 .npy file whole. */
    static float[] readNpy(Path npy) throws IOException {
        byte[] bytes = Files.readAllBytes(npy);
        if (bytes.length < 10 || bytes[0] != (byte) 0x93 || bytes[6] != 1) {
            throw new IOException(npy + ": not a version 1.0 .npy file");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = Short.toUnsignedInt(b.getShort(8));
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        if (!header.contains("'<f4'")) {
            throw new IOException(npy + ": not float32 little-endian (" + header.trim() + ")");
        }
        int n = (bytes.length - 10 - headerLen) / 4;
        float[] out = new float[n];
        b.position(10 + headerLen);
        b.asFloatBuffer().get(out);
        return out;
    }

    private static List<String> texts(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void writeLines(Path file, String header, List<String> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(header + "\n");
            for (String r : rows) {
                w.write(r + "\n");
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
