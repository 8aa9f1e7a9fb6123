package org.hydrodelta.core.model;

import java.util.HashMap;
import java.util.Map;
import org.hydrodelta.core.conceptual.ConceptualModel;
import org.hydrodelta.core.loss.LossResult;
import org.hydrodelta.core.loss.TargetLoss;

/** The multi-target part of a conceptual model's training step, shared by the δ and the calibrated model. */
final class TargetSteps {
    private TargetSteps() {
    }

    /**
     * @param targets the loss
     * @param kernel  the kernel after its forward
     * @param b       the batch
     * @param grads   receives dLoss/d(output) by name
     * @return the loss
     */
    static LossResult evaluate(TargetLoss targets, ConceptualModel.Kernel kernel, Batch b,
            Map<String, float[]> grads) {
        Map<String, float[]> sims = new HashMap<>();
        for (String o : targets.outputs()) {
            sims.put(o, kernel.output(o));
        }
        return targets.evaluate(sims, b.observations(), grads, b.size());
    }

    /** Back through the kernel with the discharge's gradient and every other output's. */
    static void backward(ConceptualModel m, ConceptualModel.Kernel kernel, Map<String, float[]> grads, int nq,
            float[] dU) {
        String discharge = m.outputs().get(0).name();
        float[] dQ = grads.get(discharge);
        if (dQ == null) {
            dQ = new float[nq];
        }
        Map<String, float[]> extra = new HashMap<>(grads);
        extra.remove(discharge);
        kernel.backward(dQ, extra, dU);
    }
}
