package org.hydrodelta.core.nn.bench;

import org.hydrodelta.core.eval.BasinMetrics;
import java.io.PrintStream;
import java.util.Locale;
import org.hydrodelta.core.nn.LstmNetwork;
import org.hydrodelta.core.nn.SplitMix64;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.NativeSgemm;
import org.hydrodelta.core.nn.gemm.PackedMatrix;
import org.hydrodelta.core.nn.gemm.WorkerPool;

/**
 * Throughput benchmark of the δ model's network: forward + backward of {@link LstmNetwork} on the paper's shape
 * (batch 100 × 730 days, 38 inputs, hidden 256, 210 outputs, DropConnect on), after JIT warm-up, plus the matrix
 * product shapes that dominate it. Prints seconds per iteration, sustained GFLOP/s (matrix products only) and the
 * memory held. Every figure is also given as a percentage of the native OpenBLAS sgemm measured in the same
 * process at the same thread count (on native buffers, rows split over the same worker threads), so the ratio
 * holds on any machine. Run with {@code hydrodelta bench lstm} or this class's {@link #main}.
 */
public final class LstmBenchmark {
    /** Benchmark settings; defaults are the paper's training shape. */
    public static final class Options {
        /** Batch size B. */
        public int batch = 100;
        /** Sequence length T. */
        public int steps = 730;
        /** Input features. */
        public int inputs = 38;
        /** Hidden size. */
        public int hidden = 256;
        /** Outputs per step. */
        public int outputs = 210;
        /** Worker threads; 0 = available processors. */
        public int threads = 0;
        /** Warm-up iterations (not timed). */
        public int warmup = 2;
        /** Timed iterations. */
        public int iterations = 3;
        /** Also time the individual product shapes. */
        public boolean gemmShapes = true;
    }

    private LstmBenchmark() {
    }

    /**
     * Command-line entry: {@code [batch steps hidden threads iterations]} (all optional, positional).
     *
     * @param args optional overrides
     */
    public static void main(String[] args) {
        Options o = new Options();
        if (args.length > 0) {
            o.batch = Integer.parseInt(args[0]);
        }
        if (args.length > 1) {
            o.steps = Integer.parseInt(args[1]);
        }
        if (args.length > 2) {
            o.hidden = Integer.parseInt(args[2]);
        }
        if (args.length > 3) {
            o.threads = Integer.parseInt(args[3]);
        }
        if (args.length > 4) {
            o.iterations = Integer.parseInt(args[4]);
        }
        run(o, System.out);
    }

    /**
     * Runs the benchmark and prints its report.
     *
     * @param o   settings
     * @param out where the report goes
     * @return sustained GFLOP/s of the timed forward + backward iterations
     */
    public static double run(Options o, PrintStream out) {
        int threads = o.threads > 0 ? o.threads : Runtime.getRuntime().availableProcessors();
        try (WorkerPool pool = new WorkerPool(threads)) {
            Gemm gemm = new Gemm(pool);
            out.printf(Locale.ROOT, "LSTM network benchmark: batch %d x %d steps, %d -> %d (ReLU) -> LSTM %d -> %d,"
                            + " DropConnect 0.5, %d threads, vector species %s%n", o.batch, o.steps, o.inputs,
                    o.hidden, o.hidden, o.outputs, threads, jdk.incubator.vector.FloatVector.SPECIES_PREFERRED);
            out.printf(Locale.ROOT, "matrix products: %s%n", NativeSgemm.status());
            out.printf(Locale.ROOT, "engines: %s%n", org.hydrodelta.core.nn.gemm.GemmEngine.choice().describe());
            double sgemm1024 = Double.NaN;
            if (o.gemmShapes) {
                sgemm1024 = gemmShapes(gemm, pool, o, out);
            }
            LstmNetwork net = new LstmNetwork(o.inputs, o.hidden, o.outputs, 0.5f, 111111L, gemm);
            int rows = o.batch * o.steps;
            float[] x = new float[rows * o.inputs];
            float[] dy = new float[rows * o.outputs];
            SplitMix64 rng = new SplitMix64(7);
            rng.fillUniform(x, 1.5f);
            rng.fillUniform(dy, 0.01f);
            double flops = net.flopsForwardBackward(o.steps, o.batch);
            for (int i = 0; i < o.warmup; i++) {
                net.forward(x, o.steps, o.batch, true);
                net.backward(dy, false);
                out.printf(Locale.ROOT, "  warm-up %d done%n", i + 1);
            }
            double[] fwd = new double[o.iterations];
            double[] bwd = new double[o.iterations];
            // native sgemm at 1024³ is timed again after every iteration, so each iteration has its reference from
            // the same moment (A B A B ...): on a shared machine the speed drifts between the shape timings above and
            // the iterations, and a share of a reference from another moment says as much about the drift
            boolean interleave = o.gemmShapes && NativeSgemm.available();
            double[] share = new double[interleave ? o.iterations : 0];
            double best = Double.MAX_VALUE;
            for (int i = 0; i < o.iterations; i++) {
                net.zeroGrad();
                long t0 = System.nanoTime();
                net.forward(x, o.steps, o.batch, true);
                long t1 = System.nanoTime();
                net.backward(dy, false);
                long t2 = System.nanoTime();
                double f = (t1 - t0) * 1e-9;
                double b = (t2 - t1) * 1e-9;
                fwd[i] = f;
                bwd[i] = b;
                best = Math.min(best, f + b);
                double rate = flops / (f + b) * 1e-9;
                if (interleave) {
                    double ref = nativeReference(pool, 1024, 1024, 1024, false, false, 2.0 * 1024 * 1024 * 1024,
                            300_000_000L);
                    share[i] = rate / ref;
                    out.printf(Locale.ROOT, "  iteration %d: forward %.3f s, backward %.3f s, total %.3f s,"
                            + " %.1f GFLOP/s; native sgemm 1024^3 right after: %.1f GFLOP/s, share %.0f %%%n", i + 1,
                            f, b, f + b, rate, ref, 100 * share[i]);
                } else {
                    out.printf(Locale.ROOT, "  iteration %d: forward %.3f s, backward %.3f s, total %.3f s,"
                            + " %.1f GFLOP/s%n", i + 1, f, b, f + b, rate);
                }
            }
            double[] tot = new double[o.iterations];
            for (int i = 0; i < o.iterations; i++) {
                tot[i] = fwd[i] + bwd[i];
            }
            // medians: one iteration slowed by another process must not move the figure
            double total = BasinMetrics.median(tot);
            double gflops = flops / total * 1e-9;
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long used = rt.totalMemory() - rt.freeMemory();
            out.printf(Locale.ROOT, "forward+backward: %.3f s per iteration (forward %.3f s, backward %.3f s;"
                            + " medians), %.1f GFLOP per iteration, %.1f GFLOP/s sustained%n", total,
                    BasinMetrics.median(fwd), BasinMetrics.median(bwd), flops * 1e-9, gflops);
            if (interleave) {
                out.printf(Locale.ROOT, "LSTM forward+backward: %.0f %% of native sgemm at 1024^3 (median over the"
                        + " iterations of each one's GFLOP/s over the sgemm timed right after it, same threads; the"
                        + " shape timings above gave sgemm %.1f GFLOP/s)%n", 100 * BasinMetrics.median(share),
                        sgemm1024);
            } else if (!Double.isNaN(sgemm1024)) {
                out.printf(Locale.ROOT, "LSTM forward+backward: %.1f GFLOP/s = %.0f %% of native sgemm at 1024^3"
                        + " (%.1f GFLOP/s, same threads)%n", gflops, 100 * gflops / sgemm1024, sgemm1024);
            }
            out.printf(Locale.ROOT, "best iteration: %.3f s, %.1f GFLOP/s; system load average %.2f on %d cores"
                            + " (other processes share the cores: compare runs at similar load)%n", best,
                    flops / best * 1e-9, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "memory: network buffers %.0f MB (LSTM %.0f MB), parameters+gradients %.1f MB,"
                            + " GEMM workspaces %.1f MB, input+output-gradient arrays %.0f MB;"
                            + " Java heap in use after GC %.0f MB (max %.0f MB)%n",
                    net.bufferBytes() / 1e6, net.lstm().bufferBytes() / 1e6, net.parameterBytes() / 1e6,
                    gemm.workspaceBytes() / 1e6, 4.0 * (x.length + dy.length) / 1e6, used / 1e6, rt.maxMemory() / 1e6);
            return gflops;
        }
    }

    /** Times each product shape with {@link Gemm} and with native sgemm; returns native sgemm GFLOP/s at 1024³. */
    private static double gemmShapes(Gemm gemm, WorkerPool pool, Options o, PrintStream out) {
        int h = o.hidden;
        int g4 = 4 * h;
        int rows = o.batch * o.steps;
        PackedMatrix packed = new PackedMatrix();
        float[] w = filled(g4 * h);
        float[] hb = filled(o.batch * h);
        float[] gb = new float[o.batch * g4];
        packed.pack(true, w, 0, h, h, g4);
        compare(out, pool, String.format(Locale.ROOT, "recurrent step %d x %d x %d (packed)", o.batch, g4, h),
                o.batch, g4, h, false, true,
                () -> gemm.multiply(false, o.batch, hb, 0, h, packed, gb, 0, g4, true));
        float[] xin = filled(rows * h);
        float[] gates = new float[rows * g4];
        compare(out, pool, String.format(Locale.ROOT, "input projection %d x %d x %d", rows, g4, h),
                rows, g4, h, false, true,
                () -> gemm.multiply(false, true, rows, g4, h, xin, 0, h, w, 0, h, gates, 0, g4, false));
        float[] dw = new float[g4 * h];
        compare(out, pool, String.format(Locale.ROOT, "weight gradient %d x %d x %d (A transposed)", g4, h, rows),
                g4, h, rows, true, false,
                () -> gemm.multiply(true, false, g4, h, rows, gates, 0, g4, xin, 0, h, dw, 0, h, false));
        compare(out, pool, String.format(Locale.ROOT, "input gradient %d x %d x %d", rows, h, g4),
                rows, h, g4, false, false,
                () -> gemm.multiply(false, false, rows, h, g4, gates, 0, g4, w, 0, h, xin, 0, h, false));
        int q = 1024;
        float[] a = filled(q * q);
        float[] b = filled(q * q + 1);
        float[] c = new float[q * q];
        return compare(out, pool, "square 1024 x 1024 x 1024", q, q, q, false, false,
                () -> gemm.multiply(false, false, q, q, q, a, 0, q, b, 0, q, c, 0, q, false));
    }

    /**
     * Prints the GFLOP/s of {@code ours} and of native sgemm on the same shape (native buffers, rows of C split over
     * the pool's threads, one single-threaded sgemm per part) and their ratio.
     *
     * @return the native GFLOP/s, or NaN when native OpenBLAS is not loaded
     */
    private static double compare(PrintStream out, WorkerPool pool, String label, int m, int n, int k,
                                  boolean transA, boolean transB, Runnable ours) {
        double flops = 2.0 * m * n * k;
        double mine = time(flops, ours);
        double ref = NativeSgemm.available() ? nativeReference(pool, m, n, k, transA, transB, flops, 1_000_000_000L)
                : Double.NaN;
        if (Double.isNaN(ref)) {
            out.printf(Locale.ROOT, "  gemm %-48s %7.1f GFLOP/s%n", label, mine);
        } else {
            out.printf(Locale.ROOT, "  gemm %-48s %7.1f GFLOP/s, native sgemm %6.1f GFLOP/s: %4.0f %%%n", label,
                    mine, ref, 100 * mine / ref);
        }
        return ref;
    }

    private static double nativeReference(WorkerPool pool, int m, int n, int k, boolean transA, boolean transB,
                                          double flops, long nanos) {
        int parts = Math.min(pool.threads(), m);
        try (org.bytedeco.javacpp.FloatPointer a = new org.bytedeco.javacpp.FloatPointer((long) m * k);
             org.bytedeco.javacpp.FloatPointer b = new org.bytedeco.javacpp.FloatPointer((long) k * n);
             org.bytedeco.javacpp.FloatPointer c = new org.bytedeco.javacpp.FloatPointer((long) m * n)) {
            a.put(filled((int) Math.min((long) m * k, 1 << 20)));
            b.put(filled((int) Math.min((long) k * n, 1 << 20)));
            return time(flops, nanos, () -> pool.run(parts, p -> {
                int r0 = WorkerPool.partStart(m, parts, p);
                int r1 = WorkerPool.partStart(m, parts, p + 1);
                if (r1 > r0) {
                    NativeSgemm.sgemm(transA, transB, r1 - r0, n, k, a.getPointer(transA ? r0 : (long) r0 * k),
                            transA ? m : k, b, transB ? k : n, 0f, c.getPointer((long) r0 * n), n);
                }
            }));
        }
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        new SplitMix64(n).fillUniform(a, 1f);
        return a;
    }

    /** @return GFLOP/s of {@code r} over at least one second and three repetitions, after 1 s untimed */
    private static double time(double flops, Runnable r) {
        return time(flops, 1_000_000_000L, r);
    }

    /**
     * @return GFLOP/s of {@code r} over at least {@code nanos} and three repetitions, after 1 s untimed (with 0.3 s
     *         the first shape, the recurrent step, was timed partly before the optimising compiler had finished its
     *         kernel: 71 GFLOP/s in one run, 187 in the same process once compiled)
     */
    private static double time(double flops, long nanos, Runnable r) {
        return org.hydrodelta.core.nn.gemm.GemmEngine.gflops(flops, 1_000_000_000L, nanos, r);
    }
}
