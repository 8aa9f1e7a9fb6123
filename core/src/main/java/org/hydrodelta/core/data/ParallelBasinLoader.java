package org.hydrodelta.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * Runs a per-basin load function on a fixed thread pool and assembles the results in basin order, so the dataset
 * is identical for any thread count. Shared by the CAMELS, Caravan and CSV loaders.
 */
public final class ParallelBasinLoader {
    private ParallelBasinLoader() {
    }

    /**
     * @param ids            basins in the wanted order
     * @param threads        worker threads
     * @param loadOne        loads one basin (must catch its own DataFormatException into a skipped outcome)
     * @param period         date axis or null
     * @param attributeRow   attribute row of a loaded basin (never null; NaN where missing)
     * @param attributeNames matrix column names
     * @param issues         issues found before the basins (attribute tables), added first
     * @param progress       per-basin progress
     * @param cancel         checked before each basin
     * @return the load result
     */
    public static LoadResult load(List<String> ids, int threads, Function<String, BasinOutcome> loadOne, Period period,
            Function<String, float[]> attributeRow, List<String> attributeNames, List<DataIssue> issues,
            ProgressListener progress, CancellationToken cancel) {
        int n = Math.max(1, Math.min(threads, ids.size()));
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "basin-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<BasinOutcome>> futures = new ArrayList<>();
            for (String id : ids) {
                futures.add(pool.submit(() -> {
                    cancel.throwIfCancelled();
                    return loadOne.apply(id);
                }));
            }
            List<DataIssue> all = new ArrayList<>(issues);
            List<BasinSeries> ok = new ArrayList<>();
            List<BasinReport> reports = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                BasinOutcome o = get(futures.get(i));
                all.addAll(o.issues());
                reports.add(o.report());
                if (o.series() != null) {
                    ok.add(o.series());
                }
                progress.progress(i + 1, futures.size(), ids.get(i));
            }
            float[][] matrix = new float[ok.size()][];
            for (int i = 0; i < ok.size(); i++) {
                matrix[i] = attributeRow.apply(ok.get(i).basinId());
            }
            return new LoadResult(DatasetAssembler.assemble(ok, period, matrix, attributeNames), all, reports);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * @param n length
     * @return a row of NaN
     */
    public static float[] nanRow(int n) {
        float[] r = new float[n];
        Arrays.fill(r, Float.NaN);
        return r;
    }

    private static BasinOutcome get(Future<BasinOutcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
