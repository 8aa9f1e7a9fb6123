package org.hydrodelta.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hydrodelta.core.conceptual.ConceptualModel;
import org.hydrodelta.core.conceptual.OutputSpec;
import org.hydrodelta.core.conceptual.ParameterDays;
import org.hydrodelta.core.loss.LossResult;
import org.hydrodelta.core.loss.FlowLoss;
import org.hydrodelta.core.nn.LstmNetwork;
import org.hydrodelta.core.nn.OutputRows;
import org.hydrodelta.core.nn.Parameter;
import org.hydrodelta.core.nn.gemm.Gemm;

/**
 * The δ model (spec §0, §3): an LSTM maps normalised forcings and attributes to raw values, a sigmoid maps
 * them to [0, 1], the HBV kernel scales them to physical ranges and runs warm-up, window and routing; the loss
 * compares routed flow with observations, and the gradient flows back through routing, HBV and the network.
 *
 * <p>The network sees warm-up and window (T = 730 days in the paper) for both variants, as δMG does; for the
 * static variant only its last day's output is used, so this equals hydroDL's window-only input up to the
 * LSTM's longer spin-up.
 */
public final class DeltaModel implements HydroModel {
    private final ConceptualModel hbv;
    private final ParameterNetwork network;
    /** The training kernel, built for one batch size; rebuilt when a batch of another size arrives. */
    private ConceptualModel.Kernel trainKernel;
    private int kernelBatch;
    /** The training batch size the model was built for: what {@link #trainStep} takes. */
    private final int batchSize;
    private final int warmup;
    private final int window;
    private final boolean diagnostics;
    private final FlowLoss loss;
    private final org.hydrodelta.core.loss.TargetLoss targets;
    private final Map<String, float[]> grads = new java.util.HashMap<>();
    private final int threads;
    private final int ny;
    private final boolean dynamic;
    /** The columns of the dynamic parameters in a row of the network output (ascending). */
    private final int[] dynamicColumns;
    private float[] u = new float[0];
    private float[] dU = new float[0];
    private float[] dQ = new float[0];
    private float[] lastValues;
    private int lastN;
    /**
     * The dynamic parameters of the window days as the kernel's compact block ({@code [windowDay][sample][nDynamic·M]},
     * after the sigmoid), taken from the output layer's compact product, and its gradient; see {@link #forwardTrain}.
     */
    private float[] uBlock = new float[0];
    private float[] gBlock = new float[0];
    /** The block of the last forwardTrain, or null (the kernel read the dynamic parameters from u's rows). */
    private float[] lastBlock;
    /** First network output row of the window in the last forwardTrain ({@code warmup·samples}). */
    private int lastWindowRow;
    /** Offset of that row in the output layer's compact buffers. */
    private int lastBlockOffset;
    /** With a block: the days whose rows of u the kernel reads ({@link #fullDays}), and the floats of one day's rows. */
    private int[] lastFullDays;
    private int lastRow;
    /** False: the kernel reads the dynamic parameters from u's rows (for tests comparing the two paths). */
    boolean blockEnabled = true;

    /**
     * @param hbv         the conceptual model (parameters, dynamic flags, components, routing)
     * @param nIn         network inputs per day
     * @param hidden      LSTM hidden size
     * @param dropout     DropConnect rate
     * @param seed        initialisation and dropout seed
     * @param gemm        matrix engine (its pool sets the network's threads)
     * @param batch       training batch size
     * @param warmup      training warm-up days
     * @param window      training window days
     * @param loss        the training loss
     * @param threads     HBV kernel threads
     */
    public DeltaModel(ConceptualModel hbv, int nIn, int hidden, float dropout, long seed, Gemm gemm, int batch, int warmup,
            int window, FlowLoss loss, int threads) {
        this(hbv, ParameterNetwork.lstm(nIn, hidden, hbv.rowWidth(), dropout, seed, gemm), batch, warmup, window, loss,
                threads);
    }

    /**
     * @param hbv     the conceptual model; without dynamic parameters for a network that is not an LSTM
     * @param network the network producing its raw parameter values
     * @param batch   training batch size
     * @param warmup  training warm-up days
     * @param window  training window days
     * @param loss    the training loss
     * @param threads kernel threads
     */
    DeltaModel(ConceptualModel hbv, ParameterNetwork network, int batch, int warmup, int window, FlowLoss loss,
            int threads) {
        this(hbv, network, batch, warmup, window, loss, null, threads);
    }

    /**
     * @param hbv     the conceptual model
     * @param network the network producing its raw parameter values
     * @param batch   training batch size
     * @param warmup  training warm-up days
     * @param window  training window days
     * @param loss    the streamflow loss (used when {@code targets} is null)
     * @param targets the loss over several targets (issue 18), or {@code null} to train on streamflow only
     * @param threads kernel threads
     */
    DeltaModel(ConceptualModel hbv, ParameterNetwork network, int batch, int warmup, int window, FlowLoss loss,
            org.hydrodelta.core.loss.TargetLoss targets, int threads) {
        this.targets = targets;
        this.hbv = hbv;
        this.ny = hbv.rowWidth();
        this.network = network;
        if (network.lstm().isEmpty() && hbv.anyDynamic()) {
            throw new IllegalArgumentException("network.type mlp produces static parameters only; "
                    + "hbv.dynamicParameters must be empty");
        }
        // outputs besides discharge are written by a kernel with diagnostics only
        this.diagnostics = targets != null
                && !targets.outputs().equals(java.util.Set.of(hbv.outputs().get(0).name()));
        this.warmup = warmup;
        this.window = window;
        this.trainKernel = hbv.newKernel(batch, warmup, window, threads, diagnostics);
        this.kernelBatch = batch;
        this.batchSize = batch;
        this.loss = loss;
        this.threads = threads;
        this.dynamic = hbv.anyDynamic();
        int nmul = hbv.components();
        List<org.hydrodelta.core.conceptual.ParameterSpec> specs = hbv.parameters();
        this.dynamicColumns = java.util.stream.IntStream.range(0, specs.size()).filter(p -> specs.get(p).dynamic())
                .flatMap(p -> java.util.stream.IntStream.range(p * nmul, (p + 1) * nmul)).toArray();
    }

    @Override
    public List<OutputSpec> outputs() {
        return hbv.outputs();
    }

    @Override
    public Optional<ConceptualModel> conceptual() {
        return Optional.of(hbv);
    }

    @Override
    public Optional<LstmNetwork> parameterNetwork() {
        return network.lstm();
    }

    @Override
    public boolean coldStartOverRecord() {
        return dynamic;
    }

    /** @return the LSTM (for inspection and tests) */
    public LstmNetwork network() {
        return network.lstm().orElseThrow(() -> new IllegalStateException("this δ model's network is no LSTM"));
    }

    @Override
    public List<Parameter> parameters() {
        return network.parameters();
    }

    /** Network (inference) → sigmoid, for {@link #simulate}; training does its own ({@link #forwardTrain}). */
    private float[] parameterValues(Batch b) {
        int n = b.days() * b.size() * ny;
        float[] raw = network.infer(b.input(), b.days(), b.size());
        float[] out = new float[n];
        Sigmoid.forward(raw, out, n);
        return out;
    }

    /**
     * The network outputs a training pass reads: every column on the days of {@link ParameterDays} (the warm-up
     * parameter day, the static-parameter day, the routing day), the dynamic parameters' columns on the window days
     * between; nothing before. The network's output layer computes only these (the others are zero and get zero
     * gradients). The static variant reads its last day only.
     */
    private OutputRows read(Batch b) {
        if (!dynamic) {
            return OutputRows.from(b.days() - 1);
        }
        ParameterDays pd = ParameterDays.training(b.warmup(), b.window());
        return new OutputRows(pd.warmupDay(), fullDays(pd), dynamicColumns);
    }

    @Override
    public LossValue trainStep(Batch b) {
        if (b.size() != batchSize) {
            // a whole minibatch has the configured size; only data-parallel slices (forwardTrain) vary
            throw new IllegalArgumentException("training batch of " + b.size() + " samples, the model was built for"
                    + " training.batchSize = " + batchSize);
        }
        float[] q = forwardTrain(b);
        int nq = b.window() * b.size();
        if (dQ.length != nq) {
            dQ = new float[nq];
        }
        if (targets != null) {
            return targetStep(b, lastValues, nq);
        }
        LossResult r = loss.evaluate(q, b.obs(), dQ, b.size());
        if (!r.hasData()) {
            return new LossValue(0, 0);
        }
        backwardTrain(dQ);
        return new LossValue(r.value(), r.count());
    }

    /**
     * The training kernel for a batch of {@code n} samples. The local trainer always brings the size the model was
     * built for; a data-parallel slice (cluster module) brings a share of the minibatch whose size changes from
     * one iteration to the next. The network's buffers grow as needed, so only the kernel (a few tens of MB at
     * most) is rebuilt, instead of one whole model per slice size (which ran out of memory on the paper
     * configuration).
     */
    private ConceptualModel.Kernel kernelFor(int n) {
        if (n != kernelBatch) {
            trainKernel.close();
            trainKernel = hbv.newKernel(n, warmup, window, threads, diagnostics);
            kernelBatch = n;
        }
        return trainKernel;
    }

    /**
     * Simulates a training batch. With dynamic parameters the kernel takes those of the window days as a compact
     * block ({@link ConceptualModel.Kernel#forward(float[], float[], float[], ParameterDays)}): the output layer
     * already computes their columns as one compact product ({@link ParameterNetwork#selectedOutputs()}), whose
     * rows are 4·nDynamic·M bytes apart instead of u's 4·(nParams·M + 2); read out of u's rows they cost the kernel
     * a cache miss per row and day (about a quarter of {@code bench hbv}). Same values, same bits: the block is the
     * same sigmoid of the same outputs, and its gradient reaches the output layer's compact gradient buffer as u's
     * would reach its rows. A loss over several targets reads u's rows (its kernel writes diagnostics too).
     */
    @Override
    public float[] forwardTrain(Batch b) {
        kernelFor(b.size());
        int n = b.days() * b.size() * ny;
        float[] raw = network.forward(b.input(), b.days(), b.size(), read(b));
        if (u.length != n) {
            u = new float[n];
        }
        ParameterDays pd = dynamic ? ParameterDays.training(b.warmup(), b.window())
                : ParameterDays.allFrom(b.days() - 1);
        float[] block = dynamicBlock(b, pd);
        if (block == null) {
            Sigmoid.forward(raw, u, n);
        } else {
            // with the block the kernel reads u on these days' rows only: the rest of u (61 MB in the paper
            // configuration) goes through no sigmoid, and its gradient is neither cleared nor read (backwardTrain)
            lastFullDays = fullDays(pd);
            int row = b.size() * ny;
            for (int d : lastFullDays) {
                Sigmoid.forward(raw, d * row, u, d * row, row);
            }
        }
        trainKernel.forward(b.forcing(), u, block, pd);
        lastValues = u;
        lastN = n;
        lastRow = b.size() * ny;
        lastBlock = block;
        return trainKernel.discharge();
    }

    /** The days on which the kernel reads every column of u (warm-up parameters, static ones, routing), sorted. */
    private static int[] fullDays(ParameterDays pd) {
        return java.util.stream.IntStream.of(pd.warmupDay(), pd.staticDay(), pd.routingDay()).sorted().distinct()
                .toArray();
    }

    /** @return whether the last {@link #forwardTrain} gave the kernel the dynamic parameters as a block */
    boolean lastTookBlock() {
        return lastBlock != null;
    }

    /** The window days' dynamic parameters as the kernel's block, or null where u's rows are read instead. */
    private float[] dynamicBlock(Batch b, ParameterDays pd) {
        int ns = dynamicColumns.length;
        if (!blockEnabled || !dynamic || targets != null || ns == 0 || trainKernel.dynamicBlockWidth() != ns) {
            return null;
        }
        float[] selected = network.selectedOutputs();
        if (selected == null) {
            return null;
        }
        // the compact rows start at the first row the network computes, the warm-up parameter day (read(b))
        int n = b.window() * b.size() * ns;
        if (uBlock.length != n) {
            uBlock = new float[n];
            gBlock = new float[n];
        }
        lastWindowRow = b.warmup() * b.size();
        lastBlockOffset = (b.warmup() - pd.warmupDay()) * b.size() * ns;
        Sigmoid.forward(selected, lastBlockOffset, uBlock, n);
        return uBlock;
    }

    @Override
    public void backwardTrain(float[] dFlow) {
        if (lastValues == null) {
            throw new IllegalStateException("backwardTrain without a forwardTrain before it");
        }
        int n = lastN;
        if (lastBlock == null) {
            if (dU.length != n) {
                dU = new float[n];
            } else {
                java.util.Arrays.fill(dU, 0f);
            }
            trainKernel.backward(dFlow, dU);
            Sigmoid.backwardInPlace(dU, lastValues, n);
        } else {
            // the kernel adds into the rows of the full days only, and the output layer takes the dynamic columns of the
            // window rows from its compact buffer; it still sums the bias gradient over every row, so the other rows
            // of dLoss/du must be zero: nothing here ever writes them (allocated zero, and this model's training
            // always takes this path)
            if (dU.length != n) {
                dU = new float[n];
            } else {
                for (int d : lastFullDays) {
                    java.util.Arrays.fill(dU, d * lastRow, (d + 1) * lastRow, 0f);
                }
            }
            int nb = lastBlock.length;
            java.util.Arrays.fill(gBlock, 0, nb, 0f);
            trainKernel.backward(dFlow, dU, gBlock);
            Sigmoid.backwardInPlace(gBlock, lastBlock, nb);
            // the output layer takes the dynamic columns' gradients of the window rows from its compact buffer
            System.arraycopy(gBlock, 0, network.selectedGradients(lastWindowRow), lastBlockOffset, nb);
            for (int d : lastFullDays) {
                Sigmoid.backwardInPlace(dU, lastValues, d * lastRow, lastRow);
            }
        }
        network.backward(dU);
    }

    @Override
    public FlowLoss loss() {
        return loss;
    }

    /** The rest of a training step with a loss over several targets: every target's gradient goes back. */
    private LossValue targetStep(Batch b, float[] values, int nq) {
        LossResult r = TargetSteps.evaluate(targets, trainKernel, b, grads);
        if (!r.hasData()) {
            return new LossValue(0, 0);
        }
        int n = b.days() * b.size() * ny;
        if (dU.length != n) {
            dU = new float[n];
        } else {
            java.util.Arrays.fill(dU, 0f);
        }
        TargetSteps.backward(hbv, trainKernel, grads, nq, dU);
        Sigmoid.backwardInPlace(dU, values, n);
        network.backward(dU);
        return new LossValue(r.value(), r.count());
    }

    @Override
    public Map<String, float[]> simulate(Batch b, int staticDay) {
        float[] values = parameterValues(b);
        ParameterDays pd = dynamic ? new ParameterDays(Math.max(b.warmup() - 1, 0), staticDay, b.days() - 1)
                : ParameterDays.allFrom(staticDay);
        Map<String, float[]> out = new LinkedHashMap<>();
        try (ConceptualModel.Kernel k = hbv.newKernel(b.size(), b.warmup(), b.window(), threads, true)) {
            k.forward(b.forcing(), values, pd);
            for (OutputSpec o : hbv.outputs()) {
                out.put(o.name(), k.output(o.name()).clone());
            }
        }
        out.putAll(LearnedParameters.physical(hbv, values, b, pd.staticDay()));
        return out;
    }

    @Override
    public long randomState() {
        return network.randomState();
    }

    @Override
    public void setRandomState(long state) {
        network.setRandomState(state);
    }

    @Override
    public void close() {
        trainKernel.close();
    }
}
