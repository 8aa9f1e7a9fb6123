package org.hydrodelta.core.combine;

import java.util.List;
import org.hydrodelta.core.loss.NseLoss;
import org.hydrodelta.core.loss.RmseCombLoss;

/**
 * The project's flow losses ({@code nse}: NSE* of {@link NseLoss}; {@code rmse-comb} of {@link RmseCombLoss}) in
 * double precision over whole basin series, observation gaps masked. Same formulas as the training losses; the
 * NSE* scale σ is each basin's standard deviation over the whole period (as NeuralHydrology takes it) rather than
 * over a training window. Deviation: the training losses are single precision; the combination's gradient check
 * needs double, so the formulas are written again here (a test holds the two equal to float precision).
 */
public final class CombinationLoss {
    /** Loss names. */
    public static final List<String> NAMES = List.of("nse", "rmse-comb");

    private final String name;
    private final double alpha;

    /**
     * @param name  {@code nse} or {@code rmse-comb}
     * @param alpha weight of the log-flow term of {@code rmse-comb} (ignored by {@code nse})
     * @throws IllegalArgumentException for another name or alpha outside [0, 1]
     */
    public CombinationLoss(String name, double alpha) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("loss must be one of " + NAMES + ", was '" + name + "'");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("loss alpha must be in [0, 1], was " + alpha);
        }
        this.name = name;
        this.alpha = alpha;
    }

    /** @return the loss's name */
    public String name() {
        return name;
    }

    /**
     * @param sim  simulated flow {@code [basin][day]}
     * @param obs  observed flow {@code [basin][day]}, NaN for gaps
     * @param grad receives dLoss/dsim {@code [basin][day]} (0 where masked), or null
     * @return the loss (0 when nothing is observed)
     */
    public double evaluate(double[][] sim, float[][] obs, double[][] grad) {
        return name.equals("nse") ? nse(sim, obs, grad) : rmseComb(sim, obs, grad);
    }

    private static double nse(double[][] sim, float[][] obs, double[][] grad) {
        int count = 0;
        double[] weight = new double[sim.length];
        for (int b = 0; b < sim.length; b++) {
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (float o : obs[b]) {
                if (o == o) {
                    sum += o;
                    sq += (double) o * o;
                    n++;
                }
            }
            count += n;
            double sd = n == 0 ? 0 : Math.sqrt(Math.max(0, sq / n - (sum / n) * (sum / n)));
            weight[b] = 1.0 / ((sd + NseLoss.EPS) * (sd + NseLoss.EPS));
        }
        if (count == 0) {
            return 0;
        }
        double total = 0;
        for (int b = 0; b < sim.length; b++) {
            for (int d = 0; d < sim[b].length; d++) {
                float o = obs[b][d];
                double e = o == o ? sim[b][d] - o : 0;
                total += weight[b] * e * e;
                if (grad != null) {
                    grad[b][d] = 2 * weight[b] * e / count;
                }
            }
        }
        return total / count;
    }

    private static double transform(double q) {
        return Math.log10(Math.sqrt(Math.max(q + RmseCombLoss.BETA, 0.0)) + 0.1);
    }

    private double rmseComb(double[][] sim, float[][] obs, double[][] grad) {
        int count = 0;
        double sse1 = 0;
        double sse2 = 0;
        for (int b = 0; b < sim.length; b++) {
            for (int d = 0; d < sim[b].length; d++) {
                float o = obs[b][d];
                if (o == o) {
                    count++;
                    double d1 = sim[b][d] - o;
                    double d2 = transform(sim[b][d]) - transform(o);
                    sse1 += d1 * d1;
                    sse2 += d2 * d2;
                }
            }
        }
        if (grad != null) {
            for (double[] row : grad) {
                java.util.Arrays.fill(row, 0);
            }
        }
        if (count == 0) {
            return 0;
        }
        double rmse1 = Math.sqrt(sse1 / count);
        double rmse2 = Math.sqrt(sse2 / count);
        if (grad != null) {
            double c1 = rmse1 > 0 ? (1 - alpha) / (count * rmse1) : 0.0;
            double c2 = rmse2 > 0 ? alpha / (count * rmse2) : 0.0;
            for (int b = 0; b < sim.length; b++) {
                for (int d = 0; d < sim[b].length; d++) {
                    float o = obs[b][d];
                    if (o != o) {
                        continue;
                    }
                    double s = sim[b][d];
                    double root = Math.sqrt(Math.max(s + RmseCombLoss.BETA, 0.0));
                    double dTransform = root > 0 ? 1.0 / ((root + 0.1) * Math.log(10) * 2 * root) : 0.0;
                    grad[b][d] = c1 * (s - o) + c2 * (transform(s) - transform(o)) * dTransform;
                }
            }
        }
        return (1 - alpha) * rmse1 + alpha * rmse2;
    }
}
