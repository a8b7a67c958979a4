package io.vigil.demo;

import java.util.List;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * "Will it rain tomorrow?" — a logistic regression on today's precipitation, temp_max, temp_min and wind.
 *
 * <p>Inputs are standardised with the training days' mean and population standard deviation. The fit is
 * maximum likelihood by Newton's method (iteratively reweighted least squares): each step solves
 * {@code (XᵀWX) δ = Xᵀ(y − p)} with a Cholesky decomposition, W = diag(p(1 − p)). The model forecasts rain when
 * the probability is at least 0.5.
 */
public final class RainModel {
    /** Input names, in coefficient order after the intercept; also the snapshot feature names. */
    public static final List<String> FEATURES = List.of("precipitation", "temp_max", "temp_min", "wind");

    private static final int MAX_ITERATIONS = 50;
    private static final double TOLERANCE = 1e-10;
    /** XᵀWX is symmetric in exact arithmetic; the product's rounding differs between the two triangles. */
    private static final double SYMMETRY = 1e-12;
    private static final String SEPARABLE = "; are rain and dry days perfectly separable by the inputs?";

    private final double[] mean;
    private final double[] sd;
    private final double[] coefficients;

    private RainModel(double[] mean, double[] sd, double[] coefficients) {
        this.mean = mean;
        this.sd = sd;
        this.coefficients = coefficients;
    }

    /** Fits on consecutive days: each day but the last is one example, labelled by whether the next day rained. */
    public static RainModel fit(List<WeatherDay> days) {
        int n = days.size() - 1;
        if (n < FEATURES.size() + 1) throw new IllegalArgumentException("need at least 6 consecutive days, got " + days.size());
        double[][] raw = new double[FEATURES.size()][days.size()];
        for (int i = 0; i < days.size(); i++) {
            double[] x = inputs(days.get(i));
            for (int j = 0; j < x.length; j++) raw[j][i] = x[j];
        }
        double[] mean = new double[raw.length];
        double[] sd = new double[raw.length];
        for (int j = 0; j < raw.length; j++) {
            mean[j] = new Mean().evaluate(raw[j]);
            sd[j] = new StandardDeviation(false).evaluate(raw[j]);
            if (sd[j] == 0) throw new IllegalArgumentException("input " + FEATURES.get(j) + " is constant over the training days");
        }
        RealMatrix x = new Array2DRowRealMatrix(n, FEATURES.size() + 1);
        RealVector y = new ArrayRealVector(n);
        for (int i = 0; i < n; i++) {
            x.setRow(i, design(days.get(i), mean, sd));
            y.setEntry(i, days.get(i + 1).rained() ? 1 : 0);
        }
        return new RainModel(mean, sd, newton(x, y));
    }

    private static double[] newton(RealMatrix x, RealVector y) {
        RealVector beta = new ArrayRealVector(x.getColumnDimension());
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            RealVector p = x.operate(beta).map(RainModel::sigmoid);
            RealMatrix weighted = x.copy();
            for (int i = 0; i < x.getRowDimension(); i++) {
                double w = p.getEntry(i) * (1 - p.getEntry(i));
                weighted.setRow(i, x.getRowVector(i).mapMultiply(w).toArray());
            }
            RealMatrix hessian = x.transpose().multiply(weighted);
            RealVector gradient = x.transpose().operate(y.subtract(p));
            RealVector step;
            try {
                step = new CholeskyDecomposition(hessian, SYMMETRY, CholeskyDecomposition.DEFAULT_ABSOLUTE_POSITIVITY_THRESHOLD)
                        .getSolver().solve(gradient);
            } catch (MathIllegalArgumentException e) {
                throw new IllegalStateException("logistic regression did not converge: " + e.getMessage() + SEPARABLE);
            }
            beta = beta.add(step);
            if (step.getLInfNorm() < TOLERANCE) return beta.toArray();
        }
        throw new IllegalStateException("logistic regression did not converge in " + MAX_ITERATIONS + " Newton steps" + SEPARABLE);
    }

    /** Probability that the day after {@code today} has rain. */
    public double probability(WeatherDay today) {
        double[] z = design(today, mean, sd);
        double eta = 0;
        for (int j = 0; j < z.length; j++) eta += coefficients[j] * z[j];
        return sigmoid(eta);
    }

    /** The forecast: rain tomorrow when the probability is at least 0.5. */
    public boolean predictsRain(WeatherDay today) { return probability(today) >= 0.5; }

    /** Intercept first, then one coefficient per standardised input in {@link #FEATURES} order. */
    public double[] coefficients() { return coefficients.clone(); }

    /** The raw inputs of a day in {@link #FEATURES} order. */
    public static double[] inputs(WeatherDay day) {
        return new double[] {day.precipitation(), day.tempMax(), day.tempMin(), day.wind()};
    }

    /** 1 (for the intercept), then the standardised inputs. */
    private static double[] design(WeatherDay day, double[] mean, double[] sd) {
        double[] raw = inputs(day);
        double[] row = new double[raw.length + 1];
        row[0] = 1;
        for (int j = 0; j < raw.length; j++) row[j + 1] = (raw[j] - mean[j]) / sd[j];
        return row;
    }

    private static double sigmoid(double eta) { return 1 / (1 + Math.exp(-eta)); }
}
