package org.hydrodelta.core.hbv;

/**
 * All arrays of one batch shape, allocated once and reused across forward/backward calls. Per-lane arrays are
 * indexed by lane {@code b·nmul + m}; each worker thread only touches the lanes of its own basins.
 */
final class HbvWorkspace {
    /** Floats recorded per lane and window step for the backward pass (see {@code T_*} for the order). */
    static final int TAPE = 10;
    static final int T_SP = 0;
    static final int T_MW = 1;
    static final int T_SM = 2;
    static final int T_SUZ = 3;
    static final int T_SLZ = 4;
    static final int T_SWR = 5;
    static final int T_LNX1 = 6;
    static final int T_EFR = 7;
    static final int T_LNX2 = 8;
    static final int T_TOSOIL = 9;

    /** Floor of the soil-moisture state after ET (spec §1.5, "PRECS"). */
    static final float SM_FLOOR = 1e-5f;
    /** Guard for pow bases: exp(p·ln(max(x, TINY))) never sees ln 0. */
    static final float TINY = Float.MIN_NORMAL;
    /** Cold-start value of every state (spec §1.6). */
    static final float COLD_STATE = 0.001f;

    final HbvConfig cfg;
    final int nBasins;
    final int nmul;
    final int nLanes;
    final int nWarmup;
    final int nWindow;
    final int nParams;
    final boolean gammaEt;

    final float[] sp;
    final float[] mw;
    final float[] sm;
    final float[] suz;
    final float[] slz;

    /** Forcing and loss adjoint of the current step, expanded to lanes. */
    final float[] pr;
    final float[] ta;
    final float[] pe;
    final float[] gq;

    /** Adjoint of the snow routine's outflow, handed from the soil to the snow part of the reverse step. */
    final float[] gTosoil;
    /**
     * The forward day's intermediates handed from one stage of {@link HbvStepVector} to the next (rain, snow
     * outflow, soil moisture after excess, recharge, excess); per lane, so chunks on other threads never share one.
     */
    final float[] fRain;
    final float[] fTosoil;
    final float[] fSm2;
    final float[] fRecharge;
    final float[] fExcess;
    /** The logarithm of the soil wetness, then of the ET ratio, handed from its own loop to the next. */
    final float[] fLn;
    /**
     * Handed from the evapotranspiration stage of {@link HbvAdjointVector} to the soil stage: the adjoint of the soil
     * moisture after its excess, and FC's gradient so far.
     */
    final float[] bGSm2;
    /** See {@link #bGSm2}. */
    final float[] bGFc;
    /**
     * Adjoints seeded on this day's fast flow, interflow, baseflow and actual ET of each lane (a loss on those
     * outputs, issue 18); read by the reverse step only while {@link #fluxSeeds} is set, so a flow-only loss runs
     * the very same arithmetic as before.
     */
    final float[] gxQ0;
    /** See {@link #gxQ0}. */
    final float[] gxQ1;
    /** See {@link #gxQ0}. */
    final float[] gxQ2;
    /** See {@link #gxQ0}. */
    final float[] gxEt;
    /** Whether the reverse step adds {@link #gxQ0} and its siblings. */
    boolean fluxSeeds;

    /** Per-lane streamflow and diagnostic fluxes/states of the current step. */
    final float[] qLane;
    final float[][] diagLane;

    /**
     * Physical parameters in the window: static ones [N] for the whole window, dynamic ones [window day][N], read at
     * offset day·N. The dynamic values are gathered from u once, by the forward pass, and the backward pass reads
     * them here: reading them from u a second time cost a cache miss per basin row (the rows lie 4·(13·M + 2) bytes
     * apart in a network output of tens of megabytes), about 8 % of {@code bench hbv}.
     */
    final float[][] parWin;
    /** Physical parameters of the warm-up: [N] each. */
    final float[][] parWarm;
    /** Whether parameter p takes a value per day. */
    final boolean[] dynamic;

    final float[] tape;

    final float[] gsp;
    final float[] gmw;
    final float[] gsm;
    final float[] gsuz;
    final float[] gslz;
    /**
     * Gradient w.r.t. physical parameters, laid out as {@link #parWin} (the reverse step adds at the offset it reads
     * the parameter at): [N] for the whole window for static ones, [window day][N] for dynamic ones, each day's slot
     * scattered into dLoss/du and cleared once its day is done.
     */
    final float[][] gPar;

    /** Component means: [output][t·B + b]. */
    final float[][] outputs;
    /** Routing: unit-hydrograph weights [b][L], shape/scale per basin, adjoint of the unrouted mean. */
    final int uhLength;
    final float[] uhWeights;
    final double[] alpha;
    final double[] theta;
    final float[] gqMean;

    HbvWorkspace(HbvConfig cfg, int nBasins, int nWarmup, int nWindow) {
        this.cfg = cfg;
        this.nBasins = nBasins;
        this.nmul = cfg.nmul();
        this.nLanes = nBasins * nmul;
        this.nWarmup = nWarmup;
        this.nWindow = nWindow;
        this.nParams = cfg.nParams();
        this.gammaEt = cfg.hasEtExponent();
        int n = nLanes;
        sp = new float[n];
        mw = new float[n];
        sm = new float[n];
        suz = new float[n];
        slz = new float[n];
        pr = new float[n];
        ta = new float[n];
        pe = new float[n];
        gq = new float[n];
        gTosoil = new float[n];
        fRain = new float[n];
        fTosoil = new float[n];
        fSm2 = new float[n];
        fRecharge = new float[n];
        fExcess = new float[n];
        fLn = new float[n];
        bGSm2 = new float[n];
        bGFc = new float[n];
        gxQ0 = new float[n];
        gxQ1 = new float[n];
        gxQ2 = new float[n];
        gxEt = new float[n];
        qLane = new float[n];
        diagLane = cfg.diagnostics() ? new float[HbvOutput.N_DIAGNOSTIC][n] : null;
        parWin = new float[nParams][];
        parWarm = new float[nParams][n];
        gPar = new float[nParams][];
        dynamic = new boolean[nParams];
        for (int p = 0; p < nParams; p++) {
            dynamic[p] = cfg.isDynamic(p);
            int size = dynamic[p] ? Math.multiplyExact(nWindow, n) : n;
            parWin[p] = new float[size];
            gPar[p] = new float[size];
        }
        tape = new float[Math.multiplyExact(Math.multiplyExact(nWindow, TAPE), n)];
        gsp = new float[n];
        gmw = new float[n];
        gsm = new float[n];
        gsuz = new float[n];
        gslz = new float[n];
        int nOut = HbvOutput.values().length;
        outputs = new float[nOut][];
        for (HbvOutput o : HbvOutput.values()) {
            boolean needed = o == HbvOutput.Q_ROUTED || o == HbvOutput.Q || cfg.diagnostics();
            outputs[o.ordinal()] = needed ? new float[nWindow * nBasins] : null;
        }
        uhLength = Math.min(UnitHydrograph.LENGTH, nWindow);
        uhWeights = new float[nBasins * uhLength];
        alpha = new double[nBasins];
        theta = new double[nBasins];
        gqMean = new float[nWindow * nBasins];
    }

    /** @return bytes held by the backward tape */
    long tapeBytes() {
        return 4L * tape.length;
    }

    /** @return bytes held by all float arrays of this workspace (approximate) */
    long totalBytes() {
        long floats = tape.length + 22L * nLanes;
        for (int p = 0; p < nParams; p++) {
            floats += parWin[p].length + gPar[p].length + parWarm[p].length;
        }
        for (float[] o : outputs) {
            floats += o == null ? 0 : o.length;
        }
        if (diagLane != null) {
            floats += (long) diagLane.length * nLanes;
        }
        return 4L * (floats + gqMean.length + uhWeights.length);
    }
}
