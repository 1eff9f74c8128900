package io.smartops.agent.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryPolicyTests {

	final RetryPolicy policy = new RetryPolicy(3, 1_000);

	@Test
	void firstFailureHasNoRetriesYetAndLeavesAttemptsMinusOne() {
		assertThat(policy.retriesAfterFailure(null)).isEqualTo(2);
		assertThat(policy.backoffMillis(null)).isEqualTo(1_000);
	}

	@Test
	void retriesDecreaseAndBackoffDoubles() {
		assertThat(policy.retriesAfterFailure(2)).isEqualTo(1);
		assertThat(policy.backoffMillis(2)).isEqualTo(2_000);
		assertThat(policy.retriesAfterFailure(1)).isZero();
		assertThat(policy.backoffMillis(1)).isEqualTo(4_000);
	}
}
