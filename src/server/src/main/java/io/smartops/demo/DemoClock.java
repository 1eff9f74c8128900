package io.smartops.demo;

import java.util.Date;
import java.util.SplittableRandom;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The demo history's time and chance: the engine's clock, set to each moment the history passes
 * (global to the JVM, see {@link DemoHistory}), and the random draws of arrivals, waits and work,
 * from one seed so that a seed always makes the same history.
 */
final class DemoClock {

	static final long MINUTE = 60_000;
	static final long HOUR = 60 * MINUTE;

	private final SplittableRandom random;
	private long now;

	DemoClock(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/** Moves the engine's clock to {@code millis}. */
	void at(long millis) {
		now = millis;
		ClockUtil.setCurrentTime(new Date(millis));
	}

	long now() {
		return now;
	}

	/** Gives the engine back the real clock. */
	void reset() {
		ClockUtil.reset();
	}

	double nextDouble() {
		return random.nextDouble();
	}

	int nextInt(int bound) {
		return random.nextInt(bound);
	}

	/** A log-normal draw around {@code median}. */
	double lognormal(double median, double sigma) {
		return median * Math.exp(sigma * gaussian());
	}

	/** A standard normal draw (Box–Muller). */
	double gaussian() {
		double u = 1 - random.nextDouble();
		double v = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** A Poisson draw with the given mean (Knuth's method). */
	int poisson(double mean) {
		double limit = Math.exp(-mean);
		double p = 1;
		int k = 0;
		do {
			k++;
			p *= random.nextDouble();
		}
		while (p > limit);
		return k - 1;
	}
}
