package org.hydrodelta.core.hbv;

import org.hydrodelta.core.conceptual.ConceptualModel;
import org.hydrodelta.core.conceptual.ParameterDays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Differentiable multi-component HBV over a batch of basins: warm-up, scored window, component averaging,
 * gamma-UH routing (spec §1), and the adjoint giving dLoss/du for every network value u.
 *
 * <p><b>Array layouts</b> (all float32, row-major, D = nWarmup + nWindow days, B basins, M = nmul components,
 * P = nParams, W = P·M + 2):
 * <ul>
 *   <li>forcing: {@code [day][basin][3]} = P (mm/d), T (°C), PET (mm/d), un-normalised; NaN is read as 0;</li>
 *   <li>u (network sigmoid outputs, ∈ [0, 1]): {@code [day][basin][W]}, column {@code p·M + m} = parameter p
 *       ({@link HbvParameter} order) of component m, columns {@code P·M} and {@code P·M+1} = routing a, b.
 *       Which rows are read is given by {@link ParameterDays}: static parameters from {@code staticDay},
 *       dynamic ones from each window day, everything from {@code warmupDay} during the warm-up;</li>
 *   <li>outputs ({@link #output}): {@code [windowDay][basin]};</li>
 *   <li>dLoss/du ({@link #backward}): same layout as u, zero where a value is unused.</li>
 * </ul>
 *
 * <p>The instance owns its workspaces (allocated once for the batch shape) and, for more than one thread, a fixed
 * pool; basins are split into one contiguous block per thread, so results are bit-identical for the same inputs
 * and thread count. Nothing is allocated inside the time loops. Not thread-safe: one call at a time.
 */
public final class HbvKernel implements ConceptualModel.Kernel {
    private final HbvConfig cfg;
    private final HbvWorkspace w;
    private final int nBasins;
    private final int nDays;
    private final int width;
    private final ExecutorService pool;
    private final List<Callable<Void>> forwardTasks = new ArrayList<>();
    private final List<Callable<Void>> backwardTasks = new ArrayList<>();

    private float[] forcing;
    private float[] u;
    /** The dynamic block of the last forward, or null (dynamic parameters read from u). */
    private float[] block;
    private float[] gBlock;
    private final int blockWidth;
    private ParameterDays days;
    private float[] gRouted;
    private float[] gU;
    private float[][] gExtra;
    private boolean forwardDone;

    /**
     * @param cfg      model structure
     * @param nBasins  basins per batch
     * @param nWarmup  warm-up days (no tape, static parameters from {@link ParameterDays#warmupDay()})
     * @param nWindow  scored days
     * @param threads  worker threads (≥ 1); basins are partitioned evenly
     */
    public HbvKernel(HbvConfig cfg, int nBasins, int nWarmup, int nWindow, int threads) {
        this(cfg, nBasins, nWarmup, nWindow, threads, true);
    }

    /**
     * As {@link #HbvKernel(HbvConfig, int, int, int, int)}; {@code inLoopDynamic = false} moves the dynamic
     * parameters in and their gradients out in passes of their own even where the vector loops could do it
     * ({@link DynamicRows}), the path for M not a multiple of the vector length: for tests comparing the two.
     */
    HbvKernel(HbvConfig cfg, int nBasins, int nWarmup, int nWindow, int threads, boolean inLoopDynamic) {
        if (nBasins < 1 || nWarmup < 0 || nWindow < 1 || threads < 1) {
            throw new IllegalArgumentException("need nBasins >= 1, nWarmup >= 0, nWindow >= 1, threads >= 1; got "
                    + nBasins + ", " + nWarmup + ", " + nWindow + ", " + threads);
        }
        this.cfg = cfg;
        this.nBasins = nBasins;
        this.nDays = nWarmup + nWindow;
        this.width = cfg.rowWidth();
        this.w = new HbvWorkspace(cfg, nBasins, nWarmup, nWindow);
        int nDynamic = 0;
        for (boolean d : w.dynamic) {
            nDynamic += d ? 1 : 0;
        }
        this.blockWidth = nDynamic * cfg.nmul();
        int nChunks = Math.min(threads, nBasins);
        for (int k = 0; k < nChunks; k++) {
            HbvChunk chunk = new HbvChunk(w, (int) ((long) k * nBasins / nChunks),
                    (int) ((long) (k + 1) * nBasins / nChunks), inLoopDynamic);
            forwardTasks.add(() -> {
                chunk.forward(forcing, u, block, days);
                return null;
            });
            backwardTasks.add(() -> {
                chunk.backward(forcing, u, days, gRouted, gU, gBlock, gExtra);
                return null;
            });
        }
        this.pool = nChunks > 1 ? Executors.newFixedThreadPool(nChunks, r -> {
            Thread t = new Thread(r, "hbv-kernel");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** @return the model structure */
    public HbvConfig config() {
        return cfg;
    }

    /**
     * Runs warm-up and window, records what the backward pass needs, averages and routes.
     *
     * @param forcing {@code [day][basin][3]}, nWarmup + nWindow days
     * @param u       {@code [day][basin][nParams·nmul + 2]}, values in [0, 1]
     * @param days    which rows supply warm-up, static and routing parameters
     */
    @Override
    public void forward(float[] forcing, float[] u, ParameterDays days) {
        forward(forcing, u, null, days);
    }

    /**
     * {@inheritDoc}
     *
     * <p>For HBV the block holds, for each window day and basin, the dynamic parameters in {@link HbvParameter}
     * order, M components each ({@link #dynamicBlockWidth()} floats). The results are those of
     * {@link #forward(float[], float[], ParameterDays)} with the same values in u's rows, bit for bit.
     */
    @Override
    public void forward(float[] forcing, float[] u, float[] dynamicBlock, ParameterDays days) {
        if (dynamicBlock != null) {
            if (blockWidth == 0) {
                throw new IllegalArgumentException("a dynamic block was given but " + cfg + " has no dynamic parameter");
            }
            checkLength("dynamic block", dynamicBlock, (long) w.nWindow * nBasins * blockWidth);
        }
        checkLength("forcing", forcing, (long) nDays * nBasins * 3);
        checkLength("u", u, (long) nDays * nBasins * width);
        checkDay("warmupDay", days.warmupDay());
        checkDay("staticDay", days.staticDay());
        checkDay("routingDay", days.routingDay());
        this.forcing = forcing;
        this.u = u;
        this.block = dynamicBlock;
        this.days = days;
        run(forwardTasks);
        forwardDone = true;
    }

    /**
     * Reverse pass of the last {@link #forward}: adds dLoss/du into {@code dLossDu}. The forcing array of that call
     * is read again, so it must not change in between (the parameters are kept from the forward pass).
     *
     * @param dLossDQRouted dLoss/d(routed Q), {@code [windowDay][basin]}
     * @param dLossDu       accumulates the gradient, layout of u
     */
    @Override
    public void backward(float[] dLossDQRouted, float[] dLossDu) {
        if (block != null) {
            throw new IllegalStateException("the last forward() took a dynamic block: its gradient needs"
                    + " backward(dLossDQRouted, dLossDu, dLossDBlock)");
        }
        backward(dLossDQRouted, dLossDu, null);
    }

    @Override
    public int dynamicBlockWidth() {
        return blockWidth;
    }

    /**
     * Reverse pass of a {@link #forward(float[], float[], float[], ParameterDays)} that took a dynamic block: as
     * {@link #backward(float[], float[])}, with the dynamic parameters' gradients added into {@code dLossDBlock}
     * (layout of the block) instead of u's rows.
     *
     * @param dLossDQRouted dLoss/d(routed Q), {@code [windowDay][basin]}
     * @param dLossDu       accumulates the gradient of the values read from u, layout of u
     * @param dLossDBlock   accumulates the gradient of the block, its layout; null if forward took none
     */
    @Override
    public void backward(float[] dLossDQRouted, float[] dLossDu, float[] dLossDBlock) {
        if (!forwardDone) {
            throw new IllegalStateException("backward() needs a forward() first");
        }
        if ((dLossDBlock == null) != (block == null)) {
            throw new IllegalStateException(block == null ? "the last forward() took no dynamic block"
                    : "the last forward() took a dynamic block: its gradient array is needed");
        }
        if (dLossDBlock != null) {
            checkLength("dLossDBlock", dLossDBlock, (long) w.nWindow * nBasins * blockWidth);
        }
        checkLength("dLossDQRouted", dLossDQRouted, (long) w.nWindow * nBasins);
        checkLength("dLossDu", dLossDu, (long) nDays * nBasins * width);
        this.gRouted = dLossDQRouted;
        this.gU = dLossDu;
        this.gBlock = dLossDBlock;
        run(backwardTasks);
    }

    /**
     * The outputs {@link #backward(float[], java.util.Map, float[])} takes a gradient on besides the routed
     * discharge: unrouted flow, fast flow, interflow, baseflow, actual ET and the five end-of-day stores.
     */
    public static final java.util.List<String> SEEDABLE = java.util.List.of(HbvOutput.Q.name(), HbvOutput.Q0.name(),
            HbvOutput.Q1.name(), HbvOutput.Q2.name(), HbvOutput.ET.name(), HbvOutput.SNOWPACK.name(),
            HbvOutput.MELTWATER.name(), HbvOutput.SM.name(), HbvOutput.SUZ.name(), HbvOutput.SLZ.name());

    /**
     * Reverse pass with gradients on outputs besides the routed discharge (a multi-target loss, issue 18): exact
     * through the stores (seeded into the state adjoints at their day) and the fluxes (seeded into the day's reverse
     * step). With an empty map it is {@link #backward(float[], float[])}, bit for bit.
     *
     * @param dLossDQRouted dLoss/d(routed Q), {@code [windowDay][basin]}
     * @param dLossDOutputs dLoss/d(output) by name of {@link #SEEDABLE}, each {@code [windowDay][basin]}
     * @param dLossDu       accumulates the gradient, layout of u
     */
    @Override
    public void backward(float[] dLossDQRouted, java.util.Map<String, float[]> dLossDOutputs, float[] dLossDu) {
        if (dLossDOutputs.isEmpty()) {
            backward(dLossDQRouted, dLossDu);
            return;
        }
        float[][] extra = new float[HbvOutput.values().length][];
        for (java.util.Map.Entry<String, float[]> e : dLossDOutputs.entrySet()) {
            if (!SEEDABLE.contains(e.getKey())) {
                throw new IllegalArgumentException("no gradient can be taken on output '" + e.getKey()
                        + "'; outputs besides " + HbvOutput.Q_ROUTED + ": " + SEEDABLE);
            }
            checkLength("dLoss/d" + e.getKey(), e.getValue(), (long) w.nWindow * nBasins);
            extra[HbvOutput.valueOf(e.getKey()).ordinal()] = e.getValue();
        }
        this.gExtra = extra;
        boolean flux = extra[HbvOutput.Q0.ordinal()] != null || extra[HbvOutput.Q1.ordinal()] != null
                || extra[HbvOutput.Q2.ordinal()] != null || extra[HbvOutput.ET.ordinal()] != null;
        w.fluxSeeds = flux;
        try {
            backward(dLossDQRouted, dLossDu);
        } finally {
            this.gExtra = null;
            w.fluxSeeds = false;
        }
    }

    /**
     * Component mean of an output of the last forward run, {@code [windowDay][basin]}. The array is the
     * workspace's own and is overwritten by the next run.
     *
     * @param o which output
     * @return the values
     * @throws IllegalStateException if o is a diagnostic output and diagnostics are off
     */
    public float[] output(HbvOutput o) {
        float[] a = w.outputs[o.ordinal()];
        if (a == null) {
            throw new IllegalStateException(o + " is produced only with diagnostics on (" + cfg + ")");
        }
        return a;
    }

    @Override
    public float[] discharge() {
        return output(HbvOutput.Q_ROUTED);
    }

    @Override
    public float[] output(String name) {
        return output(HbvOutput.valueOf(name));
    }

    /**
     * Copies the per-component end-of-window states, {@code [state][basin·nmul + m]} with states in the order
     * SNOWPACK, MELTWATER, SM, SUZ, SLZ.
     *
     * @param dst destination of length 5·nBasins·nmul
     */
    public void copyFinalStates(float[] dst) {
        int n = w.nLanes;
        checkLength("dst", dst, 5L * n);
        System.arraycopy(w.sp, 0, dst, 0, n);
        System.arraycopy(w.mw, 0, dst, n, n);
        System.arraycopy(w.sm, 0, dst, 2 * n, n);
        System.arraycopy(w.suz, 0, dst, 3 * n, n);
        System.arraycopy(w.slz, 0, dst, 4 * n, n);
    }

    /**
     * Unit-hydrograph weights of basin b in the last run (length min(15, nWindow)).
     *
     * @param b basin
     * @return a copy of the weights
     */
    public float[] unitHydrograph(int b) {
        float[] out = new float[w.uhLength];
        System.arraycopy(w.uhWeights, b * w.uhLength, out, 0, w.uhLength);
        return out;
    }

    /** @return bytes of the per-step record kept for the backward pass */
    public long tapeBytes() {
        return w.tapeBytes();
    }

    /** @return bytes of all workspace arrays (tape included) */
    public long workspaceBytes() {
        return w.totalBytes();
    }

    private void run(List<Callable<Void>> tasks) {
        if (pool == null) {
            try {
                tasks.get(0).call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the HBV kernel", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        }
    }

    private static void checkLength(String name, float[] a, long expected) {
        if (a == null || a.length != expected) {
            throw new IllegalArgumentException(name + ": expected " + expected + " values, got "
                    + (a == null ? "null" : a.length));
        }
    }

    private void checkDay(String name, int day) {
        if (day < 0 || day >= nDays) {
            throw new IllegalArgumentException(name + " = " + day + " outside 0.." + (nDays - 1));
        }
    }

    /** Shuts the worker pool down. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
