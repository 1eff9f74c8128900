package io.smartops.demo;

import java.util.SplittableRandom;

import org.joda.time.DateTimeUtils;

/**
 * The demo history's time and chance: the engine's clock, set to each moment the history passes,
 * and the random draws of arrivals, waits and work, from one seed so that a seed always makes the
 * same history.
 * <p>
 * The engine reads its clock ({@code ClockUtil}) from Joda-Time's {@link DateTimeUtils}, one clock
 * for the whole JVM. The history runs in the background while the server answers, so that clock is
 * made per thread: the seeding thread sees the history's moment, every other thread the real time.
 */
final class DemoClock {

	/** The moment the current thread's engine calls see; unset for every thread but a seeding one. */
	private static final ThreadLocal<Long> MOMENT = new ThreadLocal<>();

	private static final DateTimeUtils.MillisProvider PER_THREAD = () -> {
		Long moment = MOMENT.get();
		return moment != null ? moment : System.currentTimeMillis();
	};

	static final long MINUTE = 60_000;
	static final long HOUR = 60 * MINUTE;

	private final SplittableRandom random;
	private long now;

	DemoClock(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/** Moves the engine's clock to {@code millis}, for the calling thread. */
	void at(long millis) {
		now = millis;
		MOMENT.set(millis);
		// set each time: a test's ClockUtil.setCurrentTime or reset replaces the JVM's provider
		DateTimeUtils.setCurrentMillisProvider(PER_THREAD);
	}

	long now() {
		return now;
	}

	/** Gives the calling thread's engine calls back the real clock. */
	void reset() {
		MOMENT.remove();
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
