package io.smartops.simulate.engine;

import java.util.SplittableRandom;

import io.smartops.simulate.model.Arrivals;
import io.smartops.simulate.model.Distribution;

/** Draws durations and arrival gaps from a seeded random stream. */
final class Sampler {

	private static final long HOUR = 3_600_000L;
	private static final long WEEK = 168 * HOUR;

	private Sampler() {
	}

	static double draw(Distribution d, SplittableRandom random) {
		return switch (d.type()) {
			case FIXED -> d.value();
			case EXPONENTIAL -> -d.mean() * Math.log(1 - random.nextDouble());
			case LOGNORMAL -> Math.exp(d.mu() + d.sigma() * random.nextGaussian());
			case EMPIRICAL -> d.samples()[random.nextInt(d.samples().length)];
		};
	}

	/**
	 * The next arrival after {@code now} (virtual milliseconds from a Monday 00:00): a Poisson
	 * process, thinned by the hour of the week's factor when there are factors.
	 */
	static long nextArrival(Arrivals a, long now, SplittableRandom random) {
		double[] f = a.hourOfWeekFactors();
		if (f == null) {
			return now + Math.max(1, Math.round(-a.meanInterArrivalMillis() * Math.log(1 - random.nextDouble())));
		}
		double max = 0;
		for (double x : f) {
			max = Math.max(max, x);
		}
		double t = now;
		for (int guard = 0; guard < 1_000_000; guard++) {
			t += -a.meanInterArrivalMillis() / max * Math.log(1 - random.nextDouble());
			int hour = (int) ((((long) t) % WEEK) / HOUR);
			if (random.nextDouble() * max < f[hour]) {
				return Math.max(now + 1, Math.round(t));
			}
		}
		throw new IllegalStateException("the arrivals' weekly factors are all zero");
	}
}
