package org.hydrodelta.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.hydrodelta.core.loss.LossResult;
import org.hydrodelta.core.model.HydroModel;
import org.hydrodelta.core.nn.Parameter;
import org.hydrodelta.core.train.Trainer;

/**
 * Data-parallel computation of one minibatch's loss gradient on Spark, the driver side. Each iteration:
 * <ol>
 * <li>the driver broadcasts the weights and the dropout random state ({@link Weights});</li>
 * <li>forward job: each partition (a fixed set of basins, loaded only by the executor that runs it) simulates its
 * slice of the minibatch and returns simulated and observed flow ({@link PartitionWorker#forward});</li>
 * <li>the driver evaluates the loss on the whole minibatch, in the local trainer's sample order and with its code
 * ({@link HydroModel#loss()}), so the loss value and dLoss/dflow are those of a single-process run;</li>
 * <li>backward job: each partition back-propagates its slice of dLoss/dflow ({@link PartitionWorker#backward});</li>
 * <li>the driver adds the partitions' gradients in ascending partition order into its model's gradients; the
 * {@link Trainer} then takes the optimiser step, logs and checkpoints exactly as locally.</li>
 * </ol>
 *
 * <p>Why the loss is computed on the driver: the losses (RMSE-comb, NSE*) pool over the whole minibatch (a square
 * root of a mean over all observations), so per-slice losses would not add up to the batch loss; a second job is
 * cheaper than approximating. Deviation from bit-identity with the local trainer (spec: "to float tolerance"): the
 * weight gradients are sums over samples, and summing per-partition partial sums adds the same terms in another
 * order; and the network's matrix products over a slice are blocked differently from those over the whole batch, so
 * simulated flow differs in its last bits too. On the test's tiny δ model the weights after 6 steps differ by at
 * most 2e-7 relative ({@code DataParallelTrainingTest} allows 1e-5). Two cluster runs with the same
 * partitions are bit-identical to each other: the partitions are fixed, each partition's slice keeps the sampler's
 * order, and the driver adds partitions in a fixed order whatever order tasks finish in.
 */
public final class DataParallelStep implements Trainer.GradientStep {
    private final JavaSparkContext jsc;
    private final TrainJob job;
    private final List<String> basinIds;
    private final Map<String, Integer> partitionOf;
    private final HydroModel model;
    private long iteration;
    private long jobNanos;
    private long driverNanos;
    private long slowestComputeNanos;
    private double imbalanceSum;

    /**
     * @param jsc      the Spark context
     * @param job      the run's job
     * @param basinIds basin id of each dataset row of the driver's data (the trainer's rows)
     * @param model    the driver's model (its parameters receive the summed gradient)
     */
    public DataParallelStep(JavaSparkContext jsc, TrainJob job, List<String> basinIds, HydroModel model) {
        this.jsc = jsc;
        this.job = job;
        this.basinIds = List.copyOf(basinIds);
        this.model = model;
        this.partitionOf = new java.util.HashMap<>();
        for (int p = 0; p < job.partitions().size(); p++) {
            for (String b : job.partitions().get(p)) {
                partitionOf.put(b, p);
            }
        }
    }

    /**
     * Splits basins into partitions round-robin in their order (partition p gets basins p, p + n, ...), so each
     * partition holds a mix of regions and slices are of similar size.
     *
     * @param basins     the run's basins in order
     * @param partitions how many partitions (at most the number of basins)
     * @return basin ids per partition
     */
    public static List<List<String>> partition(List<String> basins, int partitions) {
        int n = Math.max(1, Math.min(partitions, basins.size()));
        List<List<String>> out = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < basins.size(); i++) {
            out.get(i % n).add(basins.get(i));
        }
        return out.stream().map(List::copyOf).toList();
    }

    /** @return the run's job id (keys the executors' caches) */
    public String jobId() {
        return job.id();
    }

    /** @return seconds spent in Spark jobs so far (forward and backward) */
    public double jobSeconds() {
        return jobNanos / 1e9;
    }

    /**
     * @return seconds of executor compute inside the jobs, per phase the slowest partition's (the part of
     *         {@link #jobSeconds()} that is not Spark's scheduling and transfer)
     */
    public double computeSeconds() {
        return slowestComputeNanos / 1e9;
    }

    /**
     * @return the sum over iterations of the largest slice's size divided by an even share of the minibatch (the
     *         slowest partition sets an iteration's pace; basins are sampled at random, so slices differ)
     */
    public double imbalanceSum() {
        return imbalanceSum;
    }

    /** @return seconds the driver spent between jobs (slicing, loss, summing) */
    public double driverSeconds() {
        return driverNanos / 1e9;
    }

    @Override
    public HydroModel.LossValue compute(int[] rows, int[] firstDays, int warmup, int window) {
        long t0 = System.nanoTime();
        iteration++;
        String step = job.id() + ":" + iteration;
        int batch = rows.length;
        int np = job.partitions().size();
        List<List<Integer>> members = new ArrayList<>();
        for (int p = 0; p < np; p++) {
            members.add(new ArrayList<>());
        }
        for (int k = 0; k < batch; k++) {
            String b = basinIds.get(rows[k]);
            Integer p = partitionOf.get(b);
            if (p == null) {
                throw new IllegalStateException("basin " + b + " is in no partition of cluster job " + job.id());
            }
            members.get(p).add(k);
        }
        imbalanceSum += members.stream().mapToInt(List::size).max().orElse(0) * (double) np / batch;
        List<Slice> slices = new ArrayList<>();
        for (int p = 0; p < np; p++) {
            List<Integer> ks = members.get(p);
            if (ks.isEmpty()) {
                continue;
            }
            int[] pos = ks.stream().mapToInt(Integer::intValue).toArray();
            String[] ids = new String[pos.length];
            int[] days = new int[pos.length];
            for (int j = 0; j < pos.length; j++) {
                ids[j] = basinIds.get(rows[pos[j]]);
                days[j] = firstDays[pos[j]];
            }
            slices.add(new Slice(p, step, pos, ids, days, warmup, window, null));
        }
        Broadcast<Weights> weights = jsc.broadcast(Weights.of(model));
        try {
            TrainJob j = job;
            long t1 = System.nanoTime();
            driverNanos += t1 - t0;
            List<PartitionWorker.Forward> fw = jsc.parallelize(slices, slices.size())
                    .map(s -> PartitionWorker.forward(j, weights.value(), s)).collect();
            long t2 = System.nanoTime();
            jobNanos += t2 - t1;
            slowestComputeNanos += fw.stream().mapToLong(PartitionWorker.Forward::nanos).max().orElse(0);
            float[] flow = new float[window * batch];
            float[] obs = new float[window * batch];
            for (int i = 0; i < slices.size(); i++) {
                Slice s = slices.get(i);
                PartitionWorker.Forward f = fw.get(i);
                if (f.partition() != s.partition()) {
                    throw new IllegalStateException("results out of partition order");
                }
                scatter(f.flow(), flow, s.positions(), batch, window);
                scatter(f.obs(), obs, s.positions(), batch, window);
            }
            // every slice drew the same dropout mask from the same state: the state after it is the local one
            model.setRandomState(fw.get(0).randomState());
            float[] dFlow = new float[window * batch];
            LossResult r = model.loss().evaluate(flow, obs, dFlow, batch);
            if (!r.hasData()) {
                driverNanos += System.nanoTime() - t2;
                return new HydroModel.LossValue(0, 0);
            }
            List<Slice> back = new ArrayList<>();
            for (Slice s : slices) {
                back.add(s.withGradient(gather(dFlow, s.positions(), batch, window)));
            }
            long t3 = System.nanoTime();
            driverNanos += t3 - t2;
            List<PartitionWorker.Gradient> gs = jsc.parallelize(back, back.size())
                    .map(s -> PartitionWorker.backward(j, weights.value(), s)).collect();
            long t4 = System.nanoTime();
            jobNanos += t4 - t3;
            slowestComputeNanos += gs.stream().mapToLong(PartitionWorker.Gradient::nanos).max().orElse(0);
            List<Parameter> ps = model.parameters();
            // fixed order: ascending partition, whatever order the tasks finished in
            for (PartitionWorker.Gradient g : gs.stream().sorted(java.util.Comparator.comparingInt(
                    PartitionWorker.Gradient::partition)).toList()) {
                for (int i = 0; i < ps.size(); i++) {
                    float[] dst = ps.get(i).grad();
                    float[] src = g.grads()[i];
                    for (int e = 0; e < dst.length; e++) {
                        dst[e] += src[e];
                    }
                }
            }
            driverNanos += System.nanoTime() - t4;
            return new HydroModel.LossValue(r.value(), r.count());
        } finally {
            weights.destroy();
        }
    }

    /** Copies a slice's {@code [window][j]} values to the batch's {@code [window][k]} layout. */
    private static void scatter(float[] src, float[] dst, int[] pos, int batch, int window) {
        int s = pos.length;
        for (int d = 0; d < window; d++) {
            for (int j = 0; j < s; j++) {
                dst[d * batch + pos[j]] = src[d * s + j];
            }
        }
    }

    private static float[] gather(float[] src, int[] pos, int batch, int window) {
        int s = pos.length;
        float[] out = new float[window * s];
        for (int d = 0; d < window; d++) {
            for (int j = 0; j < s; j++) {
                out[d * s + j] = src[d * batch + pos[j]];
            }
        }
        return out;
    }
}
