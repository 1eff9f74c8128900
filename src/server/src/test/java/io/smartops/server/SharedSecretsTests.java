package io.smartops.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** A cluster node refuses to start without the secrets every node must share, and names them. */
class SharedSecretsTests {

	@Test
	void aNodeWithoutTheSharedSecretsRefusesToStartNamingEachVariable() {
		MockEnvironment environment = new MockEnvironment().withProperty("smartops.orchestrate.confirm-secret", "s");
		assertThat(SharedSecrets.refusal(environment)).contains("SMARTOPS_WORKER_PASSWORD")
			.contains("SMARTOPS_APPS_API_KEY")
			.doesNotContain("SMARTOPS_CONFIRM_SECRET")
			.doesNotContain("\n");
	}

	@Test
	void aNodeWithEverySharedSecretStarts() {
		MockEnvironment environment = new MockEnvironment().withProperty("smartops.worker.password", "w")
			.withProperty("smartops.orchestrate.confirm-secret", "c")
			.withProperty("smartops.orchestrate.apps-api-key", "k");
		assertThat(SharedSecrets.refusal(environment)).isNull();
	}
}
