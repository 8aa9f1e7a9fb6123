package org.hydrodelta.core.hbv.bench;

import java.io.PrintStream;
import java.util.SplittableRandom;
import org.hydrodelta.core.hbv.HbvConfig;
import org.hydrodelta.core.hbv.HbvKernel;
import org.hydrodelta.core.hbv.HbvOutput;
import org.hydrodelta.core.conceptual.ParameterDays;
import org.hydrodelta.core.loss.RmseCombLoss;

/**
 * Forward + backward throughput of {@link HbvKernel} on the paper's batch shape (100 basins × 16 components ×
 * (365 warm-up + 365 window) days, δ(βt, γt) variant) with synthetic, seeded forcing and parameters. Warms the
 * JIT first, then times whole passes and, separately, forward and backward, so the split of time is visible.
 * Throughput counts window component-days only (basins·nmul·window per pass), as specified in issue 4. The dynamic
 * parameters of the window days come in a compact block, as a δ model's training passes them
 * ({@link HbvKernel#forward(float[], float[], float[], ParameterDays)}).
 */
public final class HbvBenchmark {
    private HbvBenchmark() {
    }

    /**
     * Benchmark settings.
     *
     * @param basins      basins per batch
     * @param nmul        components per basin
     * @param warmup      warm-up days
     * @param window      window days
     * @param threads     kernel threads
     * @param warmupPasses untimed passes for the JIT
     * @param passes      timed passes
     * @param diagnostics also average all states and fluxes
     */
    public record Settings(int basins, int nmul, int warmup, int window, int threads, int warmupPasses,
            int passes, boolean diagnostics) {
        /**
         * @return the shape on all available processors, as a training iteration runs it (streamflow
         *         only; the averaged states and fluxes are for inspection runs)
         */
        public static Settings defaults() {
            return new Settings(100, 16, 365, 365, Runtime.getRuntime().availableProcessors(), 30, 30, false);
        }
    }

    /**
     * Measured figures (times are medians over the timed passes).
     *
     * @param componentDaysPerSecond window component-days per second, forward + backward
     * @param msPerPass  forward + backward, ms
     * @param msForward  forward only (warm-up + window + averaging + routing), ms
     * @param msBackward backward only (routing adjoint + HBV adjoint + scatter), ms
     * @param msWarmupShare forward time spent in the warm-up (from a run without warm-up), ms
     * @param tapeBytes  bytes of the backward record
     * @param workspaceBytes bytes of all kernel workspaces
     * @param msBestPass fastest single forward + backward pass, ms (less sensitive to other load on the machine)
     * @param cpuMsPerPass process CPU time per forward + backward pass, all threads (mean); divided by the thread
     *        count it estimates the wall time on an otherwise idle machine, -1 if the JVM cannot tell
     * @param checksum   loss value of the last pass (guards against dead-code elimination)
     */
    public record Result(double componentDaysPerSecond, double msPerPass, double msForward, double msBackward,
            double msWarmupShare, long tapeBytes, long workspaceBytes, double msBestPass, double cpuMsPerPass,
            double checksum) {
    }

    /**
     * Runs the benchmark.
     *
     * @param s settings
     * @return measured figures
     */
    public static Result run(Settings s) {
        HbvConfig cfg = HbvConfig.dynamicBetaGamma(s.nmul()).withDiagnostics(s.diagnostics());
        int days = s.warmup() + s.window();
        float[] forcing = syntheticForcing(s.basins(), days, 42L);
        float[] u = new float[days * s.basins() * cfg.rowWidth()];
        SplittableRandom rnd = new SplittableRandom(7L);
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) rnd.nextDouble();
        }
        float[] obs = new float[s.window() * s.basins()];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) (2.0 * rnd.nextDouble());
        }
        float[] gq = new float[obs.length];
        float[] gu = new float[u.length];
        RmseCombLoss loss = new RmseCombLoss();
        ParameterDays pd = ParameterDays.training(s.warmup(), s.window());
        double[] fwd = new double[s.passes()];
        double[] bwd = new double[s.passes()];
        double[] noWarm = new double[s.passes()];
        double checksum = 0;
        try (HbvKernel k = new HbvKernel(cfg, s.basins(), s.warmup(), s.window(), s.threads());
                HbvKernel k0 = new HbvKernel(cfg, s.basins(), 0, s.window(), s.threads())) {
            float[] block = new float[s.window() * s.basins() * k.dynamicBlockWidth()];
            for (int i = 0; i < block.length; i++) {
                block[i] = (float) rnd.nextDouble();
            }
            float[] gBlock = new float[block.length];
            float[] forcing0 = java.util.Arrays.copyOfRange(forcing, s.warmup() * s.basins() * 3, forcing.length);
            float[] u0 = java.util.Arrays.copyOfRange(u, s.warmup() * s.basins() * cfg.rowWidth(), u.length);
            ParameterDays pd0 = ParameterDays.training(0, s.window());
            long cpuTotal = 0;
            for (int it = 0; it < s.warmupPasses() + s.passes(); it++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                k.forward(forcing, u, block, pd);
                long t1 = System.nanoTime();
                checksum = loss.evaluate(k.output(HbvOutput.Q_ROUTED), obs, gq).value();
                long t2 = System.nanoTime();
                k.backward(gq, gu, gBlock);
                long t3 = System.nanoTime();
                long c1 = processCpuNanos();
                if (it >= s.warmupPasses()) {
                    cpuTotal += c1 - c0;
                }
                k0.forward(forcing0, u0, block, pd0);
                long t4 = System.nanoTime();
                if (it >= s.warmupPasses()) {
                    int j = it - s.warmupPasses();
                    fwd[j] = (t1 - t0) / 1e6;
                    bwd[j] = (t3 - t2) / 1e6;
                    noWarm[j] = (t4 - t3) / 1e6;
                }
            }
            double mf = median(fwd);
            double mb = median(bwd);
            double ms = mf + mb;
            double best = Double.MAX_VALUE;
            for (int j = 0; j < s.passes(); j++) {
                best = Math.min(best, fwd[j] + bwd[j]);
            }
            double cd = (double) s.basins() * s.nmul() * s.window();
            double cpuMs = processCpuNanos() < 0 ? -1 : cpuTotal / 1e6 / s.passes();
            return new Result(cd / (ms / 1e3), ms, mf, mb, mf - median(noWarm), k.tapeBytes(), k.workspaceBytes(),
                    best, cpuMs, checksum);
        }
    }

    /** Seeded synthetic forcing with a seasonal temperature cycle (snow in winter) and intermittent rain. */
    static float[] syntheticForcing(int basins, int days, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] f = new float[days * basins * 3];
        for (int b = 0; b < basins; b++) {
            double tMean = 2 + 14 * rnd.nextDouble();
            double wet = 0.2 + 0.5 * rnd.nextDouble();
            for (int d = 0; d < days; d++) {
                double season = Math.cos(2 * Math.PI * (d - 200) / 365.25);
                double temp = tMean + 12 * season + 3 * rnd.nextGaussian();
                double p = rnd.nextDouble() < wet ? -Math.log(1 - rnd.nextDouble()) * 6 : 0;
                double pet = Math.max(0, 0.5 + 0.15 * temp + 0.3 * rnd.nextDouble());
                int i = (d * basins + b) * 3;
                f[i] = (float) p;
                f[i + 1] = (float) temp;
                f[i + 2] = (float) pet;
            }
        }
        return f;
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static double median(double[] a) {
        double[] c = a.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    }

    /**
     * Prints the figures of a run.
     *
     * @param s   settings
     * @param r   result
     * @param out destination
     */
    public static void print(Settings s, Result r, PrintStream out) {
        out.printf("HBV forward+backward: %d basins x %d components x (%d warm-up + %d window) days, %d thread(s),"
                + " averaged states/fluxes %s; dynamic parameters of the window days from a compact block, as in"
                + " training%n", s.basins(), s.nmul(), s.warmup(), s.window(), s.threads(),
                s.diagnostics() ? "on" : "off (streamflow only, as in training)");
        out.printf("  %.1f million component-days/s (window days, forward+backward)%n",
                r.componentDaysPerSecond() / 1e6);
        out.printf("  %.2f ms per pass = forward %.2f ms (of which warm-up %.2f ms) + backward %.2f ms"
                + " (medians of %d passes after %d warm-up passes)%n", r.msPerPass(), r.msForward(),
                r.msWarmupShare(), r.msBackward(), s.passes(), s.warmupPasses());
        out.printf("  best pass %.2f ms = %.1f million component-days/s%n", r.msBestPass(),
                (double) s.basins() * s.nmul() * s.window() / r.msBestPass() / 1e3);
        if (r.cpuMsPerPass() >= 0) {
            double idleMs = r.cpuMsPerPass() / s.threads();
            out.printf("  CPU time %.2f ms per pass (all threads): on an idle machine ~%.2f ms = %.1f million"
                    + " component-days/s%n", r.cpuMsPerPass(), idleMs,
                    (double) s.basins() * s.nmul() * s.window() / idleMs / 1e3);
        }
        out.printf("  tape %.1f MiB, all workspaces %.1f MiB; checksum %.6f%n", r.tapeBytes() / 1048576.0,
                r.workspaceBytes() / 1048576.0, r.checksum());
    }

    /**
     * Command-line entry: optional arguments threads, passes, diagnostics (true/false, default false).
     *
     * @param args see above
     */
    public static void main(String[] args) {
        Settings d = Settings.defaults();
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : d.threads();
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : d.passes();
        boolean diag = args.length > 2 ? Boolean.parseBoolean(args[2]) : d.diagnostics();
        Settings s = new Settings(d.basins(), d.nmul(), d.warmup(), d.window(), threads, d.warmupPasses(), passes,
                diag);
        print(s, run(s), System.out);
    }
}
