package io.smartops.insight;

import java.util.Arrays;

import io.smartops.agent.Scorecard;

/**
 * A sample of durations summarised: count, percentiles by the nearest-rank method (the smallest
 * value with at least p of the sample at or below it), mean and coefficient of variation (the
 * population standard deviation over the mean). Null fields for an empty sample.
 */
public record Stats(long count, Long p50, Long p90, Long p95, Double mean, Double cv) {

	static final Stats EMPTY = new Stats(0, null, null, null, null, null);

	/** Summarises the values (the array is sorted in place). */
	static Stats of(long[] values) {
		if (values.length == 0) {
			return EMPTY;
		}
		Arrays.sort(values);
		double sum = 0;
		for (long v : values) {
			sum += v;
		}
		double mean = sum / values.length;
		double squares = 0;
		for (long v : values) {
			squares += (v - mean) * (v - mean);
		}
		double sd = Math.sqrt(squares / values.length);
		return new Stats(values.length, Scorecard.percentile(values, 50), Scorecard.percentile(values, 90),
				Scorecard.percentile(values, 95), mean, mean == 0 ? null : sd / mean);
	}
}
