package org.hydrodelta.core.eval;

import java.util.Arrays;

/**
 * Streamflow metrics for one basin. Every function takes simulated and observed series of equal length and
 * uses only the days where both are finite (observation gaps are masked, never filled). A metric that is
 * undefined for the data (no valid day, zero observed variance, ...) is {@code NaN}.
 *
 * <p>Definitions follow the δ-model authors' code (MHPI hydroDL {@code post/stat.py}, δMG
 * {@code core/calc/metrics.py}; spec §6) and, where named, NeuralHydrology's {@code evaluation/metrics.py}.
 */
public final class Metrics {
    private Metrics() {
    }

    /** Paired finite values of a simulation and an observation. */
    record Pairs(double[] sim, double[] obs) {
        int n() {
            return obs.length;
        }
    }

    static Pairs pairs(float[] sim, float[] obs) {
        if (sim.length != obs.length) {
            throw new IllegalArgumentException("sim has " + sim.length + " days, obs has " + obs.length);
        }
        int n = 0;
        for (int i = 0; i < obs.length; i++) {
            if (Float.isFinite(sim[i]) && Float.isFinite(obs[i])) {
                n++;
            }
        }
        double[] s = new double[n];
        double[] o = new double[n];
        for (int i = 0, k = 0; i < obs.length; i++) {
            if (Float.isFinite(sim[i]) && Float.isFinite(obs[i])) {
                s[k] = sim[i];
                o[k++] = obs[i];
            }
        }
        return new Pairs(s, o);
    }

    private static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** Population standard deviation (ddof = 0, as numpy's default used by the reference code). */
    private static double std(double[] x, double mean) {
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / x.length);
    }

    /**
     * Nash–Sutcliffe efficiency: NSE = 1 − Σ(s−o)² / Σ(o − μ_o)² (Nash &amp; Sutcliffe 1970).
     *
     * @param sim simulated flow
     * @param obs observed flow, NaN for gaps
     * @return NSE in (−∞, 1]
     */
    public static double nse(float[] sim, float[] obs) {
        Pairs p = pairs(sim, obs);
        if (p.n() < 2) {
            return Double.NaN;
        }
        double mo = mean(p.obs());
        double num = 0;
        double den = 0;
        for (int i = 0; i < p.n(); i++) {
            num += (p.sim()[i] - p.obs()[i]) * (p.sim()[i] - p.obs()[i]);
            den += (p.obs()[i] - mo) * (p.obs()[i] - mo);
        }
        return den == 0 ? Double.NaN : 1 - num / den;
    }

    /**
     * Pearson correlation coefficient r.
     *
     * @param sim simulated flow
     * @param obs observed flow, NaN for gaps
     * @return r in [−1, 1]
     */
    public static double pearsonR(float[] sim, float[] obs) {
        return r(pairs(sim, obs));
    }

    private static double r(Pairs p) {
        if (p.n() < 2) {
            return Double.NaN;
        }
        double ms = mean(p.sim());
        double mo = mean(p.obs());
        double sso = 0;
        double sss = 0;
        double sso2 = 0;
        for (int i = 0; i < p.n(); i++) {
            double ds = p.sim()[i] - ms;
            double dob = p.obs()[i] - mo;
            sso += ds * dob;
            sss += ds * ds;
            sso2 += dob * dob;
        }
        return sss == 0 || sso2 == 0 ? Double.NaN : sso / Math.sqrt(sss * sso2);
    }

    /**
     * Kling–Gupta efficiency (Gupta et al. 2009): KGE = 1 − √((r−1)² + (σ_s/σ_o − 1)² + (μ_s/μ_o − 1)²).
     *
     * @param sim simulated flow
     * @param obs observed flow, NaN for gaps
     * @return KGE in (−∞, 1]
     */
    public static double kge(float[] sim, float[] obs) {
        Pairs p = pairs(sim, obs);
        if (p.n() < 2) {
            return Double.NaN;
        }
        double ms = mean(p.sim());
        double mo = mean(p.obs());
        double alpha = std(p.sim(), ms) / std(p.obs(), mo);
        double beta = ms / mo;
        double r = r(p);
        return 1 - Math.sqrt((r - 1) * (r - 1) + (alpha - 1) * (alpha - 1) + (beta - 1) * (beta - 1));
    }

    /**
     * Modified Kling–Gupta efficiency KGE′ (Kling et al. 2012, "KGE12"): the variability term uses the ratio of
     * coefficients of variation (σ_s/μ_s)/(σ_o/μ_o) instead of σ_s/σ_o.
     *
     * @param sim simulated flow
     * @param obs observed flow, NaN for gaps
     * @return KGE′ in (−∞, 1]
     */
    public static double kgePrime(float[] sim, float[] obs) {
        Pairs p = pairs(sim, obs);
        if (p.n() < 2) {
            return Double.NaN;
        }
        double ms = mean(p.sim());
        double mo = mean(p.obs());
        double gamma = (std(p.sim(), ms) / ms) / (std(p.obs(), mo) / mo);
        double beta = ms / mo;
        double r = r(p);
        return 1 - Math.sqrt((r - 1) * (r - 1) + (gamma - 1) * (gamma - 1) + (beta - 1) * (beta - 1));
    }

    /**
     * Root mean square error, in the unit of the flows (mm/d).
     *
     * @param sim simulated flow
     * @param obs observed flow, NaN for gaps
     * @return RMSE ≥ 0
     */
    public static double rmse(float[] sim, float[] obs) {
        Pairs p = pairs(sim, obs);
        if (p.n() == 0) {
            return Double.NaN;
        }
        double ss = 0;
        for (int i = 0; i < p.n(); i++) {
            ss += (p.sim()[i] - p.obs()[i]) * (p.sim()[i] - p.obs()[i]);
        }
        return Math.sqrt(ss / p.n());
    }

    /**
     * Percent bias: PBIAS = 100 · Σ(s − o) / Σo. Positive means the simulation overestimates the volume.
     *
     * @param sim simulated flow
     * @param obs observed flow, NaN for gaps
     * @return percent bias
     */
    public static double pbias(float[] sim, float[] obs) {
        Pairs p = pairs(sim, obs);
        double ds = 0;
        double so = 0;
        for (int i = 0; i < p.n(); i++) {
            ds += p.sim()[i] - p.obs()[i];
            so += p.obs()[i];
        }
        return p.n() == 0 || so == 0 ? Double.NaN : 100 * ds / so;
    }

    /**
     * High-flow bias FHV (Yilmaz et al. 2008; MHPI and NeuralHydrology agree): percent bias of the top 2 % of
     * each series sorted separately, i.e. sorted ascending, indices ≥ round(0.98·n).
     *
     * @param sim simulated flow
     * @param obs observed flow, NaN for gaps
     * @return percent bias of the peak segment of the flow duration curve
     */
    public static double fhv(float[] sim, float[] obs) {
        Pairs p = pairs(sim, obs);
        if (p.n() == 0) {
            return Double.NaN;
        }
        double[] s = sorted(p.sim());
        double[] o = sorted(p.obs());
        int from = (int) Math.round(0.98 * p.n());
        double ds = 0;
        double so = 0;
        for (int i = from; i < p.n(); i++) {
            ds += s[i] - o[i];
            so += o[i];
        }
        return so == 0 ? Double.NaN : 100 * ds / so;
    }

    /**
     * Low-flow bias, MHPI definition ("FLV (MHPI)"): percent bias of the bottom 30 % of each series sorted
     * separately (indices &lt; round(0.3·n) ascending), linear, with 1e-4 added to the denominator as in δMG.
     * Not comparable with {@link #flvYilmaz}.
     *
     * @param sim simulated flow
     * @param obs observed flow, NaN for gaps
     * @return percent bias of the low-flow segment
     */
    public static double flvMhpi(float[] sim, float[] obs) {
        Pairs p = pairs(sim, obs);
        if (p.n() == 0) {
            return Double.NaN;
        }
        double[] s = sorted(p.sim());
        double[] o = sorted(p.obs());
        int to = (int) Math.round(0.3 * p.n());
        double ds = 0;
        double so = 0;
        for (int i = 0; i < to; i++) {
            ds += s[i] - o[i];
            so += o[i];
        }
        return 100 * ds / (so + 1e-4);
    }

    /**
     * Low-flow bias, Yilmaz et al. (2008) definition as in NeuralHydrology ("FLV (Yilmaz, log)"): over the
     * lowest 30 % of each sorted series, in log space relative to the lowest flow,
     * FLV = −100 · [Σ(ln s_l − ln s_L) − Σ(ln o_l − ln o_L)] / Σ(ln o_l − ln o_L); flows below 1e-6 count as 1e-6.
     *
     * @param sim simulated flow
     * @param obs observed flow, NaN for gaps
     * @return log-space percent bias of the low-flow segment
     */
    public static double flvYilmaz(float[] sim, float[] obs) {
        Pairs p = pairs(sim, obs);
        if (p.n() == 0) {
            return Double.NaN;
        }
        double[] s = sorted(clipLog(p.sim()));
        double[] o = sorted(clipLog(p.obs()));
        int count = (int) Math.round(0.3 * p.n());
        if (count < 1) {
            return Double.NaN;
        }
        double qs = 0;
        double qo = 0;
        for (int i = 0; i < count; i++) {
            qs += s[i] - s[0];
            qo += o[i] - o[0];
        }
        return qo == 0 ? Double.NaN : -100 * (qs - qo) / qo;
    }

    /**
     * Bias of the mid-segment slope of the flow duration curve, FMS (Yilmaz et al. 2008, as NeuralHydrology):
     * with flows sorted descending and clipped at 1e-6, m1 and m2 the flows at 20 % and 70 % exceedance,
     * FMS = 100 · [(ln s_m1 − ln s_m2) − (ln o_m1 − ln o_m2)] / (ln o_m1 − ln o_m2).
     *
     * @param sim simulated flow
     * @param obs observed flow, NaN for gaps
     * @return percent bias of the FDC mid-segment slope
     */
    public static double fms(float[] sim, float[] obs) {
        Pairs p = pairs(sim, obs);
        if (p.n() < 4) {
            return Double.NaN;
        }
        double[] s = sorted(clipLog(p.sim()));
        double[] o = sorted(clipLog(p.obs()));
        int n = p.n();
        // descending index k is ascending index n-1-k
        int lo = n - 1 - (int) Math.round(0.2 * n);
        int hi = n - 1 - (int) Math.round(0.7 * n);
        double slopeObs = o[lo] - o[hi];
        double slopeSim = s[lo] - s[hi];
        return slopeObs == 0 ? Double.NaN : 100 * (slopeSim - slopeObs) / slopeObs;
    }

    private static double[] clipLog(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.log(Math.max(x[i], 1e-6));
        }
        return y;
    }

    private static double[] sorted(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y;
    }

    /**
     * Mean absolute peak timing error in days (after NeuralHydrology's {@code mean_peak_timing}): observed
     * peaks are local maxima with a prominence of at least one standard deviation of the observations, at least
     * 100 days apart (higher peaks kept first); for each, the simulated peak is the day of the simulated maximum
     * within ±{@code window} days; the error is the day offset.
     *
     * @param sim    simulated flow
     * @param obs    observed flow, NaN for gaps (gap days are never peaks)
     * @param window search window in days on each side (NeuralHydrology uses 3 for daily data)
     * @return mean absolute offset in days, NaN when there is no peak
     */
    public static double peakTiming(float[] sim, float[] obs, int window) {
        int[] peaks = Peaks.find(obs, 100);
        if (peaks.length == 0) {
            return Double.NaN;
        }
        double total = 0;
        int counted = 0;
        for (int peak : peaks) {
            int best = -1;
            for (int i = Math.max(0, peak - window); i <= Math.min(obs.length - 1, peak + window); i++) {
                if (Float.isFinite(sim[i]) && (best < 0 || sim[i] > sim[best])) {
                    best = i;
                }
            }
            if (best >= 0) {
                total += Math.abs(best - peak);
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : total / counted;
    }
}
