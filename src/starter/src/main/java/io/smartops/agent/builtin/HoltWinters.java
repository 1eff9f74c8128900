package io.smartops.agent.builtin;

/**
 * Additive Holt-Winters (triple exponential smoothing), a small documented implementation for
 * the demand-forecasting agent:
 * <pre>
 * level    l[t] = α (y[t] − s[t−m]) + (1 − α)(l[t−1] + b[t−1])
 * trend    b[t] = β (l[t] − l[t−1]) + (1 − β) b[t−1]
 * season   s[t] = γ (y[t] − l[t]) + (1 − γ) s[t−m]
 * forecast ŷ[t+h] = l[t] + h b[t] + s[t − m + 1 + (h − 1) mod m]
 * </pre>
 * Initialized from the first two seasons; α, β, γ are fitted by grid search on the one-step-ahead
 * squared error. {@link #backtestMape} holds out the last periods, fits on the rest, and returns
 * the mean absolute percentage error of the forecast on the held-out periods.
 */
public final class HoltWinters {

	public record Fit(double alpha, double beta, double gamma, double sse) {
	}

	private static final double[] GRID = { 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 };

	private final int season;

	public HoltWinters(int season) {
		if (season < 1) {
			throw new IllegalArgumentException("season length " + season + " must be at least 1");
		}
		this.season = season;
	}

	/** Fits the smoothing parameters to the series. */
	public Fit fit(double[] y) {
		requireTwoSeasons(y);
		Fit best = null;
		for (double a : GRID) {
			for (double b : GRID) {
				for (double g : GRID) {
					double sse = run(y, a, b, g, 0, null);
					if (best == null || sse < best.sse()) {
						best = new Fit(a, b, g, sse);
					}
				}
			}
		}
		return best;
	}

	/** Forecasts the next {@code horizon} periods after the series with the given parameters. */
	public double[] forecast(double[] y, Fit fit, int horizon) {
		requireTwoSeasons(y);
		double[] out = new double[horizon];
		run(y, fit.alpha(), fit.beta(), fit.gamma(), horizon, out);
		return out;
	}

	/** Fits and forecasts in one call. */
	public double[] forecast(double[] y, int horizon) {
		return forecast(y, fit(y), horizon);
	}

	/** MAPE (in percent) of forecasting the last {@code holdout} periods from the ones before. */
	public double backtestMape(double[] y, int holdout) {
		if (holdout < 1 || y.length - holdout < 2 * season) {
			throw new IllegalArgumentException("a backtest of " + holdout + " periods needs at least " + (2 * season + holdout)
					+ " observations, got " + y.length);
		}
		double[] train = java.util.Arrays.copyOf(y, y.length - holdout);
		double[] predicted = forecast(train, holdout);
		double sum = 0;
		int counted = 0;
		for (int i = 0; i < holdout; i++) {
			double actual = y[train.length + i];
			if (actual != 0) {
				sum += Math.abs((actual - predicted[i]) / actual);
				counted++;
			}
		}
		return counted == 0 ? 0 : 100 * sum / counted;
	}

	private void requireTwoSeasons(double[] y) {
		if (y.length < 2 * season) {
			throw new IllegalArgumentException(
					"Holt-Winters needs at least two seasons (" + 2 * season + " observations), got " + y.length);
		}
	}

	/** One pass of the recursions; returns the one-step SSE and, if asked, writes the forecast. */
	private double run(double[] y, double alpha, double beta, double gamma, int horizon, double[] out) {
		int m = season;
		double level = 0;
		double second = 0;
		for (int i = 0; i < m; i++) {
			level += y[i];
			second += y[m + i];
		}
		level /= m;
		second /= m;
		double trend = (second - level) / m;
		double[] seasonal = new double[m];
		for (int i = 0; i < m; i++) {
			seasonal[i] = y[i] - level;
		}
		double sse = 0;
		for (int t = m; t < y.length; t++) {
			double s = seasonal[t % m];
			double predicted = level + trend + s;
			double error = y[t] - predicted;
			sse += error * error;
			double previousLevel = level;
			level = alpha * (y[t] - s) + (1 - alpha) * (level + trend);
			trend = beta * (level - previousLevel) + (1 - beta) * trend;
			seasonal[t % m] = gamma * (y[t] - level) + (1 - gamma) * s;
		}
		for (int h = 1; h <= horizon; h++) {
			out[h - 1] = level + h * trend + seasonal[(y.length + h - 1) % m];
		}
		return sse;
	}
}
