package org.hydrodelta.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.model.BatchAssembler;
import org.hydrodelta.core.eval.BasinMetrics;
import org.hydrodelta.core.model.Batch;
import org.hydrodelta.core.model.HydroModel;
import org.hydrodelta.core.nn.Parameter;
import org.hydrodelta.core.nn.optim.Optimizer;
import org.hydrodelta.core.nn.optim.OptimizerState;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ProjectStore;

/**
 * The training loop: epochs of sampled minibatches, one optimiser step per batch with observations (a batch of
 * gaps only is skipped, never turned into NaN), a checkpoint after every epoch with everything needed to resume
 * bit-identically (weights, optimiser state, sampler and dropout random states, epoch), a log row per
 * iteration, progress and cancellation at iteration boundaries. A cancelled run keeps its last checkpoint.
 */
public final class Trainer {
    private final HydroModel model;
    private final Optimizer optimizer;
    private final BatchAssembler assembler;
    private final MinibatchSampler sampler;
    private final int[] trainRows;
    private final int trainFirstDay;
    private final int batchSize;
    private final int warmup;
    private final int window;
    private final int epochs;
    private final int iterationsPerEpoch;
    private final RunFolder run;
    private final Validation validation;
    private GradientStep gradientStep;
    private int patience;
    private int bestEpoch;
    private double bestNse = Double.NaN;

    /**
     * Computes the loss gradient of one minibatch somewhere else than in this process's model (the cluster module's
     * data-parallel training). It must add dLoss/dParameter of the whole minibatch into the gradients of the
     * trainer's model's parameters (zeroed before the call), leave the model's random state as the local
     * {@link HydroModel#trainStep} would, and return the loss of the whole minibatch; the trainer then takes the
     * optimiser step, logs and checkpoints exactly as locally.
     */
    @FunctionalInterface
    public interface GradientStep {
        /**
         * @param rows      dataset row of each sample's basin (length = batch size)
         * @param firstDays dataset day index of each sample's first (warm-up) day
         * @param warmup    warm-up days
         * @param window    window days
         * @return the minibatch's loss and observation count (count 0: no observations, the step is skipped)
         */
        HydroModel.LossValue compute(int[] rows, int[] firstDays, int warmup, int window);
    }

    /** Computes per-basin validation NSE after an epoch; {@code null} when the experiment has no validation period. */
    @FunctionalInterface
    public interface Validation {
        /**
         * @param model the model after the epoch
         * @return NSE per basin id
         */
        Map<String, Double> nsePerBasin(HydroModel model);
    }

    /**
     * @param model              the model
     * @param optimizer          the optimiser
     * @param assembler          cuts batches from the dataset
     * @param sampler            draws windows over the training basins and period
     * @param trainRows          dataset row of each training basin (sampler index → row)
     * @param trainFirstDay      dataset day index of the training period's first day
     * @param batchSize          samples per batch
     * @param warmup             warm-up days
     * @param window             window days
     * @param epochs             epochs
     * @param iterationsPerEpoch iterations per epoch
     * @param run                run folder for the log and checkpoints
     * @param validation         validation after each epoch, or {@code null}
     */
    public Trainer(HydroModel model, Optimizer optimizer, BatchAssembler assembler, MinibatchSampler sampler,
            int[] trainRows, int trainFirstDay, int batchSize, int warmup, int window, int epochs,
            int iterationsPerEpoch, RunFolder run, Validation validation) {
        this.model = model;
        this.optimizer = optimizer;
        this.assembler = assembler;
        this.sampler = sampler;
        this.trainRows = trainRows.clone();
        this.trainFirstDay = trainFirstDay;
        this.batchSize = batchSize;
        this.warmup = warmup;
        this.window = window;
        this.epochs = epochs;
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.run = run;
        this.validation = validation;
    }

    /**
     * Stops training after {@code epochs} epochs without a better median validation NSE (needs a validation).
     *
     * @param epochs patience; 0 trains every epoch
     * @return this trainer
     */
    public Trainer earlyStopping(int epochs) {
        this.patience = epochs;
        return this;
    }

    /**
     * Replaces the local gradient computation ({@link HydroModel#trainStep} on the assembled batch) by another
     * (data-parallel training); everything else (sampling, optimiser, logs, checkpoints, validation) stays.
     *
     * @param step the gradient computation, or {@code null} for the local one
     * @return this trainer
     */
    public Trainer gradientStep(GradientStep step) {
        this.gradientStep = step;
        return this;
    }

    /** @return the epoch with the best median validation NSE so far, 0 when none was validated */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return iterations per epoch */
    public int iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    /**
     * Trains from the epoch after {@code completedEpochs} to the last.
     *
     * @param completedEpochs epochs already done (0 for a new run; from {@link #restore} when resuming)
     * @param progress        progress in iterations
     * @param cancel          checked before every iteration
     * @param listener        loss and validation events
     * @throws IOException if the log or a checkpoint cannot be written
     */
    public void train(int completedEpochs, ProgressListener progress, CancellationToken cancel,
            TrainingListener listener) throws IOException {
        long total = (long) epochs * iterationsPerEpoch;
        int[] sampled = new int[batchSize];
        int[] rows = new int[batchSize];
        int[] starts = new int[batchSize];
        List<Parameter> params = model.parameters();
        double lastValue = Double.NaN;
        double lastSeconds = 0;
        for (int epoch = completedEpochs + 1; epoch <= epochs; epoch++) {
            double lossSum = 0;
            int lossCount = 0;
            for (int it = 1; it <= iterationsPerEpoch; it++) {
                cancel.throwIfCancelled();
                long t0 = System.nanoTime();
                long global = (long) (epoch - 1) * iterationsPerEpoch + it;
                sampler.next(sampled, starts);
                for (int k = 0; k < batchSize; k++) {
                    rows[k] = trainRows[sampled[k]];
                    starts[k] = trainFirstDay + starts[k] - warmup;
                }
                HydroModel.LossValue loss;
                if (gradientStep == null) {
                    Batch batch = assembler.assemble(rows, starts, warmup, window);
                    params.forEach(Parameter::zeroGrad);
                    loss = model.trainStep(batch);
                } else {
                    params.forEach(Parameter::zeroGrad);
                    loss = gradientStep.compute(rows.clone(), starts.clone(), warmup, window);
                }
                double value = Double.NaN;
                if (loss.count() > 0) {
                    if (!Double.isFinite(loss.value())) {
                        throw new IllegalStateException("loss became " + loss.value() + " at epoch " + epoch
                                + ", iteration " + it + "; the last checkpoint is kept");
                    }
                    optimizer.step(params);
                    value = loss.value();
                    lossSum += value;
                    lossCount++;
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (it < iterationsPerEpoch || validation == null) {
                    run.log(global, epoch, value, Double.NaN, seconds);
                } else {
                    lastValue = value;
                    lastSeconds = seconds;
                }
                listener.iteration(global, epoch, value);
                progress.progress(global, total, String.format("epoch %d/%d, iteration %d/%d, loss %.4f", epoch,
                        epochs, it, iterationsPerEpoch, value));
            }
            Map<String, Double> nse = validation == null ? Map.of() : validation.nsePerBasin(model);
            if (validation != null) {
                // the epoch's last row carries the median validation NSE (it was always empty before)
                double median = BasinMetrics.median(nse.values().stream().mapToDouble(Double::doubleValue).toArray());
                run.log((long) epoch * iterationsPerEpoch, epoch, lastValue, median, lastSeconds);
                if (Double.isFinite(median) && (bestEpoch == 0 || !(median <= bestNse))) {
                    bestEpoch = epoch;
                    bestNse = median;
                }
                run.recordValidation(epoch, median, nse.values().stream().filter(Double::isFinite).count(),
                        bestEpoch, bestNse);
            }
            checkpoint(epoch);
            listener.epoch(epoch, lossCount == 0 ? Double.NaN : lossSum / lossCount, nse);
            if (patience > 0 && bestEpoch > 0 && epoch - bestEpoch >= patience && epoch < epochs) {
                run.recordEarlyStop(epoch, "no better median validation NSE for " + patience + " epochs after epoch "
                        + bestEpoch);
                progress.progress(total, total, "early stop after epoch " + epoch + "; best epoch " + bestEpoch);
                return;
            }
        }
    }

    /**
     * Writes {@code checkpoints/epoch_NNN/}: weights, optimiser state, and {@code state.json} last, so a
     * checkpoint without state.json is incomplete and ignored on resume.
     *
     * @param epoch the finished epoch
     * @throws IOException if writing fails
     */
    public void checkpoint(int epoch) throws IOException {
        try {
            writeCheckpoint(epoch);
        } catch (IOException e) {
            throw new IOException("cannot write checkpoint " + run.checkpointDir(epoch) + ": " + (e instanceof
                    java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage()), e);
        }
    }

    private void writeCheckpoint(int epoch) throws IOException {
        Path dir = run.checkpointDir(epoch);
        Files.createDirectories(dir);
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            weights.put(p.name(), p.value());
        }
        TensorFile.write(dir.resolve("weights.bin"), weights);
        OptimizerState os = optimizer.exportState();
        TensorFile.write(dir.resolve("optimizer.bin"), os.tensors());
        ObjectNode state = ProjectStore.mapper().createObjectNode();
        state.put("epoch", epoch);
        state.put("optimizer", os.kind());
        state.put("optimizerSteps", os.steps());
        state.put("samplerState", sampler.state());
        state.put("modelRandomState", model.randomState());
        run.writeJson(run.dir().relativize(dir.resolve("state.json")).toString(), state);
    }

    /**
     * Loads a checkpoint into the model, optimiser and sampler.
     *
     * @param dir a checkpoint folder
     * @return the epoch it completed
     * @throws IOException if it is incomplete or does not match the model
     */
    public int restore(Path dir) throws IOException {
        JsonNode state = ProjectStore.mapper().readTree(dir.resolve("state.json").toFile());
        loadWeights(model, dir);
        optimizer.importState(new OptimizerState(state.get("optimizer").asText(), state.get("optimizerSteps")
                .asLong(), TensorFile.read(dir.resolve("optimizer.bin"))));
        sampler.setState(state.get("samplerState").asLong());
        model.setRandomState(state.get("modelRandomState").asLong());
        JsonNode info = run.readJson("run.json");
        if (info.has("bestEpoch")) {
            bestEpoch = info.get("bestEpoch").asInt();
            bestNse = info.get("bestValidationNse").asDouble(Double.NaN);
        }
        return state.get("epoch").asInt();
    }

    /**
     * Loads only a checkpoint's weights into a model (for evaluation).
     *
     * @param model the model
     * @param dir   a checkpoint folder
     * @throws IOException if a tensor is missing or of another size
     */
    public static void loadWeights(HydroModel model, Path dir) throws IOException {
        Map<String, float[]> weights = TensorFile.read(dir.resolve("weights.bin"));
        for (Parameter p : model.parameters()) {
            float[] v = weights.get(p.name());
            if (v == null) {
                throw new IOException(dir + ": checkpoint has no tensor " + p.name());
            }
            try {
                p.load(v);
            } catch (IllegalArgumentException e) {
                throw new IOException(dir + ": " + e.getMessage(), e);
            }
        }
    }

}
