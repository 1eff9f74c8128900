package io.smartops.agent.worker;

/**
 * Retries of a failing agent task: the first failure (the engine reports no retries yet) leaves
 * {@code attempts − 1} retries, each later failure one fewer, and the wait before the next
 * attempt doubles from {@code baseBackoffMillis}. Zero retries left makes an incident.
 */
public record RetryPolicy(int attempts, long baseBackoffMillis) {

	public RetryPolicy {
		if (attempts < 1) {
			throw new IllegalArgumentException("attempts " + attempts + " must be at least 1");
		}
	}

	/** Retries left after this failure, given the retries the task had (null on the first attempt). */
	public int retriesAfterFailure(Integer retries) {
		int before = retries == null ? attempts : retries;
		return Math.max(0, before - 1);
	}

	/** Wait before the next attempt: base × 2^(failures so far − 1). */
	public long backoffMillis(Integer retries) {
		int failures = attempts - retriesAfterFailure(retries);
		return baseBackoffMillis * (1L << Math.min(20, Math.max(0, failures - 1)));
	}
}
