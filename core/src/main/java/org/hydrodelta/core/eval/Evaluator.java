package org.hydrodelta.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.model.Batch;
import org.hydrodelta.core.model.HydroModel;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.model.BatchAssembler;

/**
 * Runs a trained model over a scoring period with the test protocol of spec §5.6, in blocks of basins:
 * the network reads from the first training day on; static parameters come from the last training day;
 * dynamic δ models run HBV from a cold start at the first training day with daily parameters, all others warm
 * HBV up over the days from the first training day to the scoring period. Only the scoring period is returned.
 */
public final class Evaluator {
    private final HydroModel model;
    private final BatchAssembler assembler;
    private final BasinDataset ds;
    private final boolean coldStartOverRecord;
    private final int blockSize;

    /**
     * @param model               the trained model
     * @param assembler           batch assembler with the run's normalisation statistics
     * @param ds                  the dataset
     * @param coldStartOverRecord true for δ models with dynamic parameters (HBV runs through the whole record)
     * @param blockSize           basins simulated together (memory grows with it)
     */
    public Evaluator(HydroModel model, BatchAssembler assembler, BasinDataset ds, boolean coldStartOverRecord,
            int blockSize) {
        this.model = model;
        this.assembler = assembler;
        this.ds = ds;
        this.coldStartOverRecord = coldStartOverRecord;
        this.blockSize = Math.max(1, blockSize);
    }

    /**
     * @param rows       dataset rows of the basins to simulate
     * @param trainStart dataset day index of the first training day
     * @param trainEnd   dataset day index one past the last training day
     * @param scoreStart first day to return
     * @param scoreEnd   one past the last day to return
     * @param progress   per block
     * @param cancel     checked between blocks
     * @return the simulation over [scoreStart, scoreEnd)
     */
    public Simulation run(int[] rows, int trainStart, int trainEnd, int scoreStart, int scoreEnd,
            ProgressListener progress, CancellationToken cancel) {
        if (trainStart > scoreStart || trainEnd <= trainStart || scoreEnd <= scoreStart) {
            throw new IllegalArgumentException("scoring period must not start before the training period");
        }
        int nDays = scoreEnd - scoreStart;
        int staticDay = trainEnd - 1 - trainStart;
        int warmup = coldStartOverRecord ? 0 : scoreStart - trainStart;
        int window = scoreEnd - trainStart - warmup;
        int skip = window - nDays;
        Map<String, float[][]> outputs = new LinkedHashMap<>();
        for (int from = 0; from < rows.length; from += blockSize) {
            cancel.throwIfCancelled();
            int n = Math.min(blockSize, rows.length - from);
            int[] block = java.util.Arrays.copyOfRange(rows, from, from + n);
            int[] first = new int[n];
            java.util.Arrays.fill(first, trainStart);
            Batch b = assembler.assemble(block, first, warmup, window);
            Map<String, float[]> sim = model.simulate(b, staticDay);
            for (Map.Entry<String, float[]> e : sim.entrySet()) {
                float[][] dst = outputs.computeIfAbsent(e.getKey(), k -> new float[rows.length][nDays]);
                float[] src = e.getValue();
                for (int k = 0; k < n; k++) {
                    for (int d = 0; d < nDays; d++) {
                        dst[from + k][d] = src[(skip + d) * n + k];
                    }
                }
            }
            progress.progress(Math.min(from + n, rows.length), rows.length, "simulated " + (from + n) + " of "
                    + rows.length + " basins");
        }
        List<String> ids = new ArrayList<>();
        float[][] obs = new float[rows.length][];
        Map<String, float[][]> forcing = new LinkedHashMap<>();
        for (Variable v : List.of(Variable.PRCP, Variable.TMEAN, Variable.PET)) {
            forcing.put(v.name(), new float[rows.length][]);
        }
        for (int k = 0; k < rows.length; k++) {
            ids.add(ds.basinIds().get(rows[k]));
            obs[k] = ds.has(Variable.QOBS) ? slice(ds.series(Variable.QOBS, rows[k]), scoreStart, nDays)
                    : slice(new float[0], scoreStart, nDays); // no flow in the data: observations missing
            for (Map.Entry<String, float[][]> e : forcing.entrySet()) {
                e.getValue()[k] = slice(ds.series(Variable.valueOf(e.getKey()), rows[k]), scoreStart, nDays);
            }
        }
        return new Simulation(ids, ds.date(scoreStart), nDays, outputs, obs, forcing, model.outputs());
    }

    private static float[] slice(float[] series, int from, int n) {
        float[] out = new float[n];
        for (int d = 0; d < n; d++) {
            int i = from + d;
            out[d] = i >= 0 && i < series.length ? series[i] : Float.NaN;
        }
        return out;
    }
}
