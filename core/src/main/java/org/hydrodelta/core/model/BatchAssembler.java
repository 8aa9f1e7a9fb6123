package org.hydrodelta.core.model;

import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.NormalizationStats;
import org.hydrodelta.core.data.Variable;

/**
 * Cuts batches out of a dataset: network inputs normalised with the run's statistics, raw HBV forcing and
 * observed flow, time-major ({@code [day][sample][...]}). Buffers are reused between batches of one shape.
 */
public final class BatchAssembler {
    private final BasinDataset ds;
    private final NormalizationStats stats;
    private final boolean inputs;
    private float[] basinInputs = new float[0];
    private org.hydrodelta.core.data.auxiliary.AuxiliaryObservations auxiliary;
    private java.util.Map<String, float[]> auxiliarySd = java.util.Map.of();

    /**
     * @param ds     the dataset (all periods the batches may touch)
     * @param stats  normalisation statistics of the run (training basins and period)
     * @param inputs whether network inputs are needed
     */
    public BatchAssembler(BasinDataset ds, NormalizationStats stats, boolean inputs) {
        this.ds = ds;
        this.stats = stats;
        this.inputs = inputs;
    }

    /**
     * Adds auxiliary observations to every batch assembled from now on ({@link Batch#auxiliary()}).
     *
     * @param obs the dataset's auxiliary series
     * @param sd  for each series a batch carries, its training-period standard deviation by basin row (the series'
     *            names are this map's keys)
     * @return this
     */
    public BatchAssembler withAuxiliary(org.hydrodelta.core.data.auxiliary.AuxiliaryObservations obs,
            java.util.Map<String, float[]> sd) {
        this.auxiliary = obs;
        this.auxiliarySd = java.util.Map.copyOf(sd);
        return this;
    }

    /** @return inputs per day of the network */
    public int nInputs() {
        return stats.nFeatures();
    }

    /**
     * Assembles a batch whose samples start at given days.
     *
     * @param basins  dataset row of each sample
     * @param firstDay dataset day index of each sample's first (warm-up) day
     * @param warmup  warm-up days
     * @param window  window days
     * @return the batch (new arrays: batches may be kept by a caller while the next is assembled)
     */
    public Batch assemble(int[] basins, int[] firstDay, int warmup, int window) {
        int b = basins.length;
        int days = warmup + window;
        int nf = inputs ? stats.nFeatures() : 0;
        float[] input = inputs ? new float[days * b * nf] : null;
        float[] forcing = new float[days * b * 3];
        float[] obs = new float[window * b];
        if (inputs && basinInputs.length < days * nf) {
            basinInputs = new float[days * nf];
        }
        float[] p = ds.values(Variable.PRCP);
        float[] t = ds.values(Variable.TMEAN);
        float[] e = ds.values(Variable.PET);
        // prediction data may have no observed flow at all: the observations are then missing (NaN)
        float[] q = ds.has(Variable.QOBS) ? ds.values(Variable.QOBS) : null;
        for (int k = 0; k < b; k++) {
            int basin = basins[k];
            int off = ds.offset(basin);
            if (inputs) {
                stats.fillInputs(ds, basin, firstDay[k], days, basinInputs, 0);
                for (int d = 0; d < days; d++) {
                    System.arraycopy(basinInputs, d * nf, input, (d * b + k) * nf, nf);
                }
            }
            for (int d = 0; d < days; d++) {
                int day = firstDay[k] + d;
                boolean in = day >= 0 && day < ds.nDays();
                int f = (d * b + k) * 3;
                forcing[f] = in ? p[off + day] : Float.NaN;
                forcing[f + 1] = in ? t[off + day] : Float.NaN;
                forcing[f + 2] = in ? e[off + day] : Float.NaN;
                if (d >= warmup) {
                    obs[(d - warmup) * b + k] = in && q != null ? q[off + day] : Float.NaN;
                }
            }
        }
        java.util.Map<String, org.hydrodelta.core.loss.TargetLoss.Observed> aux = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<String, float[]> ae : auxiliarySd.entrySet()) {
            float[] v = auxiliary.values(ae.getKey());
            float[] values = new float[window * b];
            float[] sd = new float[b];
            for (int k = 0; k < b; k++) {
                int off = ds.offset(basins[k]);
                sd[k] = ae.getValue()[basins[k]];
                for (int d = 0; d < window; d++) {
                    int day = firstDay[k] + warmup + d;
                    values[d * b + k] = day >= 0 && day < ds.nDays() ? v[off + day] : Float.NaN;
                }
            }
            aux.put(ae.getKey(), new org.hydrodelta.core.loss.TargetLoss.Observed(values, sd));
        }
        return new Batch(b, warmup, window, basins.clone(), input, forcing, obs, aux);
    }
}
