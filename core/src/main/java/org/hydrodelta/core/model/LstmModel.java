package org.hydrodelta.core.model;

import java.util.List;
import java.util.Map;
import org.hydrodelta.core.conceptual.OutputSpec;
import org.hydrodelta.core.hbv.HbvModel;
import org.hydrodelta.core.loss.LossResult;
import org.hydrodelta.core.loss.FlowLoss;
import org.hydrodelta.core.nn.LstmNetwork;
import org.hydrodelta.core.nn.Parameter;
import org.hydrodelta.core.nn.gemm.Gemm;

/**
 * The plain LSTM benchmark the paper compares with: the same network and inputs, with one output per day
 * mapped to streamflow by a softplus (so the loss's square root of flow is always defined), trained with the
 * same loss on the same windows. It has no states or fluxes: that is what the δ model adds.
 */
public final class LstmModel implements HydroModel {
    private final LstmNetwork network;
    private final FlowLoss loss;
    private final org.hydrodelta.core.loss.TargetLoss targets;
    /** Names of the auxiliary heads, output columns 1.. of the network (column 0 is streamflow). */
    private final List<String> heads;
    private final Map<String, float[]> grads = new java.util.HashMap<>();
    private float[] q = new float[0];
    private float[] dQ = new float[0];
    private float[] dRaw = new float[0];
    private float[] lastRaw;
    private int lastDays;
    private int lastSize;
    private int lastWarmup;

    /**
     * @param nIn       inputs per day
     * @param hidden    hidden size
     * @param dropout   DropConnect rate
     * @param seed      seed
     * @param gemm      matrix engine
     * @param loss      the training loss
     */
    public LstmModel(int nIn, int hidden, float dropout, long seed, Gemm gemm, FlowLoss loss) {
        this(nIn, hidden, dropout, seed, gemm, loss, null);
    }

    /**
     * An LSTM with one extra linear output head per auxiliary target (issue 18): head j predicts the target's
     * variable directly in its observation's unit (no softplus: a standardised anomaly may be negative), trained
     * with its term of the loss; the network shares everything up to the output layer.
     *
     * @param nIn     inputs per day
     * @param hidden  hidden size
     * @param dropout DropConnect rate
     * @param seed    seed
     * @param gemm    matrix engine
     * @param loss    the streamflow loss (used when {@code targets} is null)
     * @param targets the loss over several targets, or {@code null}; every output it reads besides
     *                {@code Q_ROUTED} becomes a head
     */
    public LstmModel(int nIn, int hidden, float dropout, long seed, Gemm gemm, FlowLoss loss,
            org.hydrodelta.core.loss.TargetLoss targets) {
        List<String> h = new java.util.ArrayList<>();
        if (targets != null) {
            for (String o : targets.outputs()) {
                if (!o.equals(HbvModel.DISCHARGE.name())) {
                    h.add(o);
                }
            }
        }
        this.heads = List.copyOf(h);
        this.network = new LstmNetwork(nIn, hidden, 1 + heads.size(), dropout, seed, gemm);
        this.loss = loss;
        this.targets = targets;
    }

    /** @return the names of the auxiliary heads, in output-column order after streamflow */
    public List<String> heads() {
        return heads;
    }

    @Override
    public List<Parameter> parameters() {
        return network.parameters();
    }

    private static float softplus(float x) {
        return x > 20 ? x : (float) Math.log1p(Math.exp(x));
    }

    private float[] flows(float[] raw, Batch b) {
        int nq = b.window() * b.size();
        if (q.length != nq) {
            q = new float[nq];
        }
        int skip = b.warmup() * b.size();
        int nOut = 1 + heads.size();
        for (int i = 0; i < nq; i++) {
            q[i] = softplus(raw[(skip + i) * nOut]);
        }
        return q;
    }

    private float[] head(float[] raw, Batch b, int j) {
        int nq = b.window() * b.size();
        float[] out = new float[nq];
        int skip = b.warmup() * b.size();
        int nOut = 1 + heads.size();
        for (int i = 0; i < nq; i++) {
            out[i] = raw[(skip + i) * nOut + 1 + j];
        }
        return out;
    }

    private LossValue targetStep(float[] raw, Batch b) {
        Map<String, float[]> sims = new java.util.HashMap<>();
        sims.put(HbvModel.DISCHARGE.name(), flows(raw, b));
        for (int j = 0; j < heads.size(); j++) {
            sims.put(heads.get(j), head(raw, b, j));
        }
        LossResult r = targets.evaluate(sims, b.observations(), grads, b.size());
        if (!r.hasData()) {
            return new LossValue(0, 0);
        }
        int nOut = 1 + heads.size();
        int n = b.days() * b.size() * nOut;
        if (dRaw.length != n) {
            dRaw = new float[n];
        }
        java.util.Arrays.fill(dRaw, 0f);
        int skip = b.warmup() * b.size();
        float[] gq = grads.get(HbvModel.DISCHARGE.name());
        int nq = b.window() * b.size();
        for (int i = 0; i < nq; i++) {
            int at = (skip + i) * nOut;
            if (gq != null) {
                dRaw[at] = gq[i] * org.hydrodelta.core.nn.Activations.sigmoid(raw[at]);
            }
            for (int j = 0; j < heads.size(); j++) {
                float[] g = grads.get(heads.get(j));
                if (g != null) {
                    dRaw[at + 1 + j] = g[i];
                }
            }
        }
        network.backward(dRaw, false);
        return new LossValue(r.value(), r.count());
    }

    @Override
    public LossValue trainStep(Batch b) {
        if (targets != null) {
            return targetStep(network.forward(b.input(), b.days(), b.size(), true), b);
        }
        float[] sim = forwardTrain(b);
        if (dQ.length != sim.length) {
            dQ = new float[sim.length];
        }
        LossResult r = loss.evaluate(sim, b.obs(), dQ, b.size());
        if (!r.hasData()) {
            return new LossValue(0, 0);
        }
        backwardTrain(dQ);
        return new LossValue(r.value(), r.count());
    }

    @Override
    public float[] forwardTrain(Batch b) {
        if (targets != null) {
            // the split step serves data-parallel training of streamflow alone; the heads' terms need targetStep
            throw new UnsupportedOperationException("data-parallel training of an LSTM with auxiliary targets"
                    + " (experiment key targets) is not supported: train it locally");
        }
        float[] raw = network.forward(b.input(), b.days(), b.size(), true);
        lastRaw = raw;
        lastDays = b.days();
        lastSize = b.size();
        lastWarmup = b.warmup();
        return flows(raw, b);
    }

    @Override
    public void backwardTrain(float[] dFlow) {
        if (lastRaw == null) {
            throw new IllegalStateException("backwardTrain without a forwardTrain before it");
        }
        float[] raw = lastRaw;
        int n = lastDays * lastSize;
        if (dRaw.length != n) {
            dRaw = new float[n];
        }
        java.util.Arrays.fill(dRaw, 0f);
        int skip = lastWarmup * lastSize;
        for (int i = 0; i < dFlow.length; i++) {
            // d softplus(x)/dx = sigmoid(x)
            dRaw[skip + i] = dFlow[i] * org.hydrodelta.core.nn.Activations.sigmoid(raw[skip + i]);
        }
        network.backward(dRaw, false);
    }

    @Override
    public FlowLoss loss() {
        return loss;
    }

    @Override
    public Map<String, float[]> simulate(Batch b, int staticDay) {
        float[] raw = network.infer(b.input(), b.days(), b.size(), 365, null);
        if (heads.isEmpty()) {
            return Map.of(HbvModel.DISCHARGE.name(), flows(raw, b).clone());
        }
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        out.put(HbvModel.DISCHARGE.name(), flows(raw, b).clone());
        for (int j = 0; j < heads.size(); j++) {
            out.put(heads.get(j), head(raw, b, j));
        }
        return out;
    }

    @Override
    public List<OutputSpec> outputs() {
        if (heads.isEmpty()) {
            return List.of(HbvModel.DISCHARGE);
        }
        List<OutputSpec> out = new java.util.ArrayList<>();
        out.add(HbvModel.DISCHARGE);
        for (String h : heads) {
            out.add(new OutputSpec(h, "", OutputSpec.Kind.FLUX, OutputSpec.Role.NONE,
                    "auxiliary head predicting target " + h));
        }
        return out;
    }

    @Override
    public long randomState() {
        return network.dropoutRngState();
    }

    @Override
    public void setRandomState(long state) {
        network.setDropoutRngState(state);
    }

    @Override
    public void close() {
        // the network holds no native resources
    }
}
