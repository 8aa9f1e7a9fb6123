package org.hydrodelta.core.train.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.NormalizationStats;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.model.Batch;
import org.hydrodelta.core.model.DeltaModel;
import org.hydrodelta.core.hbv.HbvConfig;
import org.hydrodelta.core.nn.Parameter;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.hydrodelta.core.nn.optim.Adadelta;
import org.hydrodelta.core.model.BatchAssembler;
import org.hydrodelta.core.train.MinibatchSampler;

/**
 * One δ-model training iteration in the paper configuration (spec §3-§5): batch 100 windows of 365 days after
 * 365 days of warm-up drawn from real basins, network 38 → 256 → LSTM 256 → 210 with DropConnect, 16 HBV
 * components with dynamic β and γ, routing, loss, full backward pass and an Adadelta step. Prints seconds per
 * iteration (after JIT warm-up), the peak Java heap and the peak resident memory of the process.
 */
public final class IterationBenchmark {
    /**
     * Measured figures.
     *
     * @param secondsPerIteration mean over the timed iterations
     * @param minSeconds          fastest timed iteration
     * @param peakHeapBytes       peak Java heap in use (sum of heap pools' peaks)
     * @param threads             worker threads
     * @param peakResidentBytes   peak resident set of the process so far (VmHWM), or −1 where not readable
     */
    public record Result(double secondsPerIteration, double minSeconds, long peakHeapBytes, int threads,
                         long peakResidentBytes) {
    }

    private IterationBenchmark() {
    }

    /**
     * @param ds         a dataset with PRCP, TMEAN, PET, QOBS and 35 attributes
     * @param warmupRuns iterations run before timing
     * @param runs       timed iterations
     * @param threads    worker threads
     * @param out        where to print progress lines, or {@code null}
     * @return the figures
     */
    public static Result run(BasinDataset ds, int warmupRuns, int runs, int threads, java.io.PrintStream out) {
        int batch = 100;
        int warmup = 365;
        int window = 365;
        NormalizationStats stats = NormalizationStats.compute(ds, ds.basinIds(), ds.period(),
                List.of(Variable.PRCP, Variable.TMEAN, Variable.PET));
        BatchAssembler asm = new BatchAssembler(ds, stats, true);
        MinibatchSampler sampler = new MinibatchSampler(ds.nBasins(), ds.nDays(), warmup, window, 111111L);
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        try (WorkerPool pool = new WorkerPool(threads);
                DeltaModel model = new DeltaModel(new org.hydrodelta.core.hbv.HbvModel(HbvConfig.dynamicBetaGamma(16)), asm.nInputs(), 256, 0.5f, 111111L,
                        new Gemm(pool), batch, warmup, window, new org.hydrodelta.core.loss.RmseCombLoss(), threads)) {
            Adadelta opt = new Adadelta();
            List<Parameter> params = model.parameters();
            int[] rows = new int[batch];
            int[] starts = new int[batch];
            double total = 0;
            double min = Double.MAX_VALUE;
            for (int i = 0; i < warmupRuns + runs; i++) {
                sampler.next(rows, starts);
                for (int k = 0; k < batch; k++) {
                    starts[k] -= warmup;
                }
                Batch b = asm.assemble(rows, starts, warmup, window);
                long t0 = System.nanoTime();
                params.forEach(Parameter::zeroGrad);
                double loss = model.trainStep(b).value();
                opt.step(params);
                double s = (System.nanoTime() - t0) / 1e9;
                if (i >= warmupRuns) {
                    total += s;
                    min = Math.min(min, s);
                }
                if (out != null) {
                    out.printf("iteration %d%s: %.2f s, loss %.4f%n", i + 1, i < warmupRuns ? " (warm-up)" : "", s,
                            loss);
                }
            }
            long peak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                    peak += p.getPeakUsage().getUsed();
                }
            }
            return new Result(total / runs, min, peak, threads, peakResidentBytes());
        }
    }

    /** @return the process's peak resident set size (VmHWM of /proc/self/status) in bytes, or −1 */
    public static long peakResidentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return 1024L * Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
