package org.hydrodelta.core.hbv;

import org.hydrodelta.core.conceptual.ParameterDays;

/**
 * Independent double-precision implementation of the whole forward chain (spec §1.2-§1.6, §2, §5.3), written
 * straight from the spec for the tests: finite differences on it are the yardstick for the shipped float adjoint,
 * and its outputs are checked against the float kernel's.
 */
final class DoubleHbvModel {
    private final HbvConfig cfg;
    private final int nB;
    private final int nWarm;
    private final int nWin;
    /** Routed component-mean flow of the last run, [t][b]. */
    final double[] routed;

    DoubleHbvModel(HbvConfig cfg, int nB, int nWarm, int nWin) {
        this.cfg = cfg;
        this.nB = nB;
        this.nWarm = nWarm;
        this.nWin = nWin;
        this.routed = new double[nWin * nB];
    }

    private double phys(double[] u, int day, int b, int p, int m) {
        HbvParameter par = HbvParameter.values()[p];
        return par.lo() + u[(day * nB + b) * cfg.rowWidth() + p * cfg.nmul() + m] * (par.hi() - par.lo());
    }

    /** Runs everything and returns the loss against obs (NaN = missing). */
    double loss(double[] forcing, double[] u, ParameterDays days, double[] obs) {
        run(forcing, u, days);
        int n = 0;
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < routed.length; i++) {
            if (Double.isNaN(obs[i])) {
                continue;
            }
            n++;
            double d1 = routed[i] - obs[i];
            double d2 = Math.log10(Math.sqrt(routed[i] + 1e-6) + 0.1) - Math.log10(Math.sqrt(obs[i] + 1e-6) + 0.1);
            s1 += d1 * d1;
            s2 += d2 * d2;
        }
        return 0.75 * Math.sqrt(s1 / n) + 0.25 * Math.sqrt(s2 / n);
    }

    void run(double[] forcing, double[] u, ParameterDays days) {
        int m = cfg.nmul();
        int np = cfg.nParams();
        double[] qMean = new double[nWin * nB];
        for (int b = 0; b < nB; b++) {
            for (int c = 0; c < m; c++) {
                double[] st = {0.001, 0.001, 0.001, 0.001, 0.001};
                double[] par = new double[13];
                for (int t = 0; t < nWarm + nWin; t++) {
                    boolean warm = t < nWarm;
                    for (int p = 0; p < np; p++) {
                        int day = warm ? days.warmupDay() : (cfg.isDynamic(p) ? t : days.staticDay());
                        par[p] = phys(u, day, b, p, c);
                    }
                    int f = (t * nB + b) * 3;
                    double q = step(st, par, forcing[f], forcing[f + 1], forcing[f + 2], np == 13);
                    if (!warm) {
                        qMean[(t - nWarm) * nB + b] += q / m;
                    }
                }
            }
            if (cfg.routing()) {
                int row = (days.routingDay() * nB + b) * cfg.rowWidth() + np * m;
                double alpha = Math.max(u[row] * 2.9, 0) + 0.1;
                double theta = Math.max(u[row + 1] * 6.5, 0) + 0.5;
                int len = Math.min(15, nWin);
                double[] w = new double[len];
                double sum = 0;
                for (int k = 0; k < len; k++) {
                    double tau = k + 0.5;
                    w[k] = Math.pow(tau, alpha - 1) * Math.exp(-tau / theta);
                    sum += w[k];
                }
                for (int t = 0; t < nWin; t++) {
                    double acc = 0;
                    for (int k = 0; k <= Math.min(len - 1, t); k++) {
                        acc += w[k] / sum * qMean[(t - k) * nB + b];
                    }
                    routed[t * nB + b] = acc;
                }
            } else {
                for (int t = 0; t < nWin; t++) {
                    routed[t * nB + b] = qMean[t * nB + b];
                }
            }
        }
    }

    /** One day of spec §1.2 on states {SP, MW, SM, SUZ, SLZ}; returns Q0 + Q1 + Q2. */
    static double step(double[] s, double[] par, double p, double temp, double pet, boolean gammaEt) {
        return step(s, par, p, temp, pet, gammaEt, null);
    }

    /** As {@link #step(double[], double[], double, double, double, boolean)}; fluxes receives Q0, Q1, Q2, ET. */
    static double step(double[] s, double[] par, double p, double temp, double pet, boolean gammaEt,
            double[] fluxes) {
        double beta = par[0];
        double fc = par[1];
        double lp = par[5];
        double tt = par[8];
        double cfmax = par[9];
        double rain = temp >= tt ? p : 0;
        double snow = temp >= tt ? 0 : p;
        double sp = s[0] + snow;
        double melt = Math.min(Math.max(cfmax * (temp - tt), 0), sp);
        double mw = s[1] + melt;
        sp -= melt;
        double refr = Math.min(Math.max(par[10] * cfmax * (tt - temp), 0), mw);
        sp += refr;
        mw -= refr;
        double tosoil = Math.max(mw - par[11] * sp, 0);
        mw -= tosoil;
        double sw = Math.min(Math.pow(s[2] / fc, beta), 1);
        double recharge = (rain + tosoil) * sw;
        double sm = s[2] + rain + tosoil - recharge;
        double excess = Math.max(sm - fc, 0);
        sm -= excess;
        double x = sm / (lp * fc);
        double ef = Math.min(Math.max(gammaEt ? Math.pow(x, par[12]) : x, 0), 1);
        double eta = Math.min(sm, pet * ef);
        sm = Math.max(sm - eta, 1e-5);
        double suz = s[3] + recharge + excess;
        double perc = Math.min(suz, par[6]);
        suz -= perc;
        double q0 = par[2] * Math.max(suz - par[7], 0);
        suz -= q0;
        double q1 = par[3] * suz;
        suz -= q1;
        double slz = s[4] + perc;
        double q2 = par[4] * slz;
        slz -= q2;
        s[0] = sp;
        s[1] = mw;
        s[2] = sm;
        s[3] = suz;
        s[4] = slz;
        if (fluxes != null) {
            fluxes[0] = q0;
            fluxes[1] = q1;
            fluxes[2] = q2;
            fluxes[3] = eta;
        }
        return q0 + q1 + q2;
    }

    /**
     * Runs everything and returns Σ weight·output over the window (a linear functional of the outputs, so its
     * gradient with respect to each output is the weight: the yardstick for the adjoint seeded on states and fluxes).
     *
     * @param weights by output (Q_ROUTED, Q, Q0, Q1, Q2, ET, SNOWPACK, MELTWATER, SM, SUZ, SLZ), {@code [t][b]}
     */
    double linear(double[] forcing, double[] u, ParameterDays days, java.util.Map<HbvOutput, double[]> weights) {
        java.util.Map<HbvOutput, double[]> out = outputs(forcing, u, days);
        double sum = 0;
        for (java.util.Map.Entry<HbvOutput, double[]> e : weights.entrySet()) {
            double[] o = out.get(e.getKey());
            for (int i = 0; i < o.length; i++) {
                sum += e.getValue()[i] * o[i];
            }
        }
        return sum;
    }

    /** Component means of the outputs the adjoint can be seeded on, and the routed flow, {@code [t][b]}. */
    java.util.Map<HbvOutput, double[]> outputs(double[] forcing, double[] u, ParameterDays days) {
        run(forcing, u, days);
        HbvOutput[] names = {HbvOutput.Q, HbvOutput.Q0, HbvOutput.Q1, HbvOutput.Q2, HbvOutput.ET,
            HbvOutput.SNOWPACK, HbvOutput.MELTWATER, HbvOutput.SM, HbvOutput.SUZ, HbvOutput.SLZ};
        java.util.Map<HbvOutput, double[]> out = new java.util.EnumMap<>(HbvOutput.class);
        for (HbvOutput o : names) {
            out.put(o, new double[nWin * nB]);
        }
        out.put(HbvOutput.Q_ROUTED, routed.clone());
        int m = cfg.nmul();
        int np = cfg.nParams();
        double[] fx = new double[4];
        for (int b = 0; b < nB; b++) {
            for (int c = 0; c < m; c++) {
                double[] st = {0.001, 0.001, 0.001, 0.001, 0.001};
                double[] par = new double[13];
                for (int t = 0; t < nWarm + nWin; t++) {
                    boolean warm = t < nWarm;
                    for (int p = 0; p < np; p++) {
                        int day = warm ? days.warmupDay() : (cfg.isDynamic(p) ? t : days.staticDay());
                        par[p] = phys(u, day, b, p, c);
                    }
                    int f = (t * nB + b) * 3;
                    double q = step(st, par, forcing[f], forcing[f + 1], forcing[f + 2], np == 13, fx);
                    if (!warm) {
                        int i = (t - nWarm) * nB + b;
                        out.get(HbvOutput.Q)[i] += q / m;
                        out.get(HbvOutput.Q0)[i] += fx[0] / m;
                        out.get(HbvOutput.Q1)[i] += fx[1] / m;
                        out.get(HbvOutput.Q2)[i] += fx[2] / m;
                        out.get(HbvOutput.ET)[i] += fx[3] / m;
                        out.get(HbvOutput.SNOWPACK)[i] += st[0] / m;
                        out.get(HbvOutput.MELTWATER)[i] += st[1] / m;
                        out.get(HbvOutput.SM)[i] += st[2] / m;
                        out.get(HbvOutput.SUZ)[i] += st[3] / m;
                        out.get(HbvOutput.SLZ)[i] += st[4] / m;
                    }
                }
            }
        }
        return out;
    }
}
