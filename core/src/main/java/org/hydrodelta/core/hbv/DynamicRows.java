package org.hydrodelta.core.hbv;

/**
 * Where the dynamic parameters of one window day lie in the network output (forward) or its gradient (backward),
 * either rows of u ({@code [day][basin][nParams·M + 2]}) or a dynamic block ({@code [windowDay][basin][nDynamic·M]},
 * see {@link HbvKernel#forward(float[], float[], float[], org.hydrodelta.core.conceptual.ParameterDays)}),
 * for the vector stages that read or write them lane by lane while they compute the day ({@link HbvStepVector},
 * {@link HbvAdjointVector}) instead of in a pass of their own over all days. Only for M a multiple of the vector
 * length, so that a vector of lanes never spans two basins. Two per chunk (u's rows, a block's rows);
 * {@link #array} and {@link #dayRow} are set for each day by {@link #at}.
 *
 * <p>Why: the values are 2 × M floats in each 4·(13·M + 2)-byte row of a network output of tens of megabytes, so
 * nearly every row is a cache miss. Read in a pass of their own ({@code HbvChunk.loadDynamic}) they cost about
 * 1.0 ms of a 13 ms {@code bench hbv} pass at 1 thread, written back ({@code HbvChunk.scatterDynamicGradient})
 * about 1.2 ms, the processor waiting on each miss; inside a loop that computes, the misses overlap with the work.
 */
final class DynamicRows {
    /** The dynamic parameters (their {@link HbvParameter} ordinals), their physical lower bounds and ranges. */
    final int[] params;
    final float[] lo;
    final float[] range;
    /** Offset within a row of the k-th dynamic parameter's M values. */
    final int[] col;
    private final int nmul;
    private final int width;
    private final int rowsPerDay;
    private final int firstBasin;

    /** The network output or dynamic block (forward), or its gradient (backward). */
    float[] array;
    /** Offset in {@link #array} of the first row of the chunk on the current day. */
    int dayRow;

    /**
     * @param block false: rows of u, the k-th dynamic parameter at column {@code params[k]·M}; true: rows of a dynamic
     *              block, at column {@code k·M}
     */
    DynamicRows(int[] params, float[] lo, float[] range, int nmul, int width, int nBasins, int firstBasin,
            boolean block) {
        this.params = params;
        this.col = new int[params.length];
        for (int k = 0; k < params.length; k++) {
            col[k] = (block ? k : params[k]) * nmul;
        }
        this.lo = lo;
        this.range = range;
        this.nmul = nmul;
        this.width = width;
        this.rowsPerDay = nBasins;
        this.firstBasin = firstBasin;
    }

    /**
     * @param a   the network output or its gradient
     * @param day row day (of u: warm-up days included; of a block: the window day)
     * @return this, set to day {@code day} of {@code a}
     */
    DynamicRows at(float[] a, int day) {
        this.array = a;
        this.dayRow = (day * rowsPerDay + firstBasin) * width;
        return this;
    }

    /**
     * @param lane a lane of the chunk
     * @return offset in {@link #array} of the row holding that lane's values on the current day
     */
    int rowOf(int lane) {
        return dayRow + (lane / nmul - firstBasin) * width;
    }

    /** @return the components per basin */
    int nmul() {
        return nmul;
    }

    /** @return floats per row */
    int width() {
        return width;
    }
}
