package io.smartops.simulate.model;

/**
 * When instances start: a Poisson process of the given mean time between arrivals, modulated by
 * hour of the week when {@code hourOfWeekFactors} is given (168 factors averaging 1, Monday 00:00
 * UTC first) — the history's weekly pattern.
 */
public record Arrivals(double meanInterArrivalMillis, double[] hourOfWeekFactors) {

	public Arrivals scaled(double volumeFactor) {
		return new Arrivals(meanInterArrivalMillis / volumeFactor, hourOfWeekFactors);
	}
}
