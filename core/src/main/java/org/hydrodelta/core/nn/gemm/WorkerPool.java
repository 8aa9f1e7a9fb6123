package org.hydrodelta.core.nn.gemm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fixed set of worker threads that runs numbered parts of one job and waits for all of them.
 *
 * <p>Callers split their work into {@link #threads()} parts by a fixed rule (contiguous row or column ranges),
 * so which part computes which element never depends on scheduling: results are bit-identical from run to run.
 * Part 0 runs on the calling thread.
 */
public final class WorkerPool implements AutoCloseable {
    private static final AtomicInteger POOL_IDS = new AtomicInteger();
    private final int threads;
    private final ExecutorService executor;

    /**
     * Creates a pool.
     *
     * @param threads number of parts a job is split into (≥ 1); {@code threads − 1} background threads are started
     */
    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        int id = POOL_IDS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "hydrodelta-nn-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @return a pool sized to the available processors */
    public static WorkerPool forAvailableProcessors() {
        return new WorkerPool(Runtime.getRuntime().availableProcessors());
    }

    /** @return the number of parts jobs are split into */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body.accept(p)} for p = 0 … parts−1 concurrently and returns when all have finished.
     *
     * @param parts number of parts (at most {@link #threads()} run at once)
     * @param body  the work of one part
     * @throws RuntimeException the first failure of any part, after all parts have stopped
     */
    public void run(int parts, IntConsumer body) {
        if (parts <= 1 || executor == null) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            final int part = p;
            futures.add(executor.submit(() -> body.accept(part)));
        }
        RuntimeException failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while waiting for worker", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Start of part {@code p} when {@code total} units are split into {@code parts} contiguous ranges.
     *
     * @param total units to split
     * @param parts number of parts
     * @param p     part index
     * @return first unit of part p (part p covers [start(p), start(p+1)))
     */
    public static int partStart(int total, int parts, int p) {
        return (int) ((long) total * p / parts);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
