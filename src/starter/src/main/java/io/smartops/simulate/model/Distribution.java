package io.smartops.simulate.model;

import java.util.Arrays;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;

/**
 * How long something takes, in milliseconds: a fixed value, an exponential with its mean, a
 * log-normal with the mean and standard deviation of its logarithm, or the empirical distribution
 * of observed values (drawn one of them at random).
 */
public record Distribution(Type type, @DecimalMin("0") @DecimalMax(TEN_YEARS) Double value,
		@DecimalMin("0") @DecimalMax(TEN_YEARS) Double mean, @DecimalMin("-50") @DecimalMax("50") Double mu,
		@DecimalMin("0") @DecimalMax("20") Double sigma, @Size(max = 100_000) double[] samples) {

	/** The longest time a distribution may give, in milliseconds: ten years. */
	public static final String TEN_YEARS = "315576000000";

	public enum Type {
		FIXED, EXPONENTIAL, LOGNORMAL, EMPIRICAL
	}

	public static Distribution fixed(double millis) {
		return new Distribution(Type.FIXED, millis, null, null, null, null);
	}

	public static Distribution exponential(double meanMillis) {
		return new Distribution(Type.EXPONENTIAL, null, meanMillis, null, null, null);
	}

	public static Distribution lognormal(double mu, double sigma) {
		return new Distribution(Type.LOGNORMAL, null, null, mu, sigma, null);
	}

	public static Distribution empirical(double[] samples) {
		return new Distribution(Type.EMPIRICAL, null, null, null, null, samples);
	}

	/** The mean of the distribution, in milliseconds. */
	public double expectedMillis() {
		return switch (type) {
			case FIXED -> value;
			case EXPONENTIAL -> mean;
			case LOGNORMAL -> Math.exp(mu + sigma * sigma / 2);
			case EMPIRICAL -> samples.length == 0 ? 0 : Arrays.stream(samples).average().orElse(0);
		};
	}

	/** What is wrong with it (a field name and its problem), or null when it can be sampled. */
	public String problem() {
		if (type == null) {
			return "type: one of FIXED, EXPONENTIAL, LOGNORMAL, EMPIRICAL";
		}
		return switch (type) {
			case FIXED -> value == null || !(value > 0) || value.isInfinite() ? "value: a positive duration in milliseconds" : null;
			case EXPONENTIAL -> mean == null || !(mean > 0) || mean.isInfinite() ? "mean: a positive duration in milliseconds" : null;
			case LOGNORMAL -> mu == null || !Double.isFinite(mu) ? "mu: the finite mean of the duration's logarithm"
					: sigma == null || !(sigma > 0) || sigma.isInfinite() ? "sigma: a positive standard deviation of the logarithm" : null;
			case EMPIRICAL -> samples == null || samples.length == 0 ? "samples: at least one duration"
					: Arrays.stream(samples).anyMatch(x -> !(x >= 0) || Double.isInfinite(x))
							? "samples: durations in milliseconds, none negative" : null;
		};
	}
}
