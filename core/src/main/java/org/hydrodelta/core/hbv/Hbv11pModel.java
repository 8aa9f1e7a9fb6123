package org.hydrodelta.core.hbv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hydrodelta.core.conceptual.ConceptualModel;
import org.hydrodelta.core.conceptual.OutputSpec;
import org.hydrodelta.core.conceptual.ParameterDays;
import org.hydrodelta.core.conceptual.ParameterSpec;
import org.hydrodelta.core.nn.Activations;

/**
 * δHBV 1.1p (Song, Sawadekar, Frame et al. 2025; the MHPI framework's default HBV; spec §7b): HBV 1.0 with the ET
 * shape exponent γ always on and a capillary rise from the lower zone back to the soil after ET,
 * {@code cap = min(SLZ, C·SLZ·(1 − min(SM/FC, 1)))}, C ∈ [0, 1], soil moisture and lower zone floored at 1e-5.
 * Fourteen parameters (HBV 1.0's thirteen and C), gamma unit-hydrograph routing, the outputs of HBV 1.0 plus
 * {@code CAPILLARY}.
 *
 * <p>A scalar float32 kernel with a hand-written adjoint: each lane (basin, component) runs through warm-up and
 * window on its own, recording its start-of-day states; the reverse pass recomputes each day from them. Basins
 * are split into one contiguous block per thread, and nothing depends on the split, so results are identical for
 * any thread count. Gradient conventions are PyTorch's, as in {@link HbvStepScalar}.
 */
public final class Hbv11pModel implements ConceptualModel {
    /** Index of the capillary-rise coefficient C among the parameters. */
    static final int C = 13;
    private static final int NP = 14;
    private static final float FLOOR = 1e-5f;
    private static final float TINY = Float.MIN_NORMAL;
    /** Diagnostic outputs in {@link #outputs()} order after the two streamflows. */
    private static final int N_DIAG = HbvOutput.values().length - 2 + 1;

    private final List<ParameterSpec> parameters;
    private final int nmul;
    private final boolean routing;
    private final List<OutputSpec> outputs;

    /**
     * @param dynamic names of the parameters that take a value per day
     * @param nmul    components per basin
     * @param routing whether the component mean is routed
     */
    public Hbv11pModel(List<String> dynamic, int nmul, boolean routing) {
        if (nmul < 1) {
            throw new IllegalArgumentException("hbv.components must be >= 1, was " + nmul);
        }
        List<ParameterSpec> p = new ArrayList<>();
        for (HbvParameter h : HbvParameter.values()) {
            p.add(new ParameterSpec(h.name(), h.lo(), h.hi(), h.unit(), h.description(), dynamic.contains(h.name())));
        }
        p.add(new ParameterSpec("C", 0, 1, "-", "capillary rise coefficient", dynamic.contains("C")));
        this.parameters = Collections.unmodifiableList(p);
        this.nmul = nmul;
        this.routing = routing;
        List<OutputSpec> o = new ArrayList<>(HbvModel.OUTPUTS);
        o.add(OutputSpec.flux("CAPILLARY", OutputSpec.Role.NONE, "capillary rise from the lower zone to the soil"));
        this.outputs = Collections.unmodifiableList(o);
    }

    @Override
    public String displayName() {
        return "HBV 1.1p";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return parameters;
    }

    @Override
    public int components() {
        return nmul;
    }

    @Override
    public int routingColumns() {
        return 2;
    }

    @Override
    public List<OutputSpec> outputs() {
        return outputs;
    }

    @Override
    public List<String> requiredForcings() {
        return HbvModel.FORCINGS;
    }

    @Override
    public Kernel newKernel(int nBasins, int nWarmup, int nWindow, int threads, boolean diagnostics) {
        return new Run(nBasins, nWarmup, nWindow, threads, diagnostics);
    }

    /** Share of a min's gradient that goes to its first argument (PyTorch: half on an exact tie). */
    private static float minShare(float a, float b) {
        return a < b ? 1f : (a == b ? 0.5f : 0f);
    }

    /**
     * One day of one lane. {@code s} holds SNOWPACK, MELTWATER, SM, SUZ, SLZ and is advanced in place.
     *
     * @param d diagnostics in output order (Q0 ... SLZ, CAPILLARY), or null
     * @return Q0 + Q1 + Q2
     */
    static float step(float[] s, float[] par, float p, float temp, float pet, float[] d) {
        float beta = par[0];
        float fc = par[1];
        float k0 = par[2];
        float k1 = par[3];
        float k2 = par[4];
        float lp = par[5];
        float percMax = par[6];
        float uzl = par[7];
        float tt = par[8];
        float cfmax = par[9];
        float cfr = par[10];
        float cwh = par[11];
        float gamma = par[12];
        float c = par[C];
        float sp = s[0];
        float mw = s[1];
        float sm = s[2];
        float suz = s[3];
        float slz = s[4];

        boolean isRain = temp >= tt;
        float rain = isRain ? p : 0f;
        float snow = isRain ? 0f : p;
        float sp1 = sp + snow;
        float melt = Math.min(Math.max(cfmax * (temp - tt), 0f), sp1);
        float mw1 = mw + melt;
        float sp2 = sp1 - melt;
        float refr = Math.min(Math.max(cfr * cfmax * (tt - temp), 0f), mw1);
        float sp3 = sp2 + refr;
        float mw2 = mw1 - refr;
        float tosoil = Math.max(mw2 - cwh * sp3, 0f);
        float mw3 = mw2 - tosoil;

        float x1 = Math.max(sm / fc, TINY);
        float swr = Activations.exp(beta * Activations.log(x1));
        float sw = Math.min(swr, 1f);
        float recharge = (rain + tosoil) * sw;
        float sm1 = sm + rain + tosoil - recharge;
        float excess = Math.max(sm1 - fc, 0f);
        float sm2 = sm1 - excess;
        float x2 = Math.max(sm2 / (lp * fc), TINY);
        float efr = Activations.exp(gamma * Activations.log(x2));
        float ef = Math.min(efr, 1f);
        float eta = Math.min(sm2, pet * ef);
        float sm3 = Math.max(sm2 - eta, FLOOR);

        float ym = Math.min(sm3 / fc, 1f);
        float cap = Math.min(slz, c * slz * (1f - ym));
        float sm4 = Math.max(sm3 + cap, FLOOR);
        float slz1 = Math.max(slz - cap, FLOOR);

        float suz1 = suz + recharge + excess;
        float perc = Math.min(suz1, percMax);
        float suz2 = suz1 - perc;
        float q0 = k0 * Math.max(suz2 - uzl, 0f);
        float suz3 = suz2 - q0;
        float q1 = k1 * suz3;
        float suz4 = suz3 - q1;
        float slz2 = slz1 + perc;
        float q2 = k2 * slz2;
        float slz3 = slz2 - q2;

        s[0] = sp3;
        s[1] = mw3;
        s[2] = sm4;
        s[3] = suz4;
        s[4] = slz3;
        if (d != null) {
            d[0] = q0;
            d[1] = q1;
            d[2] = q2;
            d[3] = eta;
            d[4] = rain;
            d[5] = snow;
            d[6] = melt;
            d[7] = refr;
            d[8] = tosoil;
            d[9] = recharge;
            d[10] = excess;
            d[11] = perc;
            d[12] = sp3;
            d[13] = mw3;
            d[14] = sm4;
            d[15] = suz4;
            d[16] = slz3;
            d[17] = cap;
        }
        return q0 + q1 + q2;
    }

    /**
     * Reverse of {@link #step} from the start-of-day states {@code s}: {@code g} holds the adjoints of the end-of-day
     * states and is replaced by those of the start of the day; parameter gradients are added into {@code gPar}.
     *
     * @param gq dLoss/d(Q0 + Q1 + Q2) of this day
     */
    static void stepBack(float[] s, float[] par, float p, float temp, float pet, float gq, float[] g, float[] gPar) {
        float beta = par[0];
        float fc = par[1];
        float k0 = par[2];
        float k1 = par[3];
        float k2 = par[4];
        float lp = par[5];
        float percMax = par[6];
        float uzl = par[7];
        float tt = par[8];
        float cfmax = par[9];
        float cfr = par[10];
        float cwh = par[11];
        float gamma = par[12];
        float c = par[C];
        float sp = s[0];
        float mw = s[1];
        float sm = s[2];
        float suz = s[3];
        float slz = s[4];

        // forward again, keeping every intermediate
        boolean isRain = temp >= tt;
        float rain = isRain ? p : 0f;
        float snow = isRain ? 0f : p;
        float sp1 = sp + snow;
        float mr = cfmax * (temp - tt);
        float mc = Math.max(mr, 0f);
        float melt = Math.min(mc, sp1);
        float mw1 = mw + melt;
        float sp2 = sp1 - melt;
        float dtr = tt - temp;
        float rr = cfr * cfmax * dtr;
        float rc = Math.max(rr, 0f);
        float refr = Math.min(rc, mw1);
        float sp3 = sp2 + refr;
        float mw2 = mw1 - refr;
        float tsr = mw2 - cwh * sp3;
        float tosoil = Math.max(tsr, 0f);
        float x1r = sm / fc;
        float x1 = Math.max(x1r, TINY);
        float lnx1 = Activations.log(x1);
        float swr = Activations.exp(beta * lnx1);
        float sw = Math.min(swr, 1f);
        float inflow = rain + tosoil;
        float recharge = inflow * sw;
        float sm1 = sm + rain + tosoil - recharge;
        float exr = sm1 - fc;
        float excess = Math.max(exr, 0f);
        float sm2 = sm1 - excess;
        float lpfc = lp * fc;
        float x2r = sm2 / lpfc;
        float x2 = Math.max(x2r, TINY);
        float lnx2 = Activations.log(x2);
        float efr = Activations.exp(gamma * lnx2);
        float ef = Math.min(efr, 1f);
        float etr = pet * ef;
        float eta = Math.min(sm2, etr);
        float smd = sm2 - eta;
        float sm3 = Math.max(smd, FLOOR);
        float y = sm3 / fc;
        float ym = Math.min(y, 1f);
        float cr = c * slz * (1f - ym);
        float cap = Math.min(slz, cr);
        float sm4r = sm3 + cap;
        float slzr = slz - cap;
        float slz1 = Math.max(slzr, FLOOR);
        float suz1 = suz + recharge + excess;
        float perc = Math.min(suz1, percMax);
        float suz2 = suz1 - perc;
        float q0r = suz2 - uzl;
        float q0c = Math.max(q0r, 0f);
        float q0 = k0 * q0c;
        float suz3 = suz2 - q0;
        float slz2 = slz1 + perc;

        // adjoint, last operation first
        float gSp = g[0];
        float gMw = g[1];
        float gSm = g[2];
        float gSuz = g[3];
        float gSlz = g[4];

        float gQ2 = gq - gSlz;
        float gSlz2 = gSlz + gQ2 * k2;
        float gK2 = gQ2 * slz2;
        float gQ1 = gq - gSuz;
        float gSuz3 = gSuz + gQ1 * k1;
        float gK1 = gQ1 * suz3;
        float gQ0 = gq - gSuz3;
        float gK0 = gQ0 * q0c;
        float gQ0r = q0r >= 0f ? gQ0 * k0 : 0f;
        float gSuz2 = gSuz3 + gQ0r;
        float gUzl = -gQ0r;
        float gPerc = gSlz2 - gSuz2;
        float gSlz1 = gSlz2;
        float sPerc = minShare(suz1, percMax);
        float gSuz1 = gSuz2 + gPerc * sPerc;
        float gPercMax = gPerc - gPerc * sPerc;
        float gRecharge = gSuz1;
        float gExcess = gSuz1;
        float gSuzIn = gSuz1;

        float gSlzr = slzr >= FLOOR ? gSlz1 : 0f;
        float gSm4r = sm4r >= FLOOR ? gSm : 0f;
        float gSm3 = gSm4r;
        float gCap = gSm4r - gSlzr;
        float gSlzIn = gSlzr;
        float sCap = minShare(slz, cr);
        gSlzIn += gCap * sCap;
        float gCr = gCap - gCap * sCap;
        float gC = gCr * slz * (1f - ym);
        gSlzIn += gCr * c * (1f - ym);
        float gYm = -gCr * c * slz;
        float gY = y <= 1f ? gYm : 0f;
        gSm3 += gY / fc;
        float gFc = -gY * y / fc;

        float gD = smd >= FLOOR ? gSm3 : 0f;
        float gEta = -gD;
        float sEta = minShare(sm2, etr);
        float gSm2 = gD + gEta * sEta;
        float gEtr = gEta - gEta * sEta;
        float gEf = gEtr * pet;
        float gEfr = efr <= 1f ? gEf : 0f;
        float gGamma = gEfr * efr * lnx2;
        float gX2 = gEfr * gamma * efr / x2;
        float gX2r = x2r >= TINY ? gX2 : 0f;
        gSm2 += gX2r / lpfc;
        float gLpfc = -gX2r * x2r / lpfc;
        float gLp = gLpfc * fc;
        gFc += gLpfc * lp;

        float gSm1 = gSm2;
        gExcess -= gSm2;
        float gExr = exr >= 0f ? gExcess : 0f;
        gSm1 += gExr;
        gFc -= gExr;
        float gSmIn = gSm1;
        float gTosoil = gSm1;
        gRecharge -= gSm1;
        gTosoil += gRecharge * sw;
        float gSw = gRecharge * inflow;
        float gSwr = swr <= 1f ? gSw : 0f;
        float gBeta = gSwr * swr * lnx1;
        float gX1 = gSwr * beta * swr / x1;
        float gX1r = x1r >= TINY ? gX1 : 0f;
        gSmIn += gX1r / fc;
        gFc -= gX1r * x1r / fc;

        float gMw2 = gMw;
        gTosoil -= gMw;
        float gTsr = tsr >= 0f ? gTosoil : 0f;
        gMw2 += gTsr;
        float gCwh = -gTsr * sp3;
        float gSp3 = gSp - gTsr * cwh;
        float gSp2 = gSp3;
        float gRefr = gSp3 - gMw2;
        float gMw1 = gMw2;
        float sRefr = minShare(rc, mw1);
        float gRc = gRefr * sRefr;
        gMw1 += gRefr - gRc;
        float gRr = rr >= 0f ? gRc : 0f;
        float gCfr = gRr * cfmax * dtr;
        float gCfmax = gRr * cfr * dtr;
        float gTt = gRr * cfr * cfmax;
        float gSp1 = gSp2;
        float gMelt = gMw1 - gSp2;
        float gMwIn = gMw1;
        float sMelt = minShare(mc, sp1);
        float gMc = gMelt * sMelt;
        gSp1 += gMelt - gMc;
        float gMr = mr >= 0f ? gMc : 0f;
        gCfmax += gMr * (temp - tt);
        gTt -= gMr * cfmax;

        g[0] = gSp1;
        g[1] = gMwIn;
        g[2] = gSmIn;
        g[3] = gSuzIn;
        g[4] = gSlzIn;
        gPar[0] += gBeta;
        gPar[1] += gFc;
        gPar[2] += gK0;
        gPar[3] += gK1;
        gPar[4] += gK2;
        gPar[5] += gLp;
        gPar[6] += gPercMax;
        gPar[7] += gUzl;
        gPar[8] += gTt;
        gPar[9] += gCfmax;
        gPar[10] += gCfr;
        gPar[11] += gCwh;
        gPar[12] += gGamma;
        gPar[C] += gC;
    }

    /** The kernel of one batch shape: workspace, tape and worker threads. */
    private final class Run implements Kernel {
        private final int nB;
        private final int nWarm;
        private final int nWin;
        private final int width;
        private final int lanes;
        private final boolean diagnostics;
        private final float[][] out;
        private final float[] tape;
        private final int uhLen;
        private final float[] uh;
        private final double[] alpha;
        private final double[] theta;
        private final float[] gMean;
        private final ExecutorService pool;
        private final List<Callable<Void>> fwd = new ArrayList<>();
        private final List<Callable<Void>> bwd = new ArrayList<>();
        private float[] forcing;
        private float[] u;
        private ParameterDays days;
        private float[] gRouted;
        private float[] gU;
        private boolean forwardDone;

        Run(int nBasins, int nWarmup, int nWindow, int threads, boolean diagnostics) {
            if (nBasins < 1 || nWarmup < 0 || nWindow < 1 || threads < 1) {
                throw new IllegalArgumentException("need nBasins >= 1, nWarmup >= 0, nWindow >= 1, threads >= 1; "
                        + "got " + nBasins + ", " + nWarmup + ", " + nWindow + ", " + threads);
            }
            this.nB = nBasins;
            this.nWarm = nWarmup;
            this.nWin = nWindow;
            this.width = rowWidth();
            this.lanes = nBasins * nmul;
            this.diagnostics = diagnostics;
            this.out = new float[outputs.size()][];
            for (int o = 0; o < out.length; o++) {
                out[o] = o < 2 || diagnostics ? new float[nWindow * nBasins] : null;
            }
            this.tape = new float[Math.multiplyExact(Math.multiplyExact(nWindow, 5), lanes)];
            this.uhLen = Math.min(UnitHydrograph.LENGTH, nWindow);
            this.uh = new float[nBasins * uhLen];
            this.alpha = new double[nBasins];
            this.theta = new double[nBasins];
            this.gMean = new float[nWindow * nBasins];
            int nChunks = Math.min(threads, nBasins);
            for (int k = 0; k < nChunks; k++) {
                int b0 = (int) ((long) k * nBasins / nChunks);
                int b1 = (int) ((long) (k + 1) * nBasins / nChunks);
                Chunk chunk = new Chunk();
                fwd.add(() -> {
                    chunk.forward(b0, b1);
                    return null;
                });
                bwd.add(() -> {
                    chunk.backward(b0, b1);
                    return null;
                });
            }
            this.pool = nChunks > 1 ? Executors.newFixedThreadPool(nChunks, r -> {
                Thread t = new Thread(r, "hbv11p-kernel");
                t.setDaemon(true);
                return t;
            }) : null;
        }

        @Override
        public void forward(float[] forcing, float[] u, ParameterDays days) {
            int nDays = nWarm + nWin;
            check("forcing", forcing, (long) nDays * nB * 3);
            check("u", u, (long) nDays * nB * width);
            for (int d : new int[] {days.warmupDay(), days.staticDay(), days.routingDay()}) {
                if (d < 0 || d >= nDays) {
                    throw new IllegalArgumentException("parameter day " + d + " outside 0.." + (nDays - 1));
                }
            }
            this.forcing = forcing;
            this.u = u;
            this.days = days;
            for (float[] o : out) {
                if (o != null) {
                    Arrays.fill(o, 0f);
                }
            }
            execute(fwd);
            forwardDone = true;
        }

        @Override
        public void backward(float[] dLossDDischarge, float[] dLossDu) {
            if (!forwardDone) {
                throw new IllegalStateException("backward() needs a forward() first");
            }
            check("dLossDDischarge", dLossDDischarge, (long) nWin * nB);
            check("dLossDu", dLossDu, (long) (nWarm + nWin) * nB * width);
            this.gRouted = dLossDDischarge;
            this.gU = dLossDu;
            execute(bwd);
        }

        @Override
        public float[] discharge() {
            return out[0];
        }

        @Override
        public float[] output(String name) {
            for (int o = 0; o < outputs.size(); o++) {
                if (outputs.get(o).name().equals(name)) {
                    if (out[o] == null) {
                        throw new IllegalStateException(name + " is produced only with diagnostics on");
                    }
                    return out[o];
                }
            }
            throw new IllegalArgumentException("HBV 1.1p has no output '" + name + "'");
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }

        private void execute(List<Callable<Void>> tasks) {
            try {
                if (pool == null) {
                    tasks.get(0).call();
                    return;
                }
                for (Future<Void> f : pool.invokeAll(tasks)) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running the HBV 1.1p kernel", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private void check(String name, float[] a, long n) {
            if (a == null || a.length != n) {
                throw new IllegalArgumentException(name + ": expected " + n + " values, got "
                        + (a == null ? "null" : a.length));
            }
        }

        /** One thread's scratch and work over a block of basins. */
        private final class Chunk {
            private final float[] s = new float[5];
            private final float[] par = new float[NP];
            private final float[] d = new float[N_DIAG];
            private final float[] g = new float[5];
            private final float[] gPar = new float[NP];
            private final float[] gStatic = new float[NP];
            private final double[] gw = new double[UnitHydrograph.LENGTH];
            private final double[] gAlphaTheta = new double[2];

            /** Physical parameters of lane (b, m) from row {@code row}; dynamic ones from {@code dynRow}. */
            private void load(int b, int m, int row, int dynRow) {
                for (int p = 0; p < NP; p++) {
                    int r = parameters.get(p).dynamic() ? dynRow : row;
                    par[p] = parameters.get(p).toPhysical(u[(r * nB + b) * width + p * nmul + m]);
                }
            }

            private float f(int day, int b, int k) {
                float v = forcing[(day * nB + b) * 3 + k];
                return v != v ? 0f : v;
            }

            void forward(int b0, int b1) {
                float[] qMean = out[1];
                for (int b = b0; b < b1; b++) {
                    for (int m = 0; m < nmul; m++) {
                        Arrays.fill(s, HbvWorkspace.COLD_STATE);
                        load(b, m, days.warmupDay(), days.warmupDay());
                        for (int t = 0; t < nWarm; t++) {
                            step(s, par, f(t, b, 0), f(t, b, 1), f(t, b, 2), null);
                        }
                        int lane = b * nmul + m;
                        for (int t = 0; t < nWin; t++) {
                            int day = nWarm + t;
                            load(b, m, days.staticDay(), day);
                            for (int k = 0; k < 5; k++) {
                                tape[(t * 5 + k) * lanes + lane] = s[k];
                            }
                            float q = step(s, par, f(day, b, 0), f(day, b, 1), f(day, b, 2), diagnostics ? d : null);
                            qMean[t * nB + b] += q;
                            if (diagnostics) {
                                for (int k = 0; k < N_DIAG; k++) {
                                    out[k + 2][t * nB + b] += d[k];
                                }
                            }
                        }
                    }
                    for (int t = 0; t < nWin; t++) {
                        int i = t * nB + b;
                        qMean[i] /= nmul;
                        if (diagnostics) {
                            for (int k = 0; k < N_DIAG; k++) {
                                out[k + 2][i] /= nmul;
                            }
                        }
                    }
                    float[] routed = out[0];
                    if (routing) {
                        int row = (days.routingDay() * nB + b) * width + NP * nmul;
                        alpha[b] = UnitHydrograph.alpha(u[row]);
                        theta[b] = UnitHydrograph.theta(u[row + 1]);
                        UnitHydrograph.weights(alpha[b], theta[b], uhLen, uh, b * uhLen);
                        UnitHydrograph.convolve(qMean, routed, b, nB, nWin, uh, b * uhLen, uhLen);
                    } else {
                        for (int t = 0; t < nWin; t++) {
                            routed[t * nB + b] = qMean[t * nB + b];
                        }
                    }
                }
            }

            void backward(int b0, int b1) {
                float[] qMean = out[1];
                for (int b = b0; b < b1; b++) {
                    if (routing) {
                        routingBackward(b, qMean);
                        double ga = alpha[b] > 0.1f ? gAlphaTheta[0] : 0.0;
                        double gb = theta[b] > 0.5f ? gAlphaTheta[1] : 0.0;
                        int row = (days.routingDay() * nB + b) * width + NP * nmul;
                        gU[row] += (float) (ga * (float) HbvParameter.ROUTING_A_MAX);
                        gU[row + 1] += (float) (gb * (float) HbvParameter.ROUTING_B_MAX);
                    } else {
                        for (int t = 0; t < nWin; t++) {
                            gMean[t * nB + b] = gRouted[t * nB + b];
                        }
                    }
                    for (int m = 0; m < nmul; m++) {
                        int lane = b * nmul + m;
                        Arrays.fill(g, 0f);
                        Arrays.fill(gStatic, 0f);
                        for (int t = nWin - 1; t >= 0; t--) {
                            int day = nWarm + t;
                            load(b, m, days.staticDay(), day);
                            for (int k = 0; k < 5; k++) {
                                s[k] = tape[(t * 5 + k) * lanes + lane];
                            }
                            Arrays.fill(gPar, 0f);
                            stepBack(s, par, f(day, b, 0), f(day, b, 1), f(day, b, 2), gMean[t * nB + b] / nmul,
                                    g, gPar);
                            for (int p = 0; p < NP; p++) {
                                ParameterSpec spec = parameters.get(p);
                                if (spec.dynamic()) {
                                    gU[(day * nB + b) * width + p * nmul + m] += gPar[p] * spec.rangeF();
                                } else {
                                    gStatic[p] += gPar[p];
                                }
                            }
                        }
                        for (int p = 0; p < NP; p++) {
                            ParameterSpec spec = parameters.get(p);
                            if (!spec.dynamic()) {
                                gU[(days.staticDay() * nB + b) * width + p * nmul + m] += gStatic[p] * spec.rangeF();
                            }
                        }
                    }
                }
            }

            /** dLoss/d(unrouted mean) into gMean for basin b, dLoss/dα and dL/dθ into gAlphaTheta. */
            private void routingBackward(int b, float[] qMean) {
                int wOff = b * uhLen;
                Arrays.fill(gw, 0.0);
                for (int s0 = 0; s0 < nWin; s0++) {
                    double acc = 0;
                    int kMax = Math.min(uhLen - 1, nWin - 1 - s0);
                    for (int k = 0; k <= kMax; k++) {
                        acc += (double) uh[wOff + k] * gRouted[(s0 + k) * nB + b];
                    }
                    gMean[s0 * nB + b] = (float) acc;
                }
                for (int k = 0; k < uhLen; k++) {
                    double acc = 0;
                    for (int t = k; t < nWin; t++) {
                        acc += (double) gRouted[t * nB + b] * qMean[(t - k) * nB + b];
                    }
                    gw[k] = acc;
                }
                UnitHydrograph.weightGradient(uh, wOff, gw, uhLen, theta[b], gAlphaTheta);
            }
        }
    }
}
