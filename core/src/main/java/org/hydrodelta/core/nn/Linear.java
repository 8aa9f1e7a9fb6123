package org.hydrodelta.core.nn;

import java.util.List;
import org.hydrodelta.core.nn.gemm.Gemm;

/**
 * Fully connected layer y = x·Wᵀ + b with W stored out×in (PyTorch layout) and PyTorch's default initialisation
 * U(−1/√in, 1/√in) for weight and bias.
 */
public final class Linear implements RowLayer {
    private final int in;
    private final int out;
    private final Gemm gemm;
    private final Parameter weight;
    private final Parameter bias;
    private float[] x;
    private float[] y;
    private float[] dx;
    /** Columns of the last forward pass's partial rows, or null when it computed whole rows only. */
    private int[] selected;
    /** Row runs {start, end} the last forward pass computed in full, ascending. */
    private int[] fullRuns;
    /** The weight rows and bias of {@link #selected}, gathered for the products of the partial rows. */
    private float[] wSelected;
    private float[] bSelected;
    /** [row][selected] output gradients gathered from dy; [rest][in] or [selected][in] weight gradients. */
    private float[] narrow;
    private float[] narrowGrad;
    /** Output gradients of the other columns on a full row run, gathered ([row][rest]). */
    private float[] restGrad;
    /** The selected columns' bias gradients before a compact backward pass, and their sums over its rows. */
    private float[] biasScratch;
    private float[] biasSums;
    /**
     * The selected columns of every row from {@link #selFirst} of the last column-selecting forward pass,
     * [row − selFirst][selected]: computed there as one compact product (partial rows) or copied from y (full rows).
     */
    private float[] ySel;
    /** Their gradients, [row − selFirst][selected], from row {@link #gSelFrom} on given by the caller. */
    private float[] gSel;
    private int selFirst;
    private int selRows;
    /** First row whose selected columns' gradients are in {@link #gSel}; {@code Integer.MAX_VALUE} for none. */
    private int gSelFrom = Integer.MAX_VALUE;

    /**
     * Creates and initialises the layer.
     *
     * @param name prefix of the parameter names ({@code name.weight}, {@code name.bias})
     * @param in   input features
     * @param out  output features
     * @param gemm product engine
     * @param rng  initialisation generator (weight drawn first, then bias)
     */
    public Linear(String name, int in, int out, Gemm gemm, SplitMix64 rng) {
        this.in = in;
        this.out = out;
        this.gemm = gemm;
        this.weight = new Parameter(name + ".weight", out, in);
        this.bias = new Parameter(name + ".bias", out);
        float bound = (float) (1.0 / Math.sqrt(in));
        rng.fillUniform(weight.value(), bound);
        rng.fillUniform(bias.value(), bound);
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    /** @return the weight, out×in */
    public Parameter weight() {
        return weight;
    }

    /** @return the bias, out */
    public Parameter bias() {
        return bias;
    }

    @Override
    public float[] forward(float[] input, int rows) {
        return forward(input, rows, 0);
    }

    /**
     * Forward pass over rows [first, rows) only; rows before {@code first} of the output are zero (a caller that
     * reads no output there, e.g. the δ model's days before its warm-up parameter day, saves their products).
     *
     * @param input [rows][in], kept by reference until {@link #backward(float[], int, boolean, int)}
     * @param rows  rows
     * @param first first row computed
     * @return [rows][out] (layer-owned buffer)
     */
    public float[] forward(float[] input, int rows, int first) {
        this.selected = null;
        this.gSelFrom = Integer.MAX_VALUE;
        this.x = input;
        y = RowOps.ensure(y, (long) rows * out);
        java.util.Arrays.fill(y, 0, first * out, 0f);
        forwardFull(input, first, rows);
        return y;
    }

    /** Rows [r0, r1) of y in every column: the bias, then x·Wᵀ added. */
    private void forwardFull(float[] input, int r0, int r1) {
        if (r0 > 0) {
            // fillRows writes from row 0: these rows get their bias here
            for (int r = r0; r < r1; r++) {
                System.arraycopy(bias.value(), 0, y, r * out, out);
            }
        } else {
            RowOps.fillRows(gemm.pool(), y, r1, bias.value());
        }
        gemm.multiply(false, true, r1 - r0, out, in, input, r0 * in, in, weight.value(), 0, in, y, r0 * out, out,
                true);
    }

    /** What is done with a run of rows [r0, r1). */
    private interface RowRun {
        void apply(int r0, int r1);
    }

    /**
     * Walks rows [first, rows) in ascending runs: those of {@link #fullRuns} to {@code full}, the rows between them
     * to {@code partial}.
     */
    private void forEachRun(int first, int rows, RowRun partial, RowRun full) {
        int r = first;
        for (int i = 0; i <= fullRuns.length; i += 2) {
            int end = i < fullRuns.length ? fullRuns[i] : rows;
            if (end > r) {
                partial.apply(r, end);
            }
            if (i < fullRuns.length) {
                full.apply(end, fullRuns[i + 1]);
                r = fullRuns[i + 1];
            }
        }
    }

    @Override
    public float[] backward(float[] dy, int rows, boolean needInputGradient) {
        return backward(dy, rows, needInputGradient, 0);
    }

    /**
     * Backward pass of {@link #forward(float[], int, int)}: dy of rows before {@code first} is taken as zero (it
     * must be), and so is dx there.
     *
     * @param dy                dLoss/dy, [rows][out]
     * @param rows              rows
     * @param needInputGradient whether to return dLoss/dx
     * @param first             first row of the forward pass
     * @return dLoss/dx [rows][in] (layer-owned buffer) or null
     */
    public float[] backward(float[] dy, int rows, boolean needInputGradient, int first) {
        if (selected != null) {
            return backwardSelected(dy, rows, needInputGradient, first);
        }
        int n = rows - first;
        gemm.multiply(true, false, out, in, n, dy, first * out, out, x, first * in, in, weight.grad(), 0, in, true);
        RowOps.addColumnSums(gemm.pool(), dy, first * out, n, out, bias.grad());
        if (!needInputGradient) {
            return null;
        }
        dx = RowOps.ensure(dx, (long) rows * in);
        if (first > 0) {
            java.util.Arrays.fill(dx, 0, first * in, 0f);
        }
        gemm.multiply(false, false, n, in, out, dy, first * out, out, weight.value(), 0, in, dx, first * in, in,
                false);
        return dx;
    }

    /**
     * Forward pass that computes every column on the rows of {@code fullRuns} and only {@code columns} on the other
     * rows from {@code first} on; everything else is zero (rows before {@code first}, the other columns of the
     * partial rows), and the output gradient of {@link #backward(float[], int, boolean, int)} must be zero there.
     * A computed value is the one {@link #forward(float[], int, int)} gives, bit for bit: each output is summed
     * over the inputs alone, in the same order, whatever the columns around it.
     *
     * @param input    [rows][in], kept by reference until backward
     * @param rows     rows
     * @param first    first row computed
     * @param fullRuns pairs {start, end} of rows computed in full, ascending, within [first, rows)
     * @param columns  columns computed on the other rows, ascending
     * @return [rows][out] (layer-owned buffer)
     */
    public float[] forward(float[] input, int rows, int first, int[] fullRuns, int[] columns) {
        if (columns.length == 0 || columns[columns.length - 1] >= out) {
            throw new IllegalArgumentException("output columns must lie in [0, " + out + ") and not be empty");
        }
        if (columns.length == out) {
            return forward(input, rows, first);
        }
        this.x = input;
        y = RowOps.ensure(y, (long) rows * out);
        java.util.Arrays.fill(y, 0, first * out, 0f);
        this.fullRuns = fullRuns;
        this.selected = columns;
        this.selFirst = first;
        this.selRows = rows;
        this.gSelFrom = Integer.MAX_VALUE;
        int ns = columns.length;
        ySel = RowOps.ensure(ySel, (long) (rows - first) * ns);
        wSelected = RowOps.ensure(wSelected, (long) ns * in);
        bSelected = RowOps.ensure(bSelected, ns);
        for (int j = 0; j < ns; j++) {
            System.arraycopy(weight.value(), columns[j] * in, wSelected, j * in, in);
            bSelected[j] = bias.value()[columns[j]];
        }
        forEachRun(first, rows, (r0, r1) -> forwardPartial(input, r0, r1), (r0, r1) -> {
            forwardFull(input, r0, r1);
            for (int r = r0; r < r1; r++) {
                int o = r * out;
                int d = (r - first) * ns;
                for (int j = 0; j < ns; j++) {
                    ySel[d + j] = y[o + columns[j]];
                }
            }
        });
        return y;
    }

    /**
     * The selected columns of the last {@link #forward(float[], int, int, int[], int[])} on every row from its
     * {@code first}, compact: {@code [row − first][j]} is column {@code columns[j]} (the values of y there, bit for
     * bit). Valid until the next forward pass.
     *
     * @return the layer's buffer (at least (rows − first)·columns.length values)
     * @throws IllegalStateException if the last forward pass selected no columns
     */
    public float[] selectedOutputs() {
        if (selected == null) {
            throw new IllegalStateException("the last forward pass computed whole rows (no columns selected)");
        }
        return ySel;
    }

    /**
     * Prepares to take the gradients of the selected columns on rows [fromRow, rows) of the last column-selecting
     * forward pass compactly instead of in the output gradient's rows: returns a buffer laid out as
     * {@link #selectedOutputs()}, zero from row {@code fromRow} on, into which the caller adds them (at
     * {@code (row − first)·columns.length + j}). The next {@link #backward(float[], int, boolean, int)} reads them
     * there and ignores dy's selected columns on those rows (into which it copies them on rows computed in full, whose
     * input gradient is one product with every column). The same gradients either way give the same bits.
     *
     * @param fromRow first row taken compactly, in [first, rows]
     * @return the layer's buffer
     * @throws IllegalStateException if the last forward pass selected no columns
     */
    public float[] selectedGradients(int fromRow) {
        if (selected == null) {
            throw new IllegalStateException("the last forward pass computed whole rows (no columns selected)");
        }
        if (fromRow < selFirst || fromRow > selRows) {
            throw new IllegalArgumentException("row " + fromRow + " outside [" + selFirst + ", " + selRows + "]");
        }
        int ns = selected.length;
        gSel = RowOps.ensure(gSel, (long) (selRows - selFirst) * ns);
        java.util.Arrays.fill(gSel, (fromRow - selFirst) * ns, (selRows - selFirst) * ns, 0f);
        gSelFrom = fromRow;
        return gSel;
    }

    /** Rows [r0, r1) of y: the selected columns only, the others zero. */
    private void forwardPartial(float[] input, int r0, int r1) {
        int ns = selected.length;
        int n = r1 - r0;
        int base = (r0 - selFirst) * ns;
        for (int r = 0; r < n; r++) {
            System.arraycopy(bSelected, 0, ySel, base + r * ns, ns);
        }
        gemm.multiply(false, true, n, ns, in, input, r0 * in, in, wSelected, 0, in, ySel, base, ns, true);
        java.util.Arrays.fill(y, r0 * out, r1 * out, 0f);
        for (int r = 0; r < n; r++) {
            int o = (r0 + r) * out;
            for (int j = 0; j < ns; j++) {
                y[o + selected[j]] = ySel[base + r * ns + j];
            }
        }
    }

    /**
     * Backward pass of {@link #forward(float[], int, int, int[], int[])}. The selected columns' weight gradients are
     * one product over all rows from {@code first} (the rows and K blocks of the full pass); the other columns' are
     * products over the full runs only, in ascending order, which add what the full pass's zero rows left out; the
     * input gradient of a partial row is a product with the selected columns only (its other output gradients are
     * zero and added nothing).
     */
    private float[] backwardSelected(float[] dy, int rows, boolean needInputGradient, int first) {
        int ns = selected.length;
        int n = rows - first;
        final int from = gSelFrom;
        final boolean compact = from < Integer.MAX_VALUE;
        gSelFrom = Integer.MAX_VALUE;
        // the selected columns' output gradients, [row − first][j]: the caller's compact buffer, or gathered from dy
        final float[] g;
        if (compact) {
            if (first != selFirst || rows != selRows) {
                throw new IllegalArgumentException("backward over rows [" + first + ", " + rows + ") after a forward"
                        + " pass over [" + selFirst + ", " + selRows + ")");
            }
            g = gSel;
            gatherColumns(dy, first, from, selected, g);
            for (int i = 0; i < fullRuns.length; i += 2) {
                for (int r = Math.max(fullRuns[i], from); r < fullRuns[i + 1]; r++) {
                    for (int j = 0; j < ns; j++) {
                        dy[r * out + selected[j]] = g[(r - first) * ns + j];
                    }
                }
            }
        } else {
            narrow = RowOps.ensure(narrow, (long) n * ns);
            g = narrow;
            gatherColumns(dy, first, rows, selected, g);
        }
        addWeightGradient(selected, g, n, first);
        int[] rest = complement(selected);
        int nr = rest.length;
        if (nr > 0) {
            for (int i = 0; i < fullRuns.length; i += 2) {
                int r0 = fullRuns[i];
                int len = fullRuns[i + 1] - r0;
                restGrad = RowOps.ensure(restGrad, (long) len * nr);
                gatherColumns(dy, r0, r0 + len, rest, restGrad);
                addWeightGradient(rest, restGrad, len, r0);
            }
        }
        float[] bg = bias.grad();
        if (compact) {
            biasScratch = RowOps.ensure(biasScratch, ns);
            biasSums = RowOps.ensure(biasSums, ns);
            java.util.Arrays.fill(biasSums, 0, ns, 0f);
            for (int j = 0; j < ns; j++) {
                biasScratch[j] = bg[selected[j]];
            }
        }
        RowOps.addColumnSums(gemm.pool(), dy, first * out, n, out, bg);
        if (compact) {
            // each selected column summed over the same values in the same row order as from dy, from zero
            RowOps.addColumnSums(gemm.pool(), g, 0, n, ns, biasSums);
            for (int j = 0; j < ns; j++) {
                bg[selected[j]] = biasSums[j] + biasScratch[j];
            }
        }
        if (!needInputGradient) {
            return null;
        }
        dx = RowOps.ensure(dx, (long) rows * in);
        java.util.Arrays.fill(dx, 0, first * in, 0f);
        forEachRun(first, rows,
                (r0, r1) -> gemm.multiply(false, false, r1 - r0, in, ns, g, (r0 - first) * ns, ns, wSelected, 0,
                        in, dx, r0 * in, in, false),
                (r0, r1) -> gemm.multiply(false, false, r1 - r0, in, out, dy, r0 * out, out, weight.value(), 0, in,
                        dx, r0 * in, in, false));
        return dx;
    }

    /** dst[r − r0][j] = src[r][cols[j]] for rows [r0, r1). */
    private void gatherColumns(float[] src, int r0, int r1, int[] cols, float[] dst) {
        int nc = cols.length;
        for (int r = r0; r < r1; r++) {
            int s = r * out;
            int d = (r - r0) * nc;
            for (int j = 0; j < nc; j++) {
                dst[d + j] = src[s + cols[j]];
            }
        }
    }

    /**
     * weight.grad[cols] += dᵀ·x over {@code n} rows from {@code r0}, accumulated in a gathered copy of those gradient
     * rows, so each sum starts from the gradient as the full product's does.
     */
    private void addWeightGradient(int[] cols, float[] d, int n, int r0) {
        int nc = cols.length;
        narrowGrad = RowOps.ensure(narrowGrad, (long) nc * in);
        float[] g = weight.grad();
        for (int j = 0; j < nc; j++) {
            System.arraycopy(g, cols[j] * in, narrowGrad, j * in, in);
        }
        gemm.multiply(true, false, nc, in, n, d, 0, nc, x, r0 * in, in, narrowGrad, 0, in, true);
        for (int j = 0; j < nc; j++) {
            System.arraycopy(narrowGrad, j * in, g, cols[j] * in, in);
        }
    }

    private int[] complement(int[] cols) {
        int[] c = new int[out - cols.length];
        int k = 0;
        int j = 0;
        for (int i = 0; i < out; i++) {
            if (j < cols.length && cols[j] == i) {
                j++;
            } else {
                c[k++] = i;
            }
        }
        return c;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** @return bytes of the output and input-gradient buffers currently held */
    public long bufferBytes() {
        return 4L * ((y == null ? 0 : y.length) + (dx == null ? 0 : dx.length)
                + (narrow == null ? 0 : narrow.length) + (narrowGrad == null ? 0 : narrowGrad.length)
                + (ySel == null ? 0 : ySel.length) + (gSel == null ? 0 : gSel.length)
                + (wSelected == null ? 0 : wSelected.length));
    }
}
