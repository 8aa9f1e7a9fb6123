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
import org.hydrodelta.core.nn.Parameter;

/**
 * The classical baseline: one static HBV parameter set per basin, free variables behind a sigmoid, fitted by
 * gradient descent through the same differentiable kernel (no network, no attributes). Starts mid-range
 * (raw 0, u = 0.5).
 */
public final class CalibratedHbvModel implements HydroModel {
    private final ConceptualModel hbv;
    private final ConceptualModel.Kernel trainKernel;
    private final FlowLoss loss;
    private final org.hydrodelta.core.loss.TargetLoss targets;
    private final Map<String, float[]> grads = new java.util.HashMap<>();
    private final Parameter raw;
    private final int width;
    private final int threads;
    private float[] u = new float[0];
    private float[] dU = new float[0];
    private float[] dQ = new float[0];

    /**
     * @param hbv       the conceptual model; must have no dynamic parameters
     * @param nBasins   basins of the dataset (one parameter row each)
     * @param batch     training batch size
     * @param warmup    warm-up days
     * @param window    window days
     * @param loss      the training loss
     * @param threads   kernel threads
     */
    public CalibratedHbvModel(ConceptualModel hbv, int nBasins, int batch, int warmup, int window, FlowLoss loss,
            int threads) {
        this(hbv, nBasins, batch, warmup, window, loss, null, threads);
    }

    /**
     * @param hbv       the conceptual model; must have no dynamic parameters
     * @param nBasins   basins of the dataset (one parameter row each)
     * @param batch     training batch size
     * @param warmup    warm-up days
     * @param window    window days
     * @param loss      the streamflow loss (used when {@code targets} is null)
     * @param targets   the loss over several targets (issue 18), or {@code null} for streamflow only
     * @param threads   kernel threads
     */
    public CalibratedHbvModel(ConceptualModel hbv, int nBasins, int batch, int warmup, int window, FlowLoss loss,
            org.hydrodelta.core.loss.TargetLoss targets, int threads) {
        this.targets = targets;
        if (hbv.anyDynamic()) {
            throw new IllegalArgumentException("a calibrated model has one static parameter set per basin");
        }
        this.hbv = hbv;
        this.width = hbv.rowWidth();
        this.raw = new Parameter("calibrated.raw", nBasins, width);
        this.trainKernel = hbv.newKernel(batch, warmup, window, threads, targets != null
                && !targets.outputs().equals(java.util.Set.of(hbv.outputs().get(0).name())));
        this.loss = loss;
        this.threads = threads;
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
    public List<Parameter> parameters() {
        return List.of(raw);
    }

    /** Fills day 0 of u from each sample's basin row; other days are never read (ParameterDays.allFrom(0)). */
    private float[] values(Batch b) {
        int n = b.days() * b.size() * width;
        if (u.length != n) {
            u = new float[n];
        }
        float[] r = raw.value();
        for (int k = 0; k < b.size(); k++) {
            int src = b.basins()[k] * width;
            for (int j = 0; j < width; j++) {
                u[k * width + j] = org.hydrodelta.core.nn.Activations.sigmoid(r[src + j]);
            }
        }
        return u;
    }

    @Override
    public LossValue trainStep(Batch b) {
        float[] values = values(b);
        trainKernel.forward(b.forcing(), values, ParameterDays.allFrom(0));
        float[] q = trainKernel.discharge();
        if (dQ.length != q.length) {
            dQ = new float[q.length];
        }
        LossResult res = targets != null ? TargetSteps.evaluate(targets, trainKernel, b, grads)
                : loss.evaluate(q, b.obs(), dQ, b.size());
        if (!res.hasData()) {
            return new LossValue(0, 0);
        }
        if (dU.length != values.length) {
            dU = new float[values.length];
        }
        java.util.Arrays.fill(dU, 0f);
        if (targets != null) {
            TargetSteps.backward(hbv, trainKernel, grads, q.length, dU);
        } else {
            trainKernel.backward(dQ, dU);
        }
        float[] g = raw.grad();
        for (int k = 0; k < b.size(); k++) {
            int dst = b.basins()[k] * width;
            for (int j = 0; j < width; j++) {
                float uj = values[k * width + j];
                g[dst + j] += dU[k * width + j] * uj * (1f - uj);
            }
        }
        return new LossValue(res.value(), res.count());
    }

    @Override
    public Map<String, float[]> simulate(Batch b, int staticDay) {
        float[] values = values(b).clone();
        Map<String, float[]> out = new LinkedHashMap<>();
        try (ConceptualModel.Kernel k = hbv.newKernel(b.size(), b.warmup(), b.window(), threads, true)) {
            k.forward(b.forcing(), values, ParameterDays.allFrom(0));
            for (OutputSpec o : hbv.outputs()) {
                out.put(o.name(), k.output(o.name()).clone());
            }
        }
        out.putAll(LearnedParameters.physical(hbv, values, b, 0));
        return out;
    }

    @Override
    public long randomState() {
        return 0;
    }

    @Override
    public void setRandomState(long state) {
        // no randomness
    }

    @Override
    public void close() {
        trainKernel.close();
    }
}
