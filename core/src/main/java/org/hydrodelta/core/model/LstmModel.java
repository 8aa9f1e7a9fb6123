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
        this.network = new LstmNetwork(nIn, hidden, 1, dropout, seed, gemm);
        this.loss = loss;
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
        for (int i = 0; i < nq; i++) {
            q[i] = softplus(raw[skip + i]);
        }
        return q;
    }

    @Override
    public LossValue trainStep(Batch b) {
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
        return Map.of(HbvModel.DISCHARGE.name(), flows(raw, b).clone());
    }

    @Override
    public List<OutputSpec> outputs() {
        return List.of(HbvModel.DISCHARGE);
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
