package org.hydrodelta.core.data.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.data.camels.CamelsDatasetLoader;
import org.hydrodelta.core.data.camels.CamelsForcingReader;
import org.hydrodelta.core.data.camels.CamelsStreamflowReader;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * Measures CAMELS parsing throughput (MB/s) on a generated set: the committed sample forcing and streamflow files
 * replicated to N basins × Y years (default 671 × 35, from 1980-01-01) in a temporary folder, lines cycled from the
 * real files with rewritten dates. Reports (1) parse throughput of read + parse over all files on T threads with a
 * fixed file partition, after a JIT warm-up, best and median of R repeats, and (2) a full dataset load
 * (CamelsDatasetLoader: parse, PET, alignment) with its time and the peak heap growth against the float payload.
 *
 * <p>Usage: {@code ParseBenchmark [--basins N] [--years Y] [--threads T] [--repeat R] [--dir PATH] [--keep]}.
 * Run with the repository root as working directory or {@code -Dhydrodelta.repo.root=...}.
 */
public final class ParseBenchmark {
    private ParseBenchmark() {
    }

    /** Benchmark settings. */
    public static final class Options {
        /** Basins to generate. */
        public int basins = 671;
        /** Years per basin. */
        public int years = 35;
        /** Parsing threads. */
        public int threads = 2;
        /** Measured repeats. */
        public int repeat = 3;
        /** Where to generate (null: a temporary folder). */
        public Path dir;
        /** Keep the generated files. */
        public boolean keep;
        /** Repository root holding the sample files. */
        public Path repoRoot;
    }

    /**
     * Command-line entry.
     *
     * @param args see the class comment
     * @throws Exception on I/O failure
     */
    public static void main(String[] args) throws Exception {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--basins": o.basins = Integer.parseInt(args[++i]); break;
                case "--years": o.years = Integer.parseInt(args[++i]); break;
                case "--threads": o.threads = Integer.parseInt(args[++i]); break;
                case "--repeat": o.repeat = Integer.parseInt(args[++i]); break;
                case "--dir": o.dir = Path.of(args[++i]); break;
                case "--keep": o.keep = true; break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PrintWriter out = new PrintWriter(System.out, true);
        run(o, out);
        out.flush();
    }

    /**
     * Runs the benchmark and prints the results.
     *
     * @param o   settings
     * @param out where to print
     * @throws IOException on I/O failure
     */
    public static void run(Options o, PrintWriter out) throws IOException {
        Path repo = o.repoRoot != null ? o.repoRoot : findRepoRoot();
        Path dir = o.dir != null ? Files.createDirectories(o.dir) : Files.createTempDirectory("hydrodelta-parse-bench");
        try {
            long t0 = System.nanoTime();
            List<Path> files;
            if (o.dir != null && Files.isDirectory(dir.resolve("camels-us"))) {
                try (Stream<Path> st = Files.walk(dir.resolve("camels-us"))) {
                    files = st.filter(Files::isRegularFile).sorted().toList(); // reuse a kept set (--dir ... --keep)
                }
            } else {
                files = generate(repo, dir.resolve("camels-us"), o.basins, o.years);
            }
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            out.printf(Locale.ROOT, "generated %d files (%d basins x %d years), %.1f MB in %.1f s under %s%n",
                    files.size(), o.basins, o.years, bytes / 1e6, (System.nanoTime() - t0) / 1e9, dir);
            out.printf(Locale.ROOT, "machine: %d available processors, %s, max heap %.0f MB; threads used: %d%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                            + System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / 1e6, o.threads);

            // JIT warm-up on a slice of the files
            List<Path> warm = files.subList(0, Math.min(files.size(), 120));
            for (int i = 0; i < 3; i++) {
                parseAll(warm, o.threads);
            }
            double[] mbps = new double[o.repeat];
            for (int r = 0; r < o.repeat; r++) {
                long s = System.nanoTime();
                long b = parseAll(files, o.threads);
                double sec = (System.nanoTime() - s) / 1e9;
                mbps[r] = b / 1e6 / sec;
                out.printf(Locale.ROOT, "parse run %d: %.1f MB in %.2f s = %.1f MB/s%n", r + 1, b / 1e6, sec, mbps[r]);
            }
            double[] sorted = mbps.clone();
            java.util.Arrays.sort(sorted);
            out.printf(Locale.ROOT, "PARSE THROUGHPUT (read + parse, %d threads): best %.1f MB/s, median %.1f MB/s%n",
                    o.threads, sorted[sorted.length - 1], sorted[sorted.length / 2]);

            System.gc();
            long base = usedHeap();
            resetPeaks();
            long s = System.nanoTime();
            LoadResult res = new CamelsDatasetLoader().load(dir, new LoadOptions(null, null, null, null, null, o.threads),
                    ProgressListener.NONE, CancellationToken.NONE);
            double sec = (System.nanoTime() - s) / 1e9;
            long peak = peakHeap() - base;
            BasinDataset ds = res.dataset();
            System.gc();
            long retained = usedHeap() - base;
            long payload = 0;
            for (Variable v : ds.variables()) {
                payload += 4L * ds.values(v).length;
            }
            out.printf(Locale.ROOT, "FULL LOAD (parse + PET + alignment, %d threads): %d basins x %d days in %.2f s ="
                    + " %.1f MB/s of text%n", o.threads, ds.nBasins(), ds.nDays(), sec, bytes / 1e6 / sec);
            out.printf(Locale.ROOT, "MEMORY: float payload %.1f MB (%d variables), peak heap growth during load %.1f MB"
                    + " = %.2f x payload (sum of per-pool peaks incl. garbage: an upper bound)%n", payload / 1e6, ds.variables().size(),
                    peak / 1e6, peak / (double) payload);
            out.printf(Locale.ROOT, "MEMORY: retained after load %.1f MB = %.2f x payload; for the live peak rerun with"
                    + " -Xmx set to 2 x payload (%.0f MB)%n", retained / 1e6, retained / (double) payload, 2 * payload / 1e6);
            if (res.hasErrors()) {
                out.println("load reported errors: " + res.issues().get(0).format());
            }
        } finally {
            if (!o.keep) {
                deleteTree(dir);
            }
        }
    }

    private static long parseAll(List<Path> files, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                final int part = k;
                parts.add(pool.submit(() -> {
                    CamelsForcingReader fr = new CamelsForcingReader();
                    CamelsStreamflowReader qr = new CamelsStreamflowReader();
                    long b = 0;
                    for (int i = part; i < files.size(); i += threads) {
                        Path f = files.get(i);
                        byte[] buf = Files.readAllBytes(f);
                        if (f.getFileName().toString().contains("_forcing")) {
                            fr.parse(f, buf);
                        } else {
                            qr.parse(f, buf);
                        }
                        b += buf.length;
                    }
                    return b;
                }));
            }
            long total = 0;
            for (Future<Long> p : parts) {
                total += p.get();
            }
            return total;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Writes the replicated set: forcing files (the sample products' own header styles) and streamflow files.
     *
     * @param repo   repository root
     * @param root   CAMELS root to create
     * @param basins number of basins
     * @param years  years per basin
     * @return the files written
     * @throws IOException on I/O failure
     */
    public static List<Path> generate(Path repo, Path root, int basins, int years) throws IOException {
        List<Path> forcing = new ArrayList<>();
        List<Path> flows = new ArrayList<>();
        for (String d : List.of("sample-projects/camels-regions/data/camels-us", "sample-projects/piscataquis-01031500/data/camels-us")) {
            try (Stream<Path> s = Files.walk(repo.resolve(d))) {
                s.filter(p -> p.getFileName().toString().endsWith("_forcing_leap.txt")).sorted().forEach(forcing::add);
            }
        }
        for (Path f : forcing) {
            String id = f.getFileName().toString().substring(0, 8);
            try (Stream<Path> s = Files.walk(f.getParent().getParent().getParent().getParent().resolve("usgs_streamflow"))) {
                flows.add(s.filter(p -> p.getFileName().toString().equals(id + "_streamflow_qc.txt")).findFirst()
                        .orElseThrow());
            }
        }
        LocalDate start = LocalDate.of(1980, 1, 1);
        int days = (int) (start.plusYears(years).toEpochDay() - start.toEpochDay());
        List<Path> out = new ArrayList<>();
        for (int b = 0; b < basins; b++) {
            int src = b % forcing.size();
            String id = String.format(Locale.ROOT, "9%07d", b + 1);
            String huc = String.format(Locale.ROOT, "%02d", b % 18 + 1);
            // one product folder so a single load covers every basin; each file keeps its source's header style
            String product = "nldas";
            List<String> lines = Files.readAllLines(forcing.get(src));
            Path ff = Files.createDirectories(root.resolve("basin_mean_forcing").resolve(product).resolve(huc))
                    .resolve(id + "_lump_nldas_forcing_leap.txt");
            try (BufferedWriter w = Files.newBufferedWriter(ff, StandardCharsets.US_ASCII)) {
                for (int i = 0; i < 4; i++) {
                    w.write(lines.get(i));
                    w.write('\n');
                }
                int n = lines.size() - 4;
                LocalDate d = start;
                for (int i = 0; i < days; i++, d = d.plusDays(1)) {
                    String line = lines.get(4 + i % n);
                    w.write(String.format(Locale.ROOT, "%04d %02d %02d 12", d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
                    w.write(line, afterFourthField(line), line.length() - afterFourthField(line));
                    w.write('\n');
                }
            }
            out.add(ff);
            List<String> q = Files.readAllLines(flows.get(src));
            Path qf = Files.createDirectories(root.resolve("usgs_streamflow").resolve(huc)).resolve(id + "_streamflow_qc.txt");
            try (BufferedWriter w = Files.newBufferedWriter(qf, StandardCharsets.US_ASCII)) {
                LocalDate d = start;
                for (int i = 0; i < days; i++, d = d.plusDays(1)) {
                    String line = q.get(i % q.size());
                    int cut = afterFourthField(line);
                    w.write(String.format(Locale.ROOT, "%s %04d %02d %02d", id, d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
                    w.write(line, cut, line.length() - cut);
                    w.write('\n');
                }
            }
            out.add(qf);
        }
        return out;
    }

    private static int afterFourthField(String line) {
        int i = 0;
        int n = line.length();
        for (int f = 0; f < 4; f++) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    private static long usedHeap() {
        long u = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                u += p.getUsage().getUsed();
            }
        }
        return u;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long u = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                u += p.getPeakUsage().getUsed();
            }
        }
        return u;
    }

    private static Path findRepoRoot() {
        String p = System.getProperty("hydrodelta.repo.root");
        if (p != null) {
            return Path.of(p);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("sample-projects/camels-regions"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the repository (sample-projects/); run from the repository root"
                + " or set -Dhydrodelta.repo.root");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
