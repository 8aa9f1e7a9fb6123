package org.hydrodelta.core.nn.gemm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Which engine computes each class of matrix product: native OpenBLAS or the Java Vector API kernel. Which is faster
 * depends on the processor, not on the code: on a 2-core AMD EPYC of family 25 (Zen 4, whose AVX-512 units are
 * 256 bits wide) OpenBLAS 0.3.19 and the Vector API kernel were within a few per cent of each other on the square
 * product, and OpenBLAS was chosen for the recurrent steps, the weight gradients and the deep input gradients; on one
 * of family 26 (Zen 5, 512-bit units), measured 2026-12-05, the Vector API kernel ran the recurrent step at 134-151
 * GFLOP/s against OpenBLAS's 76-80, the input gradient at 115-122 against 82-86 and the weight gradient at 92-103
 * against 84: the LSTM's forward and backward pass took 2.3-2.5 s instead of 3.3-3.5 s.
 *
 * <p>So the choice is measured, once per machine: {@code hydrodelta.gemm} (or {@code HYDRODELTA_GEMM}) {@code auto},
 * the default, times both engines on a small instance of each class the first time a product needs it and keeps the
 * faster, by a margin of {@value #MARGIN} (ties stay native), in {@code gemm-engines.properties} of the user's cache
 * folder, keyed by processor, JVM and OpenBLAS version, so every later run on the machine takes the same engines and
 * stays bit-reproducible for a fixed thread count. {@code native} takes OpenBLAS for all three classes,
 * {@code vector} the Vector API kernel for everything (OpenBLAS is then not even loaded). The choice is part of
 * {@link NativeSgemm#status()}.
 */
public final class GemmEngine {
    /** How much faster the Vector API kernel must be for a class to leave OpenBLAS. */
    static final double MARGIN = 1.1;
    /** File of the measured choices in the user's cache folder. */
    static final String FILE = "gemm-engines.properties";

    /**
     * Engines of the three classes of product that can go native (the others always run on the Vector API kernel).
     *
     * @param recurrent     products with a pre-packed B: the LSTM's recurrent steps, native when true
     * @param weightGradient products with A transposed: the weight gradients, native when true
     * @param deep          products with an inner dimension over 512: the input gradients of the gates, native when
     *                      true
     * @param how           how the choice was made, for the status line
     */
    public record Choice(boolean recurrent, boolean weightGradient, boolean deep, String how) {
        /** OpenBLAS for all three classes. */
        static Choice allNative(String how) {
            return new Choice(true, true, true, how);
        }

        /** The Vector API kernel for everything. */
        static Choice allVector(String how) {
            return new Choice(false, false, false, how);
        }

        /** @return {@link #engines()} and how they were chosen */
        public String describe() {
            return engines() + " (" + how + ")";
        }

        /** @return which engine takes which class of product, e.g. for a run's record */
        public String engines() {
            StringBuilder nat = new StringBuilder();
            StringBuilder vec = new StringBuilder();
            append(recurrent ? nat : vec, "recurrent steps");
            append(weightGradient ? nat : vec, "weight gradients");
            append(deep ? nat : vec, "deep input gradients");
            return "native OpenBLAS for " + (nat.length() == 0 ? "none" : nat) + "; Java Vector API kernel for "
                    + (vec.length() == 0 ? "the rest" : vec + " and the rest");
        }

        private static void append(StringBuilder b, String s) {
            b.append(b.length() == 0 ? "" : ", ").append(s);
        }
    }

    private GemmEngine() {
    }

    private static final class Holder {
        static final Choice CHOICE = choose();
    }

    private static volatile boolean decided;

    /**
     * @return whether {@link #choice()} will time the engines (about 8 s): not yet decided in this process, the mode
     *         {@code auto}, and no record for this machine in the user's cache
     */
    public static boolean willMeasure() {
        return !decided && NativeSgemm.available() && NativeSgemm.mode().equals("auto")
                && stored(cacheFolder().resolve(FILE), machineKey()) == null;
    }

    /** @return the choice recorded for the machine in the file, or null when there is none (or it is damaged) */
    private static Choice stored(Path file, String key) {
        String value = read(file).getProperty(key);
        return value == null ? null : parse(value, "measured on this machine earlier, " + file);
    }

    /** @return the engines of this process, measured on first use where the mode is {@code auto} */
    public static Choice choice() {
        return Holder.CHOICE;
    }

    private static Choice choose() {
        Choice c = chooseOnce();
        decided = true;
        return c;
    }

    private static Choice chooseOnce() {
        if (!NativeSgemm.available()) {
            return Choice.allVector("native OpenBLAS not in use");
        }
        String mode = NativeSgemm.mode();
        if (!mode.equals("auto")) {
            return Choice.allNative("hydrodelta.gemm=" + mode);
        }
        Path file = cacheFolder().resolve(FILE);
        String key = machineKey();
        Choice earlier = stored(file, key);
        if (earlier != null) {
            return earlier;
        }
        Properties stored = read(file);
        double[] rates = measure();
        Choice c = decide(rates, "measured now");
        stored.setProperty(key, format(c, rates));
        try {
            write(file, stored);
            System.err.println("matrix products: " + c.describe().replace("measured now", "measured on this"
                    + " machine, kept in " + file) + "; HYDRODELTA_GEMM=native or vector overrides");
        } catch (IOException e) {
            System.err.println("matrix products: " + c.describe() + "; the choice could not be kept in " + file
                    + " (" + e.getMessage() + ") and will be measured again next time");
        }
        return c;
    }

    /**
     * The choice from measured rates: the Vector API kernel for a class where it is at least {@link #MARGIN} times
     * as fast as OpenBLAS.
     *
     * @param rates GFLOP/s of {recurrent native, recurrent vector, weight gradient native, weight gradient vector,
     *              deep native, deep vector}
     * @param how   how the rates were obtained
     * @return the choice
     */
    static Choice decide(double[] rates, String how) {
        return new Choice(!(rates[1] >= MARGIN * rates[0]), !(rates[3] >= MARGIN * rates[2]),
                !(rates[5] >= MARGIN * rates[4]), how);
    }

    static String format(Choice c, double[] rates) {
        return String.format(Locale.ROOT, "%s,%s,%s; GFLOP/s native/vector: recurrent %.1f/%.1f, weight gradient"
                        + " %.1f/%.1f, deep %.1f/%.1f", eng(c.recurrent()), eng(c.weightGradient()), eng(c.deep()),
                rates[0], rates[1], rates[2], rates[3], rates[4], rates[5]);
    }

    private static String eng(boolean nat) {
        return nat ? "native" : "vector";
    }

    /** @return the stored choice, or null when the text is not one ({@link #format}) */
    static Choice parse(String value, String how) {
        String[] e = value.split(";", 2)[0].trim().split(",");
        if (e.length != 3) {
            return null;
        }
        boolean[] nat = new boolean[3];
        for (int i = 0; i < 3; i++) {
            String s = e[i].trim();
            if (!s.equals("native") && !s.equals("vector")) {
                return null;
            }
            nat[i] = s.equals("native");
        }
        return new Choice(nat[0], nat[1], nat[2], how);
    }

    /** Processor, JVM and OpenBLAS: what decides which engine is faster. */
    static String machineKey() {
        String cpu = System.getProperty("os.arch");
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") || line.startsWith("cpu family") || line.startsWith("model\t")) {
                    cpu += "|" + line.substring(line.indexOf(':') + 1).trim();
                }
                if (line.isBlank()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture and the JVM are all there is to go by
        }
        String k = cpu + "|java " + System.getProperty("java.vm.version") + "|" + NativeSgemm.status();
        return k.replaceAll("[^A-Za-z0-9._|-]", "_");
    }

    static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("hydrodelta");
    }

    static Properties read(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // an unreadable record is measured again and rewritten
                p.clear();
            }
        }
        return p;
    }

    /** Writes whole or not at all (temporary file, then a rename), so a second process never reads half of it. */
    static void write(Path file, Properties p) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "HydroDelta: matrix-product engines measured per machine (GemmEngine); delete to"
                        + " measure again");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Times both engines, one thread, on a small instance of each class (about eight seconds in all). */
    static double[] measure() {
        try (WorkerPool pool = new WorkerPool(1)) {
            Gemm vector = new Gemm(pool, false);
            int h = 256;
            int g4 = 4 * h;
            int batch = 100;
            int rows = 7300;
            float[] w = filled(g4 * h);
            float[] hb = filled(batch * h);
            float[] gb = new float[batch * g4];
            float[] x = filled(rows * h);
            float[] gates = filled(rows * g4);
            float[] dw = new float[g4 * h];
            float[] dx = new float[rows * h];
            double[] r = new double[6];
            // two rounds, keeping each figure's better one: the first round also gives the optimising compiler the
            // Vector API kernel (interpreted, a product takes a thousand times as long), and a moment of load from
            // another process must not decide the machine's engines for good
            for (int round = 0; round < 2; round++) {
            // the recurrent step as the LSTM computes it, h·Wᵀ with the weights packed once for the sequence
            PackedMatrix packed = new PackedMatrix().pack(true, w, 0, h, h, g4, false);
                r[0] = Math.max(r[0], nativeRate(batch, g4, h, false, true));
                r[1] = Math.max(r[1], rate(2.0 * batch * g4 * h, () -> vector.multiply(false, batch, hb, 0, h,
                        packed, gb, 0, g4, false)));
                r[2] = Math.max(r[2], nativeRate(g4, h, rows, true, false));
                r[3] = Math.max(r[3], rate(2.0 * g4 * h * rows, () -> vector.multiply(true, false, g4, h, rows,
                        gates, 0, g4, x, 0, h, dw, 0, h, false)));
                r[4] = Math.max(r[4], nativeRate(rows, h, g4, false, false));
                r[5] = Math.max(r[5], rate(2.0 * rows * h * g4, () -> vector.multiply(false, false, rows, h, g4,
                        gates, 0, g4, w, 0, h, dx, 0, h, false)));
            }
            return r;
        }
    }

    private static double nativeRate(int m, int n, int k, boolean transA, boolean transB) {
        try (FloatPointer a = new FloatPointer((long) m * k);
             FloatPointer b = new FloatPointer((long) k * n);
             FloatPointer c = new FloatPointer((long) m * n)) {
            a.put(filled(m * k));
            b.put(filled(k * n));
            return rate(2.0 * m * n * k, () -> NativeSgemm.sgemm(transA, transB, m, n, k, a, transA ? m : k, b,
                    transB ? k : n, 0f, c, n));
        }
    }

    /** GFLOP/s over 0.4 s after 0.3 s untimed. */
    private static double rate(double flops, Runnable r) {
        return gflops(flops, 300_000_000L, 400_000_000L, r);
    }

    /**
     * Times a product (also {@code bench lstm}'s timing).
     *
     * @param flops       floating-point operations of one run
     * @param warmupNanos untimed runs for at least this long first
     * @param nanos       timed runs for at least this long, and at least three
     * @param r           one run
     * @return GFLOP/s of the timed runs
     */
    public static double gflops(double flops, long warmupNanos, long nanos, Runnable r) {
        long w0 = System.nanoTime();
        do {
            r.run();
        } while (System.nanoTime() - w0 < warmupNanos);
        long t0 = System.nanoTime();
        long reps = 0;
        while (System.nanoTime() - t0 < nanos || reps < 3) {
            r.run();
            reps++;
        }
        return flops * reps / ((System.nanoTime() - t0) * 1e-9) * 1e-9;
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        new org.hydrodelta.core.nn.SplitMix64(n).fillUniform(a, 1f);
        return a;
    }
}
