package org.hydrodelta.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.NormalizationStats;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.conceptual.ConceptualModel;
import org.hydrodelta.core.model.HydroModel;
import org.hydrodelta.core.nn.Activations;
import org.hydrodelta.core.nn.LstmNetwork;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * Which static attributes drive each learned HBV parameter of a δ model: for every basin the derivative of each
 * parameter with respect to each static attribute input of the network, by backpropagation through the LSTM.
 *
 * <p>The parameter is the one the test protocol uses (spec §5.6, {@link Evaluator}): the mean over components in
 * physical units, for a static parameter at the static day (the last training day), for a dynamic one averaged
 * over the scored days. An attribute enters the network every day with the same normalised value, so its
 * derivative is the sum over days of the input gradient in its column. The network runs from the first training
 * day, in inference mode (no DropConnect), exactly as in evaluation.
 *
 * <p>Units: the input is the attribute z-scored with the run's statistics, so a derivative with respect to it is
 * the change per one standard deviation of the attribute (over the training basins); it is divided by the
 * parameter's range hi − lo (spec §2), so every entry reads "fraction of the parameter's range per σ of the
 * attribute" and entries are comparable across parameters and attributes. Because the mapping is
 * {@code p = lo + sigmoid(raw)·(hi − lo)}, that is simply the derivative of the component-mean sigmoid output.
 *
 * <p>The two routing parameters (the last two network outputs) are not HBV parameters of Table 2 and are left out,
 * as in {@code LearnedParameters}.
 *
 * <p>Cost: one forward and one backward pass per (basin, parameter) pair over the days from the first training day
 * to the last day a parameter is read, batched; memory per pass is kept under a fixed budget.
 */
public final class AttributeSensitivity {
    /** File name of the table inside an evaluation folder ({@link RunResults#dir()}). */
    public static final String FILE_NAME = "attribute_sensitivity.csv";
    /** Upper bound on the activation memory of one pass. */
    private static final long MEMORY_BUDGET = 256L << 20;
    /** Upper bound on samples (basin, parameter pairs) in one pass. */
    private static final int MAX_SAMPLES = 64;
    /** Basins whose inputs are assembled together. */
    private static final int BLOCK = 25;
    /**
     * Work above which evaluation skips the table unless asked ({@link Mode#AUTO}): 10¹² FLOP. The desktop δ preset
     * (19 basins, 12 parameters, hidden 64, 3,652 days) needs about 2·10¹¹ (15-45 s here: small matrices run far
     * below the LSTM's 48 GFLOP/s peak); the paper configuration (671 basins, hidden 256, 7,305 days) about 2·10¹⁴,
     * over an hour, which a user must ask for.
     */
    public static final double AUTO_LIMIT_FLOPS = 1e12;

    /** When evaluation computes the table. */
    public enum Mode {
        /** When its estimated work is under {@link #AUTO_LIMIT_FLOPS}. */
        AUTO,
        /** Always (δ models). */
        ALWAYS,
        /** Never. */
        NEVER
    }

    private AttributeSensitivity() {
    }

    /**
     * Sensitivities of a set of basins.
     *
     * @param basinIds   basins, in row order
     * @param parameters the conceptual model's parameter names, in network order
     * @param attributes attribute names, in network order
     * @param values     {@code [basin][parameter][attribute]}: d(parameter / (hi − lo)) per σ of the attribute
     */
    public record Table(List<String> basinIds, List<String> parameters, List<String> attributes,
            float[][][] values) {
        /**
         * Validates the shape.
         *
         * @param basinIds   basins
         * @param parameters parameters
         * @param attributes attributes
         * @param values     {@code [basin][parameter][attribute]}
         */
        public Table {
            basinIds = List.copyOf(basinIds);
            parameters = List.copyOf(parameters);
            attributes = List.copyOf(attributes);
            if (values.length != basinIds.size()) {
                throw new IllegalArgumentException(values.length + " basin rows for " + basinIds.size() + " basins");
            }
            for (float[][] b : values) {
                if (b.length != parameters.size()) {
                    throw new IllegalArgumentException(b.length + " parameter rows for " + parameters.size()
                            + " parameters");
                }
                for (float[] p : b) {
                    if (p.length != attributes.size()) {
                        throw new IllegalArgumentException(p.length + " values for " + attributes.size()
                                + " attributes");
                    }
                }
            }
        }

        /**
         * @param basinId a basin
         * @return its matrix {@code [parameter][attribute]}, or empty when the table does not hold the basin
         */
        public Optional<float[][]> basin(String basinId) {
            int k = basinIds.indexOf(basinId);
            return k < 0 ? Optional.empty() : Optional.of(values[k]);
        }

        /**
         * The mean over basins of each entry.
         *
         * @param absolute mean of the absolute value (how strongly, either way) instead of the signed value
         * @return {@code [parameter][attribute]}, NaN entries left out of the mean
         */
        public float[][] meanOverBasins(boolean absolute) {
            float[][] out = new float[parameters.size()][attributes.size()];
            for (int p = 0; p < out.length; p++) {
                for (int a = 0; a < out[p].length; a++) {
                    double sum = 0;
                    int n = 0;
                    for (float[][] b : values) {
                        float v = b[p][a];
                        if (!Float.isNaN(v)) {
                            sum += absolute ? Math.abs(v) : v;
                            n++;
                        }
                    }
                    out[p][a] = n == 0 ? Float.NaN : (float) (sum / n);
                }
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Table t && basinIds.equals(t.basinIds) && parameters.equals(t.parameters)
                    && attributes.equals(t.attributes) && Arrays.deepEquals(values, t.values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(basinIds, parameters, attributes, Arrays.deepHashCode(values));
        }

        @Override
        public String toString() {
            return "AttributeSensitivity.Table[" + basinIds.size() + " basins × " + parameters.size()
                    + " parameters × " + attributes.size() + " attributes]";
        }
    }

    /**
     * Which rows of the network's output sequence supply the parameters.
     *
     * @param staticRow   the row of the static parameters
     * @param dynamicFrom first row averaged for dynamic parameters
     * @param dynamicTo   one past the last row averaged for dynamic parameters
     */
    public record Rows(int staticRow, int dynamicFrom, int dynamicTo) {
        /**
         * The test protocol's rows, counted from the first training day where the network starts: static
         * parameters from the last training day, dynamic ones averaged over the scored period.
         *
         * @param ds    the dataset
         * @param train the training period
         * @param score the scored period
         * @return the rows
         */
        public static Rows of(BasinDataset ds, Period train, Period score) {
            int trainStart = ds.dayIndex(train.start());
            return new Rows(ds.dayIndex(train.end()) - 1 - trainStart, ds.dayIndex(score.start()) - trainStart,
                    ds.dayIndex(score.end()) - trainStart);
        }

        /**
         * Validates the rows.
         *
         * @param staticRow   static row
         * @param dynamicFrom first dynamic row
         * @param dynamicTo   one past the last dynamic row
         */
        public Rows {
            if (staticRow < 0 || dynamicFrom < 0 || dynamicTo <= dynamicFrom) {
                throw new IllegalArgumentException("invalid parameter rows: static " + staticRow + ", dynamic ["
                        + dynamicFrom + ", " + dynamicTo + ")");
            }
        }

        /**
         * @param hbv the structure
         * @return how many rows the network must run to supply every parameter
         */
        public int daysNeeded(ConceptualModel hbv) {
            int last = -1;
            for (int p = 0; p < hbv.parameters().size(); p++) {
                last = Math.max(last, hbv.parameters().get(p).dynamic() ? dynamicTo - 1 : staticRow);
            }
            return last + 1;
        }
    }

    /**
     * The work {@link #compute} would do: one forward and backward pass of the network per (basin, parameter) over
     * the days from the first training day to the last day a parameter is read.
     *
     * @param model  the model (0 for models whose parameters no LSTM learns)
     * @param ds     the dataset
     * @param basins number of basins
     * @param train  the training period
     * @param score  the scored period
     * @return floating-point operations (matrix products only)
     */
    public static double estimatedFlops(HydroModel model, BasinDataset ds, int basins, Period train,
            Period score) {
        if (model.parameterNetwork().isEmpty() || model.conceptual().isEmpty()) {
            return 0;
        }
        ConceptualModel hbv = model.conceptual().get();
        return model.parameterNetwork().get().flopsForwardBackward(Rows.of(ds, train, score).daysNeeded(hbv),
                basins * hbv.parameters().size());
    }

    /**
     * Computes the table for a trained model with the test protocol's days.
     *
     * @param model    the trained model; only models whose conceptual parameters an LSTM learns have a table
     * @param stats    the run's normalisation statistics (the network's inputs: forcings, then attributes)
     * @param ds       the dataset
     * @param rows     dataset rows of the basins
     * @param train    the training period (the network starts at its first day; static parameters come from its
     *                 last day)
     * @param score    the scored period (dynamic parameters are averaged over it)
     * @param progress per block of basins
     * @param cancel   checked between passes
     * @return the table, or empty for models without learned parameters or runs without attributes
     */
    public static Optional<Table> compute(HydroModel model, NormalizationStats stats, BasinDataset ds,
            int[] rows, Period train, Period score, ProgressListener progress, CancellationToken cancel) {
        if (model.parameterNetwork().isEmpty() || model.conceptual().isEmpty()) {
            return Optional.empty();
        }
        ConceptualModel hbv = model.conceptual().get();
        int nFeatures = stats.nFeatures();
        List<String> features = stats.featureNames();
        int nForcings = nFeatures - ds.attributeNames().size();
        if (nForcings == nFeatures || rows.length == 0) {
            return Optional.empty();
        }
        int trainStart = ds.dayIndex(train.start());
        Rows r = Rows.of(ds, train, score);
        int days = r.daysNeeded(hbv);
        LstmNetwork net = model.parameterNetwork().get();
        int perPass = samplesPerPass(net, days);
        float[][][] values = new float[rows.length][][];
        List<String> ids = new ArrayList<>();
        float[] basinInputs = new float[days * nFeatures];
        for (int from = 0; from < rows.length; from += BLOCK) {
            int n = Math.min(BLOCK, rows.length - from);
            float[] input = new float[days * n * nFeatures];
            for (int k = 0; k < n; k++) {
                stats.fillInputs(ds, rows[from + k], trainStart, days, basinInputs, 0);
                for (int d = 0; d < days; d++) {
                    System.arraycopy(basinInputs, d * nFeatures, input, (d * n + k) * nFeatures, nFeatures);
                }
            }
            float[][][] g = gradients(net, hbv, input, days, n, nForcings, r, perPass, cancel);
            System.arraycopy(g, 0, values, from, n);
            progress.progress(from + n, rows.length, "attribute sensitivity of " + (from + n) + " of " + rows.length
                    + " basins");
        }
        for (int row : rows) {
            ids.add(ds.basinIds().get(row));
        }
        List<String> params = new ArrayList<>();
        hbv.parameters().forEach(p -> params.add(p.name()));
        return Optional.of(new Table(ids, params, features.subList(nForcings, nFeatures), values));
    }

    /** Samples of one pass: activation memory of one sample over all days, against the budget. */
    private static int samplesPerPass(LstmNetwork net, int days) {
        int hidden = net.lstm().hiddenSize();
        // per row: input copy and its gradient, output and its gradient, and the layers' cached activations and
        // gradients (Linear, ReLU, four gates, cell, hidden state, recurrent buffers: about 12·H)
        long perRow = 2L * net.inputSize() + 2L * net.outputSize() + 12L * hidden;
        long perSample = Math.max(1, 4L * perRow * days);
        long budget = Math.min(MEMORY_BUDGET, Runtime.getRuntime().maxMemory() / 8);
        return (int) Math.max(1, Math.min(MAX_SAMPLES, budget / perSample));
    }

    /**
     * Sensitivities of a block of basins from their network inputs: every (basin, parameter) pair is one sample of
     * a batch whose input is the basin's, and whose output gradient is d(parameter / (hi − lo)) / d(raw output)
     * (the sigmoid's derivative over the number of components, and over the days averaged for a dynamic
     * parameter); one backward pass then yields each sample's input gradient, summed over days per attribute column
     * (in double).
     *
     * @param net            the network (run in inference mode; its parameter gradients are left zeroed)
     * @param hbv            the conceptual model (parameters, dynamic flags, components)
     * @param input          normalised inputs {@code [days][batch][nIn]}: forcings, then attributes
     * @param days           days of input (at least {@link Rows#daysNeeded})
     * @param batch          basins in the input
     * @param nForcings      forcing columns before the attributes
     * @param rows           where parameters are read
     * @param samplesPerPass (basin, parameter) pairs per forward/backward pass (≥ 1)
     * @param cancel         checked between passes
     * @return {@code [basin][parameter][attribute]}
     */
    public static float[][][] gradients(LstmNetwork net, ConceptualModel hbv, float[] input, int days, int batch,
            int nForcings, Rows rows, int samplesPerPass, CancellationToken cancel) {
        int nIn = net.inputSize();
        int ny = net.outputSize();
        int nParams = hbv.parameters().size();
        int nmul = hbv.components();
        int nAttr = nIn - nForcings;
        if (ny != hbv.rowWidth()) {
            throw new IllegalArgumentException("the network emits " + ny + " values a day, the HBV structure needs "
                    + hbv.rowWidth());
        }
        int steps = rows.daysNeeded(hbv);
        if (days < steps || input.length < (long) days * batch * nIn) {
            throw new IllegalArgumentException("inputs cover " + days + " days, the parameters need " + steps);
        }
        float[][][] out = new float[batch][nParams][nAttr];
        int total = batch * nParams;
        int per = Math.max(1, Math.min(samplesPerPass, total));
        float[] passInput = new float[steps * per * nIn];
        float[] dOut = new float[steps * per * ny];
        int nDynamic = rows.dynamicTo() - rows.dynamicFrom();
        for (int s0 = 0; s0 < total; s0 += per) {
            cancel.throwIfCancelled();
            int n = Math.min(per, total - s0);
            // sample s0 + i is basin (s0 + i) / nParams, parameter (s0 + i) % nParams
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < n; i++) {
                    int k = (s0 + i) / nParams;
                    System.arraycopy(input, (t * batch + k) * nIn, passInput, (t * n + i) * nIn, nIn);
                }
            }
            float[] raw = net.forward(passInput, steps, n, false);
            Arrays.fill(dOut, 0, steps * n * ny, 0f);
            for (int i = 0; i < n; i++) {
                int p = (s0 + i) % nParams;
                boolean dynamic = hbv.parameters().get(p).dynamic();
                int t0 = dynamic ? rows.dynamicFrom() : rows.staticRow();
                int t1 = dynamic ? rows.dynamicTo() : rows.staticRow() + 1;
                // p / (hi − lo) = mean over components (and days) of sigmoid(raw) + const
                double weight = 1.0 / ((double) nmul * (dynamic ? nDynamic : 1));
                for (int t = t0; t < t1; t++) {
                    int base = (t * n + i) * ny + p * nmul;
                    for (int m = 0; m < nmul; m++) {
                        float u = Activations.sigmoid(raw[base + m]);
                        dOut[base + m] = (float) (weight * u * (1f - u));
                    }
                }
            }
            float[] dx = net.backward(dOut, true);
            for (int i = 0; i < n; i++) {
                int k = (s0 + i) / nParams;
                int p = (s0 + i) % nParams;
                for (int a = 0; a < nAttr; a++) {
                    double sum = 0;
                    for (int t = 0; t < steps; t++) {
                        sum += dx[(t * n + i) * nIn + nForcings + a];
                    }
                    out[k][p][a] = (float) sum;
                }
            }
        }
        // backward accumulated into the weights' gradients: leave them as a fresh evaluation would
        net.zeroGrad();
        return out;
    }
}
