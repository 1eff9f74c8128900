package io.smartops.simulate;

import static io.smartops.simulate.engine.SimulationRunner.quantile;

import java.util.Arrays;

import io.smartops.simulate.model.ScenarioResult;

/**
 * How well a simulation predicted observed cycle times: the relative errors of p50 and p90, and
 * the earth mover's distance (Wasserstein-1) between the predicted and the observed distributions —
 * the area between their quantile functions, in milliseconds and relative to the observed mean
 * (the measure Chapela-Campa et al. use to compare simulated with real logs, BPM 2023).
 */
record Backtest(int observed, double observedP50, double predictedP50, double observedP90, double predictedP90,
		double emdMillis, double observedMean) {

	static Backtest of(double[] observedCycleTimes, ScenarioResult predicted) {
		double[] o = observedCycleTimes.clone();
		Arrays.sort(o);
		double[] q = predicted.cycleTimeQuantiles();
		double emd = 0;
		for (int i = 1; i < q.length; i++) {
			double u0 = (i - 1) / (double) (q.length - 1);
			double u1 = i / (double) (q.length - 1);
			emd += (Math.abs(q[i - 1] - quantile(o, u0)) + Math.abs(q[i] - quantile(o, u1))) / 2 * (u1 - u0);
		}
		return new Backtest(o.length, quantile(o, 0.5), quantile(q, 0.5), quantile(o, 0.9), quantile(q, 0.9), emd,
				Arrays.stream(o).average().orElse(Double.NaN));
	}

	double p50Error() {
		return Math.abs(predictedP50 - observedP50) / observedP50;
	}

	double p90Error() {
		return Math.abs(predictedP90 - observedP90) / observedP90;
	}

	double relativeEmd() {
		return emdMillis / observedMean;
	}

	@Override
	public String toString() {
		return String.format("%d instances observed; p50 %.1f h predicted %.1f h (error %.1f%%); p90 %.1f h predicted"
				+ " %.1f h (error %.1f%%); earth mover's distance %.2f h = %.1f%% of the observed mean %.1f h", observed,
				observedP50 / 3.6e6, predictedP50 / 3.6e6, 100 * p50Error(), observedP90 / 3.6e6, predictedP90 / 3.6e6,
				100 * p90Error(), emdMillis / 3.6e6, 100 * relativeEmd(), observedMean / 3.6e6);
	}
}
