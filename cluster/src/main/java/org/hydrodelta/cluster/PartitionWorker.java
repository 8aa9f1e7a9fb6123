package org.hydrodelta.cluster;

import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.hydrodelta.core.data.NormalizationStats;
import org.hydrodelta.core.model.Batch;
import org.hydrodelta.core.model.BatchAssembler;
import org.hydrodelta.core.model.HydroModel;
import org.hydrodelta.core.model.ModelRegistry;
import org.hydrodelta.core.nn.Parameter;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.ExperimentKeys;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.train.ExperimentData;

/**
 * The executor side of data-parallel training: one worker per (run, partition) and executor JVM, holding only its
 * partition's basins (loaded on first use from the path the project names) and one model, whatever the size of its
 * slice of each minibatch (the model rebuilds only its HBV kernel when the size changes; one model per size ran out
 * of memory on the paper configuration, 20 sizes of a 256-unit LSTM over 730 days). The forward phase keeps the
 * model's state for the backward phase of the same iteration; when the backward task runs elsewhere or after a retry
 * the forward pass is recomputed from the broadcast weights and random state, which gives the same values.
 *
 * <p>Failure injection for tests: the system property {@value #FAIL_PROPERTY} =
 * {@code forward|backward:ITERATION:PARTITION} fails that task's first attempt (Spark then retries it).
 */
public final class PartitionWorker {
    /** System property that fails one task's first attempt: {@code forward|backward:ITERATION:PARTITION}. */
    public static final String FAIL_PROPERTY = "hydrodelta.cluster.failOnce";
    private static final Map<String, PartitionWorker> WORKERS = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger INJECTED = new java.util.concurrent.atomic.AtomicInteger();

    private final TrainJob job;
    private final int partition;
    private final ExperimentConfig config;
    private final ExperimentData data;
    private final BatchAssembler assembler;
    private final Map<String, Integer> rowOf = new HashMap<>();
    private HydroModel model;
    private final WorkerPool pool;
    private String lastStep;

    /** Output of the forward phase. */
    public record Forward(int partition, float[] flow, float[] obs, long randomState, long nanos)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Output of the backward phase: dLoss/dParameter of the slice, per parameter in the model's order. */
    public record Gradient(int partition, float[][] grads, long nanos) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private PartitionWorker(TrainJob job, int partition) {
        this.job = job;
        this.partition = partition;
        List<String> basins = job.partitions().get(partition);
        ExperimentConfig c;
        try {
            c = ProjectStore.parseConfig(ProjectStore.mapper().readTree(job.configJson()), "cluster job " + job.id());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cluster job " + job.id() + ": unreadable configuration: " + e.getMessage(),
                    e);
        }
        this.config = c;
        Path file = Path.of(job.projectFile());
        try {
            Project project = ProjectStore.load(file);
            ExperimentConfig mine = ExperimentKeys.apply(c, List.of("basins=" + String.join(",", basins)),
                    "cluster partition " + partition);
            this.data = ExperimentData.load(project, mine, false, ProgressListener.NONE, CancellationToken.NONE);
        } catch (Exception e) {
            throw new IllegalStateException("executor " + host() + " cannot load the " + basins.size() + " basins of"
                    + " partition " + partition + " from project " + file + " (the project and its data must lie on a"
                    + " path every executor reads): " + e.getMessage(), e);
        }
        List<String> loaded = data.dataset().basinIds();
        for (int i = 0; i < loaded.size(); i++) {
            rowOf.put(loaded.get(i), i);
        }
        if (!loaded.equals(basins)) {
            throw new IllegalStateException("executor " + host() + ": partition " + partition + " should hold "
                    + basins + " but the data gave " + loaded);
        }
        NormalizationStats stats = NormalizationStats.fromJson(job.statsJson());
        this.assembler = new BatchAssembler(data.dataset(), stats,
                ModelRegistry.get(c.model()).capabilities().needsNetwork());
        this.pool = new WorkerPool(Math.max(1, job.executorThreads()));
    }

    /** @return failures injected in this JVM so far (tests) */
    public static int injectedFailures() {
        return INJECTED.get();
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "(unknown host)";
        }
    }

    private static PartitionWorker of(TrainJob job, int partition) {
        return WORKERS.computeIfAbsent(job.id() + "#" + partition, k -> new PartitionWorker(job, partition));
    }

    /**
     * Forgets a run's workers in this JVM (the driver's, in local mode).
     *
     * @param jobId the run's job id
     */
    public static void release(String jobId) {
        WORKERS.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(jobId + "#")) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    private synchronized void close() {
        if (model != null) {
            model.close();
            model = null;
        }
        pool.close();
    }

    private HydroModel model(int size) {
        if (model == null) {
            model = create(size);
        }
        return model;
    }

    private HydroModel create(int s) {
        HydroModel m = ModelRegistry.create(ExperimentKeys.apply(config, List.of(
                "training.batchSize=" + s, "training.threads=" + Math.max(1, job.executorThreads())), "cluster slice"),
                assembler.nInputs(), job.partitions().stream().mapToInt(List::size).sum(), new Gemm(pool),
                Math.max(1, job.executorThreads()));
        return m;
    }

    private Batch batch(Slice s) {
        int[] rows = new int[s.size()];
        for (int j = 0; j < rows.length; j++) {
            Integer r = rowOf.get(s.basins()[j]);
            if (r == null) {
                throw new IllegalStateException("basin " + s.basins()[j] + " is not in partition " + partition);
            }
            rows[j] = r;
        }
        return assembler.assemble(rows, s.firstDays(), s.warmup(), s.window());
    }

    private static void maybeFail(String phase, Slice s) {
        String spec = System.getProperty(FAIL_PROPERTY);
        if (spec == null) {
            return;
        }
        String iteration = s.step().substring(s.step().lastIndexOf(':') + 1);
        TaskContext tc = TaskContext.get();
        if (spec.equals(phase + ":" + iteration + ":" + s.partition()) && tc != null && tc.attemptNumber() == 0) {
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected failure (" + FAIL_PROPERTY + "=" + spec + ")");
        }
    }

    /**
     * Forward phase of one slice.
     *
     * @param job     the run
     * @param weights the driver's weights and random state
     * @param s       the slice
     * @return simulated and observed flow of the slice and the random state after the forward pass
     */
    public static Forward forward(TrainJob job, Weights weights, Slice s) {
        maybeFail("forward", s);
        return of(job, s.partition()).forwardSlice(weights, s);
    }

    /**
     * Backward phase of one slice.
     *
     * @param job     the run
     * @param weights the driver's weights and random state (to recompute the forward pass when needed)
     * @param s       the slice with its dLoss/dflow
     * @return the slice's dLoss/dParameter
     */
    public static Gradient backward(TrainJob job, Weights weights, Slice s) {
        maybeFail("backward", s);
        return of(job, s.partition()).backwardSlice(weights, s);
    }

    private synchronized Forward forwardSlice(Weights weights, Slice s) {
        long t0 = System.nanoTime();
        Batch b = batch(s);
        HydroModel m = model(s.size());
        weights.loadInto(m);
        float[] q = m.forwardTrain(b).clone();
        lastStep = s.step() + "/" + s.size();
        return new Forward(partition, q, b.obs(), m.randomState(), System.nanoTime() - t0);
    }

    private synchronized Gradient backwardSlice(Weights weights, Slice s) {
        long t0 = System.nanoTime();
        HydroModel m = model(s.size());
        if (!(s.step() + "/" + s.size()).equals(lastStep)) {
            // the forward phase ran elsewhere or before a retry: recompute it (same weights, same dropout draw)
            weights.loadInto(m);
            m.forwardTrain(batch(s));
        }
        List<Parameter> ps = m.parameters();
        ps.forEach(Parameter::zeroGrad);
        m.backwardTrain(s.dFlow());
        lastStep = null;
        float[][] g = new float[ps.size()][];
        for (int i = 0; i < g.length; i++) {
            g[i] = ps.get(i).grad().clone();
        }
        return new Gradient(partition, g, System.nanoTime() - t0);
    }
}
