package io.smartops.plan.model;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How long a solve may take, which relative MIP gap proves it optimal, and where progress lines go.
 */
public record SolveOptions(Duration timeLimit, double relativeGap, Consumer<String> progress) {

	public static final double DEFAULT_GAP = 1e-7;

	public static SolveOptions defaults() {
		return new SolveOptions(Duration.ofSeconds(60), DEFAULT_GAP, line -> {
		});
	}

	public SolveOptions withTimeLimit(Duration limit) {
		return new SolveOptions(limit, relativeGap, progress);
	}

	public SolveOptions withProgress(Consumer<String> sink) {
		return new SolveOptions(timeLimit, relativeGap, sink);
	}
}
